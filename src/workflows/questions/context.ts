import type { Platform, Turn } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';

/** Earlier turns kept as context for a follow-up question. */
export const MAX_TURNS = 10;

/** An earlier message of a question's thread, as its platform read it: its text made plain, and whether Coordo wrote it. */
export interface EarlierMessage {
  text: string;
  mine: boolean;
}

/**
 * The context of a question, whatever the platform: the earlier messages of
 * its thread (oldest first, as `read` gives them; null when the platform's
 * answer cannot be read) as turns — Coordo's are `assistant`, empty ones are
 * left out, the latest {@link MAX_TURNS} kept. On any error no context (the
 * question is still answered) and a warning without text.
 */
export async function readContext(platform: Platform, logger: Logger, channel: string, read: () => Promise<EarlierMessage[] | null>): Promise<Turn[]> {
  try {
    const earlier = await read();
    if (earlier) return earlier.flatMap((m): Turn[] => (m.text ? [{ role: m.mine ? 'assistant' : 'user', text: m.text }] : [])).slice(-MAX_TURNS);
    logger.warn(`${platform}.history_unreadable`, { channel });
  } catch (error) {
    logger.warn(`${platform}.history_failed`, { channel, error: errorName(error) });
  }
  return [];
}
