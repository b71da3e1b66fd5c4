import { UnreadableFileError } from '../document.ts';

/**
 * What one knowledge file may cost. A file beyond these limits is skipped and
 * reported by name, so that one document (a zip bomb, a PDF of a whole
 * library) cannot drive the indexer's memory up or its time out.
 */

/** Bytes read from disk for one file. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Characters of text extracted from one file (≈ 1,400 passages). */
export const MAX_TEXT_CHARS = 2_000_000;

/** Bytes of a DOCX once decompressed (every part of the zip together). */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024;

const number = (n: number) => n.toLocaleString('fr-FR').replace(/\u202f/g, ' ');

/** The text, or an UnreadableFileError naming the limit when it is longer (`factor`: markup allowed around the text, for HTML). */
export function checkTextLength(text: string, factor = 1): string {
  if (text.length > MAX_TEXT_CHARS * factor) {
    throw new UnreadableFileError(`texte extrait trop long (plus de ${number(MAX_TEXT_CHARS)} caractères) : découpez le document`);
  }
  return text;
}
