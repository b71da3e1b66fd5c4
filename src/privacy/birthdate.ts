import { FULL_DATE, PARTIAL_DATE, plausibleDate } from './dates.ts';
import { nameBefore, subjectBefore } from './names.ts';
import type { NormalizedText } from './normalize.ts';

/**
 * A date of birth that can point to a patient:
 * - after « date de naissance », « DDN », « naissance », « born », « DOB »;
 * - after « né(e) » (with or without « le »), unless the subject is a thing
 *   (« notre MSP est née le… », « l'idée est née le… »); a month and year only
 *   (« née en mars 1950 ») when a person is named;
 * - right after a name (« Mme Durand (12/03/1950) », « Jean Dupont, 12 mars 1954 »; two lowercase
 *   words when the year is of the last century: « dupont jean 12/03/54 »), unless a time follows (an appointment).
 */
const BIRTH_WORDS = '(?:date de naissance|date of birth|ddn|dob|naissance|born(?: on)?)';
const BORN = '(?:ne ?\\(e\\)|nee?s?)';
const AFTER = '\\s*:?\\s*(?:le |on )?';

const KEYWORD_DATE = new RegExp(`(?<![a-z])${BIRTH_WORDS}${AFTER}(${FULL_DATE})`, 'g');
const BORN_DATE = new RegExp(`(?<![a-z])${BORN}${AFTER}(${FULL_DATE})`, 'g');
const BORN_PARTIAL = new RegExp(`(?<![a-z])${BORN} (${PARTIAL_DATE})`, 'g');
const DATE = new RegExp(`(?<![\\d\\p{L}])(?:${FULL_DATE})`, 'gu');
/** A year of the last century (1954, or 54 written short): a birth date more than a meeting's. */
const LAST_CENTURY = /(?:19\d{2}|[/.\-] ?[3-9]\d)$|^19\d{2}/;
/** A date followed by a time is an appointment (« Mme Durand 12/03/2025 à 14 h »), not a birth date. */
const TIME_AFTER = /^,? ?(?:a |de |vers )?\d{1,2} ?(?:h|:)/;

type Span = { start: number; end: number };
const span = (m: RegExpMatchArray): Span => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });

export function birthdateSpans(norm: NormalizedText): Span[] {
  const { lower } = norm;
  return [
    ...[...lower.matchAll(KEYWORD_DATE)].filter((m) => plausibleDate(m[1] ?? '')),
    ...[...lower.matchAll(BORN_DATE)].filter((m) => plausibleDate(m[1] ?? '') && subjectBefore(norm, m.index) !== 'thing'),
    ...[...lower.matchAll(BORN_PARTIAL)].filter((m) => subjectBefore(norm, m.index) === 'person'),
    ...[...lower.matchAll(DATE)].filter(
      (m) =>
        plausibleDate(m[0]) &&
        !TIME_AFTER.test(lower.slice(m.index + m[0].length).trimStart()) &&
        nameBefore(norm, m.index, { lowercase: LAST_CENTURY.test(m[0]) }),
    ),
  ].map(span);
}
