import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { SqliteOutbox, type OutboxRow } from '../../src/store/outbox.ts';
import { backoffMs, DEFAULT_RETRY, OutboxWorker, type SendResult } from '../../src/store/outbox-worker.ts';
import { createLogger } from '../../src/log/logger.ts';
import { tempDbFile } from '../delegation/temp-db.ts';

let db: Db;
let cleanup: () => void;
let clock: number;
let outbox: SqliteOutbox;

beforeEach(() => {
  let file: string;
  ({ file, cleanup } = tempDbFile());
  db = openDatabase(file, []);
  clock = 1_000_000;
  outbox = new SqliteOutbox(db, () => clock);
});
afterEach(() => {
  db.close();
  cleanup();
});

const person = (userId: string) => ({ kind: 'person' as const, userId });
const retry = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };

function worker(send: (row: OutboxRow) => Promise<SendResult>) {
  return new OutboxWorker({ outbox, send, logger: createLogger('silent'), retry, now: () => clock });
}

describe('the outbox', () => {
  it('keeps one row per key, written in the caller’s transaction (a rolled-back change owes nothing)', () => {
    outbox.enqueue([{ key: 'a', target: person('U1'), effect: { type: 'text', text: 'x' } }]);
    outbox.enqueue([{ key: 'a', target: person('U2'), effect: { type: 'text', text: 'y' } }]);
    expect(outbox.byKey('a')?.target).toEqual(person('U1'));
    expect(() =>
      db.transaction(() => {
        outbox.enqueue([{ key: 'b', target: person('U1'), effect: { type: 'text' } }]);
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(outbox.byKey('b')).toBeNull();
    expect(outbox.openCount()).toBe(1);
  });

  it('delivers each row once, retries with exponential backoff on the injected clock, then gives up', async () => {
    outbox.enqueue([{ key: 'flaky', target: person('U1'), effect: { type: 'text' } }]);
    const attempts: number[] = [];
    const w = worker(async (row) => {
      attempts.push(row.attempts);
      return { status: 'retry', error: 'Error:timeout' };
    });
    expect(await w.drain()).toBe(0);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const next = outbox.nextDueAt();
      if (next === null) break;
      delays.push(next - clock);
      // Not due yet: a drain before the delay sends nothing.
      clock = next - 1;
      await w.drain();
      clock = next;
      await w.drain();
    }
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    expect(outbox.byKey('flaky')).toMatchObject({ attempts: 5, failedAt: clock, lastError: 'Error:timeout' });
    expect(backoffMs(DEFAULT_RETRY, 30)).toBe(DEFAULT_RETRY.maxMs);
  });

  it('delivers a group in order: a later row waits while an earlier one is retried, and runs the delivered hook in the same transaction', async () => {
    outbox.enqueue([
      { key: 'card', group: 'g', target: person('U1'), effect: { type: 'card' } },
      { key: 'confirm', group: 'g', target: person('U2'), effect: { type: 'confirm' } },
      { key: 'other', target: person('U3'), effect: { type: 'text' } },
    ]);
    let fail = true;
    const sent: string[] = [];
    db.exec('CREATE TABLE seen (key TEXT)');
    const w = worker(async (row) => {
      sent.push(row.key);
      if (row.key === 'card' && fail) return { status: 'retry', error: 'ratelimited', afterMs: 5000 };
      return { status: 'delivered', also: () => db.prepare('INSERT INTO seen VALUES (?)').run(row.key) };
    });
    await w.drain();
    expect(sent.sort()).toEqual(['card', 'other']);
    expect(outbox.byKey('card')?.nextAttemptAt).toBe(clock + 5000);
    fail = false;
    clock += 5000;
    await w.drain();
    expect(sent).toEqual(expect.arrayContaining(['card', 'confirm']));
    expect(sent.slice(-2)).toEqual(['card', 'confirm']);
    expect(db.prepare('SELECT key FROM seen ORDER BY rowid').all()).toEqual([{ key: 'other' }, { key: 'card' }, { key: 'confirm' }]);
    expect(outbox.openCount()).toBe(0);
    // Nothing is sent twice.
    await w.drain();
    expect(sent.filter((k) => k === 'confirm')).toHaveLength(1);
  });

  it('lets a permanently refused row go (the group goes on), and counts a thrown error as a passing fault', async () => {
    outbox.enqueue([
      { key: 'refused', group: 'g', target: person('U1'), effect: { type: 'card' } },
      { key: 'next', group: 'g', target: person('U1'), effect: { type: 'confirm' } },
      { key: 'throws', target: person('U1'), effect: { type: 'text' } },
    ]);
    const w = worker(async (row) => {
      if (row.key === 'throws') throw new TypeError('boom');
      return row.key === 'refused' ? { status: 'failed', error: 'not_in_channel' } : { status: 'delivered' };
    });
    await w.drain();
    expect(outbox.byKey('refused')?.failedAt).toBe(clock);
    expect(outbox.byKey('next')?.deliveredAt).toBe(clock);
    expect(outbox.byKey('throws')).toMatchObject({ attempts: 1, lastError: 'TypeError', nextAttemptAt: clock + 1000 });
  });

  it('counts the attempt before the platform call: a crash during the call leaves the row open with attempts = 1', async () => {
    outbox.enqueue([{ key: 'k', target: person('U1'), effect: { type: 'text' } }]);
    let seen: OutboxRow | undefined;
    const w = worker(async (row) => {
      seen = outbox.get(row.id) ?? undefined;
      return { status: 'delivered' };
    });
    await w.drain();
    expect(seen).toMatchObject({ attempts: 1 });
    expect(seen?.deliveredAt).toBeUndefined();
  });

  it('runs passes one after the other: a drain asked during a pass includes rows enqueued meanwhile', async () => {
    outbox.enqueue([{ key: 'first', target: person('U1'), effect: { type: 'text' } }]);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const w = worker(async (row) => {
      sent.push(row.key);
      if (row.key === 'first') await gate;
      return { status: 'delivered' };
    });
    const one = w.drain();
    outbox.enqueue([{ key: 'second', target: person('U1'), effect: { type: 'text' } }]);
    const two = w.drain();
    const three = w.drain();
    expect(three).toBe(two);
    release();
    await Promise.all([one, two]);
    expect(sent).toEqual(['first', 'second']);
  });
});
