import { describe, expect, it } from 'vitest';
import { runLlmFallbackBench } from '../../src/bench/llm-fallback-bench.ts';

describe('runLlmFallbackBench', () => {
  it('gets every question answered offline under a hanging endpoint', async () => {
    const figures = await runLlmFallbackBench({ budgetMs: 500 });
    expect(figures).toMatchObject({ budgetMs: 500, questions: 10, fellBack: 10 });
    expect(figures.p50Ms).toBeLessThanOrEqual(figures.p95Ms);
  });
});
