import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clinicalRefusal } from '../../src/answer/clinical-guard.ts';
import { createCore, type CoordoCore } from '../../src/app/create-coordo.ts';
import { loadConfig } from '../../src/config/env.ts';
import type { Reply } from '../../src/engine/reply.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createChatModel } from '../../src/llm/chat-model.ts';
import { createIntentHandler } from '../../src/workflows/delegation/intent-handler.ts';
import type { PromptName } from '../../src/llm/prompts.ts';
import { loadPrompt } from '../../src/llm/prompts.ts';
import { StructuredSteps } from '../../src/llm/structured.ts';
import { OPEN_FORM_ACTION, openFormButton, readPrefill } from '../../src/workflows/delegation/open-form-button.ts';
import { realCatalog } from '../delegation/catalog.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { ANSWERING_BUDGET_MS, HANGING_BUDGET_MS } from '../support/budgets.ts';

/**
 * The intent handler as the composition root wires it (real core, shipped
 * knowledge base, real StructuredSteps against the OpenAI-compatible stub).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const REQUEST = 'Je voudrais confier à l’infirmière les cystites simples des femmes de 16 à 65 ans dès le mois prochain';

let stub: FakeOpenAI;
let dataDir: string;
let logs: string[] = [];

beforeAll(async () => {
  stub = await startFakeOpenAI();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-intent-'));
});
afterAll(async () => {
  await stub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  stub.requests.length = 0;
  logs.length = 0;
});

function core(chatModel: string | null, budgetMs = ANSWERING_BUDGET_MS): Promise<CoordoCore> {
  const env = { COORDO_DATA_DIR: dataDir, OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: 'test-key', COORDO_LLM_TIMEOUT_MS: String(budgetMs), ...(chatModel ? { COORDO_CHAT_MODEL: chatModel } : {}) };
  return createCore(loadConfig(env, ROOT), { logger: createLogger('info', (l) => logs.push(l)), offerRequestForm: openFormButton });
}

const ask = (c: CoordoCore, text: string): Promise<Reply> => c.engine.handle({ text, conversation: { platform: 'slack', userId: 'U1', channelId: 'C1' } });
const toolOf = (i: number): string | undefined => (stub.requests[i]?.body as { tools?: { function: { name: string } }[] }).tools?.[0]?.function.name;
const intent = (name: string) => ({ kind: 'tool' as const, arguments: JSON.stringify({ intent: name }) });

describe('with a chat model', () => {
  let c: CoordoCore;
  beforeAll(async () => {
    c = await core('fake-chat');
  }, 60_000);

  it('answers a delegation request with the request form button, pre-filled from the message', async () => {
    stub.chat(intent('delegation_request'), {
      kind: 'tool',
      arguments: JSON.stringify({
        delegueProfessionId: 'infirmier',
        acts: 'Prise en charge des cystites simples',
        natures: ['therapeutique'],
        protocol: 'cystite',
        patients: 'Femmes de 16 à 65 ans',
        setting: null,
        startDate: null,
        comment: null,
      }),
    });
    const reply = await ask(c, REQUEST);
    expect(reply.kind).toBe('workflow');
    expect(reply.text).toContain('pré-rempli d’après votre message');
    expect(reply.text).toContain('`/coordo demande <actes à déléguer>`');
    expect(reply.buttons).toHaveLength(1);
    expect(reply.buttons?.[0]?.actionId).toBe(OPEN_FORM_ACTION);
    expect(readPrefill(reply.buttons?.[0]?.value)).toEqual({ protocol: 'cystite', profession: 'infirmier', natures: ['therapeutique'] });
    expect([toolOf(0), toolOf(1)]).toEqual(['intent', 'delegation_fields']);
    expect(logs.some((l) => l.includes('"event":"llm.intent"') && l.includes('"intent":"delegation_request"'))).toBe(true);
    expect(logs.join('\n')).not.toContain('cystites');
  });

  it('still offers the form, empty, when the fields cannot be read', async () => {
    stub.chat(intent('delegation_request'), { kind: 'status', status: 500 });
    const reply = await ask(c, REQUEST);
    expect(reply.text).not.toContain('pré-rempli');
    expect(readPrefill(reply.buttons?.[0]?.value)).toEqual({});
  });

  it('passes a normal question on to the question handler', async () => {
    stub.chat(intent('knowledge_question'), { kind: 'reply', content: 'Une CPTS regroupe les professionnels d’un territoire [1].' });
    const reply = await ask(c, "Qu'est-ce qu'une CPTS ?");
    expect(reply.kind).toBe('answer');
    expect(reply.buttons ?? []).toHaveLength(0);
    expect(toolOf(0)).toBe('intent');
    expect(stub.requests).toHaveLength(2);
    expect(toolOf(1)).toBeUndefined(); // the grounded answer, not a structured step
  });

  it('passes on when the model output is invalid', async () => {
    stub.chat({ kind: 'tool', arguments: '{"intent":"commander_une_pizza"}' }, { kind: 'reply', content: 'Une CPTS regroupe les professionnels d’un territoire [1].' });
    const reply = await ask(c, "Qu'est-ce qu'une CPTS ?");
    expect(reply.kind).toBe('answer');
  });

  it('explains how to start a protocol draft, and refuses a clinical question as the guard does', async () => {
    stub.chat(intent('protocol_drafting'));
    const drafting = await ask(c, 'Il faudrait qu’on écrive quelque chose pour les entorses avec les kinés');
    expect(drafting.kind).toBe('workflow');
    expect(drafting.text).toContain('`/coordo protocole <titre du protocole>`');

    stub.chat(intent('clinical_question'));
    // A message the offline guard lets through (no clinical signal it knows), classified clinical by the model.
    const clinical = await ask(c, 'Je m’inquiète beaucoup pour ma patiente ce soir.');
    expect(clinical).toEqual(clinicalRefusal());
  });

  it('falls back to the offline answer when the endpoint hangs on both steps (intent, then answer)', async () => {
    // The endpoint never answers: each step's share of the (short) budget always runs out.
    const hanging = await core('fake-chat', 3 * HANGING_BUDGET_MS);
    stub.chat({ kind: 'hang' }, { kind: 'hang' });
    const reply = await ask(hanging, "Qu'est-ce qu'une CPTS ?");
    expect(reply.kind).toBe('answer');
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(stub.requests).toHaveLength(2);
    expect(logs.filter((l) => l.includes('"event":"llm.fallback"')).length).toBeGreaterThanOrEqual(2);
  });

  it('leaves the offline handlers first: a registry lookup never reaches the model', async () => {
    const reply = await ask(c, 'Qui peut faire les sutures de plaies simples ?');
    expect(reply.kind).toBe('lookup');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('without a chat model', () => {
  it('wires no intent handler: nothing reaches the model endpoint', async () => {
    const c = await core(null);
    expect(c.structuredSteps).toBeUndefined();
    const reply = await ask(c, REQUEST);
    expect(reply.kind).not.toBe('workflow');
    expect(reply.buttons ?? []).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  }, 60_000);
});

describe('the time budget of the pre-fill', () => {
  const steps = (timeoutMs: number, load?: (name: PromptName) => string): StructuredSteps => {
    const model = createChatModel({ apiKey: 'test-key', baseURL: stub.baseURL, chatModel: 'fake-chat', timeoutMs });
    if (!model) throw new Error('chat model expected');
    return new StructuredSteps(model, createLogger('info', (l) => logs.push(l)), timeoutMs, 'functionCalling', load);
  };

  it('gives the delegation pre-fill the intent share, not the whole timeout', async () => {
    // The whole timeout is long; the share is short: a hanging pre-fill ends on the share. The intent is
    // answered at once (no HTTP call that must beat the share on a busy machine); the pre-fill's endpoint
    // never answers, so its share always runs out, whatever the load.
    const real = steps(60_000);
    const seen: (number | undefined)[] = [];
    const handler = createIntentHandler({
      steps: {
        detectIntent: async (_text, timeoutMs) => (seen.push(timeoutMs), 'delegation_request'),
        extractDelegationFields: async (text, choices, timeoutMs) => (seen.push(timeoutMs), real.extractDelegationFields(text, choices, timeoutMs)),
      },
      catalog: realCatalog(),
      logger: createLogger('silent'),
      timeoutMs: 300,
      offerRequest: openFormButton,
    });
    stub.chat({ kind: 'hang' });
    const reply = await handler.handle({ text: REQUEST, conversation: { platform: 'slack', userId: 'U1', channelId: 'C1' }, history: [], command: false });
    expect(seen).toEqual([300, 300]);
    expect(stub.requests).toHaveLength(1);
    expect(reply?.kind).toBe('workflow');
    expect(reply?.text).not.toContain('pré-rempli');
    expect(logs.some((l) => l.includes('"step":"delegation_fields"') && l.includes('"reason":"timeout"'))).toBe(true);
  });

  it('refuses at start a prompt whose placeholders the code does not fill', () => {
    const withUnknown = (broken: PromptName, text: string) => (name: PromptName) => (name === broken ? text : loadPrompt(name));
    expect(() => steps(1000, withUnknown('delegation-fields', 'Nous sommes le {{today}}. {{equipe}}'))).toThrow('Consigne : valeur manquante pour {{equipe}}');
    expect(() => steps(1000, withUnknown('intent', 'Classe ce message : {{message}}'))).toThrow('{{message}}');
    expect(() => steps(1000)).not.toThrow();
  });
});
