import type { LlmConfig } from '../config/env.ts';

/** Part of the time budget kept for the offline path after a model call fails or runs out. */
export const FALLBACK_RESERVE_MS = 250;

/**
 * Abort signal for a model call that must leave room for the offline path: within its step's share of the budget
 * (`shareMs`), and before the question's own `deadline` (a `performance.now()` time, set by the engine when it took
 * the message) when there is one. Steps start late when other questions keep the one thread busy (ten asked at once)
 * or when an earlier step took its time (the parts of a two-part question): the deadline keeps the whole question,
 * offline answer included, within its budget. No time left: the call is abandoned at once.
 */
export function modelCallSignal(shareMs: number, deadline?: number): AbortSignal {
  const own = Math.max(100, shareMs - FALLBACK_RESERVE_MS);
  const left = deadline === undefined ? own : deadline - performance.now() - FALLBACK_RESERVE_MS;
  const ms = Math.floor(Math.min(own, left));
  return ms > 0 ? AbortSignal.timeout(ms) : AbortSignal.abort(new DOMException('question budget spent', 'TimeoutError'));
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
