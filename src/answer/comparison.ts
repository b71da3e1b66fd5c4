import type { Citation, Reply } from '../engine/reply.ts';
import type { AnalysedQuestion } from '../knowledge/question-analysis.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { terms } from '../text/french.ts';
import { citationOf, extractSentences, MAX_ANSWER_CHARS, selectPassages } from './extractive-composer.ts';

/**
 * « Quelle différence entre une MSP et un centre de santé ? »: each side is looked up as « qu'est-ce que … »,
 * and the answer puts them side by side, each with its own source. Null when either side is not in the base
 * (the question then goes the usual way: one passage that covers both, or « je ne sais pas »).
 */
export async function compareSides(retriever: Retriever, question: AnalysedQuestion): Promise<Reply | null> {
  if (question.kind !== 'comparison' || !question.sides) return null;
  const found = await Promise.all(question.sides.map(async (side) => ({ side, passage: selectPassages(await retriever.retrieve(`qu'est-ce que ${side}`))[0] })));
  const [a, b] = found;
  if (!a?.passage || !b?.passage || a.passage.chunk.id === b.passage.chunk.id) return null;
  const wanted = new Set(terms(question.text));
  const budget = Math.floor(MAX_ANSWER_CHARS / 2) - 40;
  const citations: Citation[] = [];
  const parts = found.map(({ side, passage }, i) => {
    citations.push(citationOf(passage!));
    return `**${capitalise(side)}** : ${extractSentences(passage!.chunk.text, wanted, budget)} [${i + 1}]`;
  });
  return { kind: 'answer', text: parts.join('\n\n'), citations, confident: true };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
