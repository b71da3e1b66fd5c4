import { UnreadableFileError } from '../document.ts';

/**
 * The text of a plain-text file (Markdown, text, HTML), whatever its encoding:
 * UTF-8 (with or without BOM), UTF-16 with its BOM, or — when the bytes are not
 * valid UTF-8 — Windows-1252 (the Latin-1 superset of French office files).
 * A file holding NUL characters is binary, not text.
 */
export function decodeText(data: Uint8Array): string {
  const text = decode(data);
  if (text.includes('\u0000')) throw new UnreadableFileError('contenu binaire, pas du texte');
  return text;
}

function decode(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  try {
    // The UTF-8 BOM, when there is one, is dropped by the decoder.
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return windows1252(data);
  }
}

/** Windows-1252 bytes 0x80–0x9F (elsewhere it is Latin-1); Node's TextDecoder decodes this label as plain Latin-1. */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(data: Uint8Array): string {
  let text = '';
  for (const byte of data) text += byte >= 0x80 && byte <= 0x9f ? HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}
