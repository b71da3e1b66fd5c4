import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_SHORTCUT } from '../../src/workflows/delegation/ids.ts';
import { selectStructuredSteps } from '../../src/app/create-coordo.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { DelegationFieldsReader } from '../../src/workflows/delegation/prefill.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.ts';
import { sendCommand, sendInteraction } from '../support/slack-requests.ts';
import { CHANNEL, NURSE, REQUESTER, startDelegationSlack, today, type DelegationSlack } from './slack-harness.ts';
import { tempDbFile } from './temp-db.ts';
import { ANSWERING_BUDGET_MS } from '../support/budgets.ts';

/**
 * The request form pre-filled by the model (real StructuredSteps against the
 * OpenAI-compatible stub) through the real Bolt app and the fake Slack API.
 */
let fake: FakeSlackApi;
let stub: FakeOpenAI;
let app: DelegationSlack | undefined;
let dbFile: string;
let cleanup: () => void;

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The steps as the composition root builds them from the settings (undefined without COORDO_CHAT_MODEL). */
async function steps(chatModel: string | null): Promise<DelegationFieldsReader | undefined> {
  const env = { OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: 'test-key', COORDO_LLM_TIMEOUT_MS: String(ANSWERING_BUDGET_MS), ...(chatModel ? { COORDO_CHAT_MODEL: chatModel } : {}) };
  return selectStructuredSteps(loadConfig(env, ROOT), createLogger('silent'));
}

async function start(chatModel: string | null = 'fake-chat'): Promise<DelegationSlack> {
  app = await startDelegationSlack(fake, dbFile, { fieldsReader: await steps(chatModel) });
  return app;
}

beforeEach(async () => {
  fake = await startFakeSlackApi();
  stub = await startFakeOpenAI();
  ({ file: dbFile, cleanup } = tempDbFile());
});
afterEach(async () => {
  await app?.server.close();
  app = undefined;
  await fake.close();
  await stub.close();
  cleanup();
});

const inDays = (days: number): string => new Date(Date.parse(`${today()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const viewText = (call: SlackCall): string => JSON.stringify(call.params.view);
const stored = (a: DelegationSlack) => a.server.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM delegation_requests').get()?.n;

function shortcut(text: string): Record<string, unknown> {
  return {
    type: 'message_action',
    callback_id: MESSAGE_SHORTCUT,
    trigger_id: 'trig-shortcut',
    team: { id: 'T0001', domain: 'coordo' },
    user: { id: REQUESTER, name: 'med', team_id: 'T0001' },
    channel: { id: CHANNEL, name: 'demandes' },
    message: { type: 'message', ts: '1.1', user: NURSE, text },
    message_ts: '1.1',
    response_url: fake.responseUrl('shortcut'),
    token: 'legacy-unused',
    action_ts: '1.2',
  };
}

/** The waiting view opened on the trigger, then the form put in its place. */
async function openedThenFilled(triggerId: string): Promise<{ open: SlackCall; form: SlackCall }> {
  const open = await fake.waitFor('views.open', (c) => c.params.trigger_id === triggerId);
  const form = await fake.waitFor('views.update');
  return { open, form };
}

const MESSAGE = 'Je voudrais que les infirmiers de la MSP prennent en charge les cystites simples des femmes de 16 à 65 ans dans un mois.';

describe('the request form pre-filled by the model', () => {
  it('`/coordo demande <texte>`: waiting view at once, then every field the model read, checked like the form; nothing stored', async () => {
    const a = await start();
    const startDate = inDays(30);
    stub.chat({
      kind: 'tool',
      arguments: JSON.stringify({
        delegueProfessionId: 'infirmier',
        acts: 'Prise en charge des cystites simples (bandelette, antibiotique selon le protocole)',
        natures: ['diagnostique', 'therapeutique', 'therapeutique'],
        protocol: 'cystite',
        patients: 'Femmes de 16 à 65 ans',
        setting: 'msp',
        startDate,
        comment: null,
      }),
    });
    await sendCommand(a.target, { text: `demande ${MESSAGE}`, responseUrl: fake.responseUrl('cmd'), userId: REQUESTER, triggerId: 'trig-1' });
    const { open, form } = await openedThenFilled('trig-1');

    expect(viewText(open)).toContain('Je lis le message pour pré-remplir le formulaire');
    expect(viewText(open)).not.toContain('delegation_request_form');
    expect(form.params.view_id).toMatch(/^V\d+$/);
    const view = viewText(form);
    expect(view).toContain('"callback_id":"delegation_request_form"');
    expect(view).toContain('Formulaire pré-rempli automatiquement');
    expect(view).toContain('"initial_option":{"value":"infirmier"');
    expect(view).toContain('"initial_option":{"value":"cystite"');
    expect(view).toContain('"initial_option":{"value":"msp"');
    expect(view).toContain('"initial_options":[{"value":"diagnostique"');
    expect(view).toContain('"initial_value":"Prise en charge des cystites simples (bandelette, antibiotique selon le protocole)"');
    expect(view).toContain('"initial_value":"Femmes de 16 à 65 ans"');
    expect(view).toContain(`"initial_date":"${startDate}"`);
    expect(JSON.parse(String((form.params.view as { private_metadata: string }).private_metadata))).toEqual({
      protocol: 'cystite',
      profession: 'infirmier',
      natures: ['diagnostique', 'therapeutique'],
      setting: 'msp',
      startDate,
    });

    // The model got the text and the team's registries, délégué professions only.
    const body = stub.requests[0]?.body as { messages: { content: string }[]; tools: { function: { name: string; parameters: unknown } }[] };
    expect(body.tools[0]?.function.name).toBe('delegation_fields');
    expect(body.messages[1]?.content).toBe(MESSAGE);
    expect(JSON.stringify(body.tools[0]?.function.parameters)).toContain('"infirmier"');
    expect(JSON.stringify(body.tools[0]?.function.parameters)).not.toContain('"aide-soignant"');
    expect(stored(a)).toBe(0);
    expect(a.logs.some((l) => l.includes('"event":"delegation.prefill"') && l.includes('"source":"model"'))).toBe(true);
    expect(a.logs.join('\n')).not.toContain('cystites');
  });

  it('drops what the form would refuse: a past date, a text naming a patient', async () => {
    const a = await start();
    stub.chat({
      kind: 'tool',
      arguments: JSON.stringify({
        delegueProfessionId: 'infirmier',
        acts: null,
        natures: [],
        protocol: 'nouveau-protocole-local',
        patients: 'Patiente NIR 1 85 05 78 006 084 91',
        setting: null,
        startDate: '2020-01-06',
        comment: null,
      }),
    });
    await sendCommand(a.target, { text: 'demande sutures de plaies simples', responseUrl: fake.responseUrl('cmd'), userId: REQUESTER, triggerId: 'trig-2' });
    const view = viewText((await openedThenFilled('trig-2')).form);
    expect(view).toContain('"initial_option":{"value":"nouveau-protocole-local"');
    expect(view).toContain('"initial_value":"sutures de plaies simples"'); // no acts read: the text, as offline
    expect(view).toContain('"value":"sutures-plaies-urgences"'); // suggested from those acts
    expect(view).toContain(`"initial_date":"${today()}"`);
    expect(view).not.toContain('006 084');
    expect(view).not.toContain('initial_options');
  });

  it('message shortcut with invalid model output: the offline pre-fill (the text as acts, protocols suggested)', async () => {
    const a = await start();
    stub.chat({ kind: 'tool', arguments: '{"delegueProfessionId":"astronaute","acts":"x","natures":[],"protocol":null,"patients":null,"setting":null,"startDate":null,"comment":null}' });
    await sendInteraction(a.target, shortcut('Peux-tu prendre les angines le samedi ?'));
    const { form } = await openedThenFilled('trig-shortcut');
    const view = viewText(form);
    expect(view).toContain('"initial_value":"Peux-tu prendre les angines le samedi ?"');
    expect(view).toContain('"value":"odynophagie"');
    expect(view).not.toContain('Formulaire pré-rempli automatiquement');
    expect(view).not.toContain('initial_option"');
    expect(stub.requests).toHaveLength(1);
    expect(a.logs.some((l) => l.includes('"event":"delegation.prefill"') && l.includes('"source":"offline"'))).toBe(true);
  });

  it('says at once that the form could not be opened when Slack gives the waiting view no id, without asking the model', async () => {
    const a = await start();
    fake.respond('views.open', () => ({ ok: true }));
    await sendCommand(a.target, { text: `demande ${MESSAGE}`, responseUrl: fake.responseUrl('no-view'), userId: REQUESTER, triggerId: 'trig-4' });
    const told = await fake.waitFor('response_url', (c) => c.responseId === 'no-view');
    expect(String(told.params.text)).toBe("Je n'ai pas pu ouvrir le formulaire de demande de délégation. Réessayez dans un instant.");
    expect(stub.requests).toHaveLength(0);
    expect(fake.callsTo('views.update')).toHaveLength(0);
  });

  it('model unreachable: the offline pre-fill too', async () => {
    const a = await start();
    stub.chat({ kind: 'status', status: 500 });
    await sendInteraction(a.target, shortcut('Peux-tu prendre les angines le samedi ?'));
    const view = viewText((await openedThenFilled('trig-shortcut')).form);
    expect(view).toContain('"initial_value":"Peux-tu prendre les angines le samedi ?"');
  });

  it('without a chat model: the form opens at once, offline, and nothing reaches the model endpoint', async () => {
    const a = await start(null);
    await sendInteraction(a.target, shortcut('Peux-tu prendre les angines le samedi ?'));
    const open = await fake.waitFor('views.open', (c) => c.params.trigger_id === 'trig-shortcut');
    expect(viewText(open)).toContain('"initial_value":"Peux-tu prendre les angines le samedi ?"');
    await sendCommand(a.target, { text: 'demande sutures de plaies simples', responseUrl: fake.responseUrl('cmd'), userId: REQUESTER, triggerId: 'trig-3' });
    await fake.waitFor('views.open', (c) => c.params.trigger_id === 'trig-3');
    expect(fake.callsTo('views.update')).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  });
});
