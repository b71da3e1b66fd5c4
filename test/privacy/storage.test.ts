import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifierSet } from '../../src/bench/guards-bench.ts';
import { PatientDataError } from '../../src/privacy/patient-data-guard.ts';
import type { Db } from '../../src/store/database.ts';
import { parseDraft } from '../../src/workflows/delegation/draft-schema.ts';
import { DelegationService } from '../../src/workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../src/workflows/delegation/sqlite-repository.ts';
import { SqliteDraftRepository } from '../../src/workflows/drafts/sqlite-repository.ts';
import { DraftService } from '../../src/workflows/drafts/service.ts';
import { realCatalog } from '../delegation/catalog.ts';
import { openDelegationDb, tempDbFile } from '../delegation/temp-db.ts';
import { model, openDraftDb, registryPort, steppingClock } from '../drafts/fixtures.ts';

/** Every identifier line, offered to every path that stores free text, on real SQLite files. */
const positives = [...identifierSet('patient-identifiers.jsonl'), ...identifierSet('patient-identifiers-holdout.jsonl')].filter((l) => l.kind !== null);

let file: string;
let cleanup: () => void;
let db: Db;

beforeAll(() => {
  ({ file, cleanup } = tempDbFile());
  db = openDraftDb(file);
  openDelegationDb(file).close();
});
afterAll(() => {
  db.close();
  cleanup();
});

const storedBytes = () => ['', '-wal'].map((s) => (fs.existsSync(file + s) ? fs.readFileSync(file + s).toString('utf8') : '')).join('');

describe('no patient identifier is stored', () => {
  it('refuses them as a draft title and as section text', () => {
    const drafts = new DraftService({ model, repository: new SqliteDraftRepository(db), registry: registryPort, now: steppingClock() });
    const started = drafts.start({ platform: 'slack', channelId: 'C1', threadId: '1.1' }, 'Protocole cystite', { userId: 'U1', userName: 'A' });
    if (!started.ok) throw new Error(started.problem);
    const section = model.byId.get('patients');
    if (!section) throw new Error('section patients');
    for (const line of positives) {
      expect(drafts.start({ platform: 'slack', channelId: 'C1', threadId: line.id }, line.text, { userId: 'U1' }).ok, line.id).toBe(false);
      expect(drafts.fill(started.value, section, line.text, { userId: 'U1' }).ok, line.id).toBe(false);
    }
  });

  it('refuses them in every free field of a delegation request and in comments, in the workflow itself', () => {
    const service = new DelegationService({ repository: new SqliteDelegationRepository(db), groups: { infirmier: ['UIDE'] }, now: () => new Date('2026-11-24T10:00:00Z') });
    const form = {
      delegueUserId: 'UIDE',
      delegueProfessionId: 'infirmier',
      acts: 'Test rapide angine',
      natures: ['diagnostique'],
      protocol: 'odynophagie',
      patients: 'Patients de 6 à 45 ans',
      setting: 'msp',
      startDate: '2026-11-24',
    };
    const context = { delegantUserId: 'UMED', catalog: realCatalog(), groups: { infirmier: ['UIDE'] }, today: '2026-11-24' };
    const valid = parseDraft(form, context);
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
    const { request } = service.create(valid.draft, 'key-valid');
    for (const line of positives) {
      for (const field of ['acts', 'patients', 'comment'] as const) {
        const result = parseDraft({ ...form, [field]: line.text }, context);
        expect(result.ok ? null : result.errors[field], `${line.id} ${field}`).toMatch(/n'a pas été enregistré/);
        expect(() => service.create({ ...valid.draft, [field]: line.text }, `${line.id}-${field}`), line.id).toThrow(PatientDataError);
      }
      const outcome = service.transition({ requestId: request.id, action: 'request_info', actorUserId: 'UIDE', expectedVersion: 1, comment: line.text });
      expect(outcome, line.id).toMatchObject({ ok: false, reason: 'patient_data' });
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const stored = storedBytes();
    expect(stored).toContain('Test rapide angine');
    for (const line of positives) expect(stored.includes(line.text), line.id).toBe(false);
  });
});
