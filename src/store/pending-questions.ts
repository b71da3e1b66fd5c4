import { z } from 'zod';
import { migrate, type Db } from './database.ts';
import { conversationMigrations } from './conversation-migrations.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A message Coordo took in charge, by where it is (Slack: channel and ts; Mattermost: channel and post id). */
export interface QuestionRef {
  channel: string;
  ts: string;
  threadTs?: string;
  userId: string;
  /** In a 1:1 direct message. */
  direct: boolean;
}

const RowSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().nullable(),
  user_id: z.string(),
  direct: z.number().int(),
});

/**
 * The questions Coordo acknowledged, pending until their answer is in the
 * outbox (marked in the same transaction): a Slack retry of a pending question
 * is answered, a retry of an answered one is not, and on start the pending
 * ones are answered. Kept a week, then forgotten.
 */
export class PendingQuestions {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly retentionMs: number = 7 * DAY_MS,
  ) {
    migrate(db, conversationMigrations);
    this.statements = {
      insert: db.prepare(`INSERT OR IGNORE INTO pending_questions (key, channel, ts, thread_ts, user_id, direct, event_id, received_at)
        VALUES (@key, @channel, @ts, @threadTs, @userId, @direct, @eventId, @at)`),
      state: db.prepare<[string], { answered_at: number | null }>('SELECT answered_at FROM pending_questions WHERE key = ?'),
      answered: db.prepare<[number, string]>('UPDATE pending_questions SET answered_at = ? WHERE key = ? AND answered_at IS NULL'),
      pending: db.prepare<[{ since: number; prefix: string }]>(
        'SELECT * FROM pending_questions WHERE answered_at IS NULL AND received_at >= @since AND substr(key, 1, length(@prefix)) = @prefix ORDER BY received_at',
      ),
      prune: db.prepare<[number]>('DELETE FROM pending_questions WHERE received_at < ?'),
    };
    this.statements.prune.run(this.now() - this.retentionMs);
  }

  /** Record the question (once); whether it still needs an answer. */
  claim(key: string, question: QuestionRef, eventId?: string): 'pending' | 'answered' {
    this.statements.insert.run({ key, ...question, threadTs: question.threadTs ?? null, direct: question.direct ? 1 : 0, eventId: eventId ?? null, at: this.now() });
    return this.statements.state.get(key)?.answered_at == null ? 'pending' : 'answered';
  }

  /** Mark answered; call in the transaction that writes the answer to the outbox. */
  markAnswered(key: string): void {
    this.statements.answered.run(this.now(), key);
  }

  /** Questions acknowledged and not answered (a crash came between), oldest first, of the keys starting with `keyPrefix` (one platform's). */
  pending(keyPrefix: string): QuestionRef[] {
    return this.statements.pending.all({ since: this.now() - this.retentionMs, prefix: keyPrefix }).map((raw) => {
      const row = RowSchema.parse(raw);
      return { channel: row.channel, ts: row.ts, ...(row.thread_ts === null ? {} : { threadTs: row.thread_ts }), userId: row.user_id, direct: row.direct === 1 };
    });
  }

  transaction<T>(run: () => T): T {
    return this.db.transaction(run).immediate();
  }
}
