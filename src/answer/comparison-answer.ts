import type { Citation, Reply } from '../engine/reply.ts';
import { analyseQuestion, clausesAbove, SITUATION_WEIGHT, THE_TWO, type AnalysedQuestion } from '../knowledge/question-analysis.ts';
import type { Passage } from '../knowledge/passage.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { capitalize } from '../text/capitalize.ts';
import { escapeRegExp } from '../text/escape-regexp.ts';
import { termOf, terms, words } from '../text/french.ts';
import { citationOf, extractSentences, MAX_ANSWER_CHARS, selectPassages } from './extractive-composer.ts';

/** One side of a comparison: what to look up, and the label its answer is shown under. */
interface Side {
  label: string;
  asked: string;
}

/** The words that ask for a comparison, without saying on what (« quelle différence », « c'est pas la même chose »). */
const COMPARING =
  /\b(?:quelles?|la|les|grosses?|principales?|vraies?|diff[ée]rences?|entre|c'est quoi|qu'est-ce qui|change|distingue|compar\w*|versus|vs|chacun|chacune|respectivement|what|is|are|the|main|big|difference|between|in each|pareils?|pareilles?|m[êe]mes?|chose|identiques?|pas|compte|same|thing|differ)\b|[?:,]/giu;

/**
 * A side as its label shows it: without the article it is said with (« a CPTS », « une MSP », « l'ACI »), and spelt as
 * the heading of its answer spells it when typed in lowercase (« msp » → « MSP »).
 */
function labelOf(side: string, heading: string): string {
  const label = side.replace(LEADING_ARTICLE, '');
  if (label !== label.toLowerCase()) return capitalize(label);
  const spelt = new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(label)}(?![\\p{L}\\d])`, 'iu').exec(heading)?.[0];
  return capitalize(spelt ?? label);
}

/** A heading that asks what a thing is (« Qu'est-ce qu'une CPTS ? »). */
const DEFINING_HEADING = /^(?:qu['’]est-ce qu|what is|what are)/iu;

/** Said of the side the base does not describe. */
const SIDE_MISSING = "**L'autre élément comparé** : je n'ai pas trouvé dans ma base de passage qui en parle ; je ne peux donc pas comparer sur ce point.";

/** « a CPTS », « une MSP », « l'ACI »: the article a side is said with. */
const LEADING_ARTICLE = /^(?:(?:a|an|the|un|une|le|la|les|des)\s+|l['’]\s*)/iu;

/**
 * A comparison (« différence entre une MSP et un centre de santé », « MSP et ESP : quelle différence sur la structure
 * juridique ? ») is answered side by side, each side with its own source: compared on the aspect asked (« la
 * structure juridique de la MSP »), or, when the base does not answer that for both or nothing more is asked, each
 * side defined. When one side is not answered, the other is, and that side is said to be missing (a reply that is not
 * confident: the question may still be answered whole). Null when neither is, or both come down to one passage (the
 * question then goes the usual way).
 */
export async function answerComparison(retriever: Retriever, question: AnalysedQuestion, passages: readonly Passage[]): Promise<Reply | null> {
  if (question.kind !== 'comparison' || !question.sides) return null;
  const sides = parallelSides(retriever, question.sides);
  // « Coopération et coordination : quelle différence ? »: the section that names both (« Coopération,
  // pluridisciplinarité, coordination : définitions ») sets them apart itself.
  const best = selectPassages(passages)[0];
  if (best && sides.every((side) => headingNames(best.chunk.section, side))) return null;
  // « soit un poste salarié en centre de santé, soit une installation en MSP »: failing that, the two things the base
  // has sections on, without what the asker would do there.
  const [first, second] = sides.map((side) => namedThing(retriever, side));
  const reduced = first && second && (first !== sides[0] || second !== sides[1]) ? comparedSides(question, [first, second]) : [];
  // Both sides answered, at the first reading that answers both; else one side answered and the other said missing.
  let partial: Reply | null = null;
  for (const asked of [...comparedSides(question, sides), ...reduced]) {
    const reply = await answerEachSide(retriever, question, asked);
    if (reply?.confident) return reply;
    partial ??= reply;
  }
  return partial;
}

/**
 * The longest run of a side's words that a heading of the base says (« centre de santé » in « poste salarié en centre
 * de santé », « MSP » in « installation en MSP »): a name of several words or a sigle, not one common word
 * (« protocole » is no name of « protocole pluripro »).
 */
function namedThing(retriever: Retriever, side: string): string | undefined {
  const said = side.split(/\s+/u).filter((word) => word.length > 0);
  for (let length = said.length; length > 0; length--) {
    for (let start = 0; start + length <= said.length; start++) {
      const run = said.slice(start, start + length);
      // The run starts and ends on words that mean something (« centre de santé », not « en centre de santé »).
      if (terms(run[0] ?? '').length === 0 || terms(run[run.length - 1] ?? '').length === 0) continue;
      const phrase = run.join(' ');
      const names = terms(phrase).length >= 2 || (run.length === 1 && SIGLE.test(phrase));
      if (names && retriever.headingSays(phrase)) return phrase;
    }
  }
  return undefined;
}

const SIGLE = /^\p{Lu}{2,}s?$/u;

/** Does the heading say every term of the side (« coordination » in « Coopération, pluridisciplinarité, coordination : définitions »)? */
function headingNames(heading: string, side: string): boolean {
  const said = new Set(terms(heading));
  const named = terms(side);
  return named.length > 0 && named.every((term) => said.has(term));
}

/** A sentence that sets its subject apart from others (« …, pas seulement pour une patientèle », « contrairement à… »). */
const SETS_APART = /\b(?:pas seulement|non seulement|contrairement|à la différence|alors que|tandis que|plutôt que|et non|not only|unlike|whereas|rather than)\b/iu;

/** A complement that ends a side (« … d'une CPTS », « … de tâches »). */
const COMPLEMENT = /\s+(?:d['’]|d\s|de\s|du\s|des\s|of\s).*$/iu;
/** One that names a thing both sides belong to (« d'une CPTS », « des MSP »), not a kind (« de coopération »). */
const SHARED_COMPLEMENT = /^\s+(?:d['’]\s?une?|d\s+une?|du|des|de la|de l['’]|of the|of an?)\s/iu;

/**
 * Sides said with their shared words once (« missions socles et optionnelles d'une CPTS », « protocoles nationaux
 * ou locaux ») get them back: the first side's head when the second is one word that the base's headings say after
 * it (« missions optionnelles »), and then the second side's complement (« d'une CPTS ») for the first.
 */
function parallelSides(retriever: Retriever, [first, second]: readonly [string, string]): [string, string] {
  const head = words(first).find((word) => termOf(word) !== null);
  const secondCore = second.replace(COMPLEMENT, '');
  const headless = head !== undefined && terms(first).length > 1 && terms(secondCore).length === 1 && !terms(second).includes(termOf(head) ?? '');
  const fullSecond = headless && retriever.headingSays(`${head} ${secondCore}`) ? `${head} ${second}` : second;
  const complement = COMPLEMENT.exec(fullSecond)?.[0] ?? '';
  const sameHead = terms(first)[0] === terms(fullSecond)[0];
  const shared = SHARED_COMPLEMENT.test(complement) && !terms(complement).some((term) => terms(first).includes(term));
  // « l'ACI des MSP et l'ACI des CPTS »: a first side with its own complement keeps it.
  const fullFirst = sameHead && shared && !COMPLEMENT.test(first) ? `${first}${complement}` : first;
  return [fullFirst, fullSecond];
}

/**
 * The aspect compared is what the question says besides its sides and the words comparing them; not the asker's
 * situation (« Je suis MG remplaçant… : MSP en libéral ou centre de santé. Quelle différence entre les deux ? »).
 */
function comparedSides(question: AnalysedQuestion, sides: readonly [string, string]): Side[][] {
  const asked = clausesAbove(question.clauses, SITUATION_WEIGHT);
  const aspect = sides.reduce((rest, side) => rest.replace(side, ' '), asked).replace(THE_TWO, ' ').replace(COMPARING, ' ').replace(/\s+/g, ' ').trim();
  const defined = sides.map((side) => ({ label: side, asked: `qu'est-ce que ${side}` }));
  return terms(aspect).length > 0 ? [sides.map((side) => ({ label: side, asked: `${aspect} ${side}` })), defined] : [defined];
}

async function answerEachSide(retriever: Retriever, question: AnalysedQuestion, sides: readonly Side[]): Promise<Reply | null> {
  // Each side is retrieved as part of a comparison: a list of sigles says what it stands for, not how it compares.
  const retrieveSide = (side: Side) => retriever.retrieve({ ...analyseQuestion(side.asked), kind: 'comparison', kindWords: '' });
  const found = await Promise.all(sides.map(async (side) => ({ side, passage: selectPassages(await retrieveSide(side))[0] })));
  const passages = found.flatMap(({ passage }) => (passage ? [passage] : []));
  if (passages.length === 0 || new Set(passages.map((p) => p.chunk.id)).size < passages.length) return null;
  // A side said missing beside the other only when that other is surely answered: by the section that defines it
  // (« Qu'est-ce que la téléexpertise ? »), not one that names it (« … voie veineuse centrale par un IDE »).
  const defines = (passage: Passage, side: Side) => DEFINING_HEADING.test(passage.chunk.section) && headingNames(passage.chunk.section, side.label);
  if (passages.length < sides.length && !found.every(({ side, passage }) => !passage || defines(passage, side))) return null;
  const wanted = new Set(terms(question.text));
  const budget = Math.floor(MAX_ANSWER_CHARS / sides.length) - 60;
  const citations: Citation[] = [];
  const lines = found.flatMap(({ side, passage }) => {
    // The user's words are not repeated for what the base does not know: they could name a patient.
    if (!passage) return [SIDE_MISSING];
    citations.push(citationOf(passage));
    return [`**${labelOf(side.label, passage.chunk.section)}** : ${extractSentences(passage.chunk.text, wanted, budget, SETS_APART)} [${citations.length}]`];
  });
  // One side the base does not describe: an answer, said partial (not confident).
  return { kind: 'answer', text: lines.join('\n\n'), citations, confident: passages.length === sides.length };
}
