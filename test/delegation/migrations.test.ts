import { afterEach, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/store/database.ts';
import { delegationMigrations } from '../../src/workflows/delegation/migrations.ts';
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
  repository.addCard('DEL-2026-0001', { channel: 'DUIDE1', ts: '2.000001', role: 'delegue', userId: 'UIDE1' });
  expect(repository.findById('DEL-2026-0001')?.cards).toHaveLength(2);
});
