import type { KnowledgeDocument } from '../document.ts';
import { extractSources, splitOnHeadings } from './sections.ts';
import { fileTitle } from './markdown.ts';
import { checkTextLength } from './limits.ts';

/**
 * Plain text (also the output of the PDF, DOCX and HTML readers). Markdown-like
 * `## ` headings split sections when present; otherwise the whole text is one
 * section, later cut into parts by the chunker.
 */
export function readPlainText(relPath: string, content: string, title = fileTitle(relPath)): KnowledgeDocument {
  const text = checkTextLength(content).replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const { sources } = extractSources(text);
  return { path: relPath, title, sources, tags: [], sections: splitOnHeadings(text, title) };
}
