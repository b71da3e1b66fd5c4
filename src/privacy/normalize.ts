/**
 * The normalisation every detector of the privacy guard reads: what people
 * paste (Word, PDF, French typography) is brought to one spelling before any
 * matching, and each character keeps the offsets of the original text it came
 * from, so that findings can be masked in the original.
 *
 * - compatibility forms (NFKC): fullwidth digits and « ＠ », ligatures, « º »;
 * - every Unicode space (no-break, narrow no-break, thin, tab…) → one space, runs collapsed;
 * - zero-width and soft-hyphen characters dropped; dashes and minus → « - »; curly apostrophes → « ' »;
 * - optionally, a space between a letter and a digit glued to it (« NIR185… », « tél0612… »).
 */
export interface NormalizedText {
  /** Normalised text, case kept (names are told by their capitals). */
  text: string;
  /** The same, lowercase and without accents, character for character. */
  lower: string;
  /** Offset in the original text of each character of `text`. */
  from: number[];
  /** Offset just after it in the original text. */
  to: number[];
}

const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/u;
const APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/u;
const DROPPED = /[\p{Cf}\u00ad]/u;
const SPACE = /[\p{Zs}\t\v\f\r]/u;

function foldChar(c: string): string {
  const lower = c.toLowerCase();
  const folded = lower.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  return (folded || lower).charAt(0) || c;
}

export function normalizeText(original: string, options: { splitGlued?: boolean } = {}): NormalizedText {
  let text = '';
  let lower = '';
  const from: number[] = [];
  const to: number[] = [];
  const push = (c: string, start: number, end: number) => {
    text += c;
    lower += foldChar(c);
    from.push(start);
    to.push(end);
  };
  let offset = 0;
  for (const point of original) {
    const start = offset;
    offset += point.length;
    if (DROPPED.test(point)) continue;
    for (const raw of point.normalize('NFKC')) {
      const c = SPACE.test(raw) ? ' ' : DASHES.test(raw) ? '-' : APOSTROPHES.test(raw) ? "'" : raw;
      const previous = text.at(-1) ?? '';
      if (c === ' ' && (previous === ' ' || previous === '')) continue;
      if (options.splitGlued && /\d/.test(c) && /\p{L}/u.test(previous)) push(' ', start, start);
      push(c, start, offset);
    }
  }
  return { text, lower, from, to };
}

/** Offsets in the original text of the normalised span [start, end). */
export function originalSpan(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: norm.from[start] ?? 0, end: norm.to[Math.max(start, end - 1)] ?? 0 };
}
