import type { Passage } from '../knowledge/passage.ts';
import { normalizeForMatch, terms } from '../text/french.ts';
import { joinThousands } from '../text/number-words.ts';
import { joinSentences, sentencesOf } from '../text/sentences.ts';
import { citedIn, withoutMarkers } from './citations.ts';

/**
 * Is each sentence of a model reply said by the passage it cites? Its numbers
 * and its names (capitalised words, acronyms) must be found there, and most of
 * its content terms (stemmed, accent-folded). A sentence that cites nothing is
 * held to the same test against all the passages. Unsupported sentences are dropped.
 */
export const MIN_TERM_SUPPORT = 0.6;

const NUMBER_WORDS: Record<string, string> = {
  un: '1', une: '1', deux: '2', trois: '3', quatre: '4', cinq: '5', six: '6', sept: '7', huit: '8', neuf: '9', dix: '10',
  onze: '11', douze: '12', quinze: '15', vingt: '20', trente: '30', quarante: '40', cinquante: '50', cent: '100', mille: '1000',
  one: '1', two: '2', three: '3', four: '4', five: '5', ten: '10',
};

/** Numbers written in digits, thousands separators joined (« 1 000 » → 1000). */
function digitNumbers(text: string): string[] {
  const joined = joinThousands(text).replace(/(\d),(\d)/g, '$1.$2');
  return joined.match(/\d+(?:\.\d+)?/g) ?? [];
}

/** The numbers a source says, in digits or in words (« cinq ans » says 5). */
function sourceNumbers(text: string): Set<string> {
  const spelled = normalizeForMatch(text)
    .split(' ')
    .flatMap((w) => (NUMBER_WORDS[w] ? [NUMBER_WORDS[w]] : []));
  return new Set([...digitNumbers(text), ...spelled]);
}

/** Capitalised words after the first, and acronyms anywhere, lowercase and accent-folded. */
function namesOf(text: string): string[] {
  const words = text.match(/[\p{L}][\p{L}'’\-]*/gu) ?? [];
  return words
    .filter((w, i) => /^\p{Lu}{2,}$/u.test(w) || (i > 0 && /^\p{Lu}/u.test(w)))
    .map((w) => normalizeForMatch(w))
    .filter((w) => terms(w).length > 0);
}

function supportedBy(claim: string, source: string): boolean {
  const said = sourceNumbers(source);
  if (!digitNumbers(claim).every((n) => said.has(n))) return false;
  const folded = ` ${normalizeForMatch(source)}`;
  if (!namesOf(claim).every((name) => folded.includes(` ${name}`))) return false;
  const wanted = [...new Set(terms(claim))];
  if (wanted.length === 0) return true;
  const have = new Set(terms(source));
  return wanted.filter((t) => have.has(t)).length / wanted.length >= MIN_TERM_SUPPORT;
}

const passageSource = (p: Passage) => `${p.chunk.title}\n${p.chunk.section}\n${p.chunk.text}`;

export function sentenceIsSupported(sentence: string, passages: readonly Passage[]): boolean {
  const cited = citedIn(sentence);
  const sources = cited.length > 0 ? cited.map((n) => passages[n - 1]) : passages;
  if (sources.length === 0 || sources.some((p) => p === undefined)) return false;
  return supportedBy(withoutMarkers(sentence), (sources as Passage[]).map(passageSource).join('\n'));
}

export interface SupportedReply {
  /** The reply with its unsupported sentences left out. */
  text: string;
  kept: number;
  dropped: number;
}

export function keepSupported(reply: string, passages: readonly Passage[]): SupportedReply {
  const sentences = sentencesOf(reply);
  const kept = sentences.filter((s) => sentenceIsSupported(s.text, passages));
  return { text: joinSentences(kept), kept: kept.length, dropped: sentences.length - kept.length };
}
