import { LRUCache } from 'lru-cache';

/**
 * Memoise a pure string function. The cache is bounded (least recently used
 * results go first), which keeps memory flat whatever the users type.
 */
export function memoize<T>(fn: (input: string) => T, max = 50_000): (input: string) => T {
  const cache = new LRUCache<string, { value: T }>({ max });
  return (input) => {
    const hit = cache.get(input);
    if (hit !== undefined) return hit.value;
    const value = fn(input);
    cache.set(input, { value });
    return value;
  };
}
