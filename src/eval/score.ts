import { foldAccents } from '../text/french.ts';
import type { EvalQuestion } from './questions.ts';

export const MAX_EVAL_ANSWER_CHARS = 1500;

export interface ScoredAnswer {
  id: string;
  passed: boolean;
  /** French reasons for a failure (empty when passed). */
  problems: string[];
}

/** Out-of-scope questions are those whose expected answer is an "I don't know". */
export function isOutOfScope(question: EvalQuestion): boolean {
  return question.must.some((m) => /je ne|ne trouve|ne sais|hors/.test(m));
}

/**
 * Score one answer: every `must` found, no `must_not`, accent- and
 * case-insensitive; at most 1,500 characters; in-scope answers cite a source.
 */
export function scoreAnswer(question: EvalQuestion, answer: { text: string; citations: number }): ScoredAnswer {
  const haystack = fold(answer.text);
  const problems: string[] = [];
  for (const pattern of question.must) {
    if (!foldedPattern(pattern).test(haystack)) problems.push(`manque /${pattern}/`);
  }
  for (const pattern of question.must_not) {
    if (foldedPattern(pattern).test(haystack)) problems.push(`contient /${pattern}/`);
  }
  if (answer.text.length > MAX_EVAL_ANSWER_CHARS) problems.push(`réponse trop longue (${answer.text.length} caractères)`);
  if (!isOutOfScope(question) && answer.citations === 0) problems.push('aucune source citée');
  return { id: question.id, passed: problems.length === 0, problems };
}

function fold(text: string): string {
  return foldAccents(text).toLowerCase();
}

/** A pattern accent-folded, its case kept: lowercased, « \W » would read « \w » (the flag makes it case-blind). */
function foldedPattern(pattern: string): RegExp {
  return new RegExp(foldAccents(pattern), 'iu');
}
