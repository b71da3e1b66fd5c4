import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import { errorName, type Logger } from '../../log/logger.ts';
import type { PeopleNames } from '../../workflows/drafts/format.ts';
import type { DraftPeople } from '../../workflows/drafts/people.ts';

/** What Coordo reads of a users.info answer (scope users:read). */
const UserInfoSchema = z.object({
  user: z
    .object({
      id: z.string(),
      name: z.string().optional(),
      real_name: z.string().optional(),
      deleted: z.boolean().optional(),
      is_restricted: z.boolean().optional(),
      is_ultra_restricted: z.boolean().optional(),
      profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).loose().optional(),
    })
    .loose(),
});

interface Member {
  name: string;
  /** Single- or multi-channel guest, or a deactivated account. */
  readOnly: boolean;
}

/** How long an account is remembered: a guest made member (or the reverse) counts within this delay. */
const TTL_MS = 10 * 60 * 1000;
const MAX_CACHED = 2000;

export const GUEST_REFUSAL =
  'Les comptes invités peuvent lire ce brouillon de protocole, mais pas le commencer, le modifier ni l’exporter : demandez à un membre de l’équipe de le faire.';
export const UNCHECKED_REFUSAL = 'Je n’ai pas pu vérifier auprès de Slack vos droits sur ce brouillon. Réessayez dans un instant.';

/**
 * Slack accounts for protocol drafts: guests (is_restricted / is_ultra_restricted)
 * may read only; display names for replies and exports. users.info answers are
 * cached; a failed lookup is not, and refuses writing (fail closed).
 */
export function slackDraftPeople(client: WebClient, logger: Logger, now: () => number = Date.now): DraftPeople {
  const cache = new Map<string, { member: Member; until: number }>();

  async function member(userId: string): Promise<Member | null> {
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.member;
    try {
      const parsed = UserInfoSchema.safeParse(await client.users.info({ user: userId }));
      if (!parsed.success) {
        logger.warn('drafts.user_unreadable', { user: userId });
        return null;
      }
      const { user } = parsed.data;
      const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].find((n) => n !== undefined && n.trim() !== '');
      const found: Member = {
        name: name?.trim() ?? userId,
        readOnly: user.is_restricted === true || user.is_ultra_restricted === true || user.deleted === true,
      };
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(userId, { member: found, until: now() + TTL_MS });
      return found;
    } catch (error) {
      logger.warn('drafts.user_lookup_failed', { user: userId, error: errorName(error) });
      return null;
    }
  }

  return {
    async writeRefusal(userId) {
      const found = await member(userId);
      if (!found) return UNCHECKED_REFUSAL;
      return found.readOnly ? GUEST_REFUSAL : null;
    },
    async names(userIds): Promise<PeopleNames> {
      const ids = [...new Set(userIds)];
      const found = await Promise.all(ids.map(async (id) => [id, (await member(id))?.name] as const));
      return new Map(found.flatMap(([id, name]) => (name === undefined ? [] : [[id, name] as [string, string]])));
    },
  };
}
