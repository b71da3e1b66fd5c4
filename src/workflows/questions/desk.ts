import { qualify } from '../../core/ids.ts';
import type { Platform } from '../../engine/message.ts';
import type { Reply, ReplyKind } from '../../engine/reply.ts';
import { replyEffect, withDeleteAdvice } from '../../core/reply-effect.ts';
import type { AnswerStore, StoredAnswer } from '../../store/answers.ts';
import type { OutboxTarget, SqliteOutbox } from '../../store/outbox.ts';
import { PendingQuestions, type QuestionRef } from '../../store/pending-questions.ts';

/** Replies worth a 👍/👎. */
const RATED: ReadonlySet<ReplyKind> = new Set(['answer', 'lookup', 'unknown']);
/** Replies worth sharing from an answer only the asker sees. */
const SHAREABLE: ReadonlySet<ReplyKind> = new Set(['answer', 'lookup']);

/** Where an answer goes: the platform, the conversation, its thread, who asked (the platform's own ids; stored qualified). */
export interface AnswerPlace {
  platform: Platform;
  channelId: string;
  userId: string;
  threadId?: string;
}

export type ShareOutcome = { ok: true; answer: StoredAnswer } | { ok: false; text: string };

/**
 * The rules of questions and their answers, whatever the platform: a question
 * is answered once (pending until its answer is in the outbox, in the same
 * transaction), answers worth a vote are stored (never the question), an
 * answer only its asker saw may be shared by them alone, in its channel.
 */
export class AnswerDesk {
  private readonly pending: PendingQuestions;
  /** Questions this process is answering now: a retry meanwhile is a duplicate. */
  private readonly answering = new Set<string>();
  /** Replies with files on their way from this process (an export claim rides on the object). */
  private readonly originals = new Map<string, Reply>();

  constructor(
    private readonly answers: AnswerStore,
    private readonly outbox: SqliteOutbox,
  ) {
    this.pending = new PendingQuestions(outbox.db);
  }

  /** True when this question is to be answered now (not answered, not being answered); call {@link done} after. */
  claim(key: string, question: QuestionRef, eventId?: string): boolean {
    if (this.answering.has(key) || this.pending.claim(key, question, eventId) === 'answered') return false;
    this.answering.add(key);
    return true;
  }

  done(key: string): void {
    this.answering.delete(key);
  }

  /** Acknowledged and not answered (a crash came between), oldest first, of one platform (its keys start with `keyPrefix`). */
  left(keyPrefix: string): QuestionRef[] {
    return this.pending.pending(keyPrefix);
  }

  /**
   * The answer owed to a question, written with its « answered » mark: in its
   * thread, only to the asker when the reply says so (outside a direct
   * conversation); in a channel, with the advice to delete a message that holds patient data.
   */
  recordAnswer(key: string, reply: Reply, where: AnswerPlace & { direct: boolean; text: string }): string {
    const shown = where.direct ? reply : withDeleteAdvice(reply, where.text);
    const target: OutboxTarget = where.threadId ? { kind: 'thread', channelId: where.channelId, threadId: where.threadId } : { kind: 'channel', channelId: where.channelId };
    const outboxKey = `answer:${key}`;
    this.pending.transaction(() => {
      const answerId = this.rated(reply, where);
      this.outbox.enqueue([{ key: outboxKey, target, effect: replyEffect(shown, { answerId, asker: where.userId, ephemeralTo: reply.ephemeral && !where.direct ? where.userId : undefined }) }]);
      this.pending.markAnswered(key);
    });
    this.keep(outboxKey, reply);
    return outboxKey;
  }

  /** An answer in a thread for whoever asked through a button (no question to mark). */
  recordInThread(key: string, reply: Reply, where: AnswerPlace & { threadId: string }): void {
    const target: OutboxTarget = { kind: 'thread', channelId: where.channelId, threadId: where.threadId };
    this.pending.transaction(() => {
      this.outbox.enqueue([{ key, target, effect: replyEffect(reply, { answerId: this.rated(reply, where), asker: where.userId }) }]);
    });
  }

  /** An answer only the asker sees (a command): its stored id when it is worth a vote, and whether it may be shared. */
  privateAnswer(reply: Reply, where: AnswerPlace): { answerId?: string; shareable: boolean } {
    return { answerId: this.rated(reply, where), shareable: SHAREABLE.has(reply.kind) };
  }

  /** May `userId` share this answer in `channelId` (the platform's ids)? */
  share(answerId: string, where: { platform: Platform; channelId?: string; userId: string }): ShareOutcome {
    const answer = this.answers.get(answerId);
    const { platform, channelId, userId } = where;
    if (!answer || !channelId || answer.channelId !== qualify(platform, channelId)) return { ok: false, text: 'Je ne retrouve pas cette réponse : reposez la question avec `/coordo`.' };
    if (answer.userId !== qualify(platform, userId)) return { ok: false, text: 'Seule la personne qui a posé la question peut partager cette réponse.' };
    return { ok: true, answer };
  }

  /** The reply object an outbox row was written from, while this process delivers it; then forgotten. */
  original(outboxKey: string): Reply | undefined {
    return this.originals.get(outboxKey);
  }

  forget(outboxKey: string): void {
    this.originals.delete(outboxKey);
  }

  private keep(outboxKey: string, reply: Reply): void {
    // The export claim travels with the reply object: kept while this process delivers it.
    if (reply.files?.length) this.originals.set(outboxKey, reply);
  }

  private rated(reply: Reply, where: AnswerPlace): string | undefined {
    const { platform } = where;
    return RATED.has(reply.kind) ? this.answers.save(reply, { channelId: qualify(platform, where.channelId), userId: qualify(platform, where.userId), threadTs: where.threadId }) : undefined;
  }
}
