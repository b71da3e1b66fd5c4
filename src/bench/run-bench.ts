import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Config } from '../config/env.ts';
import { CorpusFiguresSchema, type CorpusFigures } from './corpus-bench.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { runLlmFallbackBench } from './llm-fallback-bench.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/coordo.js');
export const DEFAULT_EVAL_FILE = path.resolve(import.meta.dirname, '../../../shared/eval/questions.jsonl');

/** `npm run bench`: every figure the README quotes, printed as a table. */
export async function runBench(config: Config, print: (line: string) => void): Promise<void> {
  const evalFile = process.env.COORDO_EVAL_FILE ?? DEFAULT_EVAL_FILE;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-bench-'));
  try {
    print(`Coordo bench — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} cœurs`);
    const base = await corpusInChild(config.knowledgeDir, path.join(work, 'data-1x'), evalFile);
    const bigDir = path.join(work, 'knowledge-100x');
    await writeSyntheticCorpus(config.knowledgeDir, bigDir, 100);
    const big = await corpusInChild(bigDir, path.join(work, 'data-100x'), evalFile);
    print('');
    print('| corpus | fichiers | passages | build index | Coordo | BM25 seul | p50 réponse | p95 réponse | RSS max |');
    print('|---|---|---|---|---|---|---|---|---|');
    for (const [name, f] of [['base livrée', base], ['synthétique 100×', big]] as const) print(row(name, f));
    print('');
    print('Cibles : p95 < 30 ms (base) et < 60 ms (100×) ; build 100× < 60 s ; RSS < 300 Mo.');
    const llm = await runLlmFallbackBench();
    print('');
    print(
      `Mode modèle, point d'accès qui ne répond jamais (budget ${llm.budgetMs} ms) : ${llm.fellBack}/${llm.questions} réponses hors ligne de secours, ` +
        `p50 ${llm.p50Ms} ms, p95 ${llm.p95Ms} ms, max ${llm.maxMs} ms — ${llm.withinBudget ? 'dans le budget' : 'HORS BUDGET'}.`,
    );
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function row(name: string, f: CorpusFigures): string {
  const rate = (passed: number) => `${passed}/${f.questions} (${Math.round((100 * passed) / f.questions)} %)`;
  return `| ${name} | ${f.files} | ${f.chunks} | ${(f.buildMs / 1000).toFixed(1)} s | ${rate(f.coordoPassed)} | ${rate(f.baselinePassed)} | ${f.p50Ms} ms | ${f.p95Ms} ms | ${f.maxRssMb} Mo |`;
}

/** Measure one corpus in a fresh process, so that its peak memory is its own. */
async function corpusInChild(knowledgeDir: string, dataDir: string, evalFile: string): Promise<CorpusFigures> {
  const { stdout } = await run(process.execPath, [BIN, 'bench-corpus', evalFile], {
    env: { ...offlineEnv(), COORDO_KNOWLEDGE_DIR: knowledgeDir, COORDO_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return CorpusFiguresSchema.parse(JSON.parse(stdout.trim().split('\n').pop() ?? '{}'));
}

/** The environment without any model endpoint: the corpus figures are those of the offline default. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'COORDO_CHAT_MODEL', 'COORDO_EMBEDDING_MODEL']) delete env[name];
  return env;
}
