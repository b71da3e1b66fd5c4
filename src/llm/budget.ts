import type { LlmConfig } from '../config/env.ts';

/** Part of the time budget kept for the offline path after a model call fails or runs out. */
export const FALLBACK_RESERVE_MS = 250;

/** Abort signal for a model call that must leave room for the offline path within `totalMs`. */
export function modelCallSignal(totalMs: number): AbortSignal {
  return AbortSignal.timeout(Math.max(100, totalMs - FALLBACK_RESERVE_MS));
}

/**
 * How one question's budget (`timeoutMs`, 3 s by default) is shared when a model
 * is configured: a third for embedding the question (when embeddings are on),
 * the rest for the grounded answer, offline fallback included.
 */
export function llmBudgets(config: LlmConfig): { queryEmbeddingMs: number; answerMs: number } {
  const queryEmbeddingMs = config.embeddingModel ? Math.round(config.timeoutMs / 3) : 0;
  return { queryEmbeddingMs, answerMs: config.timeoutMs - queryEmbeddingMs };
}
