import { PDFParse } from 'pdf-parse';
import { UnreadableFileError, type KnowledgeDocument } from '../document.ts';
import { readPlainText } from './plain-text.ts';
import { checkTextLength } from './limits.ts';

/** PDF: its text layer, one document (scanned PDFs without text are reported as unreadable). */
export async function readPdf(relPath: string, data: Buffer): Promise<KnowledgeDocument> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    // pdf-parse marks page ends (`-- 1 of 3 --`): not text of the document.
    const text = (await parser.getText()).text.replace(/^-- \d+ of \d+ --$/gmu, '');
    if (!text.trim()) throw new UnreadableFileError('PDF sans texte (document scanné ?)');
    return readPlainText(relPath, checkTextLength(text));
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('PDF illisible ou endommagé');
  } finally {
    await parser.destroy();
  }
}
