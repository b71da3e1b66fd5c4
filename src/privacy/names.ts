import { isStopWord } from '../text/french.ts';
import { AUXILIARIES, CALENDAR_WORDS, CIVILITIES, DETERMINERS, PERSON_NOUNS, PREPOSITIONS, STREET_TYPES, TITLES } from './lexicon.ts';
import type { NormalizedText } from './normalize.ts';

/**
 * Who a text is about, read backwards from a position: a civility and a name
 * (any case: « Mme Durand », « mme durand »), or capitalised names
 * (« Jean Dupont », « DUPONT Jean », « le petit Hugo ») that are not an
 * acronym (« MSP »), a calendar word, a colleague's title (« Dr Martin »), a
 * street (« rue Jean Moulin ») or a capitalised word opening a sentence.
 */
interface Word {
  /** As written. */
  text: string;
  /** Lowercase, accent-folded, without a trailing dot. */
  lower: string;
  start: number;
  /** Opens its sentence. */
  first: boolean;
}

const WORD = /\p{L}[\p{L}'\-]*\.?/gu;
const BLOCKING = new Set([...DETERMINERS, ...STREET_TYPES]);

/** The words of the sentence that ends at `pos` (at most ~100 characters back), in reading order. */
export function wordsBefore(norm: NormalizedText, pos: number): Word[] {
  const from = Math.max(0, pos - 100);
  const words: Word[] = [];
  let opensSentence = from === 0;
  let lastEnd = from;
  for (const m of norm.text.slice(from, pos).matchAll(WORD)) {
    const start = from + m.index;
    if (/[!?\n]|\.\s/.test(norm.text.slice(lastEnd, start))) opensSentence = true;
    const dotted = m[0].endsWith('.');
    const text = dotted ? m[0].slice(0, -1) : m[0];
    const lower = norm.lower.slice(start, start + text.length);
    words.push({ text, lower, start, first: opensSentence });
    // « fin. » ends a sentence; « M. » or « Dr. » does not.
    opensSentence = dotted && !CIVILITIES.has(lower) && !TITLES.has(lower);
    lastEnd = start + m[0].length;
  }
  // A sentence ends between the last word and `pos`: nothing of this sentence comes before.
  if ((words.length > 0 && opensSentence) || /[!?\n]|\.\s/.test(norm.text.slice(lastEnd, pos))) return [];
  const lastStart = words.map((w) => w.first).lastIndexOf(true);
  return lastStart > 0 ? words.slice(lastStart) : words;
}

const isCapitalised = (w: Word) => /^\p{Lu}/u.test(w.text);
const isAcronym = (w: Word) => /^[\p{Lu}\d\-]+$/u.test(w.text) && w.text.length <= 5;
const isCivility = (w: Word) => CIVILITIES.has(w.lower) && (w.lower !== 'm' || w.text === 'M');
const plainWord = (w: Word) => !isStopWord(w.lower) && !CALENDAR_WORDS.has(w.lower) && !TITLES.has(w.lower) && !CIVILITIES.has(w.lower);
const nameLike = (w: Word) => isCapitalised(w) && plainWord(w);
/** Two lowercase words that could be a first and last name (« jean dupont »): only trusted next to an old date. */
const bareName = (words: readonly Word[]) =>
  words.length >= 2 && words.slice(-2).every((w) => /^\p{L}{3,}$/u.test(w.text) && plainWord(w)) && !BLOCKING.has(words.at(-3)?.lower ?? '');

/** A person named by the words that end at the end of `words`. */
export function endsWithName(words: readonly Word[]): boolean {
  const n = words.length;
  const last = words[n - 1];
  if (!last) return false;
  // « Mme Durand », « mme claire moreau »
  for (let i = n - 2; i >= Math.max(0, n - 3); i--) {
    if (isCivility(words[i] as Word)) return words.slice(i + 1).every((w) => !isStopWord(w.lower) && !isCivility(w));
  }
  let k = 0;
  while (k < 3 && k < n && nameLike(words[n - 1 - k] as Word)) k++;
  if (k === 0) return false;
  const names = words.slice(n - k);
  const before = words[n - k - 1];
  if (before && (TITLES.has(before.lower) || BLOCKING.has(before.lower))) return false;
  if (k >= 2) return names.some((w) => !isAcronym(w));
  const [only] = names as [Word];
  return !only.first && !isAcronym(only) && !(before && PREPOSITIONS.has(before.lower));
}

/** Separators only between a name and what follows it (« Durand, », « Durand (», « Durand – »). */
const GAP = /[\s,;:(\-]{0,4}$/;

/**
 * A person's name ends right before `pos`, with only separators between.
 * `lowercase`: two plain lowercase words count too (« dupont jean »).
 */
export function nameBefore(norm: NormalizedText, pos: number, options: { lowercase?: boolean } = {}): boolean {
  const gap = GAP.exec(norm.text.slice(Math.max(0, pos - 4), pos))?.[0] ?? '';
  const words = wordsBefore(norm, pos - gap.length);
  const last = words.at(-1);
  if (last === undefined || last.start + last.text.length < pos - gap.length - 1) return false;
  return endsWithName(words) || (options.lowercase === true && bareName(words));
}

export type Subject = 'person' | 'thing' | 'unknown';

/** What the clause before `pos` is about: the subject of « … est né(e) le … ». */
export function subjectBefore(norm: NormalizedText, pos: number): Subject {
  const words = wordsBefore(norm, pos);
  while (words.length > 0 && AUXILIARIES.has(words.at(-1)?.lower ?? '')) words.pop();
  if (words.length === 0) return 'unknown';
  for (let i = words.length; i > 0 && i > words.length - 4; i--) {
    const head = words.slice(0, i);
    const word = head.at(-1) as Word;
    if (endsWithName(head) || isCivility(word) || PERSON_NOUNS.has(word.lower)) return 'person';
    if (DETERMINERS.has(word.lower) || /^[ld]'/.test(word.lower)) return 'thing';
  }
  return 'unknown';
}
