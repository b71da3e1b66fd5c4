import { normalizeForMatch } from '../text/french.ts';

/** What a question says of a patient, enough to check a protocol's population. Nothing here is stored. */
export interface PatientDescription {
  /** Age in years (months and weeks converted), when the question gives one. */
  age?: number;
  sex?: 'femme' | 'homme';
}

const AGE_UNITS: readonly [RegExp, number][] = [
  [/^(?:ans?|annees?|years?|yrs?|yo|y o)$/, 1],
  [/^(?:mois|months?)$/, 1 / 12],
  [/^(?:semaines?|weeks?)$/, 1 / 52],
];

/** « 12 ans », « 18 mois », « 12-year-old », « aged 70 », « âgée de 70 ans » (accent-folded, lowercase, no punctuation). */
const AGE = /\b(\d{1,3}) ?(ans?|annees?|years?|yrs?|yo|y o|mois|months?|semaines?|weeks?)\b|\b(?:aged?|agee?s?(?: de)?) (\d{1,3})\b/;

const RANGE = /\b(?:de |entre )?\d{1,3} (?:a|et|to|and) \d{1,3} (?:ans?|mois|years?)\b/g;

const FEMALE = /\b(?:femmes?|fille|fillette|jeune fille|patiente|dame|madame|mme|adolescente|enceinte|woman|women|girl|lady|she|her)\b/;
const MALE = /\b(?:hommes?|garcon|jeune homme|monsieur|man|men|boy|he|his)\b/;

/** The patient a question describes: age and sex when it states them. */
export function describePatient(text: string): PatientDescription {
  const n = normalizeForMatch(text);
  const described: PatientDescription = {};
  // « de 16 à 65 ans » is a range, not a patient's age.
  const age = AGE.exec(n.replace(RANGE, ' '));
  if (age) {
    const value = Number(age[1] ?? age[3]);
    const unit = age[2] ? (AGE_UNITS.find(([pattern]) => pattern.test(age[2] ?? ''))?.[1] ?? 1) : 1;
    described.age = value * unit;
  }
  const female = FEMALE.test(n);
  const male = MALE.test(n);
  if (female !== male) described.sex = female ? 'femme' : 'homme';
  return described;
}

/** Is the condition named in the text, and not negated (« sans fièvre », « pas enceinte », « no fever »)? */
export function mentionsCondition(text: string, words: readonly string[]): boolean {
  const n = normalizeForMatch(text);
  return words.some((word) => {
    const w = normalizeForMatch(word);
    const found = new RegExp(`(?:^|\\s)((?:\\S+\\s){0,2})${escape(w)}(?:\\s|$)`).exec(n);
    return found !== null && !/\b(?:sans|pas|ni|aucune?|no|not|without|non)\s/.test(`${found[1] ?? ''}`);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
