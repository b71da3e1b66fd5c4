import { RESIDENCE_WORDS, STREET_TYPES } from './lexicon.ts';
import { nameBefore, wordsBefore } from './names.ts';
import type { NormalizedText } from './normalize.ts';

/**
 * A postal address next to a person: a street number and street (« 12 rue des
 * Lilas », « 4 bis avenue Foch », « 25, chemin des Vignes ») right after a name
 * (« Mme Durand, 12 rue… ») or after « habite », « domicilié(e) »… A
 * structure's address (« La MSP est au 12 rue de la Paix ») is not a patient's.
 */
const STREET = new RegExp(
  `(?<![\\d\\p{L}])\\d{1,4}(?: ?(?:bis|ter|quater|[abc]))?,? (?:${STREET_TYPES.join('|')})\\.?(?![\\p{L}])[ ,]+[\\p{L}\\d'\\-]+(?: [\\p{L}'\\-]+){0,4}(?:,? \\d{5}(?: [\\p{L}'\\-]+)?)?`,
  'gu',
);

function residenceBefore(norm: NormalizedText, pos: number): boolean {
  const words = wordsBefore(norm, pos).slice(-3).map((w) => w.lower);
  return words.some((w) => RESIDENCE_WORDS.includes(w));
}

export function addressSpans(norm: NormalizedText): { start: number; end: number }[] {
  return [...norm.lower.matchAll(STREET)]
    .filter((m) => nameBefore(norm, m.index) || residenceBefore(norm, m.index))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
