import type { Citation, Reply } from '../engine/reply.ts';
import { TOPIC_WEIGHT, type AnalysedQuestion } from '../knowledge/question-analysis.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { capitalize } from '../text/capitalize.ts';
import { terms } from '../text/french.ts';
import { citationOf, extractSentences, MAX_ANSWER_CHARS, selectPassages } from './extractive-composer.ts';
import type { Passage } from '../knowledge/passage.ts';

/** One part of a composite answer: what to look up, and the label its answer is shown under. */
interface Part {
  label?: string;
  asked: string | AnalysedQuestion;
}

/**
 * Questions that hold two questions are answered part by part, each with its own source:
 * - a comparison (« différence entre une MSP et un centre de santé ») looks each side up as « qu'est-ce que … »;
 * - a two-part question (« Ma Santé 2022 c'est quoi, et combien d'axes ? ») looks each part up, the second with
 *   the first as its topic (it often names the subject only once).
 * A part the base does not answer is named as missing. Null when both parts come down to one passage (the
 * question then goes the usual way), or when neither is answered.
 */
export async function answerParts(retriever: Retriever, question: AnalysedQuestion): Promise<Reply | null> {
  for (const parts of partsOf(question)) {
    const reply = await answerEach(retriever, question, parts);
    if (reply) return reply;
  }
  return null;
}

async function answerEach(retriever: Retriever, question: AnalysedQuestion, parts: readonly Part[]): Promise<Reply | null> {
  const found = await Promise.all(parts.map(async (part) => ({ part, passage: selectPassages(await retriever.retrieve(part.asked))[0] })));
  const answered = found.filter((f): f is { part: Part; passage: Passage } => f.passage !== undefined);
  if (answered.length === 0 || new Set(answered.map((f) => f.passage.chunk.id)).size < answered.length) return null;
  if (answered.length < found.length && question.kind === 'comparison') return null;
  const wanted = new Set(terms(question.text));
  const budget = Math.floor(MAX_ANSWER_CHARS / parts.length) - 60;
  const citations: Citation[] = [];
  const lines = found.map(({ part, passage }) => {
    const label = part.label ? `**${capitalize(part.label)}** : ` : '';
    if (!passage) return `${label}je n'ai pas trouvé d'information fiable sur « ${textOf(part.asked)} » dans ma base.`;
    citations.push(citationOf(passage));
    return `${label}${extractSentences(passage.chunk.text, wanted, budget)} [${citations.length}]`;
  });
  return { kind: 'answer', text: lines.join('\n\n'), citations, confident: true };
}

/** The words that ask for a comparison, without saying on what (« quelle différence », « c'est quoi la grosse différence »). */
const COMPARING =
  /\b(?:quelles?|la|les|grosses?|principales?|vraies?|diff[ée]rences?|entre|c'est quoi|qu'est-ce qui|change|distingue|compar\w*|versus|vs|chacun|chacune|respectivement|what|is|are|the|main|big|difference|between|in each)\b|[?:,]/giu;

/**
 * « MSP et ESP : quelle différence sur la structure juridique ? » compares each side on what is asked (« la
 * structure juridique de la MSP »); when the base does not answer that for both, or nothing more is asked, each
 * side is defined.
 */
function comparedParts(question: AnalysedQuestion, sides: readonly [string, string]): Part[][] {
  const aspect = sides.reduce((rest, side) => rest.replace(side, ' '), question.text).replace(COMPARING, ' ').replace(/\s+/g, ' ').trim();
  const defined = sides.map((side) => ({ label: side, asked: `qu'est-ce que ${side}` }));
  return terms(aspect).length > 0 ? [sides.map((side) => ({ label: side, asked: `${aspect} ${side}` })), defined] : [defined];
}

/** The ways to split the question, best first (none when it asks one thing). */
function partsOf(question: AnalysedQuestion): Part[][] {
  if (question.kind === 'comparison' && question.sides) return comparedParts(question, question.sides);
  if (!question.parts) return [];
  const [first, second] = question.parts;
  return [
    [
      { asked: first },
      { asked: { ...question, text: second, kind: 'open', clauses: [{ text: second, weight: 1 }, { text: first, weight: TOPIC_WEIGHT }] } },
    ],
  ];
}

function textOf(asked: string | AnalysedQuestion): string {
  return typeof asked === 'string' ? asked : asked.text;
}
