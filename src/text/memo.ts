/**
 * Memoise a pure string function. The cache is bounded: when it is full it is
 * emptied, which keeps memory flat whatever the users type.
 */
export function memoize<T>(fn: (input: string) => T, max = 50_000): (input: string) => T {
  const cache = new Map<string, T>();
  return (input) => {
    let out = cache.get(input);
    if (out === undefined) {
      if (cache.size >= max) cache.clear();
      out = fn(input);
      cache.set(input, out);
    }
    return out;
  };
}
