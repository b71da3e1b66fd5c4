import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import { errorName, type Logger } from '../../log/logger.ts';

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

/** A Slack account as the features need it. */
export interface SlackPerson {
  name: string;
  /** Single- or multi-channel guest (is_restricted / is_ultra_restricted), or a deactivated account: may read, never act. */
  readOnly: boolean;
}

export interface SlackPeople {
  /** The account, or null when Slack could not tell (the caller refuses: fail closed). */
  lookup(userId: string): Promise<SlackPerson | null>;
}

/** How long an account is remembered: a guest made member (or the reverse) counts within this delay. */
const TTL_MS = 10 * 60 * 1000;
const MAX_CACHED = 2000;

/** Slack accounts through users.info, cached; a failed lookup is logged and not cached. */
export function slackPeople(client: WebClient, logger: Logger): SlackPeople {
  const cache = new LRUCache<string, SlackPerson>({ max: MAX_CACHED, ttl: TTL_MS });
  return {
    async lookup(userId) {
      const cached = cache.get(userId);
      if (cached) return cached;
      try {
        const parsed = UserInfoSchema.safeParse(await client.users.info({ user: userId }));
        if (!parsed.success) {
          logger.warn('slack.user_unreadable', { user: userId });
          return null;
        }
        const { user } = parsed.data;
        const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].find((n) => n !== undefined && n.trim() !== '');
        const person: SlackPerson = {
          name: name?.trim() ?? userId,
          readOnly: user.is_restricted === true || user.is_ultra_restricted === true || user.deleted === true,
        };
        cache.set(userId, person);
        return person;
      } catch (error) {
        logger.warn('slack.user_lookup_failed', { user: userId, error: errorName(error) });
        return null;
      }
    },
  };
}

/**
 * Slack accounts for a feature built before the Bolt app exists: the lookup
 * is installed when the feature registers ({@link use}). Also answers the
 * delegation service's question « is this person a full member? ».
 */
export class LatePeople implements SlackPeople {
  private people: SlackPeople | undefined;

  use(people: SlackPeople): void {
    this.people = people;
  }

  lookup(userId: string): Promise<SlackPerson | null> {
    if (this.people === undefined) throw new Error('Slack people used before the app registered its features');
    return this.people.lookup(userId);
  }

  /** True for a member, false for a guest or a deactivated account, null when Slack cannot tell. */
  async isFullMember(userId: string): Promise<boolean | null> {
    const person = await this.lookup(userId);
    return person === null ? null : !person.readOnly;
  }
}
