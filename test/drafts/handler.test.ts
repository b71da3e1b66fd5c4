import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import type { Handler } from '../../src/engine/handler.ts';
import { IncomingMessageSchema, type IncomingMessageInput } from '../../src/engine/message.ts';
import { clinicalGuardHandler } from '../../src/answer/clinical-guard.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Db } from '../../src/store/database.ts';
import { createDraftHandler, START_NEEDS_THREAD, type DraftHandler } from '../../src/workflows/drafts/handler.ts';
import { DRAFT_EXPORT_ACTION, DRAFT_FILL_ACTION } from '../../src/workflows/drafts/replies.ts';
import { DraftWorkflow } from '../../src/workflows/drafts/workflow.ts';
import { COMPLETE_SECTIONS, createService, openDraftDb, tempDir } from './fixtures.ts';

/** Stands for the knowledge base: answers anything, records what reached it. */
function knowledgeStub(seen: string[]): Handler {
  return {
    name: 'kb',
    async handle(message) {
      seen.push(message.text);
      return { kind: 'answer', text: 'Réponse de la base.', citations: [], confident: true };
    },
  };
}

const inThread = (text: string, threadId = 'T1', userId = 'U1'): IncomingMessageInput => ({
  text,
  conversation: { platform: 'cli', userId, userName: userId === 'U1' ? 'Alice' : 'Bob', channelId: 'C1', threadId },
});

describe('draft handler through the engine', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let engine: Engine;
  let handler: DraftHandler;
  let seen: string[];

  beforeEach(() => {
    tmp = tempDir();
    db = openDraftDb(tmp.file);
    seen = [];
    handler = createDraftHandler({ workflow: new DraftWorkflow(createService(db)), logger: silentLogger });
    engine = new Engine([handler, clinicalGuardHandler, knowledgeStub(seen)], silentLogger);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('starts a draft on « nouveau protocole <titre> » and shows the sections with buttons', async () => {
    const reply = await engine.handle(inThread('nouveau protocole Cystite simple'));
    expect(reply.kind).toBe('workflow');
    expect(reply.text).toContain('**Brouillon de protocole : Cystite simple** — 1 section(s) remplie(s) sur 14');
    expect(reply.text).toMatch(/✅ \*\*1\. Intitulé du protocole\*\* : Cystite simple _\(rédigé par Alice le/u);
    expect(reply.text).toContain('⬜ **7. Patients concernés (critères d\'inclusion et d\'exclusion)** : à compléter');
    expect(reply.buttons?.map((b) => b.actionId)).toEqual([DRAFT_FILL_ACTION, DRAFT_EXPORT_ACTION]);
    expect((await engine.handle(inThread('nouveau protocole'))).text).toMatch(/Donnez un titre/u);
  });

  it('starts a draft only in a thread: a slash command or a message without thread is pointed to /coordo protocole', async () => {
    const noThread: IncomingMessageInput = { text: 'nouveau protocole Cystite', conversation: { platform: 'cli', userId: 'U1', channelId: 'C1' } };
    for (const message of [noThread, { ...inThread('nouveau protocole Cystite'), command: true }]) {
      const reply = await engine.handle(message);
      expect(reply).toMatchObject({ kind: 'invalid', text: START_NEEDS_THREAD, ephemeral: true });
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM protocol_drafts').get()).toEqual({ n: 0 });
    expect((await engine.handle(inThread('nouveau protocole Cystite'))).kind).toBe('workflow');
  });

  it('refuses writing to whoever DraftPeople refuses, and still lets them read', async () => {
    const workflow = new DraftWorkflow(createService(db));
    workflow.usePeople('cli', { writeRefusal: async (userId) => (userId === 'U2' ? 'Lecture seule.' : null), names: async () => new Map([['U1', 'Alice Martin']]) });
    const guarded = new Engine([createDraftHandler({ workflow, logger: silentLogger })], silentLogger);
    expect((await guarded.handle(inThread('nouveau protocole Cystite', 'T9', 'U2'))).text).toBe('Lecture seule.');
    expect((await guarded.handle(inThread('nouveau protocole Cystite', 'T9'))).text).toContain('ouvert par Alice Martin');
    for (const text of ['patients : tous', 'exporter', 'proposer patients']) {
      expect(await guarded.handle(inThread(text, 'T9', 'U2'))).toMatchObject({ kind: 'refusal', text: 'Lecture seule.', ephemeral: true });
    }
    expect((await guarded.handle(inThread('état', 'T9', 'U2'))).text).toContain('1 section(s) remplie(s)');
  });

  it('fills and edits sections by reply, keeps questions for the knowledge base', async () => {
    await engine.handle(inThread('nouveau protocole Cystite'));
    const filled = await engine.handle(inThread('Patients : femmes de 16 à 65 ans'));
    expect(filled.text).toMatch(/^Section « Patients concernés \(critères d'inclusion et d'exclusion\) » enregistrée : rédigé par Alice/u);
    expect(filled.text).toContain('Reste à compléter');
    const edited = await engine.handle(inThread('critères: femmes de 16 à 65 ans, hors grossesse', 'T1', 'U2'));
    expect(edited.text).toMatch(/mise à jour \(version 2\) : rédigé par Bob/u);

    const status = await engine.handle(inThread('état'));
    expect(status.text).toContain('femmes de 16 à 65 ans, hors grossesse _(rédigé par Bob le');
    expect(status.text).toContain('(2 versions)');
    const history = await engine.handle(inThread('historique patients'));
    expect(history.text).toMatch(/Version 1, Alice .*\n- Version 2, Bob/u);

    expect(seen).toEqual([]);
    expect((await engine.handle(inThread('Qui peut être délégué ?'))).text).toBe('Réponse de la base.');
    expect((await engine.handle(inThread('état', 'other-thread'))).text).toBe('Réponse de la base.');
    expect(seen).toEqual(['Qui peut être délégué ?', 'état']);
  });

  it('names an unknown section when addressed, stays quiet on plain thread replies', async () => {
    await engine.handle(inThread('nouveau protocole Cystite'));
    const reply = await engine.handle(inThread('patiens : femmes'));
    expect(reply.kind).toBe('invalid');
    expect(reply.text).toMatch(/Je ne connais pas de section « patiens »/u);
    expect(await handler.handleThreadReply(IncomingMessageSchema.parse(inThread('Remarque : on en parle lundi')))).toBeNull();
    const fill = await handler.handleThreadReply(IncomingMessageSchema.parse(inThread('formation : 6 h')));
    expect(fill?.text).toMatch(/Section « Formation et expérience des délégués » enregistrée/u);
  });

  it('lists the sections on « aide » in a draft thread', async () => {
    await engine.handle(inThread('nouveau protocole Cystite'));
    const help = await engine.handle(inThread('aide'));
    expect(help.kind).toBe('help');
    expect(help.text).toContain('**13. Indicateurs annuels** (facultatif)');
  });

  it('refuses to export an incomplete draft, then exports both files once complete', async () => {
    await engine.handle(inThread('nouveau protocole Cystite'));
    const blocked = await engine.handle(inThread('exporter'));
    expect(blocked.kind).toBe('invalid');
    expect(blocked.files).toBeUndefined();
    expect(blocked.text).toMatch(/\*\*À compléter :\*\* Profession\(s\) du ou des délégants/u);

    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) await engine.handle(inThread(`${id} : ${text}`));
    const exported = await engine.handle(inThread('Exporter'));
    expect(exported.kind).toBe('workflow');
    expect(exported.files?.map((f) => f.name)).toEqual(['protocole-cystite.md', 'protocole-cystite.docx']);
    expect(exported.text).toContain('**Pour la déclaration à l’ARS, préparez :**');
    expect(exported.text).toContain('- La structure et son numéro FINESS');
    expect(exported.text).toMatch(/Points de vigilance.*protocole national/su);
    const { value } = await mammoth.extractRawText({ buffer: exported.files![1]!.content });
    expect(value).toContain('Réduire le délai de prise en charge des cystites simples.');
  });

  it('stores clinical wording in a draft thread (placed before the clinical guard), which still refuses it elsewhere', async () => {
    await engine.handle(inThread('nouveau protocole Cystite'));
    const text = 'actes : prescription de fosfomycine 3 g en dose unique';
    expect((await engine.handle(inThread(text))).text).toMatch(/Section « Actes dérogatoires » enregistrée/u);
    expect((await engine.handle(inThread(text, 'other-thread'))).kind).toBe('refusal');
  });
});
