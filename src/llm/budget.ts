import type { LlmConfig } from '../config/env.ts';

/** Part of the time budget kept for the offline path after a model call fails or runs out. */
export const FALLBACK_RESERVE_MS = 250;

/** Abort signal for a model call that must leave room for the offline path within `totalMs`. */
export function modelCallSignal(totalMs: number): AbortSignal {
  return AbortSignal.timeout(Math.max(100, totalMs - FALLBACK_RESERVE_MS));
}

/**
 * How one question's budget (`timeoutMs`, 3 s by default) is shared when a model
 * is configured: a quarter for classifying the question (with a chat model), a
 * quarter for embedding it (with embeddings), the rest for the grounded answer,
 * offline fallback included — so that a hanging endpoint still gets the offline
 * answer within the budget.
 */
export function llmBudgets(config: LlmConfig): { intentMs: number; queryEmbeddingMs: number; answerMs: number } {
  const intentMs = config.chatModel ? Math.round(config.timeoutMs / 4) : 0;
  const queryEmbeddingMs = config.embeddingModel ? Math.round(config.timeoutMs / 4) : 0;
  return { intentMs, queryEmbeddingMs, answerMs: config.timeoutMs - intentMs - queryEmbeddingMs };
}
