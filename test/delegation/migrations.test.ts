import { afterEach, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/store/database.ts';
import { SqliteOutbox } from '../../src/store/outbox.ts';
import { delegationMigrations, delegationOutboxMigrations } from '../../src/workflows/delegation/migrations.ts';
import { SqliteDelegationRepository } from '../../src/workflows/delegation/sqlite-repository.ts';
import { tempDbFile } from './temp-db.ts';

let db: Db | undefined;
let cleanup = () => {};
afterEach(() => {
  db?.close();
  cleanup();
});

it('keeps the card of a request stored before requests could have several cards', () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  db = openDatabase(temp.file, delegationMigrations.slice(0, 1));
  db.prepare(
    `INSERT INTO delegation_requests (id, idempotency_key, delegant_user_id, delegue_user_id, acts, natures, protocol_kind, protocol_id,
       patients, setting, start_date, state, version, created_at, updated_at, card_channel, card_ts)
     VALUES ('DEL-2026-0001', 'k', 'UMED', 'UIDE1', 'TROD angine', '["diagnostique"]', 'registry', 'odynophagie',
       'Adultes', 'msp', '2026-12-01', 'submitted', 1, '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z', 'CREQUESTS', '1.000001')`,
  ).run();
  migrate(db, delegationMigrations);
  const repository = new SqliteDelegationRepository(db);
  expect(repository.findById('DEL-2026-0001')).toMatchObject({ state: 'submitted', cards: [{ channel: 'CREQUESTS', ts: '1.000001', role: 'delegue' }] });
  // People stored when Slack was the only platform are Slack's.
  expect(repository.findById('DEL-2026-0001')).toMatchObject({ delegantUserId: 'slack:UMED', delegueUserId: 'slack:UIDE1' });
  repository.addCard('DEL-2026-0001', { channel: 'DUIDE1', ts: '2.000001', role: 'delegue', userId: 'UIDE1' });
  expect(repository.findById('DEL-2026-0001')?.cards).toHaveLength(2);
});

it('qualifies the people of delegation messages still owed in the outbox, and nothing else', () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  db = openDatabase(temp.file, delegationMigrations);
  const outbox = new SqliteOutbox(db);
  outbox.enqueue([
    { key: 'd', group: 'delegation:DEL-2026-0001', target: { kind: 'person', userId: 'UIDE1' }, effect: { type: 'delegation.card' } },
    { key: 'q', target: { kind: 'person', userId: 'UMED' }, effect: { type: 'reply' } },
    { key: 'c', group: 'delegation:DEL-2026-0001', target: { kind: 'channel', channelId: 'CREQUESTS' }, effect: { type: 'delegation.card' } },
  ]);
  migrate(db, delegationOutboxMigrations);
  const targets = db.prepare('SELECT key, target_json FROM outbox ORDER BY key').all() as { key: string; target_json: string }[];
  expect(targets.map((t) => [t.key, JSON.parse(t.target_json)])).toEqual([
    ['c', { kind: 'channel', channelId: 'CREQUESTS' }],
    ['d', { kind: 'person', userId: 'slack:UIDE1' }],
    ['q', { kind: 'person', userId: 'UMED' }],
  ]);
});
