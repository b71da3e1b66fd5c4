import path from 'node:path';
import { UnreadableFileError, type KnowledgeDocument } from '../document.ts';
import { readMarkdown } from './markdown.ts';
import { readPlainText } from './plain-text.ts';
import { HTML_MARKUP_FACTOR, readHtml } from './html.ts';
import { decodeText } from './decode-text.ts';
import { checkTextLength } from './limits.ts';

type Reader = (relPath: string, data: Buffer) => KnowledgeDocument | Promise<KnowledgeDocument>;

/** Markdown, text and HTML: decoded whatever their encoding (see decode-text.ts), within the text limit. */
const text = (read: (relPath: string, text: string) => KnowledgeDocument, factor = 1): Reader => (relPath, data) =>
  read(relPath, checkTextLength(decodeText(data), factor));

const READERS: Record<string, Reader> = {
  '.md': text(readMarkdown),
  '.markdown': text(readMarkdown),
  '.txt': text((p, t) => readPlainText(p, t)),
  '.html': text(readHtml, HTML_MARKUP_FACTOR),
  '.htm': text(readHtml, HTML_MARKUP_FACTOR),
  // PDF and DOCX libraries weigh ~170 MB once loaded: load them only when such a file is read.
  '.pdf': async (relPath, data) => (await import('./pdf.ts')).readPdf(relPath, data),
  '.docx': async (relPath, data) => (await import('./docx.ts')).readDocx(relPath, data),
};

export function isSupported(file: string): boolean {
  return path.extname(file).toLowerCase() in READERS;
}

/** Read one knowledge file. Throws UnreadableFileError (French reason) when it cannot be used. */
export async function readKnowledgeFile(relPath: string, data: Buffer): Promise<KnowledgeDocument> {
  const reader = READERS[path.extname(relPath).toLowerCase()];
  if (!reader) throw new UnreadableFileError('format non pris en charge');
  try {
    return await reader(relPath, data);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('fichier illisible');
  }
}
