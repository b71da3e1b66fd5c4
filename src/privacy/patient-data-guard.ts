import { addressSpans } from './address.ts';
import { birthdateSpans } from './birthdate.ts';
import { digitRuns, digitWindows, windowSpan } from './digit-runs.ts';
import { emailSpans } from './email.ts';
import { isNir } from './nir.ts';
import { normalizeText, originalSpan, type NormalizedText } from './normalize.ts';
import { patientNumberSpans } from './patient-number.ts';
import { isPhone } from './phone.ts';
import { frenchList } from '../text/listing.ts';

/**
 * The privacy guard: finds what could identify a patient in free text (NIR /
 * NIA / INS, phone numbers, e-mail addresses, a date of birth with a person,
 * hospital patient numbers, a postal address with a person). Every path that
 * sends text to a model or stores it asks here first; text with findings is
 * neither sent nor stored. The text is normalised first (see normalize.ts),
 * then read by structured detectors; findings carry offsets in the original.
 */
export type IdentifierKind = 'nir' | 'phone' | 'email' | 'birthdate' | 'patient_number' | 'address';

export interface Finding {
  kind: IdentifierKind;
  /** Offsets of the match in the original text (end exclusive). */
  start: number;
  end: number;
}

type Span = { start: number; end: number };

function numberFindings(norm: NormalizedText): { kind: IdentifierKind; span: Span }[] {
  const out: { kind: IdentifierKind; span: Span }[] = [];
  for (const window of digitWindows(digitRuns(norm))) {
    if (isNir(norm, window)) out.push({ kind: 'nir', span: windowSpan(window) });
    else if (isPhone(window)) out.push({ kind: 'phone', span: windowSpan(window) });
  }
  return out;
}

/** Overlapping findings: the longest wins (a NIR is not also a phone number). */
function keepLongest(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  for (const f of sorted) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Raised instead of sending or storing a text that holds patient identifiers. */
export class PatientDataError extends Error {
  override readonly name = 'PatientDataError';
}

/** Every identifier found, in text order. Pure; no I/O. */
export function findPatientIdentifiers(text: string): Finding[] {
  const plain = normalizeText(text);
  const split = normalizeText(text, { splitGlued: true });
  const at = (norm: NormalizedText, kind: IdentifierKind) => (s: Span): Finding => ({ kind, ...originalSpan(norm, s.start, s.end) });
  return keepLongest([
    ...numberFindings(split).map(({ kind, span }) => at(split, kind)(span)),
    ...emailSpans(plain).map(at(plain, 'email')),
    ...birthdateSpans(plain).map(at(plain, 'birthdate')),
    ...patientNumberSpans(split).map(at(split, 'patient_number')),
    ...addressSpans(plain).map(at(plain, 'address')),
  ]);
}

const KIND_LABELS: Record<IdentifierKind, string> = {
  nir: 'un numéro de sécurité sociale (NIR ou INS)',
  phone: 'un numéro de téléphone',
  email: 'une adresse e-mail',
  birthdate: 'une date de naissance associée à une personne',
  patient_number: 'un numéro de patient (IPP)',
  address: 'une adresse postale associée à une personne',
};

/**
 * The French sentence telling the user why their text was not sent to the
 * language model (`send`) or not saved (`store`).
 */
export function patientDataMessage(findings: readonly Finding[], action: 'send' | 'store'): string {
  const kinds = [...new Set(findings.map((f) => f.kind))].map((k) => KIND_LABELS[k]);
  const list = kinds.length > 0 ? frenchList(kinds) : 'une donnée identifiante';
  const what =
    action === 'send'
      ? "Votre message n'a pas été transmis au modèle de langage"
      : "Ce texte n'a pas été enregistré";
  return `${what} : il semble contenir ${list}. Coordo ne traite pas de données permettant d'identifier un patient ; retirez-les puis réessayez.`;
}

/**
 * One call for callers: the French message explaining why `text` cannot be sent
 * (`send`) or saved (`store`), or `null` when it holds no patient identifier.
 */
export function patientDataProblem(text: string, action: 'send' | 'store'): string | null {
  const findings = findPatientIdentifiers(text);
  return findings.length > 0 ? patientDataMessage(findings, action) : null;
}

const PLACEHOLDERS: Record<IdentifierKind, string> = {
  nir: '[NIR masqué]',
  phone: '[téléphone masqué]',
  email: '[e-mail masqué]',
  birthdate: '[date masquée]',
  patient_number: '[numéro masqué]',
  address: '[adresse masquée]',
};

/** The text with every finding replaced by a placeholder. */
export function redactPatientIdentifiers(text: string): string {
  let out = '';
  let at = 0;
  for (const f of findPatientIdentifiers(text)) {
    out += text.slice(at, f.start) + PLACEHOLDERS[f.kind];
    at = f.end;
  }
  return out + text.slice(at);
}
