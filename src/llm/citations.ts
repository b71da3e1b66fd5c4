/**
 * Citation markers in a model reply: `[2]`, `[1, 3]`, `[1][3]`. The reply is
 * checked against the passages it was given, then renumbered 1..k in order of
 * first citation so the markers match the reply's citation list.
 */
const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;

export type CitationCheck =
  | { ok: true; /** Passage numbers (1-based, as given to the model), in order of first citation. */ cited: number[] }
  | { ok: false; reason: 'no_citation' | 'unknown_citation' };

function numbersIn(marker: string): number[] {
  return marker.split(/[,;]/).map((n) => Number(n.trim()));
}

/** The numbers a text cites, in order of first citation. */
export function citedIn(text: string): number[] {
  return [...new Set([...text.matchAll(MARKER)].flatMap((m) => numbersIn(m[1] ?? '')))];
}

/** The text without its citation markers. */
export function withoutMarkers(text: string): string {
  return text.replace(MARKER, ' ');
}

/** Every cited number must be one of the passages 1..count, and at least one must be cited. */
export function checkCitations(text: string, count: number): CitationCheck {
  const cited = citedIn(text);
  if (cited.some((n) => !Number.isInteger(n) || n < 1 || n > count)) return { ok: false, reason: 'unknown_citation' };
  return cited.length > 0 ? { ok: true, cited } : { ok: false, reason: 'no_citation' };
}

/** Rewrite markers with the new numbers (`[3, 1]` → `[1][2]` when 3 and 1 are the first two cited). */
export function renumberCitations(text: string, cited: readonly number[]): string {
  return text.replace(MARKER, (_, group: string) =>
    numbersIn(group)
      .map((n) => `[${cited.indexOf(n) + 1}]`)
      .join(''),
  );
}

/** Cut a reply to at most `max` characters, at a sentence or line end when one is close enough. */
export function capText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const head = trimmed.slice(0, max - 1);
  const lastEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('\n'));
  if (lastEnd >= max / 2) return head.slice(0, lastEnd + 1).trim();
  const lastSpace = head.lastIndexOf(' ');
  return `${head.slice(0, lastSpace > 0 ? lastSpace : head.length).trim()}…`;
}
