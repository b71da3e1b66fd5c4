import { z } from 'zod';
import { migrate, type Db, type Migration } from './database.ts';

/**
 * The durable outbox: every message Coordo owes someone, written in the same
 * SQLite transaction as the change that causes it, then delivered by an
 * {@link OutboxWorker}. Platform-neutral: a row names who gets it (a person, a
 * channel, a thread) and a neutral effect the adapter knows how to send.
 */
export type OutboxTarget =
  | { kind: 'person'; userId: string }
  | { kind: 'channel'; channelId: string }
  | { kind: 'thread'; channelId: string; threadId: string };

/** The chat platform whose worker delivers a row (one database serves every platform of the process). */
export const OutboxPlatformSchema = z.enum(['slack', 'mattermost']);
export type OutboxPlatform = z.infer<typeof OutboxPlatformSchema>;

/** A neutral effect: `type` names it, the rest is its own JSON payload (checked by whoever sends it). */
export type OutboxEffect = { type: string } & Record<string, unknown>;

export interface OutboxEntry {
  /** Idempotency key: enqueueing the same key twice keeps the first row. Also what the adapter checks the platform for. */
  key: string;
  /** Rows of one group are delivered one after the other, in enqueue order (e.g. a request's card before its notices). */
  group?: string;
  target: OutboxTarget;
  effect: OutboxEffect;
  /** Whose worker delivers it; default: the platform of the outbox it is enqueued in. */
  platform?: OutboxPlatform;
}

export interface OutboxRow extends OutboxEntry {
  id: number;
  /** Attempts started so far (counted before each platform call, so a crash mid-call shows). */
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  createdAt: number;
  deliveredAt?: number;
  failedAt?: number;
  lastError?: string;
}

export const outboxMigrations: Migration[] = [
  {
    name: 'store-001-outbox',
    sql: `
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        grp TEXT,
        target_json TEXT NOT NULL,
        effect_json TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER,
        failed_at INTEGER,
        last_error TEXT
      );
      CREATE INDEX outbox_open ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
      CREATE INDEX outbox_group ON outbox (grp, id);
    `,
  },
  {
    // One database for every platform of the process: each adapter's worker delivers its own rows.
    name: 'store-002-outbox-platform',
    sql: `ALTER TABLE outbox ADD COLUMN platform TEXT NOT NULL DEFAULT 'slack';`,
  },
];

const TargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), userId: z.string().min(1) }),
  z.object({ kind: z.literal('channel'), channelId: z.string().min(1) }),
  z.object({ kind: z.literal('thread'), channelId: z.string().min(1), threadId: z.string().min(1) }),
]);
const EffectSchema = z.object({ type: z.string().min(1) }).loose();

const RowSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  grp: z.string().nullable(),
  target_json: z.string(),
  effect_json: z.string(),
  attempts: z.number().int(),
  next_attempt_at: z.number().int(),
  created_at: z.number().int(),
  delivered_at: z.number().int().nullable(),
  failed_at: z.number().int().nullable(),
  last_error: z.string().nullable(),
  platform: OutboxPlatformSchema,
});

function toRow(raw: unknown): OutboxRow {
  const row = RowSchema.parse(raw);
  return {
    id: row.id,
    key: row.key,
    ...(row.grp === null ? {} : { group: row.grp }),
    target: TargetSchema.parse(JSON.parse(row.target_json)),
    effect: EffectSchema.parse(JSON.parse(row.effect_json)) as OutboxEffect,
    platform: row.platform,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
    ...(row.failed_at === null ? {} : { failedAt: row.failed_at }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  };
}

/** What a workflow needs to owe a message: enqueue, inside its own transaction on the same database. */
export interface OutboxWriter {
  enqueue(entries: readonly OutboxEntry[]): void;
}

/** Longest error text kept (error names and codes only, never message text). */
const MAX_ERROR = 200;

/**
 * The outbox table on better-sqlite3 (migrated here if needed), seen from one
 * platform: rows are written for it and only its rows are due.
 */
export class SqliteOutbox implements OutboxWriter {
  private readonly statements;

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
    readonly platform: OutboxPlatform = 'slack',
  ) {
    migrate(db, outboxMigrations);
    this.statements = {
      insert: db.prepare(
        'INSERT OR IGNORE INTO outbox (key, grp, target_json, effect_json, next_attempt_at, created_at, platform) VALUES (@key, @grp, @target, @effect, @at, @at, @platform)',
      ),
      // Due, and no earlier row of its group is still open: groups are delivered in order.
      due: db.prepare(`SELECT * FROM outbox o WHERE o.platform = @platform AND o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= @now
          AND (o.grp IS NULL OR NOT EXISTS (SELECT 1 FROM outbox e WHERE e.grp = o.grp AND e.id < o.id AND e.delivered_at IS NULL AND e.failed_at IS NULL))
          ORDER BY o.id LIMIT @limit`),
      nextDue: db.prepare<[string], { at: number | null }>('SELECT min(next_attempt_at) AS at FROM outbox WHERE platform = ? AND delivered_at IS NULL AND failed_at IS NULL'),
      begin: db.prepare<[number]>('UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL AND failed_at IS NULL'),
      delivered: db.prepare<[number, number]>('UPDATE outbox SET delivered_at = ?, last_error = NULL WHERE id = ? AND delivered_at IS NULL'),
      later: db.prepare<[number, string, number]>('UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?'),
      failed: db.prepare<[number, string, number]>('UPDATE outbox SET failed_at = ?, last_error = ? WHERE id = ?'),
      byId: db.prepare('SELECT * FROM outbox WHERE id = ?'),
      byKey: db.prepare('SELECT * FROM outbox WHERE key = ?'),
      group: db.prepare('SELECT * FROM outbox WHERE grp = ? ORDER BY id'),
      open: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE platform = ? AND delivered_at IS NULL AND failed_at IS NULL'),
    };
  }

  /** Add rows due now; a key already there is left as it is. Call inside the transaction of the change that owes them. */
  enqueue(entries: readonly OutboxEntry[]): void {
    const at = this.now();
    for (const entry of entries) {
      this.statements.insert.run({ key: entry.key, grp: entry.group ?? null, target: JSON.stringify(entry.target), effect: JSON.stringify(entry.effect), at, platform: entry.platform ?? this.platform });
    }
  }

  /** Rows to attempt now, oldest first, at most `limit`; a row waits for the earlier open rows of its group. */
  due(limit: number): OutboxRow[] {
    return this.statements.due.all({ platform: this.platform, now: this.now(), limit }).map(toRow);
  }

  /** When the earliest open row is due (epoch ms), or null when nothing is open. */
  nextDueAt(): number | null {
    return this.statements.nextDue.get(this.platform)?.at ?? null;
  }

  /** Count an attempt before the platform call; the row as it is now (null when it was settled meanwhile). */
  begin(id: number): OutboxRow | null {
    if (this.statements.begin.run(id).changes !== 1) return null;
    return this.get(id);
  }

  /** Mark delivered and run `also` (e.g. remember where a card was posted) in the same transaction. */
  markDelivered(id: number, also?: () => void): void {
    this.db.transaction(() => {
      if (this.statements.delivered.run(this.now(), id).changes === 1) also?.();
    }).immediate();
  }

  retryAt(id: number, at: number, error: string): void {
    this.statements.later.run(at, error.slice(0, MAX_ERROR), id);
  }

  /** Given up (a permanent refusal, or too many attempts); `also` runs in the same transaction. */
  markFailed(id: number, error: string, also?: () => void): void {
    this.db.transaction(() => {
      this.statements.failed.run(this.now(), error.slice(0, MAX_ERROR), id);
      also?.();
    }).immediate();
  }

  get(id: number): OutboxRow | null {
    const raw = this.statements.byId.get(id);
    return raw === undefined ? null : toRow(raw);
  }

  byKey(key: string): OutboxRow | null {
    const raw = this.statements.byKey.get(key);
    return raw === undefined ? null : toRow(raw);
  }

  /** Every row of a group, in order. */
  group(group: string): OutboxRow[] {
    return this.statements.group.all(group).map(toRow);
  }

  /** This platform's rows neither delivered nor given up. */
  openCount(): number {
    return this.statements.open.get(this.platform)?.n ?? 0;
  }
}
