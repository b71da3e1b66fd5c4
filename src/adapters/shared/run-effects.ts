import type { Effect } from '../../core/effect.ts';
import { errorName, type Logger } from '../../log/logger.ts';

/** How a platform shows each effect in its scene; `continue` and `deliver` run the same everywhere. */
export type EffectRenderers<S> = { [K in Exclude<Effect['kind'], 'continue' | 'deliver'>]: (effect: Extract<Effect, { kind: K }>, scene: S) => Promise<void> };

export interface OutboxDrain {
  /** Send what the outbox owes now; undefined before the app has its worker. */
  drain(): Promise<unknown> | undefined;
  logger: Logger;
  /** Logged when a pass fails (the worker retries on its own). */
  failed: string;
}

/**
 * The effects of an interaction, run in order: `continue` runs what it
 * returns in the same scene, `deliver` sends what the outbox owes, every other
 * effect as the platform renders it.
 */
export function effectRunner<S>(render: EffectRenderers<S>, outbox: OutboxDrain): (effect: Effect, scene: S) => Promise<void> {
  const run = async (effect: Effect, scene: S): Promise<void> => {
    if (effect.kind === 'continue') {
      for (const next of await effect.run()) await run(next, scene);
    } else if (effect.kind === 'deliver') {
      await outbox.drain()?.catch((error: unknown) => outbox.logger.warn(outbox.failed, { error: errorName(error) }));
    } else {
      await (render[effect.kind] as (effect: Effect, scene: S) => Promise<void>)(effect, scene);
    }
  };
  return run;
}
