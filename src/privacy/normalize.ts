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

/** Non-ASCII characters folded so far: a text holds few distinct ones, and folding one takes two normalisations. */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 10_000;

function foldChar(c: string): string {
  if (isAscii(c)) return c.toLowerCase();
  const known = FOLDED.get(c);
  if (known !== undefined) return known;
  const lower = c.toLowerCase();
  const folded = (lower.normalize('NFD').replace(/\p{Diacritic}/gu, '') || lower).charAt(0) || c;
  if (FOLDED.size < MAX_FOLDED) FOLDED.set(c, folded);
  return folded;
}

/** ASCII has nothing to drop, no compatibility form, no dash or apostrophe to unify: only its spaces to read. */
function isAscii(c: string): boolean {
  return c.charCodeAt(0) < 0x80;
}

export function normalizeText(original: string, options: { splitGlued?: boolean } = {}): NormalizedText {
  const text: string[] = [];
  const lower: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let previous = '';
  const push = (c: string, start: number, end: number) => {
    text.push(c);
    lower.push(foldChar(c));
    from.push(start);
    to.push(end);
    previous = c;
  };
  let offset = 0;
  for (const point of original) {
    const start = offset;
    offset += point.length;
    const ascii = isAscii(point);
    if (!ascii && DROPPED.test(point)) continue;
    for (const raw of ascii ? point : point.normalize('NFKC')) {
      const c = unified(raw);
      if (c === ' ' && (previous === ' ' || previous === '')) continue;
      if (options.splitGlued && isDigit(c) && /\p{L}/u.test(previous)) push(' ', start, start);
      push(c, start, offset);
    }
  }
  return { text: text.join(''), lower: lower.join(''), from, to };
}

/** Every space one space, every dash « - », every apostrophe « ' ». */
function unified(c: string): string {
  if (isAscii(c)) return c === '\t' || c === '\v' || c === '\f' || c === '\r' ? ' ' : c;
  return SPACE.test(c) ? ' ' : DASHES.test(c) ? '-' : APOSTROPHES.test(c) ? "'" : c;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Offsets in the original text of the normalised span [start, end). */
export function originalSpan(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  return { start: norm.from[start] ?? 0, end: norm.to[Math.max(start, end - 1)] ?? 0 };
}
