import mammoth from 'mammoth';
import { UnreadableFileError, type KnowledgeDocument } from '../document.ts';
import { readHtml } from './html.ts';

/** DOCX: converted to HTML by mammoth so that Word headings become sections. */
export async function readDocx(relPath: string, data: Buffer): Promise<KnowledgeDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data })).value;
  } catch {
    throw new UnreadableFileError('fichier Word (DOCX) illisible ou endommagé');
  }
  if (!html.trim()) throw new UnreadableFileError('fichier Word (DOCX) vide');
  return readHtml(relPath, html);
}
