import mammoth from 'mammoth';
import { UnreadableFileError, type KnowledgeDocument } from '../document.ts';
import { HTML_MARKUP_FACTOR, readHtml } from './html.ts';
import { checkTextLength, MAX_DOCX_UNCOMPRESSED_BYTES } from './limits.ts';
import { unzippedSize } from './zip-limit.ts';

const MEGABYTE = 1024 * 1024;

/**
 * DOCX: converted to HTML by mammoth so that Word headings become sections. The
 * archive's decompressed size is checked first (a 3 MB zip bomb would inflate to
 * gigabytes inside mammoth), and so is the length of what mammoth extracts.
 */
export async function readDocx(relPath: string, data: Buffer): Promise<KnowledgeDocument> {
  let size: number | null;
  try {
    size = unzippedSize(data, MAX_DOCX_UNCOMPRESSED_BYTES);
  } catch {
    throw new UnreadableFileError('fichier Word (DOCX) illisible ou endommagé');
  }
  if (size === null) {
    throw new UnreadableFileError(`fichier Word (DOCX) trop volumineux une fois décompressé (plus de ${MAX_DOCX_UNCOMPRESSED_BYTES / MEGABYTE} Mo)`);
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data })).value;
  } catch {
    throw new UnreadableFileError('fichier Word (DOCX) illisible ou endommagé');
  }
  if (!html.trim()) throw new UnreadableFileError('fichier Word (DOCX) sans texte');
  return readHtml(relPath, checkTextLength(html, HTML_MARKUP_FACTOR));
}
