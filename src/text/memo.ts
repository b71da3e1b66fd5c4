/**
 * Memoise a pure string function. The cache is bounded: when it is full it is
 * emptied, which keeps memory flat whatever the users type.
 */
export function memoize(fn: (input: string) => string, max = 50_000): (input: string) => string {
  const cache = new Map<string, string>();
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
