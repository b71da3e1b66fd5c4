import path from 'node:path';
import { UnreadableFileError, type KnowledgeDocument } from '../document.ts';
import { readMarkdown } from './markdown.ts';
import { readPlainText } from './plain-text.ts';
import { readHtml } from './html.ts';

type Reader = (relPath: string, data: Buffer) => KnowledgeDocument | Promise<KnowledgeDocument>;

const utf8 = (read: (relPath: string, text: string) => KnowledgeDocument): Reader => (relPath, data) => {
  const text = data.toString('utf8');
  // eslint-disable-next-line no-control-regex
  if (text.includes('\u0000') || /\ufffd{3,}/u.test(text)) throw new UnreadableFileError('contenu binaire ou encodage non UTF-8');
  return read(relPath, text);
};

const READERS: Record<string, Reader> = {
  '.md': utf8(readMarkdown),
  '.markdown': utf8(readMarkdown),
  '.txt': utf8((p, t) => readPlainText(p, t)),
  '.html': utf8(readHtml),
  '.htm': utf8(readHtml),
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
