import type { NormalizedText } from './normalize.ts';

/**
 * Numbers as people write them: groups of digits (« 06 », « 2A » for Corsica)
 * joined by separators (spaces, dots, dashes, slashes, brackets…) or by a few
 * short words (« 084 clé 91 »). Detectors then try every window of
 * consecutive groups of a run against the shape of what they look for.
 */
export interface DigitGroup {
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** Digits, lowercase; « 2a » / « 2b » for a Corsican department. */
  digits: string;
}

export interface DigitRun {
  groups: DigitGroup[];
  /** gaps[k]: the text between groups k-1 and k (gaps[0] = ''). */
  gaps: string[];
  /** worded[k]: gaps[k] holds a word. */
  worded: boolean[];
  /** The run is introduced by « + » (international phone number). */
  plus: boolean;
}

export interface DigitWindow {
  run: DigitRun;
  first: number;
  last: number;
  digits: string;
}

const GROUP = /(?<![a-z])\d*2[ab](?![a-z])\d*|\d+/g;
const SEPARATORS = String.raw`[ .,:;/\\\-_()\[\]{}<>|*#'"«»=]`;
const PLAIN_GAP = new RegExp(String.raw`^${SEPARATORS}{1,4}$`);
/** Up to three short words: « clé », « key », « et la clé »… */
const WORDED_GAP = new RegExp(String.raw`^${SEPARATORS}{0,4}(?:[a-z]{1,6}${SEPARATORS}{1,4}){1,3}$`);
const MAX_WINDOW_DIGITS = 22;

export function digitRuns(norm: NormalizedText): DigitRun[] {
  const runs: DigitRun[] = [];
  let current: DigitRun | undefined;
  let previousEnd = -1;
  for (const m of norm.lower.matchAll(GROUP)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const gap = current ? norm.lower.slice(previousEnd, group.start) : '';
    const plain = PLAIN_GAP.test(gap);
    if (current && (plain || WORDED_GAP.test(gap))) {
      current.groups.push(group);
      current.gaps.push(gap);
      current.worded.push(!plain);
    } else {
      current = { groups: [group], gaps: [''], worded: [false], plus: /\+[ (]{0,2}$/.test(norm.lower.slice(Math.max(0, group.start - 3), group.start)) };
      runs.push(current);
    }
    previousEnd = group.end;
  }
  return runs;
}

/** Every window of consecutive groups, up to 22 digits. */
export function* digitWindows(runs: readonly DigitRun[]): Generator<DigitWindow> {
  for (const run of runs) {
    for (let first = 0; first < run.groups.length; first++) {
      let digits = '';
      for (let last = first; last < run.groups.length; last++) {
        digits += run.groups[last]?.digits ?? '';
        if (digits.length > MAX_WINDOW_DIGITS) break;
        yield { run, first, last, digits };
      }
    }
  }
}

/** The gaps inside a window (between its groups). */
export function innerGaps(window: DigitWindow): { gaps: string[]; worded: boolean } {
  const gaps = window.run.gaps.slice(window.first + 1, window.last + 1);
  return { gaps, worded: window.run.worded.slice(window.first + 1, window.last + 1).some(Boolean) };
}

export function windowSpan(window: DigitWindow): { start: number; end: number } {
  return { start: window.run.groups[window.first]?.start ?? 0, end: window.run.groups[window.last]?.end ?? 0 };
}

/** The text just before a window (labels such as « NIR », « sécu », « IPP »). */
export function textBefore(norm: NormalizedText, window: DigitWindow, chars: number): string {
  const start = windowSpan(window).start;
  return norm.lower.slice(Math.max(0, start - chars), start);
}
