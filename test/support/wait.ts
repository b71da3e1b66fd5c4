import { setImmediate as tick } from 'node:timers/promises';

/**
 * Resolve once `condition()` holds (checked on every turn of the event loop,
 * yielding between checks); reject after `limitMs` as a safety net only — a
 * test never asserts on elapsed time.
 */
export async function waitUntil(condition: () => boolean, what = 'condition', limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitUntil: ${what} still false`);
    await tick();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
