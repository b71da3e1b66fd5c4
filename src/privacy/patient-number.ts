import type { NormalizedText } from './normalize.ts';

/**
 * Hospital patient numbers: a number of at least four digits (letters and
 * separators allowed: « P-2024-00871 », « 12 34 56 78 ») introduced by IPP,
 * NIP, NDA or « n° (de) patient », « numéro patient », « patient n° », « dossier patient n° ».
 */
const LABEL =
  '(?:ipp|nip|nda|iep|(?:n\\s?[°o]\\.?|num(?:ero)?\\.?)\\s*(?:de |du )?(?:patient|dossier (?:patient|medical))|patient\\s*(?:n\\s?[°o]\\.?|num(?:ero)?\\.?|id)|id(?:entifiant)? patient|dossier (?:patient|medical) n\\s?[°o])';
const VALUE = '(?:[a-z]{1,2}-?)?\\d[\\d \\-/.]*\\d';
const PATIENT_NUMBER = new RegExp(`(?<![a-z])${LABEL}(?:\\s*(?:n\\s?[°o]|:|=|#|est le|est))*\\s*(${VALUE})`, 'g');

export function patientNumberSpans(norm: NormalizedText): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of norm.lower.matchAll(PATIENT_NUMBER)) {
    const value = m[1] ?? '';
    if ((value.match(/\d/g) ?? []).length >= 4) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
