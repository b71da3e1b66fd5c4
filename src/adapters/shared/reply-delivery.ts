import type { z } from 'zod';
import { ReplyEffectSchema, storedReply } from '../../core/reply-effect.ts';
import type { Platform } from '../../engine/message.ts';
import { textReply, type Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { OutboxRow } from '../../store/outbox.ts';
import type { SendResult } from '../../store/outbox-worker.ts';
import type { AnswerDesk } from '../../workflows/questions/desk.ts';
import { ERROR_TEXT } from '../../workflows/questions/questions.ts';
import type { ChatFeature } from './chat-core.ts';
import type { OutboxHandler } from './outbox-sender.ts';

export type ReplyRow = z.infer<typeof ReplyEffectSchema>;

/** How a platform delivers a reply owed in the outbox, with the row's tools `T`. */
export interface ReplyPort<T> {
  platform: Platform;
  /** Post the reply (exactly once, through the tools), with its files where the platform attaches them to the post. */
  post(reply: Reply, effect: ReplyRow, row: OutboxRow, tools: T): Promise<void>;
  /** Where the platform may refuse a reply for good (the reply itself is wrong for it): such an error, and a plain text posted instead. */
  refusal?: {
    matches(error: unknown): boolean;
    postText(text: string, effect: ReplyRow, tools: T): Promise<void>;
  };
  /** Where files follow the post: their upload, and what the asker alone is told when it fails. */
  files?: {
    upload(reply: Reply, row: OutboxRow, tools: T): Promise<void>;
    /** The app's features: the one that made the files says what to tell the asker, and releases what it recorded for them… */
    features: readonly ChatFeature[];
    /** …else the asker is told this, in the platform's words. */
    notDelivered: string;
    tell(asker: string, notice: Reply, row: OutboxRow, tools: T): Promise<void>;
  };
}

const delivered: SendResult = { status: 'delivered' };

/** What the asker is told when a reply's files did not get through: the notice of the feature that made them (asked in turn), else `notDelivered`. */
function filesNotice(reply: Reply, features: readonly ChatFeature[], notDelivered: string): Reply {
  return features.map((feature) => feature.filesNotDelivered?.(reply) ?? null).find((notice) => notice !== null) ?? textReply('error', notDelivered);
}

/**
 * The reply effect the same way on every platform: the reply the answer desk
 * kept (else the stored one) posted once; one the platform will never take
 * replaced by the French error; then its files, and when they fail a notice to
 * the asker alone (the feature that made them releases what it recorded).
 */
export function replyDelivery<T>(desk: AnswerDesk, port: ReplyPort<T>, logger: Logger): OutboxHandler<T> {
  const { platform } = port;
  return async (row, tools) => {
    const effect = ReplyEffectSchema.parse(row.effect);
    const reply = desk.original(row.key) ?? storedReply(effect);
    try {
      await port.post(reply, effect, row, tools);
    } catch (error) {
      if (!port.refusal?.matches(error)) throw error;
      logger.error(`${platform}.answer_refused`, { error: errorName(error) });
      await port.refusal.postText(ERROR_TEXT, effect, tools);
      desk.forget(row.key);
      return delivered;
    }
    try {
      await port.files?.upload(reply, row, tools);
    } catch (error) {
      logger.warn(`${platform}.files_not_delivered`, { target: row.target.kind, files: reply.files?.length ?? 0, error: errorName(error) });
      // Asked even without an asker: the feature that made the files releases what it recorded for them.
      const notice = port.files && filesNotice(reply, port.files.features, port.files.notDelivered);
      if (notice && effect.asker) await port.files?.tell(effect.asker, notice, row, tools);
    } finally {
      desk.forget(row.key);
    }
    return delivered;
  };
}
