import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLlmFallbackBench } from '../../src/bench/llm-fallback-bench.ts';
import { loadConfig } from '../../src/config/env.ts';

describe('runLlmFallbackBench', () => {
  it('gets every question answered offline under a hanging endpoint', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-llm-bench-'));
    const config = loadConfig({ COORDO_DATA_DIR: dataDir }, path.resolve(import.meta.dirname, '../..'));
    const figures = await runLlmFallbackBench(config, { budgetMs: 1000 });
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(figures).toMatchObject({ budgetMs: 1000, questions: 10, fellBack: 10 });
    expect(figures.p50Ms).toBeLessThanOrEqual(figures.p95Ms);
  });
});
