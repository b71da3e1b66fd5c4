import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a chat platform posts stays far below this. */
const BODY_LIMIT = 1024 * 1024;

/**
 * The body of a request, read within `limit` bytes (a larger one is left
 * unread, the connection kept for the answer); a reason when it is larger or
 * cannot be read.
 */
export function readBody(req: IncomingMessage, limit: number = BODY_LIMIT): Promise<Buffer | 'too_large' | 'unreadable_body'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too_large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).pause();
      resolve('too_large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve('unreadable_body'));
  });
}

/** Equal in constant time, whatever their lengths; an empty secret is never given. */
export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && given.length > 0;
}
