import type { Citation, Reply } from '../engine/reply.ts';
import { joinSentences, sentencesOf, type Sentence } from '../text/sentences.ts';
import { terms } from '../text/french.ts';
import type { AnswerComposer, Question } from './composer.ts';
import type { Passage } from '../knowledge/passage.ts';
import { unknownReply } from './unknown.ts';
import { analyseQuestion } from '../knowledge/question-analysis.ts';

/** Longest answer text, citations markers included. */
export const MAX_ANSWER_CHARS = 1200;
/** A passage answers only when it covers at least this share of the question's content terms. */
export const MIN_COVERAGE = 0.45;
/**
 * A passage answers only when it also ranks at least this high: fused reciprocal ranks (about 1/60 a list at the
 * top) plus the coverage and wording bonuses. Below it, a passage that shares words with the question is rarely
 * about it (calibrated on the development sets: it turns more wrong answers than right ones into « je ne sais pas »).
 */
export const MIN_SCORE = 0.05;
/**
 * A question answered on its own (not a side of a comparison, nor weighed against a registry's answer) is shown the
 * nearest passage down to this rank, as such (« À vérifier »): on the development sets, about two such answers in
 * three between this and MIN_SCORE were right.
 */
export const NEAREST_SCORE = 0.045;
/**
 * A passage that answers but ranks below this is the nearest the base has rather than surely the answer, and is shown
 * as such: about one answer in six resting on such a passage was wrong on the development sets, one in twenty-five
 * above it.
 */
const SURE_SCORE = 0.055;

/** Does an answer made of these passages (best first) rest on a passage that ranks weakly? */
export function restsOnWeakPassage(relevant: readonly Passage[]): boolean {
  return (relevant[0]?.score ?? 0) < SURE_SCORE;
}

/** Share of the best passage's fused score a passage from another article needs to be added to the answer. */
const SECOND_PASSAGE_SCORE = 0.9;

/**
 * Offline composer: the answer is made of the best passages' own sentences
 * (extractive, so nothing is invented), each passage cited by number.
 */
export class ExtractiveComposer implements AnswerComposer {
  async compose(question: Question, passages: readonly Passage[]): Promise<Reply> {
    const { kind } = analyseQuestion(question.text);
    const wanted = new Set(terms(question.text));
    const relevant = selectPassages(passages, { followOn: kind === 'steps', asked: wanted, floor: NEAREST_SCORE });
    if (relevant.length === 0) return unknownReply(suggestionsFrom(passages));
    const wantsNumber = kind === 'number';
    const parts: string[] = [];
    const citations: Citation[] = [];
    let budget = MAX_ANSWER_CHARS;
    for (const passage of relevant) {
      const marker = ` [${citations.length + 1}]`;
      const extract = extractSentences(passage.chunk.text, wanted, budget - marker.length - 2, wantsNumber ? HOLDS_FIGURE : undefined);
      if (!extract) break;
      parts.push(extract + marker);
      budget -= extract.length + marker.length + 2;
      citations.push(citationOf(passage));
    }
    return { kind: 'answer', text: parts.join('\n\n'), citations, confident: true, ...(restsOnWeakPassage(relevant) ? { tentative: true } : {}) };
  }
}

/** Share of the question a passage must cover to be suggested when none answers it. */
const SUGGESTION_COVERAGE = 0.25;
const MAX_SUGGESTIONS = 3;

/** Up to three close sections, as the questions they answer (their first authored question, else their heading). */
export function suggestionsFrom(passages: readonly Passage[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { chunk, coverage } of passages) {
    const question = chunk.questions?.[0] ?? chunk.section;
    if (coverage < SUGGESTION_COVERAGE || seen.has(question)) continue;
    seen.add(question);
    out.push(question);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

/** How passages are chosen: for steps, the section that follows; the question's terms; the lowest rank that answers. */
export interface Selection {
  followOn?: boolean;
  asked?: ReadonlySet<string>;
  floor?: number;
}

/**
 * The best passage, plus a second one from another article when it is nearly as good; for steps (`followOn`), the
 * section that follows the best one in its article when it ranks among the next ones and answers as fully (« comment
 * déclarer un protocole » : the declaration, then what to provide for it).
 */
export function selectPassages(all: readonly Passage[], { followOn = false, asked, floor = MIN_SCORE }: Selection = {}): Passage[] {
  const passages = all.filter((p) => !p.offSubject && !p.lacksAsked);
  const best = passages[0];
  if (!best || best.coverage < MIN_COVERAGE || best.score < floor) return [];
  const next = followOn ? passages.slice(1, 3).find((p) => p.chunk.id === followingId(best.chunk.id) && p.coverage >= best.coverage) : undefined;
  if (next) return [best, next];
  // « quels examens sont délégués et lesquels sont exclus ? »: a close passage that says what the best one leaves out of the question.
  const completes = (p: Passage) => p.coverage >= MIN_COVERAGE && p.score >= COMPLEMENT_SCORE * best.score && asked !== undefined && addsAsked(best, p, asked);
  const complement = passages.slice(1, 3).find(completes);
  if (complement) return [best, complement];
  // A second article only when it answers as fully and ranks nearly as high: otherwise it is noise.
  const second = passages
    .slice(1, 3)
    .find((p) => p.coverage >= Math.max(MIN_COVERAGE, best.coverage) && p.score >= SECOND_PASSAGE_SCORE * best.score && p.chunk.title !== best.chunk.title);
  return second ? [best, second] : [best];
}

/** Share of the best passage's score a passage that says more of the question needs to be added to the answer. */
const COMPLEMENT_SCORE = 0.8;
/** How many of the question's terms the best passage lacks that the added one must say. */
const MIN_ADDED_TERMS = 1;

/** Does `other` say terms of the question that `best` does not? */
function addsAsked(best: Passage, other: Passage, asked: ReadonlySet<string>): boolean {
  const said = new Set(terms(`${best.chunk.section} ${best.chunk.text}`));
  const added = new Set(terms(`${other.chunk.section} ${other.chunk.text}`).filter((term) => asked.has(term) && !said.has(term)));
  return added.size >= MIN_ADDED_TERMS;
}

/** The id of the section after this one in its document (`<path>#<index>`). */
function followingId(id: string): string {
  const at = id.lastIndexOf('#');
  return `${id.slice(0, at)}#${Number(id.slice(at + 1)) + 1}`;
}

export function citationOf(passage: Passage): Citation {
  const { chunk } = passage;
  return { title: chunk.title, section: chunk.section, source: chunk.sources[0] ?? chunk.path, path: chunk.path };
}

/**
 * A sentence the answer favours counts as this many more matching terms: one with a figure when the question asks
 * « combien », « quand »…, one that sets things apart in a comparison.
 */
const FAVOURED_BONUS = 2;
const HOLDS_FIGURE = /\d/;

/**
 * Keep the passage's sentences in their order, within `budget` characters:
 * all of them when they fit, otherwise the first one (it names the subject)
 * and then those sharing most terms with the question, those matching `favoured` first.
 */
export function extractSentences(text: string, wanted: ReadonlySet<string>, budget: number, favoured?: RegExp): string {
  if (budget < 80) return '';
  const sentences = sentencesOf(text);
  const joined = joinSentences(sentences);
  if (joined.length <= budget) return joined;
  const scores = sentences.map(({ text: said }, index) =>
    index === 0 ? Number.POSITIVE_INFINITY : terms(said).filter((t) => wanted.has(t)).length + (favoured?.test(said) ? FAVOURED_BONUS : 0) - index * 0.01,
  );
  const scoreOf = (index: number) => scores[index] ?? 0;
  const lengthOf = (indexes: readonly number[]) => indexes.reduce((sum, i) => sum + (sentences[i]?.text.length ?? 0) + 1, 0);
  const units = listUnits(sentences).map(({ indexes }) => ({ indexes, score: Math.max(...indexes.map(scoreOf)) }));
  // What each unit keeps: whole, or for a list too long, its introduction and its best items.
  const parts = new Map<readonly number[], readonly number[]>();
  const cost = (unit: readonly number[], part: readonly number[]) => lengthOf(part) + gapsIn(part, unit).length * (CUT_ITEM.length + 1);
  let used = 0;
  const ranked = [...units].sort((a, b) => b.score - a.score);
  for (const [rank, { indexes }] of ranked.entries()) {
    const fits = used + lengthOf(indexes) <= budget;
    // Items that say nothing of the question leave room for the sentences after that do (« Le financement de ces missions… »).
    const answering = ranked.slice(rank + 1).filter((unit) => unit.score > SAYS_SOMETHING && unit.indexes.length === 1);
    const room = budget - used - lengthOf(answering.flatMap((unit) => unit.indexes));
    const part = fits || indexes.length === 1 ? indexes : bestOfList(indexes, scoreOf, (tried) => cost(indexes, tried), budget - used, room);
    if (!fits && part.length < 2) continue;
    parts.set(indexes, part);
    used += cost(indexes, part);
  }
  const kept = new Set([...parts.values()].flat());
  const cut = new Set([...parts].flatMap(([unit, part]) => gapsIn(part, unit)));
  if (kept.size === 0) return truncate(sentences[0]?.text ?? text, budget);
  // A sentence kept after a gap starts its own line (« … 35 000 € ; » then « Une fois la MSP… » are not one sentence).
  return joinSentences(
    sentences.flatMap((sentence, i) => {
      if (!kept.has(i)) return [];
      const line = { ...sentence, startsLine: sentence.startsLine || (i > 0 && !kept.has(i - 1)) };
      return cut.has(i) ? [line, { text: CUT_ITEM, startsLine: true }] : [line];
    }),
  );
}

/** Said where a list is cut: the items left out are not silently dropped. */
const CUT_ITEM = '- […]';

/**
 * A list's introduction and, in their order, the items that say most of the question within the budget (`cost` counts
 * the marks of the cuts too); those that say nothing of it only within `room`, what the sentences that do leave.
 */
function bestOfList(indexes: readonly number[], scoreOf: (i: number) => number, cost: (tried: readonly number[]) => number, budget: number, room: number): number[] {
  const [intro, ...items] = indexes;
  if (intro === undefined || cost([intro]) > budget) return [];
  const chosen = [intro];
  for (const item of [...items].sort((a, b) => scoreOf(b) - scoreOf(a))) {
    const tried = [...chosen, item].sort((a, b) => a - b);
    if (cost(tried) <= (scoreOf(item) > SAYS_SOMETHING ? budget : room)) chosen.push(item);
  }
  return chosen.sort((a, b) => a - b);
}

/** A line's score when it says at least one term of the question (each term counts 1, less a small penalty for its place). */
const SAYS_SOMETHING = 0.5;

/** The kept lines of a unit after which lines are left out: where the cut is said. */
function gapsIn(kept: readonly number[], unit: readonly number[]): number[] {
  return kept.filter((i, k) => unit.includes(i + 1) && kept[k + 1] !== i + 1);
}

/** A list item (« - le suivi du diabète ; », « 2. la transmission… »). */
const LIST_ITEM = /^(?:[-•*]|\d{1,2}[.)])\s/u;

/**
 * The sentences in the units an answer keeps or leaves whole: a list with the sentence that introduces it (« Il couvre
 * quatre activités : » and its items), otherwise each sentence. Kept in part, « quatre activités » followed by two would
 * mislead.
 */
function listUnits(sentences: readonly Sentence[]): { indexes: number[] }[] {
  const units: { indexes: number[] }[] = [];
  let inItem = false;
  sentences.forEach((sentence, i) => {
    const last = units[units.length - 1];
    const item = sentence.startsLine && LIST_ITEM.test(sentence.text);
    // An item's second sentence (« - PC suivi d'un numéro (ex. PC 154) … ») stays with its item.
    const itemGoesOn = !sentence.startsLine && inItem;
    if (last && (item || itemGoesOn)) last.indexes.push(i);
    else units.push({ indexes: [i] });
    inItem = item || itemGoesOn;
  });
  return units;
}

function truncate(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const cut = text.slice(0, budget - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
