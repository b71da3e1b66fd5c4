import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config/env.ts';
import { createCore, indexDir } from '../app/create-coordo.ts';
import { askOnce } from '../adapters/cli/ask.ts';
import { loadIndex, updateIndex } from '../knowledge/indexer.ts';
import { offlineEmbedder } from '../knowledge/embedder.ts';
import { readEvalFile, withSectionLabels } from '../eval/questions.ts';
import { OWN_EVAL_DIR } from '../config/paths.ts';
import { scanKnowledgeDir } from '../knowledge/scan.ts';
import { scoreAnswer } from '../eval/score.ts';
import { PlainBm25Baseline } from './baseline.ts';
import { percentile, round } from './stats.ts';
import { evalQuestions } from '../adapters/cli/eval-command.ts';
import { figuresOf, SetFiguresSchema } from '../eval/metrics.ts';

/** Each question is asked this many times for the latency percentiles. */
const LATENCY_ROUNDS = 5;
/** Asked once before measuring; in no evaluation set. */
const WARM_UP_QUESTION = 'Mise en route : un protocole de coopération en MSP ou en CPTS, qui le déclare à l’ARS ?';

const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 0);

export const BuildFiguresSchema = z.object({ files: z.number(), chunks: z.number(), buildMs: z.number(), maxRssMb: z.number() });
export type BuildFigures = z.infer<typeof BuildFiguresSchema>;

export const ServeFiguresSchema = z.object({
  coordoPassed: z.number(),
  questions: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  /** p95 of each question's first ask (what it memoises is not read back yet). */
  firstAskP95Ms: z.number(),
  maxRssMb: z.number(),
});
export type ServeFigures = z.infer<typeof ServeFiguresSchema>;

/** Pass count of the plain BM25 baseline over an index's chunks (run where its memory does not count). */
export async function measureBaseline(indexDirectory: string, evalFile: string): Promise<number> {
  const baseline = new PlainBm25Baseline([...(await loadIndex(indexDirectory)).chunks]);
  const questions = await readEvalFile(evalFile);
  return questions.filter((q) => scoreAnswer(q, baseline.attempt(q.question)).passed).length;
}

export const QualityFiguresSchema = z.array(z.object({ file: z.string(), coordo: SetFiguresSchema, baseline: SetFiguresSchema }));
export type QualityFigures = z.infer<typeof QualityFiguresSchema>;

/** Section labels of the shared sets, which are read-only. */
const SHARED_LABELS_FILE = path.join(OWN_EVAL_DIR, 'shared-section-labels.json');

/** Answer quality on each question file: Coordo through its engine and retriever, the plain BM25 baseline over the same chunks. */
export async function measureQuality(config: Config, files: readonly string[]): Promise<QualityFigures> {
  const core = await createCore(config);
  const baseline = new PlainBm25Baseline(core.retriever.chunks);
  const figures: QualityFigures = [];
  for (const file of files) {
    const questions = await withSectionLabels(await readEvalFile(file), path.basename(file), SHARED_LABELS_FILE);
    const coordo = await evalQuestions(core, questions);
    figures.push({
      file: path.basename(file),
      coordo: coordo.figures,
      baseline: figuresOf(questions, questions.map((q) => baseline.attempt(q.question))),
    });
  }
  return figures;
}

/** Index build from scratch, in this process (run it in a child so that peak memory is the build's own). */
export async function measureBuild(config: Config): Promise<BuildFigures> {
  await fs.rm(indexDir(config), { recursive: true, force: true });
  const report = await updateIndex({ knowledgeDir: config.knowledgeDir, indexDir: indexDir(config), embedder: offlineEmbedder() });
  return { files: report.files, chunks: report.chunks, buildMs: round(report.ms, 0), maxRssMb: peakRssMb() };
}

export const IncrementalFiguresSchema = z.object({ files: z.number(), processed: z.number(), ms: z.number() });
export type IncrementalFigures = z.infer<typeof IncrementalFiguresSchema>;

/** With the index built: one knowledge file changed (a section added), then the index updated; the time of that update. */
export async function measureIncremental(config: Config): Promise<IncrementalFigures> {
  const [file] = (await scanKnowledgeDir(config.knowledgeDir)).filter((f) => f.path.endsWith('.md'));
  if (!file) throw new Error('no Markdown file to change');
  await fs.appendFile(file.absolutePath, '\n## Section ajoutée pour la mesure\n\nUne phrase de plus, pour mesurer la mise à jour d’un seul fichier.\n');
  const report = await updateIndex({ knowledgeDir: config.knowledgeDir, indexDir: indexDir(config), embedder: offlineEmbedder() });
  return { files: report.files, processed: report.processed, ms: round(report.ms, 0) };
}

/** Serving figures with the index built: the evaluation set through the engine, then answer latency over several rounds. */
export async function measureServe(config: Config, evalFile: string): Promise<ServeFigures> {
  const core = await createCore(config);
  const questions = await readEvalFile(evalFile);
  let coordoPassed = 0;
  const firstAsks: number[] = [];
  // The process's first question builds what every question reads (thesaurus, vocabulary, compiled paths).
  await askOnce(core.engine, WARM_UP_QUESTION);
  for (const q of questions) {
    const { reply, ms } = await askOnce(core.engine, q.question);
    firstAsks.push(ms);
    if (scoreAnswer(q, { text: reply.text, citations: reply.citations.length }).passed) coordoPassed++;
  }
  const latencies: number[] = [];
  for (let r = 0; r < LATENCY_ROUNDS; r++) {
    for (const q of questions) latencies.push((await askOnce(core.engine, q.question)).ms);
  }
  return {
    coordoPassed,
    questions: questions.length,
    p50Ms: round(percentile(latencies, 50), 2),
    p95Ms: round(percentile(latencies, 95), 2),
    firstAskP95Ms: round(percentile(firstAsks, 95), 2),
    maxRssMb: peakRssMb(),
  };
}
