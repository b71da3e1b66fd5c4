import type { DocumentSection } from '../document.ts';

const SOURCES_LINE = /^\s*Sources?\s*:\s*(.+)$/imu;

/** Take a trailing `Sources : a ; b` line out of a section's text. */
export function extractSources(text: string): { text: string; sources: string[] } {
  const match = SOURCES_LINE.exec(text);
  if (!match) return { text: text.trim(), sources: [] };
  const sources = (match[1] ?? '')
    .split(/\s;\s|\s*;\s*(?=https?:|[A-ZÀ-Ý«])/u)
    .map((s) => s.trim())
    .filter(Boolean);
  return { text: (text.slice(0, match.index) + text.slice(match.index + match[0].length)).trim(), sources };
}

/**
 * Split text on Markdown headings of the given level (`## `). Text before the
 * first heading becomes a section headed `fallbackHeading`.
 */
export function splitOnHeadings(body: string, fallbackHeading: string, level = 2): DocumentSection[] {
  const marker = new RegExp(`^#{${level}}\\s+(.+?)\\s*#*\\s*$`, 'gmu');
  const sections: DocumentSection[] = [];
  const push = (heading: string, raw: string) => {
    const { text, sources } = extractSources(raw);
    if (text) sections.push({ heading, text, sources });
  };
  let lastHeading = fallbackHeading;
  let lastIndex = 0;
  for (const match of body.matchAll(marker)) {
    push(lastHeading, body.slice(lastIndex, match.index));
    lastHeading = (match[1] ?? '').trim();
    lastIndex = (match.index ?? 0) + match[0].length;
  }
  push(lastHeading, body.slice(lastIndex));
  return sections;
}
