import { innerGaps, textBefore, type DigitWindow } from './digit-runs.ts';
import type { NormalizedText } from './normalize.ts';

/**
 * The NIR (numéro de sécurité sociale, also the INS of most patients) and the
 * temporary NIA: sex (1, 2; 3, 4 and 7, 8 for temporary numbers), year, month,
 * department (2A / 2B in Corsica), commune, order, then a 2-digit key.
 * With its key, the mod-97 key tells a NIR from any other 15-digit number;
 * without it, the 13 digits must have a NIR's structure and be written as one
 * (grouped like a NIR, or introduced by a label such as « NIR », « sécu », « INS »).
 */
const NIR_BODY = /^[1-478]\d{4}(?:\d{2}|2[ab])\d{6}$/;
const NIR_BODY_STRICT = /^[1278]\d{2}(?:0[1-9]|1[0-2]|[2-3]\d|4[0-2]|[5-9]\d)(?:\d{2}|2[ab])\d{6}$/;
const LABEL =
  /(?:^|[^a-z])(?:nir|nia|ins|nss|ss|secu|securite sociale|vitale|immatriculation|matricule|assuree?|inscription au repertoire|identifiant national de sante|provisoire|d'attente)(?:[^a-z]{1,4}[a-z]{1,5}){0,2}[^a-z]{0,8}$/;

/** Key of a NIR: 97 − (first 13 digits mod 97); Corsica 2A counts as 19, 2B as 18. */
export function nirKeyIsValid(compact: string): boolean {
  const lower = compact.toLowerCase();
  if (!/^\d{15}$|^\d{5}2[ab]\d{8}$/.test(lower) || !NIR_BODY.test(lower.slice(0, 13))) return false;
  const digits = lower.slice(0, 13).replace(/^(.{5})2a/, '$119').replace(/^(.{5})2b/, '$118');
  return Number(lower.slice(13)) === 97 - Number(BigInt(digits) % 97n);
}

function labelled(norm: NormalizedText, window: DigitWindow): boolean {
  return LABEL.test(textBefore(norm, window, 48));
}

export function isNir(norm: NormalizedText, window: DigitWindow): boolean {
  const { digits } = window;
  const { gaps, worded } = innerGaps(window);
  if (digits.length === 15 && nirKeyIsValid(digits)) return true;
  if (worded) return false;
  const hasLabel = labelled(norm, window);
  if (hasLabel && digits.length >= 13 && /^[1-478]/.test(digits)) return true;
  if (digits.length !== 13 || !NIR_BODY_STRICT.test(digits)) return false;
  // Thirteen digits followed by more digits are the start of another number (a reference whose key is wrong).
  const next = window.run.gaps[window.last + 1];
  const continues = next !== undefined && !window.run.worded[window.last + 1];
  return !continues && (hasLabel || gaps.length >= 3);
}
