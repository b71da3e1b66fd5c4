import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/database.ts';
import type { Draft, DraftKey } from '../../src/workflows/drafts/draft.ts';
import { DOCX_MIME, MARKDOWN_MIME, type DraftService } from '../../src/workflows/drafts/service.ts';
import { COMPLETE_SECTIONS, createService, model, openDraftDb, tempDir } from './fixtures.ts';
import { SqliteDraftRepository } from '../../src/workflows/drafts/sqlite-repository.ts';

const key: DraftKey = { platform: 'slack', channelId: 'C1', threadId: '1700000000.000100' };
const alice = { userId: 'U1', userName: 'Alice' };
const bob = { userId: 'U2', userName: 'Bob' };

function section(id: string) {
  const found = model.byId.get(id);
  if (!found) throw new Error(id);
  return found;
}

function fillAll(service: DraftService, draft: Draft, overrides: Record<string, string> = {}): void {
  for (const [id, text] of Object.entries({ ...COMPLETE_SECTIONS, ...overrides })) {
    const filled = service.fill(draft, section(id), text, alice);
    if (!filled.ok) throw new Error(filled.problem);
  }
}

describe('draft service on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let service: DraftService;

  beforeEach(() => {
    tmp = tempDir();
    db = openDraftDb(tmp.file);
    service = createService(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  function start(title = 'Cystite simple de la femme'): Draft {
    const started = service.start(key, title, alice);
    if (!started.ok) throw new Error(started.problem);
    return started.value;
  }

  it('starts one draft per thread, its title filling the intitulé', () => {
    const draft = start();
    expect(service.snapshot(draft).sections.get('intitule')?.revision).toMatchObject({ text: 'Cystite simple de la femme', author: alice });
    const again = service.start(key, 'Autre', bob);
    expect(again).toEqual({ ok: false, problem: expect.stringMatching(/déjà un brouillon/u) });
    expect(service.start({ ...key, threadId: 'other' }, '  ', bob)).toEqual({ ok: false, problem: expect.stringMatching(/Donnez un titre/u) });
  });

  it('starts atomically: a second connection losing the race gets « déjà un brouillon », and only one title revision exists', () => {
    const other = openDraftDb(tmp.file);
    try {
      const rival = createService(other);
      const first = service.start(key, 'Cystite', alice);
      const second = rival.start(key, 'Cystite bis', bob);
      expect(first.ok).toBe(true);
      expect(second).toEqual({ ok: false, problem: expect.stringMatching(/Ce fil contient déjà un brouillon/u) });
      expect(db.prepare('SELECT COUNT(*) AS n FROM protocol_draft_revisions').get()).toEqual({ n: 1 });
      // The repository itself answers null on the UNIQUE thread, inserting nothing.
      expect(new SqliteDraftRepository(other).create(key, 'Encore', bob, new Date(), 'intitule')).toBeNull();
      expect(db.prepare('SELECT COUNT(*) AS n FROM protocol_drafts').get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it('exports a version once: again with nothing changed gives no files, a change gives new ones', async () => {
    const draft = start('Cystite');
    fillAll(service, draft);
    const [first, second] = await Promise.all([service.export(draft, new Map()), service.export(draft, new Map())]);
    expect([first.files.length, second.files.length].sort()).toEqual([0, 2]);
    expect([first.unchanged, second.unchanged].sort()).toEqual([false, true]);
    expect((await service.export(draft, new Map())).unchanged).toBe(true);
    service.fill(draft, section('lieu'), 'MSP des Tilleuls, 3 rue des Lilas', bob);
    const third = await service.export(draft, new Map());
    expect(third).toMatchObject({ unchanged: false, files: [expect.anything(), expect.anything()] });
  });

  it('keeps every revision with who and when; the latest is the current text', () => {
    const draft = start();
    service.fill(draft, section('patients'), 'Femmes de 16 à 65 ans', alice);
    service.fill(draft, section('patients'), 'Femmes de 16 à 65 ans, hors grossesse', bob);
    const state = service.snapshot(draft).sections.get('patients');
    expect(state?.versions).toBe(2);
    expect(state?.revision).toMatchObject({ text: 'Femmes de 16 à 65 ans, hors grossesse', author: bob });
    const history = service.history(draft, section('patients'));
    expect(history.map((r) => [r.author.userName, r.text])).toEqual([
      ['Alice', 'Femmes de 16 à 65 ans'],
      ['Bob', 'Femmes de 16 à 65 ans, hors grossesse'],
    ]);
    expect(Date.parse(history[1]?.createdAt ?? '')).toBeGreaterThan(Date.parse(history[0]?.createdAt ?? ''));
  });

  it('refuses empty, too long, and patient-identifying text, saying why in French', () => {
    const draft = start();
    expect(service.fill(draft, section('patients'), '  ', alice)).toEqual({ ok: false, problem: expect.stringMatching(/est vide/u) });
    expect(service.fill(draft, section('patients'), 'x'.repeat(3001), alice)).toEqual({ ok: false, problem: expect.stringMatching(/trop long/u) });
    const refused = service.fill(draft, section('patients'), 'Par exemple Mme Durand née le 12/03/1950, tél. 06 12 34 56 78', alice);
    expect(refused).toEqual({ ok: false, problem: expect.stringMatching(/n'a pas été enregistré.*identifier un patient/su) });
    expect(service.snapshot(draft).sections.has('patients')).toBe(false);
    expect(service.start({ ...key, threadId: 't2' }, 'Suivi de Mme Durand née le 12/03/1950', alice).ok).toBe(false);
  });

  it('survives closing and reopening the database file', () => {
    const draft = start();
    service.fill(draft, section('actes'), 'bandelette urinaire', bob);
    db.close();
    db = openDraftDb(tmp.file);
    service = createService(db);
    const reopened = service.find(key);
    expect(reopened).toMatchObject({ id: draft.id, title: 'Cystite simple de la femme', createdBy: alice });
    expect(service.snapshot(reopened!).sections.get('actes')?.revision.author).toEqual(bob);
  });

  it('runs several drafts at once in different threads', () => {
    const first = start('Cystite');
    const second = service.start({ ...key, threadId: '1700000000.000200' }, 'Entorse de cheville', bob);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    service.fill(second.value, section('patients'), 'Adultes de 18 à 55 ans', bob);
    expect(service.snapshot(first).sections.has('patients')).toBe(false);
    expect(service.snapshot(second.value).sections.has('patients')).toBe(true);
    expect(service.findInChannel(first.id, 'slack', 'C1')?.id).toBe(first.id);
    expect(service.findInChannel(first.id, 'slack', 'C2')).toBeNull();
  });

  it('checks: missing sections and professions that may not take part block; national overlap warns', () => {
    const draft = start();
    let report = service.check(service.snapshot(draft));
    expect(report.ready).toBe(false);
    expect(report.missing.map((s) => s.id)).toContain('patients');
    expect(report.missing.map((s) => s.id)).not.toContain('indicateurs');

    fillAll(service, draft, { delegues: 'aide-soignant, plombier', patients: 'Femmes de 16 à 65 ans', formation: 'Formation par un médecin' });
    report = service.check(service.snapshot(draft));
    expect(report.missing).toEqual([]);
    expect(report.errors).toEqual([
      expect.stringMatching(/La profession « Aide-soignant » ne peut pas être délégué/u),
      expect.stringMatching(/« plombier » \(délégué\) n'est pas une profession que je reconnais/u),
    ]);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/protocole national « Pollakiurie et brûlure mictionnelle.* couvre déjà/u),
        expect.stringMatching(/critères d'exclusion/u),
        expect.stringMatching(/formation des délégués ne donne pas de durée/u),
      ]),
    );
    expect(report.ready).toBe(false);

    service.fill(draft, section('delegues'), 'infirmier ou pharmacien', alice);
    report = service.check(service.snapshot(draft));
    expect(report.errors).toEqual([]);
    expect(report.ready).toBe(true);
  });

  it('does not export an incomplete draft', async () => {
    const draft = start();
    const exported = await service.export(draft, new Map());
    expect(exported.files).toEqual([]);
    expect(service.find(key)?.exportedAt).toBeUndefined();
  });

  it('exports Markdown and DOCX with every section, authors, indicators and the declaration checklist', async () => {
    const draft = start();
    fillAll(service, draft);
    service.fill(draft, section('indicateurs'), 'Recueil trimestriel par la coordinatrice.', bob);
    const { files, report } = await service.export(draft, new Map([['U1', 'Alice Martin']]));
    expect(report.ready).toBe(true);
    expect(files.map((f) => [f.name, f.mimeType])).toEqual([
      ['protocole-cystite-simple-de-la-femme.md', MARKDOWN_MIME],
      ['protocole-cystite-simple-de-la-femme.docx', DOCX_MIME],
    ]);
    const markdown = files[0]!.content.toString('utf8');
    expect(markdown).toMatch(/^# Protocole local de coopération — Cystite simple de la femme/u);
    expect(markdown).toContain('## 7. Patients concernés (critères d\'inclusion et d\'exclusion)\n\nFemmes de 16 à 65 ans avec brûlures mictionnelles.');
    expect(markdown).toMatch(/_Texte rédigé par Alice Martin le 24\/11\/2026 à \d\d:\d\d\._/u);
    expect(markdown).toMatch(/_Texte rédigé par Bob le /u);
    expect(markdown).toMatch(/_Brouillon ouvert par Alice Martin le /u);
    expect(markdown).toContain('2. Taux de reprise par le délégant');
    expect(markdown).toContain('Recueil trimestriel par la coordinatrice.');
    expect(markdown).toContain('- [ ] La structure et son numéro FINESS');
    expect(markdown).toContain('RPPS ou ADELI');
    expect(markdown).toMatch(/## Points de vigilance\n\n- Le protocole national/u);

    const { value: docxText } = await mammoth.extractRawText({ buffer: files[1]!.content });
    expect(docxText).toContain('Protocole local de coopération — Cystite simple de la femme');
    for (const id of Object.keys(COMPLETE_SECTIONS)) {
      expect(docxText).toContain(section(id).label);
      for (const line of COMPLETE_SECTIONS[id]!.split('\n')) expect(docxText).toContain(line.replace(/^- /u, ''));
    }
    expect(docxText).toContain('Nombre de patients pris en charge dans le cadre du protocole');
    expect(docxText).toContain('La structure et son numéro FINESS');
    expect(docxText).toContain('Le référent du protocole et le responsable légal de la structure');
    expect(service.find(key)?.exportedAt).toBeDefined();
  });

  it('releases an export whose files did not get through, and never a later export', async () => {
    const draft = start();
    fillAll(service, draft);
    const first = await service.export(draft, new Map());
    expect(first.claim).not.toBeNull();
    expect((await service.export(draft, new Map())).unchanged).toBe(true);

    service.releaseExport(first.claim!);
    expect(service.find(key)?.exportedAt).toBeUndefined();
    const retry = await service.export(draft, new Map());
    expect(retry.files).toHaveLength(2);

    // A claim released late (after a newer version was exported) changes nothing.
    service.fill(draft, section('lieu'), 'MSP des Tilleuls', bob);
    const newer = await service.export(draft, new Map());
    service.releaseExport(retry.claim!);
    expect(newer.files).toHaveLength(2);
    expect((await service.export(draft, new Map())).unchanged).toBe(true);
  });
});
