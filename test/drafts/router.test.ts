import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities, Platform } from '../../src/core/capabilities.ts';
import type { Effect } from '../../src/core/effect.ts';
import { isField, type FormSpec } from '../../src/core/form.ts';
import type { Interaction } from '../../src/core/interaction.ts';
import { Router } from '../../src/core/router.ts';
import { createLogger } from '../../src/log/logger.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { migrate, type Db } from '../../src/store/database.ts';
import { EventDedup } from '../../src/store/handled-events.ts';
import type { Draft } from '../../src/workflows/drafts/draft.ts';
import { draftInteractions } from '../../src/workflows/drafts/interactions.ts';
import { DRAFT_EXPORT_ACTION, DRAFT_FILL_ACTION } from '../../src/workflows/drafts/replies.ts';
import { ANY_SECTION_TEXT_FIELD, DRAFT_FORM_CALLBACK, DRAFT_PROPOSE_ACTION, SECTION_FIELD } from '../../src/workflows/drafts/section-form.ts';
import { SLACK_PLATFORM } from '../../src/adapters/slack/markup.ts';
import { MATTERMOST_PLATFORM } from '../../src/adapters/mattermost/markup.ts';
import { DraftWorkflow } from '../../src/workflows/drafts/workflow.ts';
import { COMPLETE_SECTIONS, createService, openDraftDb, tempDir } from './fixtures.ts';

/** Draft buttons and forms at the router: interactions in, Effect[] out, no platform. */
const markup = { mention: (u: string) => `@${u}`, channel: (c: string) => `~${c}`, text: (t: string) => t, bold: (t: string) => `**${t}**` };
const FULL: Capabilities = { liveFormUpdate: true, datePicker: true, ephemeralInThread: true, messageShortcut: true };
const platform: Platform = { capabilities: FULL, markup };
const GUEST = 'guest';
const actor = (userId = 'alice') => ({ platform: 'cli' as const, userId, name: 'Alice' });

let db: Db;
let tmp: ReturnType<typeof tempDir>;
let router: Router;
let workflow: DraftWorkflow;
let draft: Draft;
let proposer: ((text: string) => Promise<string | null>) | undefined;

function build(): void {
  workflow = new DraftWorkflow(createService(db), proposer && { proposeSectionText: (r) => proposer!(r.sectionTitle) });
  workflow.usePeople('cli', { writeRefusal: async (userId) => (userId === GUEST ? 'Lecture seule.' : null), names: async () => new Map() });
  const dedup = new EventDedup(db);
  router = new Router([draftInteractions({ workflow, dedup: () => dedup, logger: createLogger('silent') })]);
}

beforeEach(async () => {
  tmp = tempDir();
  db = openDraftDb(tmp.file);
  migrate(db, conversationMigrations);
  proposer = undefined;
  build();
  const check = await workflow.checkStart('Cystite simple', { userId: 'alice' }, 'cli');
  if (!check.ok) throw new Error('start refused');
  const started = await check.open({ platform: 'cli', channelId: 'C1', threadId: 'T1' });
  if (!started.draft) throw new Error('no draft');
  draft = started.draft;
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const route = (interaction: Interaction) => router.route(interaction, platform);
const click = (actionId: string, value: string, userId?: string, conversationId = 'C1') =>
  route({ kind: 'action', actor: actor(userId), actionId, value, place: { conversationId } });
const formOf = (effects: Effect[]): FormSpec => {
  const found = effects.find((e) => e.kind === 'open_form' || e.kind === 'update_form');
  if (!found || (found.kind !== 'open_form' && found.kind !== 'update_form')) throw new Error(JSON.stringify(effects));
  return found.form;
};
const textField = (form: FormSpec) => form.items.find((i) => isField(i) && i.id.startsWith('draft_text_'));
const submit = (values: Record<string, string>, metadata: string, submissionId = 'S1', userId?: string) =>
  route({ kind: 'form_submit', actor: actor(userId), formId: DRAFT_FORM_CALLBACK, values, metadata, submissionId });
const runAll = async (effects: Effect[]): Promise<Effect[]> =>
  (await Promise.all(effects.map(async (e) => (e.kind === 'continue' ? runAll(await e.run()) : [e])))).flat();

describe('the section form', () => {
  it('opens on the first missing section, only from the draft’s conversation; a guest is refused', async () => {
    const form = formOf(await click(DRAFT_FILL_ACTION, String(draft.id)));
    expect(textField(form)).toMatchObject({ id: 'draft_text_delegants', kind: 'long_text' });
    expect((await click(DRAFT_FILL_ACTION, String(draft.id), undefined, 'OTHER'))[0]).toMatchObject({ kind: 'reply', text: expect.stringContaining('Je ne retrouve pas') });
    expect(await click(DRAFT_FILL_ACTION, String(draft.id), GUEST)).toEqual([{ kind: 'reply', visibility: 'private', text: 'Lecture seule.' }]);
  });

  it('changes section live, and saves a section once for a form sent twice', async () => {
    const opened = formOf(await click(DRAFT_FILL_ACTION, String(draft.id)));
    const changed = formOf(await route({ kind: 'form_change', actor: actor(), formId: DRAFT_FORM_CALLBACK, fieldId: SECTION_FIELD, value: 'patients', metadata: opened.metadata ?? '' }));
    expect(textField(changed)?.id).toBe('draft_text_patients');
    const first = await runAll(await submit({ draft_text_patients: COMPLETE_SECTIONS.patients ?? '' }, changed.metadata ?? ''));
    expect(first).toMatchObject([{ kind: 'post', place: { conversationId: 'C1', threadId: 'T1' }, reply: { text: expect.stringContaining('enregistrée') } }]);
    expect(await runAll(await submit({ draft_text_patients: 'autre' }, changed.metadata ?? ''))).toEqual([]);
  });

  it('refuses a text with patient identifiers on its field, before anything is stored', async () => {
    const opened = formOf(await click(DRAFT_FILL_ACTION, String(draft.id)));
    const effects = await submit({ draft_text_delegants: 'Mme Durand née le 03/04/1950' }, opened.metadata ?? '', 'S2');
    expect(effects[0]).toMatchObject({ kind: 'form_errors', errors: { draft_text_delegants: expect.any(String) } });
  });

  it('proposes a text inside the form: waiting, then the proposal in a new input; nothing stored', async () => {
    proposer = async () => 'Texte proposé.';
    build();
    const before = workflow.service.snapshot(draft).sections.size;
    const opened = formOf(await click(DRAFT_FILL_ACTION, String(draft.id)));
    expect(JSON.stringify(opened.items)).toContain(DRAFT_PROPOSE_ACTION);
    const effects = await route({
      kind: 'action',
      actor: actor(),
      actionId: DRAFT_PROPOSE_ACTION,
      value: 'delegants',
      place: {},
      form: { formId: DRAFT_FORM_CALLBACK, metadata: opened.metadata ?? '', values: { draft_text_delegants: 'typed' } },
    });
    const waiting = effects[0];
    if (waiting?.kind !== 'update_form' || !waiting.refine) throw new Error('waiting form expected');
    expect(JSON.stringify(waiting.form.items)).toContain('Rédaction d’une proposition');
    const proposed = await waiting.refine();
    expect(textField(proposed!)).toMatchObject({ initial: 'Texte proposé.', inputId: expect.stringMatching(/^text_/u) });
    expect(workflow.service.snapshot(draft).sections.size).toBe(before);
  });

  it('exports in the thread, with files, and releases the export if they do not get through', async () => {
    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) {
      const section = workflow.service.model.byId.get(id);
      if (section) workflow.service.fill(draft, section, text, { userId: 'alice' });
    }
    const effects = await click(DRAFT_EXPORT_ACTION, String(draft.id));
    const post = effects[0];
    if (post?.kind !== 'post' || !post.filesFailed) throw new Error(JSON.stringify(effects));
    expect(post.reply.files?.map((f) => f.name.split('.').at(-1))).toEqual(['md', 'docx']);
    expect(post.filesFailed()).toMatch(/Réessayez « exporter »/u);
    const again = await click(DRAFT_EXPORT_ACTION, String(draft.id));
    expect(again[0]?.kind === 'post' ? again[0].reply.files?.length : 0).toBe(2);
  });
});

describe.each([
  ['slack', SLACK_PLATFORM],
  ['mattermost', MATTERMOST_PLATFORM],
] as const)('the section form for a %s actor', (name, shown) => {
  const person = (userId: string) => ({ platform: name, userId });
  const live = shown.capabilities.liveFormUpdate;
  let here: Draft;
  beforeEach(async () => {
    workflow.usePeople(name, { writeRefusal: async (userId) => (userId === GUEST ? 'Lecture seule.' : null), names: async () => new Map() });
    const check = await workflow.checkStart('Angine', { userId: 'alice' }, name);
    if (!check.ok) throw new Error('start refused');
    const started = await check.open({ platform: name, channelId: 'C9', threadId: 'T9' });
    if (!started.draft) throw new Error('no draft');
    here = started.draft;
  });
  const at = (interaction: Interaction) => router.route(interaction, shown);
  const open = async () => formOf(await at({ kind: 'action', actor: person('alice'), actionId: DRAFT_FILL_ACTION, value: String(here.id), place: { conversationId: 'C9' } }));
  // What the platform sends back: the text field shown (live), or the picker and the one text field.
  const values = (section: string, text: string): Record<string, string> => (live ? { [`draft_text_${section}`]: text } : { [SECTION_FIELD]: section, [ANY_SECTION_TEXT_FIELD]: text });
  const send = (vals: Record<string, string>, metadata: string, userId = 'alice', submissionId = `S-${name}-${userId}`) =>
    at({ kind: 'form_submit', actor: person(userId), formId: DRAFT_FORM_CALLBACK, values: vals, metadata, submissionId });

  it('fills the chosen section, answers per field, refuses a guest, exports once per version', async () => {
    const form = await open();
    const picker = form.items.find((i) => isField(i) && i.id === SECTION_FIELD);
    expect(picker).toMatchObject({ kind: 'select', live });
    const errors = (await send({}, form.metadata ?? '', 'alice', 'empty'))[0];
    expect(errors).toMatchObject({ kind: 'form_errors' });
    if (!live) expect(Object.keys(errors?.kind === 'form_errors' ? errors.errors : {})).toEqual([SECTION_FIELD, ANY_SECTION_TEXT_FIELD]);
    expect(await runAll(await send(values('patients', COMPLETE_SECTIONS.patients ?? ''), form.metadata ?? ''))).toMatchObject([
      { kind: 'post', place: { conversationId: 'C9', threadId: 'T9' }, reply: { text: expect.stringContaining('enregistrée') } },
    ]);
    expect(await runAll(await send(values('formation', 'Dix heures.'), form.metadata ?? '', GUEST))).toMatchObject([{ kind: 'post', reply: { text: 'Lecture seule.' } }]);
    expect(workflow.service.snapshot(here).sections.has('formation')).toBe(false);
    for (const [id, text] of Object.entries(COMPLETE_SECTIONS)) {
      const section = workflow.service.model.byId.get(id);
      if (section) workflow.service.fill(here, section, text, { userId: 'alice' });
    }
    const exportOf = async () => {
      const [post] = await at({ kind: 'action', actor: person('alice'), actionId: DRAFT_EXPORT_ACTION, value: String(here.id), place: { conversationId: 'C9' } });
      return post?.kind === 'post' ? post.reply : undefined;
    };
    expect((await exportOf())?.files?.length).toBe(2);
    expect((await exportOf())?.files).toBeUndefined();
  });
});
