import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createChatModel } from '../../src/llm/chat-model.ts';
import { StructuredSteps } from '../../src/llm/structured.ts';
import type { StructuredMethod } from '../../src/llm/structured.ts';
import { delegationFieldsAsk, type DelegationChoices } from '../../src/workflows/delegation/fields-ask.ts';
import { startFakeOpenAI } from '../support/fake-openai.ts';
import type { FakeOpenAI } from '../support/fake-openai.ts';
import { ANSWERING_BUDGET_MS, budgetFor } from '../support/budgets.ts';

let stub: FakeOpenAI;
let logLines: string[];

function steps(method: StructuredMethod = 'functionCalling', timeoutMs = ANSWERING_BUDGET_MS): StructuredSteps {
  const config: LlmConfig = { apiKey: 'test-key', baseURL: stub.baseURL, chatModel: 'fake-chat', timeoutMs };
  const model = createChatModel(config);
  if (!model) throw new Error('chat model expected');
  return new StructuredSteps(model, createLogger('debug', (l) => logLines.push(l)), timeoutMs, method);
}

const lastLog = () => JSON.parse(logLines.at(-1) ?? '{}') as Record<string, unknown>;

const CHOICES: DelegationChoices = {
  today: '2026-11-20',
  professions: [
    { id: 'infirmier', label: 'Infirmier' },
    { id: 'pharmacien', label: 'Pharmacien' },
  ],
  protocols: [{ id: 'cystite', title: 'Pollakiurie et brûlure mictionnelle chez la femme de 16 à 65 ans' }],
};

beforeEach(async () => {
  stub = await startFakeOpenAI();
  logLines = [];
});
afterEach(async () => {
  await stub.close();
});

describe('detectIntent', () => {
  it('reads the intent from a tool call (functionCalling)', async () => {
    stub.chat({ kind: 'tool', arguments: '{"intent":"delegation_request"}' });
    expect(await steps().detectIntent('Peux-tu prendre les cystites simples à partir de lundi ?')).toBe('delegation_request');
    const body = stub.requests[0]?.body as { tools: { function: { name: string } }[]; messages: { content: string }[] };
    expect(body.tools[0]?.function.name).toBe('intent');
    expect(body.messages[0]?.content).toContain('Choisis une seule intention');
    expect(lastLog()).toMatchObject({ event: 'llm.structured', step: 'intent' });
  });

  it('reads the intent from a JSON reply (jsonMode)', async () => {
    stub.chat({ kind: 'reply', content: '{"intent": "knowledge_question"}' });
    expect(await steps('jsonMode').detectIntent("Qu'est-ce qu'une CPTS ?")).toBe('knowledge_question');
    expect(stub.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
  });

  it.each([
    ['an intent outside the list', { kind: 'tool', arguments: '{"intent":"order_pizza"}' }],
    ['arguments that are not JSON', { kind: 'tool', arguments: '{"intent": "help"' }],
    ['a missing field', { kind: 'tool', arguments: '{}' }],
  ] as const)('rejects %s', async (_, behaviour) => {
    stub.chat(behaviour);
    expect(await steps().detectIntent('Bonjour')).toBeNull();
    expect(lastLog()).toMatchObject({ event: 'llm.fallback', step: 'intent' });
  });

  it('rejects prose in JSON mode', async () => {
    stub.chat({ kind: 'reply', content: "C'est une question de connaissance." });
    expect(await steps('jsonMode').detectIntent('Bonjour')).toBeNull();
  });

  it.each([
    ['429', { kind: 'status', status: 429 }, 'rate_limited'],
    ['500', { kind: 'status', status: 500 }, 'server_error'],
    ['malformed JSON', { kind: 'malformed' }, 'malformed'],
    ['a closed socket', { kind: 'close' }, 'unreachable'],
    ['a hanging endpoint', { kind: 'hang' }, 'timeout'],
  ] as const)('returns null on %s', async (_, behaviour, reason) => {
    stub.chat(behaviour);
    expect(await steps('functionCalling', budgetFor(behaviour)).detectIntent('Bonjour')).toBeNull();
    expect(lastLog()).toMatchObject({ event: 'llm.fallback', step: 'intent', reason });
  });

  it('never sends a message holding patient identifiers', async () => {
    expect(await steps().detectIntent('Patient 1 85 05 78 006 084 91 à voir')).toBeNull();
    expect(stub.requests).toHaveLength(0);
    expect(lastLog()).toMatchObject({ reason: 'patient_data' });
  });
});

describe('extractDelegationFields', () => {
  const message = 'Je voudrais que les infirmiers prennent en charge les cystites simples des femmes de 16 à 65 ans à partir du 1er décembre.';

  it('returns the form prefill, ids restricted to the registries', async () => {
    const fields = {
      delegueProfessionId: 'infirmier',
      acts: 'Prise en charge des cystites simples',
      natures: ['diagnostique', 'therapeutique'],
      protocol: 'cystite',
      patients: 'Femmes de 16 à 65 ans',
      setting: null,
      startDate: '2026-12-01',
      comment: null,
    };
    stub.chat({ kind: 'tool', arguments: JSON.stringify(fields) });
    expect(await steps().extractDelegationFields(message, delegationFieldsAsk(CHOICES))).toEqual(fields);

    const body = stub.requests[0]?.body as { messages: { content: string }[]; tools: { function: { parameters: unknown } }[] };
    expect(body.messages[0]?.content).toContain('Nous sommes le 2026-11-20');
    expect(body.messages[0]?.content).toContain('- cystite : Pollakiurie');
    expect(JSON.stringify(body.tools[0]?.function.parameters)).toContain('"pharmacien"');
  });

  it('rejects an id the team does not have', async () => {
    stub.chat({
      kind: 'tool',
      arguments: JSON.stringify({
        delegueProfessionId: 'sage-femme',
        acts: null,
        natures: [],
        protocol: null,
        patients: null,
        setting: null,
        startDate: null,
        comment: null,
      }),
    });
    expect(await steps().extractDelegationFields(message, delegationFieldsAsk(CHOICES))).toBeNull();
  });
});

describe('proposeSectionText', () => {
  const request = {
    protocolTitle: 'Renouvellement de traitement par l’infirmier',
    sectionTitle: 'Formation des délégués',
    guidance: 'Formation théorique et pratique exigée du délégué.',
    currentText: '',
  };

  it('returns the proposed text', async () => {
    stub.chat({ kind: 'reply', content: '{"text": "Chaque délégué suit [nombre d’heures] de formation théorique."}' });
    expect(await steps('jsonMode').proposeSectionText(request)).toBe('Chaque délégué suit [nombre d’heures] de formation théorique.');
    const body = stub.requests[0]?.body as { messages: { content: string }[] };
    expect(body.messages[0]?.content).toContain('Section à rédiger : Formation des délégués');
    expect(body.messages[0]?.content).toContain('Texte déjà écrit par l\'équipe : (vide)');
  });

  it('rejects an empty proposal', async () => {
    stub.chat({ kind: 'tool', arguments: '{"text": "  "}' });
    expect(await steps().proposeSectionText(request)).toBeNull();
  });
});
