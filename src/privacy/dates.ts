/**
 * Dates as people write them, in lowercase accent-folded text: 12/03/1954,
 * 12.03.54, 12 - 03 - 1954, 1954-03-12, 12 03 1954, 12 mars 1954, 1er mars,
 * « douze mars », « vingt-trois août », 3 avr. 1948, March 12, 2018.
 */
const DAY_WORD =
  '(?:premier|(?:vingt|trente)(?:[- ]et[- ]un|[- ](?:deux|trois|quatre|cinq|six|sept|huit|neuf))?|dix[- ](?:sept|huit|neuf)|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize)';
const DAY = `(?:[0-3]?\\d(?: ?er)?|${DAY_WORD})`;
const MONTH =
  '(?:janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre|sept|octobre|oct|novembre|nov|decembre|dec|january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sep|october|november|december)\\.?';
const YEAR = '(?:1[89]|20)\\d{2}';
/** « mil neuf cent cinquante-quatre », « deux mille vingt ». */
const YEAR_WORDS = '(?:mil|mille|deux mille)(?:[ -](?:neuf|cent|vingt|trente|quarante|cinquante|soixante|quatre|dix|un|deux|trois|cinq|six|sept|huit|et|onze|douze|treize|quatorze|quinze|seize)){0,6}';
const SEP = ' ?[/.\\-] ?';

/** A full date: day, month and year. */
export const FULL_DATE = [
  `[0-3]?\\d${SEP}[01]?\\d${SEP}(?:${YEAR}|\\d{2})(?![\\d/.])`,
  `[0-3]?\\d [01]?\\d ${YEAR}`,
  `${YEAR}-[01]?\\d-[0-3]?\\d`,
  `${DAY} (?:de )?${MONTH},? (?:${YEAR}|\\d{2}|${YEAR_WORDS})`,
  `${MONTH} [0-3]?\\d(?:st|nd|rd|th)?,? ${YEAR}`,
]
  .map((p) => `(?:${p})`)
  .join('|');

/** A month and a year, or a year alone after « en »: enough with a name and « né ». */
export const PARTIAL_DATE = `(?:(?:en )?${MONTH} ${YEAR}|en ${YEAR})`;

/** Numeric dates must be real days: 31/13/2020 is not one. */
export function plausibleDate(match: string): boolean {
  const numbers = match.match(/\d+/g)?.map(Number) ?? [];
  if (!/^\d/.test(match) || numbers.length !== 3 || /[a-z]/.test(match.replace(/er\b/, ''))) return true;
  const [a = 0, b = 0, c = 0] = numbers;
  const [day, month] = a > 31 ? [c, b] : [a, b];
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}
