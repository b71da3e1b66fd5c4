import type { Platform } from '../../engine/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { OutboxWorker } from '../../store/outbox-worker.ts';

/** What a `<platform>.started` line says: where the app listens (ids and counts, never data). */
type Listened = Record<string, string | number | undefined>;

/** How a chat app starts on its platform, for its bot `B`; `L`: where it listens, as start() gives it. */
export interface LifecyclePort<B, L extends Listened> {
  platform: Platform;
  logger: Logger;
  /** Who Coordo is, asked of the platform once (its token checked)… */
  identify(): Promise<B>;
  /** …and why it could not be, as the platform's French start error (thrown by start()). */
  startError(error: unknown): Error;
  /** The questions intake: told who Coordo is, then asked to answer what a crash left. */
  questions: { use(bot: B): void; answerPending(): void };
  /** The outbox worker that sends as this bot. */
  worker(bot: B): OutboxWorker;
  /** Listen for the platform's events: where (`started`), and what else the started line says. */
  listen(): Promise<{ started: L; logged?: Listened }>;
  /** Stop listening (the worker stops after). */
  close(): Promise<void>;
}

export interface ChatLifecycle<L> {
  start(): Promise<L>;
  stop(): Promise<void>;
}

/**
 * A chat app's start and stop the same way on every platform: who Coordo is,
 * checked first (a refusal stops the start with its French error); then the
 * outbox worker (what a crash left in the outbox goes out first), the
 * platform's events, and the questions a crash left; stopped, the events
 * first, then the worker.
 */
export function chatLifecycle<B, L extends Listened>(port: LifecyclePort<B, L>): ChatLifecycle<L> {
  const { platform, logger } = port;
  let worker: OutboxWorker | undefined;
  return {
    async start() {
      const bot = await port.identify().catch((error: unknown) => {
        throw port.startError(error);
      });
      port.questions.use(bot);
      worker = port.worker(bot);
      worker.start();
      const { started, logged } = await port.listen();
      port.questions.answerPending();
      logger.info(`${platform}.started`, { ...started, ...logged });
      return started;
    },
    async stop() {
      await port.close();
      await worker?.stop();
      logger.info(`${platform}.stopped`);
    },
  };
}
