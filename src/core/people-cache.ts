import { LRUCache } from 'lru-cache';
import type { PeoplePort, Person } from './people.ts';

/** How long an account is remembered: a guest made member (or the reverse) counts within this delay. */
const TTL_MS = 10 * 60 * 1000;
const MAX_CACHED = 2000;

/** A platform's directory with one cache for the app: found people are remembered a while, a failed lookup (null) is asked again. */
export function cachedPeople(port: PeoplePort): PeoplePort {
  const cache = new LRUCache<string, Person>({ max: MAX_CACHED, ttl: TTL_MS });
  return {
    async lookup(userId) {
      const cached = cache.get(userId);
      if (cached) return cached;
      const found = await port.lookup(userId);
      if (found) cache.set(userId, found);
      return found;
    },
  };
}
