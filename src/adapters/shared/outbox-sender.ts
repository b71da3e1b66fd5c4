import { LRUCache } from 'lru-cache';
import type { PostedRef } from '../../core/delivery.ts';
import { localId } from '../../core/ids.ts';
import type { Platform } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { OutboxRow } from '../../store/outbox.ts';
import type { OutboxSend, SendResult } from '../../store/outbox-worker.ts';

/** What a row's effect handler may use: the row's conversation, posting messages `M` exactly once where the platform can tell, its client `C`. */
export interface PostTools<M, C> {
  /** The conversation of the row's target (a person's direct conversation is opened). */
  channel(): Promise<string>;
  /** Post in the target (in its thread for a thread target), unless an earlier attempt of this row already did. */
  post(message: M): Promise<PostedRef>;
  client: C;
}

/** How one type of outbox effect is sent with the platform's tools `T`; errors thrown are sorted into passing and permanent. */
export type OutboxHandler<T> = (row: OutboxRow, tools: T) => Promise<SendResult>;

/** How one platform opens, finds and makes posts, and sorts its failures. */
export interface PlatformPosts<M> {
  platform: Platform;
  /** The direct conversation with a person (the platform's own id). */
  openDirect(userId: string): Promise<string>;
  /** The post an earlier attempt of this row made, if the platform has it. */
  findPosted(row: OutboxRow, channel: string): Promise<PostedRef | null>;
  /** Make the post, the row's key with it (so that {@link findPosted} can find it). */
  make(row: OutboxRow, channel: string, message: M): Promise<PostedRef>;
  /** A message that cannot be looked up afterwards (an ephemeral one): made without looking first. */
  unfindable?(message: M): boolean;
  /** A refusal no retry will change: the row is given up at once (anything else is tried again). */
  permanent(error: unknown): boolean;
  /** The wait the platform asks for before the next attempt (a rate limit), when it says. */
  retryAfterMs?(error: unknown): number | undefined;
  /** The error as logged with the row (its name by default). */
  describe?(error: unknown): string;
}

/** The thread of a row's target, when it is one. */
export const threadOf = (row: OutboxRow): string | undefined => (row.target.kind === 'thread' ? row.target.threadId : undefined);

/**
 * The platform side of the outbox, the same for every adapter: each row's
 * effect is sent by the handler its type names; a row attempted before (the
 * process may have died between the platform's answer and the mark) first
 * looks for its own post, so that it is posted once.
 */
export function outboxSender<M, C>(
  posts: PlatformPosts<M>,
  handlers: ReadonlyMap<string, OutboxHandler<PostTools<M, C>>>,
  client: C,
  logger: Logger,
): OutboxSend {
  /** Direct conversations by person, the most recently used kept. */
  const directs = new LRUCache<string, string>({ max: 5000 });

  async function channelOf(row: OutboxRow): Promise<string> {
    const { target } = row;
    if (target.kind !== 'person') return target.channelId;
    const known = directs.get(target.userId);
    if (known) return known;
    const opened = await posts.openDirect(localId(target.userId, posts.platform));
    directs.set(target.userId, opened);
    return opened;
  }

  return async (row) => {
    const handler = handlers.get(row.effect.type);
    if (!handler) return { status: 'failed', error: `unknown_effect:${row.effect.type}` };
    const tools: PostTools<M, C> = {
      client,
      channel: () => channelOf(row),
      async post(message) {
        const channel = await channelOf(row);
        if (row.attempts > 1 && !posts.unfindable?.(message)) {
          const found = await posts.findPosted(row, channel);
          if (found) {
            logger.info('outbox.found_posted', { key: row.key });
            return found;
          }
        }
        return posts.make(row, channel, message);
      },
    };
    try {
      return await handler(row, tools);
    } catch (error) {
      return sortFailure(posts, error);
    }
  };
}

/** A failed send: given up when the platform refuses for good, else retried (after the wait it asks for). */
function sortFailure<M>(posts: PlatformPosts<M>, error: unknown): SendResult {
  const logged = posts.describe?.(error) ?? errorName(error);
  if (posts.permanent(error)) return { status: 'failed', error: logged };
  const afterMs = posts.retryAfterMs?.(error);
  return { status: 'retry', error: logged, ...(afterMs !== undefined ? { afterMs } : {}) };
}
