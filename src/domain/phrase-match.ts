import { editDistance } from '../text/edit-distance.ts';
import { normalizeForMatch } from '../text/french.ts';
import { memoize } from '../text/memo.ts';

/**
 * Tolerant phrase matching for registry names and keywords: words compared
 * accent- and case-insensitively, plural `s`/`x` and English `-ed` / `-ing` ignored, and one typo allowed
 * in words of 6 letters or more, past their first letter ("ifirmier" → infirmier, "kinés" → kiné).
 */

/** Normalized words of a text (accent-folded, lowercase, punctuation as separator); memoised, as registry phrases recur. */
export const matchWords: (text: string) => readonly string[] = memoize((text) => {
  const normalized = normalizeForMatch(text);
  return normalized === '' ? [] : normalized.split(' ');
});

function singular(word: string): string {
  return word.length > 3 && (word.endsWith('s') || word.endsWith('x')) ? word.slice(0, -1) : word;
}

/** « funded », « sutured », « drafting »: an English past or -ing form of the word (of at least 4 letters: « pied » is none). */
function isEnglishBaseOf(word: string, base: string): boolean {
  const ending = word.endsWith('ed') ? 2 : word.endsWith('ing') ? 3 : 0;
  if (ending === 0 || word.length - ending < MIN_INFLECTED_BASE) return false;
  const stem = word.slice(0, -ending);
  return base === stem || base === `${stem}e`;
}

const MIN_INFLECTED_BASE = 4;

export function wordsMatch(textWord: string, phraseWord: string, fuzzy: boolean): boolean {
  if (textWord === phraseWord) return true;
  // Every reading below keeps the first letter; a typo rarely changes it either: « future » is no « suture ».
  if (textWord[0] !== phraseWord[0]) return false;
  const a = singular(textWord);
  const b = singular(phraseWord);
  if (a === b || isEnglishBaseOf(textWord, b)) return true;
  return fuzzy && b.length >= 6 && a.length >= 5 && Math.abs(a.length - b.length) <= 1 && editDistance(a, b, 1) <= 1;
}

/** Start indexes in `textWords` where every word of `phraseWords` follows, in order. */
export function findPhrase(textWords: readonly string[], phraseWords: readonly string[], fuzzy = true): number[] {
  const starts: number[] = [];
  if (phraseWords.length === 0) return starts;
  for (let start = 0; start + phraseWords.length <= textWords.length; start += 1) {
    if (phraseWords.every((word, offset) => wordsMatch(textWords[start + offset] ?? '', word, fuzzy))) starts.push(start);
  }
  return starts;
}

export function containsPhrase(textWords: readonly string[], phrase: string, fuzzy = true): boolean {
  return findPhrase(textWords, matchWords(phrase), fuzzy).length > 0;
}

/** The longest of `phrases` found in the text (number of words), or 0. */
export function longestMatch(textWords: readonly string[], phrases: readonly string[], fuzzy = true): number {
  let best = 0;
  for (const phrase of phrases) {
    const words = matchWords(phrase);
    if (words.length > best && findPhrase(textWords, words, fuzzy).length > 0) best = words.length;
  }
  return best;
}

/** The words with every occurrence of the phrases (given as words, in the order to try them) blanked out. */
export function blankPhrases(textWords: readonly string[], phrases: readonly (readonly string[])[], fuzzy = true): string[] {
  const left = [...textWords];
  for (const phrase of phrases) {
    for (const start of findPhrase(left, phrase, fuzzy)) left.fill('', start, start + phrase.length);
  }
  return left;
}

/** The text without the phrases given (a protocol's keywords), by phrase match. */
export function withoutPhrases(n: string, phrases: readonly string[]): string {
  const longestFirst = phrases.map(matchWords).sort((a, b) => b.length - a.length);
  return blankPhrases(matchWords(n), longestFirst).filter(Boolean).join(' ');
}
