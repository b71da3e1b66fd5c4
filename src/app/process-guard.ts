import { errorName, type Logger } from '../log/logger.ts';

/**
 * A serving process stays up whatever a request does: a promise rejected with
 * no handler, or an exception thrown from a callback, is logged (by error name
 * only) and the process keeps serving. Each request's work is its own promise
 * chain and every write to SQLite is a transaction, so nothing is left half
 * done by one that failed; nothing restarts a process that exited.
 * Returns a function that removes the handlers.
 */
export function keepServingOnErrors(logger: Logger, target: NodeJS.Process = process): () => void {
  const onRejection = (reason: unknown) => logger.error('process.unhandled_rejection', { error: errorName(reason) });
  const onException = (error: Error, origin: string) => logger.error('process.uncaught_exception', { error: errorName(error), origin });
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
