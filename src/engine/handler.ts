import type { IncomingMessage } from './message.ts';
import type { Reply } from './reply.ts';

/**
 * One thing Coordo knows how to do with a message. The engine asks handlers in
 * order; the first that returns a reply wins, `null` passes to the next one.
 */
export interface Handler {
  /** Short stable name, used in logs (never the message text). */
  readonly name: string;
  handle(message: IncomingMessage): Promise<Reply | null>;
}

/** The first reply of the handlers, asked in order. */
export async function firstReply(handlers: readonly Handler[], message: IncomingMessage): Promise<Reply | null> {
  for (const handler of handlers) {
    const reply = await handler.handle(message);
    if (reply) return reply;
  }
  return null;
}
