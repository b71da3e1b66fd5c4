import type { Engine } from '../../engine/engine.ts';
import type { Reply } from '../../engine/reply.ts';
import type { Retriever } from '../../knowledge/retriever.ts';
import { figuresOf, type Attempt, type SetFigures } from '../../eval/metrics.ts';
import { readEvalFile, type EvalQuestion } from '../../eval/questions.ts';
import { scoreAnswer, type ScoredAnswer } from '../../eval/score.ts';
import { askOnce } from './ask.ts';

export interface EvalRun {
  results: (ScoredAnswer & { question: string; ms: number })[];
  figures: SetFigures;
}

/** Run an evaluation file through the engine, as `coordo ask --json` would answer it, and rank its sections. */
export async function runEval(core: { engine: Engine; retriever: Retriever }, file: string): Promise<EvalRun> {
  return evalQuestions(core, await readEvalFile(file));
}

export async function evalQuestions(core: { engine: Engine; retriever: Retriever }, questions: readonly EvalQuestion[]): Promise<EvalRun> {
  const results: EvalRun['results'] = [];
  const attempts: Attempt[] = [];
  for (const q of questions) {
    const { reply, ms } = await askOnce(core.engine, q.question);
    const ranked = (await core.retriever.retrieve(q.question)).map((p) => `${p.chunk.path}#${p.chunk.section}`);
    const attempt = attemptOf(reply, ranked);
    attempts.push(attempt);
    results.push({ ...scoreAnswer(q, attempt), question: q.question, ms });
  }
  return { results, figures: figuresOf(questions, attempts) };
}

/** An engine reply as an evaluation attempt: « je ne sais pas », refusals and unconfident replies are abstentions. */
export function attemptOf(reply: Reply, ranked: readonly string[]): Attempt {
  // « Je ne trouve dans le registre aucun protocole… » (a lookup that is not confident) abstains too.
  return { text: reply.text, citations: reply.citations.length, abstained: reply.kind === 'unknown' || reply.kind === 'refusal' || !reply.confident, ranked };
}

export function formatEval(run: EvalRun): string {
  const rows = run.results.map(
    (r) => `${r.passed ? 'OK   ' : 'ÉCHEC'}  ${r.id.padEnd(5)} ${r.question.slice(0, 60).padEnd(60)} ${r.problems.join(' ; ')}`,
  );
  const f = run.figures;
  const rate = f.total === 0 ? 0 : (100 * f.passed) / f.total;
  const retrieval = f.labelled === 0 ? '' : ` · sur ${f.labelled} questions à sections : hit@1 ${f.hitAt1.toFixed(2)}, hit@5 ${f.hitAt5.toFixed(2)}, MRR ${f.mrr.toFixed(2)}`;
  return [
    ...rows,
    '',
    `Réponses fausses mais affirmées : ${f.confidentlyWrong} · abstentions : ${f.abstained}${retrieval}`,
    `Réussite : ${f.passed}/${f.total} (${rate.toFixed(1)} %)`,
  ].join('\n');
}
