import { convert } from 'html-to-text';
import type { KnowledgeDocument } from '../document.ts';
import { readPlainText } from './plain-text.ts';
import { fileTitle } from './markdown.ts';

/** HTML may hold this many times the text limit in markup (tags, styles, scripts). */
export const HTML_MARKUP_FACTOR = 5;

/** HTML page: `<h1>`/`<h2>` become `## ` section headings, the rest plain text. */
export function readHtml(relPath: string, html: string): KnowledgeDocument {
  const title = /<title[^>]*>([^<]+)<\/title>/iu.exec(html)?.[1]?.trim() || fileTitle(relPath);
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'h1', format: 'blockString', options: { leadingLineBreaks: 2, trailingLineBreaks: 1 } },
      { selector: 'h2', format: 'blockString', options: { leadingLineBreaks: 2, trailingLineBreaks: 1 } },
    ],
  });
  return readPlainText(relPath, markHeadings(html, text), title);
}

/** html-to-text drops heading levels: re-mark the `<h1>`/`<h2>` lines as `## ` headings. */
function markHeadings(html: string, text: string): string {
  const headings = new Set(
    [...html.matchAll(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/giu)].map((m) => convert(m[1] ?? '', { wordwrap: false }).trim()),
  );
  return text
    .split('\n')
    .map((line) => (headings.has(line.trim()) && line.trim() ? `## ${line.trim()}` : line))
    .join('\n');
}
