import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Config } from '../config/env.ts';
import { BIN, OWN_EVAL_DIR, PROJECT_ROOT } from '../config/paths.ts';
import { BuildFiguresSchema, IncrementalFiguresSchema, QualityFiguresSchema, ServeFiguresSchema, measureBaseline, type BuildFigures, type ServeFigures } from './corpus-bench.ts';
import type { SetFigures } from '../eval/metrics.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { guardLines, measureGuards } from './guards-bench.ts';
import { runLlmFallbackBench } from './llm-fallback-bench.ts';
import { SlackBenchResultSchema } from './slack-bench.ts';
import { MattermostBenchResultSchema } from './mattermost-bench.ts';

const run = promisify(execFile);
export const DEFAULT_EVAL_FILE = path.resolve(PROJECT_ROOT, '../shared/eval/questions.jsonl');

/** `npm run bench`: every figure the README quotes, printed as a table. */
export async function runBench(config: Config, print: (line: string) => void): Promise<void> {
  const evalFile = process.env.COORDO_EVAL_FILE ?? DEFAULT_EVAL_FILE;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-bench-'));
  try {
    print(`Coordo bench — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} cœurs`);
    const bigDir = path.join(work, 'knowledge-100x');
    await writeSyntheticCorpus(config.knowledgeDir, bigDir, 100);
    const corpora = [
      { name: 'base livrée', knowledgeDir: config.knowledgeDir, dataDir: path.join(work, 'data-1x') },
      { name: 'synthétique 100×', knowledgeDir: bigDir, dataDir: path.join(work, 'data-100x') },
    ];
    print('');
    print('| corpus | fichiers | passages | build index | RSS max build | Coordo | BM25 seul | p50 réponse | p95 réponse | p95 1re question | RSS max service |');
    print('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const corpus of corpora) {
      const env = { COORDO_KNOWLEDGE_DIR: corpus.knowledgeDir, COORDO_DATA_DIR: corpus.dataDir };
      const build = BuildFiguresSchema.parse(await inChild(['bench-part', 'build'], env));
      const serve = ServeFiguresSchema.parse(await inChild(['bench-part', 'serve', evalFile], env));
      const baselinePassed = await measureBaseline(path.join(corpus.dataDir, 'index'), evalFile);
      print(row(corpus.name, build, serve, baselinePassed));
    }
    const bigEnv = { COORDO_KNOWLEDGE_DIR: bigDir, COORDO_DATA_DIR: path.join(work, 'data-100x') };
    const incremental = IncrementalFiguresSchema.parse(await inChild(['bench-part', 'incremental'], bigEnv));
    print('');
    print('Cibles : p95 < 30 ms (base) et < 60 ms (100×) ; build 100× < 60 s ; RSS < 300 Mo.');
    print(
      `Mise à jour incrémentale, synthétique 100× (${incremental.files} fichiers) : un fichier modifié → index à jour en ${incremental.ms} ms ` +
        `(${incremental.processed} fichier traité). Cible < 1 s.`,
    );
    await printQuality(print, { COORDO_KNOWLEDGE_DIR: config.knowledgeDir, COORDO_DATA_DIR: path.join(work, 'data-1x') });
    const slack = SlackBenchResultSchema.parse(
      await inChild(['bench-part', 'slack'], { COORDO_KNOWLEDGE_DIR: config.knowledgeDir, COORDO_DATA_DIR: path.join(work, 'data-1x') }),
    );
    print('');
    print(
      `Slack (HTTP, API factice sur 127.0.0.1, ${slack.concurrency} émetteurs concurrents, ${slack.events} événements signés) : ` +
        `${slack.eventsPerSecond} événements/s, p50 ${slack.p50Ms} ms, p95 ${slack.p95Ms} ms (événement → chat.postMessage), ` +
        `${slack.exactlyOnce ? 'une réponse et une seule par événement' : `${slack.missing} sans réponse, ${slack.duplicates} en double`}. Cible p95 < 100 ms.`,
    );
    const mattermost = MattermostBenchResultSchema.parse(
      await inChild(['bench-part', 'mattermost'], { COORDO_KNOWLEDGE_DIR: config.knowledgeDir, COORDO_DATA_DIR: path.join(work, 'data-1x') }),
    );
    print(
      `Mattermost (Client4 + WebSocket, serveur factice sur 127.0.0.1, ${mattermost.concurrency} émetteurs concurrents, ${mattermost.events} événements « posted ») : ` +
        `${mattermost.eventsPerSecond} événements/s, p50 ${mattermost.p50Ms} ms, p95 ${mattermost.p95Ms} ms (événement → message de réponse), ` +
        `${mattermost.exactlyOnce ? 'une réponse et une seule par événement' : `${mattermost.missing} sans réponse, ${mattermost.duplicates} en double`}.`,
    );
    const llm = await runLlmFallbackBench(config);
    print('');
    print(
      `Mode modèle, point d'accès qui ne répond jamais (budget ${llm.budgetMs} ms, détection d'intention puis réponse) : ${llm.fellBack}/${llm.questions} réponses hors ligne de secours, ` +
        `p50 ${llm.p50Ms} ms, p95 ${llm.p95Ms} ms, max ${llm.maxMs} ms — ${llm.withinBudget ? 'dans le budget' : 'HORS BUDGET'}.`,
    );
    printGuards(print);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Every shared question set and the project's own, Coordo beside the plain BM25 baseline. */
async function printQuality(print: (line: string) => void, env: Record<string, string>): Promise<void> {
  const files = await qualitySets();
  const quality = QualityFiguresSchema.parse(await inChild(['bench-part', 'quality', ...files], env));
  print('');
  print('Qualité des réponses (base livrée), chaque case « Coordo / BM25 seul » : réussite, fausses mais affirmées, abstentions, hit@1, hit@5, MRR');
  print('');
  print('| jeu | questions | réussite | fausses affirmées | abstentions | hit@1 | hit@5 | MRR |');
  print('|---|---|---|---|---|---|---|---|');
  for (const { file, coordo, baseline } of quality) {
    const pair = (f: (s: SetFigures) => string) => `${f(coordo)} / ${f(baseline)}`;
    const share = (n: number, s: SetFigures) => `${Math.round((100 * n) / Math.max(1, s.total))} %`;
    print(
      `| ${file} | ${coordo.total} | ${pair((s) => share(s.passed, s))} | ${pair((s) => share(s.confidentlyWrong, s))} | ${pair((s) => share(s.abstained, s))} | ` +
        `${pair((s) => s.hitAt1.toFixed(2))} | ${pair((s) => s.hitAt5.toFixed(2))} | ${pair((s) => s.mrr.toFixed(2))} |`,
    );
  }
}

/** The shared sets (`../shared/eval/*.jsonl`) and the project's own (`test/data/answers/*.jsonl`). */
async function qualitySets(): Promise<string[]> {
  const inFolder = async (dir: string, keep: (name: string) => boolean) =>
    (await fs.readdir(dir).catch(() => [] as string[])).filter(keep).sort().map((name) => path.join(dir, name));
  return [
    ...(await inFolder(path.dirname(DEFAULT_EVAL_FILE), (name) => name.endsWith('.jsonl'))),
    ...(await inFolder(OWN_EVAL_DIR, (name) => name.endsWith('.jsonl'))),
  ];
}

/** Recall and false alarms of the privacy and clinical guards on their labelled sets. */
function printGuards(print: (line: string) => void): void {
  print('');
  for (const line of guardLines(measureGuards())) print(line);
}

function row(name: string, b: BuildFigures, s: ServeFigures, baselinePassed: number): string {
  const rate = (passed: number) => `${passed}/${s.questions} (${Math.round((100 * passed) / s.questions)} %)`;
  return `| ${name} | ${b.files} | ${b.chunks} | ${(b.buildMs / 1000).toFixed(1)} s | ${b.maxRssMb} Mo | ${rate(s.coordoPassed)} | ${rate(baselinePassed)} | ${s.p50Ms} ms | ${s.p95Ms} ms | ${s.firstAskP95Ms} ms | ${s.maxRssMb} Mo |`;
}

/** Run one measurement in a fresh process, so that its peak memory is its own. */
async function inChild(args: string[], env: Record<string, string>): Promise<unknown> {
  const { stdout } = await run(process.execPath, [BIN, ...args], {
    env: { ...offlineEnv(), ...env, LOG_LEVEL: 'error' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

/**
 * The environment without any model endpoint: the figures are those of the offline default. The variables
 * are set empty rather than removed, since the child reads `.env`, which never overrides a variable already set.
 */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'COORDO_CHAT_MODEL', 'COORDO_EMBEDDING_MODEL']) env[name] = '';
  return env;
}
