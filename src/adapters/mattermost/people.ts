import type { PeoplePort } from '../../core/people.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { statusOf, type MattermostClient } from './client.ts';

/** Mattermost's directory: a guest (`system_guest`) or a deactivated account may read, never act; null when the server cannot tell. */
export function mattermostPeople(client: MattermostClient, logger: Logger): PeoplePort {
  return {
    async lookup(userId) {
      try {
        const user = await client.getUser(userId);
        const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.nickname || user.username;
        return { name, fullMember: !(user.roles ?? '').split(' ').includes('system_guest') && !user.delete_at && !user.is_bot };
      } catch (error) {
        logger.warn('mattermost.people_lookup_failed', { status: statusOf(error), error: errorName(error) });
        return null;
      }
    },
  };
}
