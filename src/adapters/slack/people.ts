import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import { cachedPeople } from '../../core/people-cache.ts';
import type { PeoplePort } from '../../core/people.ts';
import { errorName, type Logger } from '../../log/logger.ts';

const text = z.string().optional();
const flag = z.boolean().optional();

/** What Coordo reads of a users.info answer (scope users:read). */
const UserInfoSchema = z.object({
  user: z.object({ id: z.string(), name: text, real_name: text, deleted: flag, is_restricted: flag, is_ultra_restricted: flag, profile: z.object({ display_name: text, real_name: text }).optional() }),
});

/**
 * Slack accounts through users.info, cached (src/core/people-cache.ts); a
 * failed lookup is logged and not cached. Single- or multi-channel guests
 * (is_restricted / is_ultra_restricted) and deactivated accounts are not full
 * members: they may read, never act.
 */
export function slackPeople(client: WebClient, logger: Logger): PeoplePort {
  return cachedPeople({
    async lookup(userId) {
      try {
        const parsed = UserInfoSchema.safeParse(await client.users.info({ user: userId }));
        if (!parsed.success) {
          logger.warn('slack.user_unreadable', { user: userId });
          return null;
        }
        const { user } = parsed.data;
        const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].find((n) => n !== undefined && n.trim() !== '');
        return { name: name?.trim() ?? userId, fullMember: !(user.is_restricted === true || user.is_ultra_restricted === true || user.deleted === true) };
      } catch (error) {
        logger.warn('slack.user_lookup_failed', { user: userId, error: errorName(error) });
        return null;
      }
    },
  });
}
