import { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { LlmConfig } from '../config/env.ts';
import type { NamedEmbeddings } from '../knowledge/embedder.ts';
import { llmBudgets } from './budget.ts';
import { findPatientIdentifiers, patientDataMessage, PatientDataError, redactPatientIdentifiers } from '../privacy/patient-data-guard.ts';

/** Time allowed to embed one batch of knowledge chunks (indexing, not question time). */
const DOCUMENT_TIMEOUT_MS = 60_000;

function openAIEmbeddings(config: LlmConfig, model: string, timeout: number): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model,
    apiKey: config.apiKey,
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
    // Plain floats: llama.cpp server and older Ollama do not answer base64.
    encodingFormat: 'float',
    timeout,
    maxRetries: 0,
  });
}

/**
 * Embeddings over an OpenAI-compatible endpoint, behind the patient-data guard:
 * a question holding identifiers is never sent (PatientDataError; the retriever
 * then ranks lexically), knowledge chunks are sent with identifiers masked (a
 * structure's phone number in a knowledge file is not worth losing the chunk).
 * Questions get a short timeout (a third of the answer budget), indexing a long one.
 */
class GuardedEmbeddings extends Embeddings {
  constructor(
    private readonly documents: OpenAIEmbeddings,
    private readonly queries: OpenAIEmbeddings,
  ) {
    super({ maxRetries: 0 });
  }

  override embedDocuments(texts: string[]): Promise<number[][]> {
    return this.documents.embedDocuments(texts.map(redactPatientIdentifiers));
  }

  override async embedQuery(text: string): Promise<number[]> {
    const findings = findPatientIdentifiers(text);
    if (findings.length > 0) throw new PatientDataError(patientDataMessage(findings, 'send'));
    return this.queries.embedQuery(text);
  }
}

/** Embeddings for the vector index, or `undefined` when `COORDO_EMBEDDING_MODEL` is not set. */
export function createEmbeddings(config: LlmConfig | undefined): Embeddings | undefined {
  if (!config?.embeddingModel) return undefined;
  const { queryEmbeddingMs } = llmBudgets(config);
  return new GuardedEmbeddings(
    openAIEmbeddings(config, config.embeddingModel, DOCUMENT_TIMEOUT_MS),
    openAIEmbeddings(config, config.embeddingModel, queryEmbeddingMs),
  );
}

/**
 * The same, named for the index manifest: changing the endpoint or the model
 * rebuilds the vector index. `undefined` keeps the offline embedder.
 */
export function createEmbedder(config: LlmConfig | undefined): NamedEmbeddings | undefined {
  const embeddings = createEmbeddings(config);
  if (!embeddings || !config?.embeddingModel) return undefined;
  return { id: `openai:${config.baseURL ?? 'https://api.openai.com/v1'}:${config.embeddingModel}`, embeddings };
}
