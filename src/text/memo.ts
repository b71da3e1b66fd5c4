import { LRUCache } from 'lru-cache';

/**
 * Characters of input a memoised function keeps, all entries together (its results, normalised texts or their
 * words, are about as long): a few megabytes whatever is asked. Counting entries alone let a function asked of the
 * sections' texts (12,600 of them at 100× the base) keep tens of megabytes of copies their readers already keep.
 */
const MAX_KEPT_CHARS = 2_000_000;
/** A longer input (a section's text) is not kept: it would push out hundreds of questions' entries. */
const MAX_ENTRY_CHARS = 2_000;

/**
 * Memoise a pure string function. The cache is bounded (least recently used
 * results go first) in entries and in characters, which keeps memory flat
 * whatever the users type and whatever the size of the base.
 */
export function memoize<T>(fn: (input: string) => T, max = 50_000): (input: string) => T {
  const once = oncePer<string, T>({ max, maxSize: MAX_KEPT_CHARS, maxEntrySize: MAX_ENTRY_CHARS, sizeCalculation: (_, key) => Math.max(1, key.length) });
  return (input) => once(input, () => fn(input));
}

/**
 * A bounded cache of what is computed once per key (a string, the registries, a protocol): `once(key, compute)`
 * computes on the first call for that key and returns the kept value after, the least recently used going first.
 * `limits`: the number of entries kept, or the cache's bounds.
 */
export function oncePer<K extends object | string, V>(limits: number | LRUCache.Options<K, { value: V }, unknown> = 64): (key: K, compute: () => V) => V {
  const cache = new LRUCache<K, { value: V }>(typeof limits === 'number' ? { max: limits } : limits);
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit.value;
    const value = compute();
    cache.set(key, { value });
    return value;
  };
}
