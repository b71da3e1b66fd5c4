import { innerGaps, type DigitWindow } from './digit-runs.ts';

/**
 * French phone numbers once separators are read: ten digits « 0X XXXXXXXX »
 * (one block, or groups of at most three digits — four for the first — with the
 * same separator throughout, which tells them from a list of dates), or
 * +33 / 0033 (and the overseas codes) then nine digits, « (0) » allowed.
 */
const NATIONAL = /^0[1-9]\d{8}$/;
const INTERNATIONAL = /^(?:33|262|269|590|594|596)0?[1-9]\d{8}$/;

export function isPhone(window: DigitWindow): boolean {
  const { digits, run, first, last } = window;
  const { gaps, worded } = innerGaps(window);
  if (worded || !/^\d+$/.test(digits)) return false;
  if (digits.startsWith('00') && INTERNATIONAL.test(digits.slice(2))) return true;
  if (first === 0 && run.plus && INTERNATIONAL.test(digits)) return true;
  if (!NATIONAL.test(digits)) return false;
  if (first === last) return true;
  const sizes = run.groups.slice(first, last + 1).map((g) => g.digits.length);
  // Joined to more digits by the same separator, the ten digits are part of a longer number.
  const extended = run.gaps[first] === gaps[0] || run.gaps[last + 1] === gaps[0];
  return sizes.every((n, i) => n <= (i === 0 ? 4 : 3)) && gaps.every((g) => g === gaps[0]) && !extended;
}
