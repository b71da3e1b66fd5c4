import { z } from 'zod';
import type { EvalQuestion } from './questions.ts';
import { isOutOfScope, scoreAnswer } from './score.ts';

/** What one system did with one question: its answer, whether it abstained, and the sections it ranked. */
export interface Attempt {
  text: string;
  citations: number;
  /** The answer says it does not know, or refuses (clinical). */
  abstained: boolean;
  /** Ranked sections retrieved for the question, as `<path>#<heading>`, best first. */
  ranked: readonly string[];
}

/** The figures of one question set for one system (a schema: the bench reads them back from a child process). */
export const SetFiguresSchema = z.object({
  total: z.number(),
  passed: z.number(),
  /** Failed answers that are not abstentions: the answers a user would wrongly trust. */
  confidentlyWrong: z.number(),
  abstained: z.number(),
  /** Questions with labelled sections, on which hit@k and MRR are computed. */
  labelled: z.number(),
  hitAt1: z.number(),
  hitAt5: z.number(),
  mrr: z.number(),
});
export type SetFigures = z.infer<typeof SetFiguresSchema>;

/** Does the ranked section `<path>#<heading>` match the label (same file, heading equal or a part of it)? */
export function sectionMatches(ranked: string, label: string): boolean {
  const [rankedPath, rankedHeading = ''] = splitSection(ranked);
  const [labelPath, labelHeading = ''] = splitSection(label);
  if (rankedPath !== labelPath) return false;
  if (labelHeading === '') return true;
  return normalizeHeading(rankedHeading).startsWith(normalizeHeading(labelHeading));
}

export function figuresOf(questions: readonly EvalQuestion[], attempts: readonly Attempt[]): SetFigures {
  let passed = 0;
  let confidentlyWrong = 0;
  let abstained = 0;
  let labelled = 0;
  let hitAt1 = 0;
  let hitAt5 = 0;
  let reciprocal = 0;
  questions.forEach((question, i) => {
    const attempt = attempts[i];
    if (!attempt) return;
    const ok = scoreAnswer(question, attempt).passed;
    if (ok) passed++;
    if (attempt.abstained) abstained++;
    else if (!ok) confidentlyWrong++;
    const labels = question.sections ?? [];
    if (labels.length === 0 || isOutOfScope(question)) return;
    labelled++;
    const rank = attempt.ranked.findIndex((r) => labels.some((label) => sectionMatches(r, label)));
    if (rank === 0) hitAt1++;
    if (rank >= 0 && rank < 5) hitAt5++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  });
  const share = (n: number) => (labelled === 0 ? 0 : n / labelled);
  return { total: questions.length, passed, confidentlyWrong, abstained, labelled, hitAt1: share(hitAt1), hitAt5: share(hitAt5), mrr: share(reciprocal) };
}

function splitSection(id: string): [string, string | undefined] {
  const at = id.indexOf('#');
  return at < 0 ? [id, undefined] : [id.slice(0, at), id.slice(at + 1)];
}

function normalizeHeading(heading: string): string {
  return heading.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
