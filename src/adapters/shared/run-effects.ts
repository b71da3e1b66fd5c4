import type { Platform } from '../../core/capabilities.ts';
import type { Effect, ThreadStart } from '../../core/effect.ts';
import type { Interaction } from '../../core/interaction.ts';
import type { Router } from '../../core/router.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { ChannelAccess } from './share.ts';

/** How a platform shows each effect in its scene; `continue`, `deliver` and `thread_start` run the same everywhere. */
export type EffectRenderers<S> = { [K in Exclude<Effect['kind'], 'continue' | 'deliver' | 'thread_start'>]: (effect: Extract<Effect, { kind: K }>, scene: S) => Promise<void> };

export interface OutboxDrain {
  /** Send what the outbox owes now; undefined before the app has its worker. */
  drain(): Promise<unknown> | undefined;
  logger: Logger;
  /** Logged when a pass fails (the worker retries on its own). */
  failed: string;
}

/** Runs one effect in its scene `S`. */
export type RunEffect<S> = (effect: Effect, scene: S) => Promise<void>;

/** How a platform posts the root message of a new thread (where it may be refused), and takes it back. */
export interface ThreadRoots<S> extends ChannelAccess {
  /** The actor as a root message names them (a mention where the platform has one). */
  by(scene: S): Promise<string>;
  /** The root posted for everyone in the conversation: its id (throws when refused). */
  post(conversationId: string, text: string, scene: S): Promise<string>;
  remove(conversationId: string, rootId: string, scene: S): Promise<void>;
}

/** A thread's root posted in the scene, or why not. */
async function startThread<S>(effect: Extract<Effect, { kind: 'thread_start' }>, roots: ThreadRoots<S>, scene: S): Promise<ThreadStart> {
  const { conversationId } = effect;
  try {
    const rootId = await roots.post(conversationId, effect.text(await roots.by(scene)), scene);
    return { posted: true, rootId, remove: () => roots.remove(conversationId, rootId, scene) };
  } catch (error) {
    return { posted: false, error, invite: roots.notInChannel(error) ? roots.invite : null };
  }
}

/**
 * The effects of an interaction, run in order: `continue` runs what it
 * returns in the same scene, `deliver` sends what the outbox owes,
 * `thread_start` posts a root and runs what follows from it, every other
 * effect as the platform renders it.
 */
export function effectRunner<S>(render: EffectRenderers<S>, roots: ThreadRoots<S>, outbox: OutboxDrain): RunEffect<S> {
  const run: RunEffect<S> = async (effect, scene) => {
    if (effect.kind === 'continue') {
      for (const next of await effect.run()) await run(next, scene);
    } else if (effect.kind === 'thread_start') {
      for (const next of await effect.after(await startThread(effect, roots, scene))) await run(next, scene);
    } else if (effect.kind === 'deliver') {
      await outbox.drain()?.catch((error: unknown) => outbox.logger.warn(outbox.failed, { error: errorName(error) }));
    } else {
      await (render[effect.kind] as (effect: Effect, scene: S) => Promise<void>)(effect, scene);
    }
  };
  return run;
}

/** An interaction routed for the platform, then its effects run in order in its scene. */
export function routedEffects<S>(router: Router, platform: Platform, run: RunEffect<S>): (interaction: Interaction, scene: S) => Promise<void> {
  return async (interaction, scene) => {
    for (const effect of await router.route(interaction, platform)) await run(effect, scene);
  };
}
