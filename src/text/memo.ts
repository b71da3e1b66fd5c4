import { LRUCache } from 'lru-cache';

/**
 * Memoise a pure string function. The cache is bounded (least recently used
 * results go first), which keeps memory flat whatever the users type.
 */
export function memoize<T>(fn: (input: string) => T, max = 50_000): (input: string) => T {
  const once = oncePer<string, T>(max);
  return (input) => once(input, () => fn(input));
}

/**
 * A bounded cache of what is computed once per key (a string, the registries, a protocol): `once(key, compute)`
 * computes on the first call for that key and returns the kept value after, the least recently used going first.
 */
export function oncePer<K extends object | string, V>(max = 64): (key: K, compute: () => V) => V {
  const cache = new LRUCache<K, { value: V }>({ max });
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit.value;
    const value = compute();
    cache.set(key, { value });
    return value;
  };
}
