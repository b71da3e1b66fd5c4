import crypto from 'node:crypto';
import { z } from 'zod';
import { migrate, type Db } from './database.ts';
import type { Reply } from '../engine/reply.ts';
import { redactPatientIdentifiers } from '../privacy/patient-data-guard.ts';
import { conversationMigrations } from './conversation-migrations.ts';

/** What is kept of an answer: enough to share it again and to attach feedback. Never the question. */
const StoredReplySchema = z.object({
  kind: z.enum(['answer', 'lookup', 'unknown', 'refusal', 'help', 'invalid', 'workflow', 'error']),
  text: z.string(),
  citations: z.array(z.object({ title: z.string(), section: z.string(), source: z.string(), path: z.string() })),
  confident: z.boolean(),
});

export interface StoredAnswer {
  id: string;
  channelId: string;
  /** Who asked (the only one who may share an ephemeral answer). */
  userId: string;
  threadTs?: string;
  reply: Reply;
}

interface AnswerRow {
  id: string;
  channel_id: string;
  user_id: string;
  thread_ts: string | null;
  reply_json: string;
}

/** Answers Coordo posted in a conversation (any platform), addressed by an opaque id carried by their buttons. `threadTs`: the thread's root (Slack ts, Mattermost post id). */
export class AnswerStore {
  private readonly insert;
  private readonly select;

  constructor(db: Db) {
    migrate(db, conversationMigrations);
    this.insert = db.prepare<[string, string, string, string | null, string, string, string]>(
      'INSERT INTO answers (id, channel_id, user_id, thread_ts, kind, reply_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.select = db.prepare<[string], AnswerRow>('SELECT id, channel_id, user_id, thread_ts, reply_json FROM answers WHERE id = ?');
  }

  save(reply: Reply, where: { channelId: string; userId: string; threadTs?: string }): string {
    const id = crypto.randomUUID();
    // An answer may quote the question (a lookup quotes the act): identifiers are masked before it is stored.
    const stored = { kind: reply.kind, text: redactPatientIdentifiers(reply.text), citations: reply.citations, confident: reply.confident };
    this.insert.run(id, where.channelId, where.userId, where.threadTs ?? null, reply.kind, JSON.stringify(stored), new Date().toISOString());
    return id;
  }

  /** The answer, or null when the id is unknown (or the row unreadable). */
  get(id: string): StoredAnswer | null {
    const row = this.select.get(id);
    if (!row) return null;
    const parsed = StoredReplySchema.safeParse(JSON.parse(row.reply_json));
    if (!parsed.success) return null;
    return { id: row.id, channelId: row.channel_id, userId: row.user_id, threadTs: row.thread_ts ?? undefined, reply: parsed.data };
  }
}
