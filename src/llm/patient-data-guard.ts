/**
 * Patient-data guard: finds what could identify a patient in a text (NIR with a
 * valid key, French phone numbers, e-mail addresses, a date of birth next to a
 * name or after « né(e) le »). Text with findings is never sent to an external
 * model endpoint, nor stored by Coordo.
 */
export type IdentifierKind = 'nir' | 'phone' | 'email' | 'birthdate';

export interface Finding {
  kind: IdentifierKind;
  /** Offsets of the match in the text (end exclusive). */
  start: number;
  end: number;
}

const SEP = '[ .\\-]?';

/** 15 characters: sex, year, month, department (2A/2B for Corse), commune, order, key — separators allowed. */
const NIR = new RegExp(
  `(?<![\\p{L}\\p{N}])[1-478](?:${SEP}\\d){4}${SEP}(?:\\d${SEP}\\d|2${SEP}[AB])(?:${SEP}\\d){6}${SEP}\\d${SEP}\\d(?![\\p{L}\\p{N}])`,
  'giu',
);

/** 0X XX XX XX XX, +33 X…, 0033 X…, +33 (0)X… */
const PHONE = new RegExp(
  `(?<![\\p{N}+])(?:(?:\\+|00)33${SEP}(?:\\(0\\)${SEP})?|0)[1-9](?:${SEP}\\d{2}){4}(?!\\p{N})`,
  'gu',
);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const MONTHS = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre';
const DATE = `(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})|\\d{1,2}(?:er)?\\s+(?:${MONTHS})\\s+\\d{4})`;

/** « né le 3 mars 1950 », « née le 03/03/1950 », « né(e) le … », « date de naissance : … », « DDN … ». */
const BIRTH_KEYWORD = new RegExp(
  `(?<!\\p{L})(?:n[ée]e?(?:\\(e\\))?\\s+le|date\\s+de\\s+naissance|ddn|naissance)\\s*:?\\s*(?:le\\s+)?${DATE}`,
  'giu',
);

/** A civility and a capitalised name, then a date within a few words: « Mme Durand (12/03/1950) ». */
const NAME_THEN_DATE = new RegExp(
  `(?<!\\p{L})(?:M\\.|Mr\\.?|Mme\\.?|Mlle\\.?|Monsieur|Madame|Mademoiselle)\\s+\\p{Lu}[\\p{L}'’\\-]+(?:\\s+\\p{Lu}[\\p{L}'’\\-]+)?[^\\n]{0,40}?${DATE}`,
  'gu',
);

/** Key of a NIR: 97 − (first 13 digits mod 97), Corse 2A → 19, 2B → 18. */
export function nirKeyIsValid(compact: string): boolean {
  if (!/^[1-478]\d{4}(?:\d{2}|2[AB])\d{8}$/i.test(compact)) return false;
  const body = compact.slice(0, 13).toUpperCase();
  const digits = body.replace(/^(.{5})2A/, '$119').replace(/^(.{5})2B/, '$118');
  const key = Number(compact.slice(13));
  return key === 97 - (Number(digits) % 97);
}

function matches(text: string, pattern: RegExp, kind: IdentifierKind, accept: (m: string) => boolean = () => true): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(pattern)) {
    if (accept(m[0])) out.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Every identifier found, in text order. Pure; no I/O. */
export function findPatientIdentifiers(text: string): Finding[] {
  return [
    ...matches(text, NIR, 'nir', (m) => nirKeyIsValid(m.replace(/[ .-]/g, ''))),
    ...matches(text, PHONE, 'phone'),
    ...matches(text, EMAIL, 'email'),
    ...matches(text, BIRTH_KEYWORD, 'birthdate'),
    ...matches(text, NAME_THEN_DATE, 'birthdate'),
  ].sort((a, b) => a.start - b.start);
}

const KIND_LABELS: Record<IdentifierKind, string> = {
  nir: 'un numéro de sécurité sociale (NIR)',
  phone: 'un numéro de téléphone',
  email: 'une adresse e-mail',
  birthdate: 'une date de naissance associée à une personne',
};

/**
 * The French sentence telling the user why their text was not sent to the
 * language model (`send`) or not saved (`store`).
 */
export function patientDataMessage(findings: readonly Finding[], action: 'send' | 'store'): string {
  const kinds = [...new Set(findings.map((f) => f.kind))].map((k) => KIND_LABELS[k]);
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} et ${kinds.at(-1)}` : (kinds[0] ?? 'une donnée identifiante');
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
};

/** The text with every finding replaced by a placeholder (overlapping findings merged). */
export function redactPatientIdentifiers(text: string): string {
  let out = '';
  let at = 0;
  for (const f of findPatientIdentifiers(text)) {
    if (f.end <= at) continue;
    out += text.slice(at, Math.max(at, f.start)) + (f.start >= at ? PLACEHOLDERS[f.kind] : '');
    at = f.end;
  }
  return out + text.slice(at);
}
