import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/env.ts';
import { createCore } from '../app/create-coordo.ts';
import { askOnce } from '../adapters/cli/ask.ts';
import { buildIndex } from '../knowledge/indexer.ts';
import { offlineEmbedder } from '../knowledge/embedder.ts';
import { readEvalFile } from '../eval/questions.ts';
import { scoreAnswer } from '../eval/score.ts';
import { PlainBm25Baseline } from './baseline.ts';
import { percentile, round } from './stats.ts';

/** Each question is asked this many times for the latency percentiles. */
const LATENCY_ROUNDS = 5;

export const CorpusFiguresSchema = z.object({
  chunks: z.number(),
  files: z.number(),
  buildMs: z.number(),
  coordoPassed: z.number(),
  baselinePassed: z.number(),
  questions: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  maxRssMb: z.number(),
});
export type CorpusFigures = z.infer<typeof CorpusFiguresSchema>;

/**
 * Figures for one corpus, measured in the current process (run it in a child
 * process so that peak memory belongs to this corpus alone): index build from
 * scratch, then the evaluation set through the engine and through the plain
 * BM25 baseline, and answer latency with the index loaded.
 */
export async function measureCorpus(config: Config, evalFile: string): Promise<CorpusFigures> {
  await fs.rm(path.join(config.dataDir, 'index'), { recursive: true, force: true });
  const { index, report } = await buildIndex({
    knowledgeDir: config.knowledgeDir,
    indexDir: path.join(config.dataDir, 'index'),
    embedder: offlineEmbedder(),
  });
  const core = await createCore(config);
  const questions = await readEvalFile(evalFile);
  const baseline = new PlainBm25Baseline(index.chunks);

  let coordoPassed = 0;
  let baselinePassed = 0;
  const latencies: number[] = [];
  for (const q of questions) {
    const { reply } = await askOnce(core.engine, q.question); // warm-up and scoring
    if (scoreAnswer(q, { text: reply.text, citations: reply.citations.length }).passed) coordoPassed++;
    if (scoreAnswer(q, baseline.answer(q.question)).passed) baselinePassed++;
  }
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const q of questions) latencies.push((await askOnce(core.engine, q.question)).ms);
  }
  return {
    chunks: report.chunks,
    files: report.files,
    buildMs: round(report.ms, 0),
    coordoPassed,
    baselinePassed,
    questions: questions.length,
    p50Ms: round(percentile(latencies, 50), 2),
    p95Ms: round(percentile(latencies, 95), 2),
    maxRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
  };
}
