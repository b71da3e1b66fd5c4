import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DRAFT_FORM_CALLBACK, DRAFT_PROPOSE_ACTION } from '../../src/workflows/drafts/section-form.ts';
import { selectStructuredSteps } from '../../src/app/create-coordo.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/log/logger.ts';
import { DRAFT_FILL_ACTION, DRAFT_USE_PROPOSAL_ACTION } from '../../src/workflows/drafts/replies.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.ts';
import { blockActionPayload, nextTs, sendCommand, sendEvent, sendInteraction, viewSubmissionPayload } from '../support/slack-requests.ts';
import { tempDir } from './fixtures.ts';
import { startDraftsSlack, threadReplyEvent, type DraftsSlack } from './slack-harness.ts';
import { ANSWERING_BUDGET_MS } from '../support/budgets.ts';

/**
 * « proposer <section> » and « Proposer un texte » in protocol drafts: the real
 * StructuredSteps against the OpenAI-compatible stub, the real Bolt app and the
 * fake Slack API, on a real SQLite file.
 */
interface Block {
  type: string;
  block_id?: string;
  elements?: { type?: string; action_id?: string; value?: string; text?: unknown }[];
  element?: { action_id?: string; initial_value?: string };
}
interface View {
  callback_id: string;
  private_metadata: string;
  blocks: Block[];
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROPOSAL = 'Femmes de 16 à 65 ans consultant pour des brûlures mictionnelles. Exclusion : grossesse, fièvre, [autres critères].';

let fake: FakeSlackApi;
let stub: FakeOpenAI;
let tmp: ReturnType<typeof tempDir>;
let app: DraftsSlack | undefined;

beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  stub = await startFakeOpenAI();
  tmp = tempDir();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && app) console.log(app.logs.join('\n'));
  await app?.close();
  app = undefined;
  await stub.close();
  tmp.cleanup();
});

/** The app with the steps the composition root builds from the settings (none without COORDO_CHAT_MODEL). */
async function start(chatModel: string | null): Promise<DraftsSlack> {
  const env = { OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: 'test-key', COORDO_LLM_TIMEOUT_MS: String(ANSWERING_BUDGET_MS), ...(chatModel ? { COORDO_CHAT_MODEL: chatModel } : {}) };
  const steps = await selectStructuredSteps(loadConfig(env, ROOT), createLogger('silent'));
  app = await startDraftsSlack(fake, tmp.file, { proposer: steps });
  return app;
}

const textOf = (call: SlackCall): string => JSON.stringify(call.params.blocks ?? call.params.text);
const inThread = (ts: string, contains: string) => (c: SlackCall) => c.params.thread_ts === ts && textOf(c).includes(contains);
const buttons = (blocks: unknown) => (blocks as Block[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const viewOf = (call: SlackCall): View => call.params.view as View;
const inputOf = (view: View): Block | undefined => view.blocks.find((b) => b.type === 'input');
const revisions = (a: DraftsSlack, section: string) =>
  a.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM protocol_draft_revisions WHERE section_id = ?').get(section)?.n;

async function startDraft(a: DraftsSlack, title: string): Promise<{ rootTs: string; draftId: string }> {
  await sendCommand(a.target, { text: `protocole ${title}`, responseUrl: fake.responseUrl(`start-${title}`) });
  const status = await fake.waitFor('chat.postMessage', (c) => typeof c.params.thread_ts === 'string' && textOf(c).includes(`Brouillon de protocole : ${title}`));
  const fill = buttons(status.params.blocks).find((b) => b.action_id === DRAFT_FILL_ACTION);
  return { rootTs: String(status.params.thread_ts), draftId: String(fill?.value) };
}

async function say(a: DraftsSlack, rootTs: string, text: string, expected: string): Promise<SlackCall> {
  await sendEvent(a.target, threadReplyEvent({ text, threadTs: rootTs }));
  return fake.waitFor('chat.postMessage', inThread(rootTs, expected));
}

describe('« proposer <section> » in a draft thread', () => {
  it('with a model: the proposal, labelled and not stored; « Reprendre dans le formulaire » opens the form pre-filled; saving stores it', async () => {
    const a = await start('fake-chat');
    const { rootTs } = await startDraft(a, 'Cystite simple');
    stub.chat({ kind: 'tool', arguments: JSON.stringify({ text: PROPOSAL }) });
    const posted = await say(a, rootTs, 'proposer patients', 'Proposition à relire — non enregistrée');
    expect(textOf(posted)).toContain('Femmes de 16 à 65 ans consultant');
    expect(textOf(posted)).toContain('« patient : texte »');
    expect(revisions(a, 'patients')).toBe(0);

    const request = stub.requests[0]?.body as { tools: { function: { name: string } }[]; messages: { content: string }[] };
    expect(request.tools[0]?.function.name).toBe('protocol_section');
    expect(request.messages[0]?.content).toContain('Protocole : Cystite simple');
    expect(request.messages[0]?.content).toContain('Section à rédiger : Patients concernés');

    const use = buttons(posted.params.blocks).find((b) => b.action_id === DRAFT_USE_PROPOSAL_ACTION);
    expect(use).toBeDefined();
    await sendInteraction(a.target, blockActionPayload({ actionId: DRAFT_USE_PROPOSAL_ACTION, value: String(use?.value), responseUrl: fake.responseUrl('use'), messageTs: rootTs }));
    const form = viewOf(await fake.waitFor('views.open'));
    expect(form.callback_id).toBe(DRAFT_FORM_CALLBACK);
    expect(inputOf(form)).toMatchObject({ block_id: 'draft_text_patients', element: { initial_value: PROPOSAL } });
    expect(JSON.stringify(form.blocks)).toContain('Proposition à relire — non enregistrée');
    expect(revisions(a, 'patients')).toBe(0);

    const saved = await sendInteraction(
      a.target,
      viewSubmissionPayload({
        callbackId: DRAFT_FORM_CALLBACK,
        privateMetadata: form.private_metadata,
        values: { draft_text_patients: { text: { type: 'plain_text_input', value: PROPOSAL.replace('[autres critères]', 'récidive') } } },
      }),
    );
    expect(saved.body).toBe('');
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'enregistrée'));
    expect(revisions(a, 'patients')).toBe(1);

    // A forged value (another channel) is refused.
    await sendInteraction(a.target, blockActionPayload({ actionId: DRAFT_USE_PROPOSAL_ACTION, value: String(use?.value), channelId: 'C0999', responseUrl: fake.responseUrl('forged'), messageTs: rootTs }));
    expect(String((await fake.waitFor('response_url', (c) => c.responseId === 'forged')).params.text)).toMatch(/Je ne retrouve pas ce brouillon/u);
  });

  it('with invalid model output: no proposal, the section help instead', async () => {
    const a = await start('fake-chat');
    const { rootTs } = await startDraft(a, 'Angine');
    stub.chat({ kind: 'tool', arguments: '{"text": "   "}' });
    const posted = await say(a, rootTs, 'propose un texte pour la section formation', 'Aucune proposition de texte n’est disponible pour le moment');
    expect(textOf(posted)).toContain('Ce que la section « Formation et expérience des délégués » doit contenir :');
    expect(buttons(posted.params.blocks ?? [])).toHaveLength(0);
    expect(stub.requests).toHaveLength(1);
  });

  it('without a model: a French message with the section help, and nothing reaches the model endpoint', async () => {
    const a = await start(null);
    const { rootTs, draftId } = await startDraft(a, 'Entorse');
    const posted = await say(a, rootTs, 'proposer patients', 'Aucune proposition de texte n’est disponible : Coordo fonctionne ici sans modèle de langue');
    expect(textOf(posted)).toContain('Ce que la section « Patients concernés (critères');

    // No « Proposer un texte » button in the form either.
    await sendInteraction(a.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, responseUrl: fake.responseUrl('fill'), messageTs: rootTs }));
    const form = viewOf(await fake.waitFor('views.open'));
    expect(JSON.stringify(form.blocks)).not.toContain(DRAFT_PROPOSE_ACTION);
    expect(stub.requests).toHaveLength(0);
  });
});

describe('« Proposer un texte » in the section form', () => {
  it('puts the proposal in the input (from what was typed), labelled; the user saves it', async () => {
    const a = await start('fake-chat');
    const { rootTs, draftId } = await startDraft(a, 'Lombalgie');
    await sendInteraction(a.target, blockActionPayload({ actionId: DRAFT_FILL_ACTION, value: draftId, responseUrl: fake.responseUrl('fill'), messageTs: rootTs }));
    const opened = viewOf(await fake.waitFor('views.open'));
    const input = inputOf(opened);
    const section = String(input?.block_id).replace('draft_text_', '');
    const propose = buttons(opened.blocks).find((b) => b.action_id === DRAFT_PROPOSE_ACTION);
    expect(propose?.value).toBe(section);

    stub.chat({ kind: 'tool', arguments: JSON.stringify({ text: 'Les médecins généralistes de la [structure].' }) });
    const typed = 'médecins de la MSP';
    await sendInteraction(a.target, {
      type: 'block_actions',
      team: { id: 'T0001', domain: 'coordo' },
      user: { id: 'U0003', username: 'carol', name: 'carol', team_id: 'T0001' },
      api_app_id: 'A0001',
      token: 'legacy-unused',
      trigger_id: `T${Date.now()}.trigger`,
      container: { type: 'view', view_id: 'VFORM' },
      view: { ...opened, id: 'VFORM', hash: 'h1', state: { values: { [`draft_text_${section}`]: { text: { type: 'plain_text_input', value: typed } } } } },
      actions: [{ type: 'button', action_id: DRAFT_PROPOSE_ACTION, block_id: 'draft_propose', value: section, action_ts: nextTs() }],
    });
    const waiting = await fake.waitFor('views.update');
    expect(waiting.params).toMatchObject({ view_id: 'VFORM', hash: 'h1' });
    expect(JSON.stringify(waiting.params.view)).toContain('Rédaction d’une proposition en cours');
    expect(inputOf(viewOf(waiting))?.element?.action_id).toBe('text'); // what was typed stays while waiting

    const shown = await fake.waitFor('views.update', (c) => JSON.stringify(c.params.view).includes('non enregistrée'));
    const proposed = inputOf(viewOf(shown));
    expect(proposed?.element?.initial_value).toBe('Les médecins généralistes de la [structure].');
    expect(proposed?.element?.action_id).not.toBe('text'); // a new id, so Slack shows the proposal
    expect((stub.requests[0]?.body as { messages: { content: string }[] }).messages[0]?.content).toContain(`Texte déjà écrit par l'équipe : ${typed}`);
    expect(revisions(a, section)).toBe(0);

    const saved = await sendInteraction(
      a.target,
      viewSubmissionPayload({
        callbackId: DRAFT_FORM_CALLBACK,
        privateMetadata: viewOf(shown).private_metadata,
        values: { [`draft_text_${section}`]: { [String(proposed?.element?.action_id)]: { type: 'plain_text_input', value: 'Les médecins généralistes de la MSP des Tilleuls.' } } },
      }),
    );
    expect(saved.body).toBe('');
    await fake.waitFor('chat.postMessage', inThread(rootTs, 'enregistrée'));
    expect(revisions(a, section)).toBe(1);
  });
});
