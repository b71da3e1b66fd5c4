import type { Engine } from '../../engine/engine.ts';
import { readEvalFile } from '../../eval/questions.ts';
import { scoreAnswer, type ScoredAnswer } from '../../eval/score.ts';
import { askOnce } from './ask.ts';

export interface EvalRun {
  results: (ScoredAnswer & { question: string; ms: number })[];
  passed: number;
  total: number;
}

/** Run an evaluation file through the engine, as `coordo ask --json` would answer it. */
export async function runEval(engine: Engine, file: string): Promise<EvalRun> {
  const questions = await readEvalFile(file);
  const results: EvalRun['results'] = [];
  for (const q of questions) {
    const { reply, ms } = await askOnce(engine, q.question);
    results.push({ ...scoreAnswer(q, { text: reply.text, citations: reply.citations.length }), question: q.question, ms });
  }
  return { results, passed: results.filter((r) => r.passed).length, total: results.length };
}

export function formatEval(run: EvalRun): string {
  const rows = run.results.map(
    (r) => `${r.passed ? 'OK   ' : 'ÉCHEC'}  ${r.id.padEnd(5)} ${r.question.slice(0, 60).padEnd(60)} ${r.problems.join(' ; ')}`,
  );
  const rate = run.total === 0 ? 0 : (100 * run.passed) / run.total;
  return [...rows, '', `Réussite : ${run.passed}/${run.total} (${rate.toFixed(1)} %)`].join('\n');
}
