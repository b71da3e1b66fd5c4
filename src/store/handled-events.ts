import type { Db } from './database.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY = 500;

/**
 * Remembers, in SQLite, which platform events were already taken in charge, so a
 * retry (Slack (`x-slack-retry-num`), an `app_mention` doubled by a `message`
 * event, or a restart never produce a second answer. At most once: a message
 * claimed by a crashed process is not answered again.
 */
export class EventDedup {
  private readonly insert;
  private readonly prune;
  private claims = 0;

  constructor(
    db: Db,
    private readonly retentionMs: number = 7 * DAY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare<[string, string | null, number]>(
      'INSERT OR IGNORE INTO handled_events (key, event_id, received_at) VALUES (?, ?, ?)',
    );
    this.prune = db.prepare<[number]>('DELETE FROM handled_events WHERE received_at < ?');
    this.prune.run(this.now() - this.retentionMs);
  }

  /** True the first time `key` is seen; false for a duplicate. */
  claim(key: string, eventId?: string): boolean {
    this.claims += 1;
    if (this.claims % PRUNE_EVERY === 0) this.prune.run(this.now() - this.retentionMs);
    return this.insert.run(key, eventId ?? null, this.now()).changes === 1;
  }
}
