import { migrate, type Db } from './database.ts';
import { conversationMigrations } from './conversation-migrations.ts';

export type Vote = 'up' | 'down';

/** 👍/👎 on answers (any platform): one vote per person and answer (a new click replaces the old one). */
export class FeedbackStore {
  private readonly upsert;

  constructor(db: Db) {
    migrate(db, conversationMigrations);
    this.upsert = db.prepare<[string, string, Vote, string]>(
      `INSERT INTO answer_feedback (answer_id, user_id, vote, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
    );
  }

  record(answerId: string, userId: string, vote: Vote, at: Date = new Date()): void {
    this.upsert.run(answerId, userId, vote, at.toISOString());
  }
}
