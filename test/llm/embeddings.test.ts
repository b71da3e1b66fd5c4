import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../src/config/env.ts';
import { buildIndex } from '../../src/knowledge/indexer.ts';
import { noExpansion } from '../../src/knowledge/query-expander.ts';
import { Retriever } from '../../src/knowledge/retriever.ts';
import { createEmbedder, createEmbeddings } from '../../src/llm/embeddings.ts';
import { PatientDataError } from '../../src/privacy/patient-data-guard.ts';
import { FAKE_EMBEDDING_DIMENSIONS, fakeEmbedding, startFakeOpenAI } from '../support/fake-openai.ts';
import type { FakeOpenAI } from '../support/fake-openai.ts';
import { ANSWERING_BUDGET_MS } from '../support/budgets.ts';

let stub: FakeOpenAI;
let dir: string;

const config = (over: Partial<LlmConfig> = {}): LlmConfig => ({
  apiKey: 'test-key',
  baseURL: stub.baseURL,
  embeddingModel: 'fake-embed',
  timeoutMs: ANSWERING_BUDGET_MS,
  ...over,
});

function article(name: string, title: string, heading: string, body: string): void {
  fs.writeFileSync(
    path.join(dir, 'knowledge', 'articles', name),
    `---\ntitle: "${title}"\nsources:\n  - https://example.org/${name}\ntags: []\n---\n\n## ${heading}\n\n${body}\n`,
  );
}

const embeddingInputs = () =>
  stub.requests.filter((r) => r.path === '/v1/embeddings').flatMap((r) => {
    const input = r.body.input;
    return typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : [];
  });

beforeEach(async () => {
  stub = await startFakeOpenAI();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-embeddings-'));
  fs.mkdirSync(path.join(dir, 'knowledge', 'articles'), { recursive: true });
});
afterEach(async () => {
  await stub.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createEmbeddings', () => {
  it('is off without COORDO_EMBEDDING_MODEL', () => {
    expect(createEmbeddings(undefined)).toBeUndefined();
    expect(createEmbeddings(config({ embeddingModel: undefined }))).toBeUndefined();
    expect(createEmbedder(config({ embeddingModel: undefined }))).toBeUndefined();
  });

  it('embeds through the endpoint, asking for plain floats', async () => {
    const embeddings = createEmbeddings(config());
    const vector = await embeddings?.embedQuery('protocole de coopération');
    expect(vector).toEqual(fakeEmbedding('protocole de coopération'));
    expect(stub.requests[0]?.body).toMatchObject({ model: 'fake-embed', encoding_format: 'float' });
  });

  it('never sends a question holding patient identifiers', async () => {
    const embeddings = createEmbeddings(config());
    await expect(embeddings?.embedQuery('Mme Durand née le 12/03/1950 : quel protocole ?')).rejects.toBeInstanceOf(PatientDataError);
    expect(stub.requests).toHaveLength(0);
  });

  it('masks identifiers in knowledge chunks before sending them', async () => {
    await createEmbeddings(config())?.embedDocuments(['Secrétariat de la MSP : 01 23 45 67 89']);
    expect(embeddingInputs()).toEqual(['Secrétariat de la MSP : [téléphone masqué]']);
  });

  it('fails at once on a fault (no retries), so the retriever can rank lexically', async () => {
    stub.embeddings({ kind: 'status', status: 500 });
    await expect(createEmbeddings(config())?.embedQuery('CPTS')).rejects.toMatchObject({ status: 500 });
    expect(stub.requests).toHaveLength(1);
  });
});

describe('retrieval with configured embeddings', () => {
  it('indexes the chunks and ranks the question through the endpoint', async () => {
    article('cpts.md', 'CPTS', 'Missions de la CPTS', 'La communauté professionnelle territoriale de santé organise les parcours sur son territoire.');
    article('aci.md', 'ACI des MSP', "Rémunération de l'ACI", "L'accord conventionnel interprofessionnel rémunère le travail coordonné des maisons de santé.");
    const embedder = createEmbedder(config());
    if (!embedder) throw new Error('embedder expected');
    expect(embedder.id).toBe(`openai:${stub.baseURL}:fake-embed`);

    const { index } = await buildIndex({
      knowledgeDir: path.join(dir, 'knowledge'),
      indexDir: path.join(dir, 'index'),
      embedder,
    });
    expect(index.manifest.dimensions).toBe(FAKE_EMBEDDING_DIMENSIONS);
    const indexed = embeddingInputs().length;
    expect(indexed).toBeGreaterThanOrEqual(2);

    const question = 'Quelles missions pour la communauté professionnelle territoriale ?';
    const passages = await new Retriever(index, embedder.embeddings, noExpansion).retrieve(question, 2);
    expect(embeddingInputs().slice(indexed)).toEqual([question]);
    expect(passages[0]?.chunk.path).toBe('articles/cpts.md');
  });
});
