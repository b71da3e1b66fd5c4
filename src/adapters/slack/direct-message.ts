import type { WebClient } from '@slack/web-api';
import { errorName, type Logger } from '../../log/logger.ts';

/** The id of the direct-message channel with a user (opened if needed). */
export async function openDirectMessage(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

export interface TellOptions {
  /** The log event of a failure (logged as a warning with the user id, the error name and `meta`). */
  failure: string;
  meta?: Parameters<Logger['warn']>[1];
  /** Direct-message channels where the user already sees the news (e.g. the thread of a card): nothing is sent there. */
  unlessIn?: readonly string[];
}

/** Post a plain text to a user in a direct message; a failure is logged, never thrown. */
export async function tellInDm(client: WebClient, logger: Logger, userId: string, text: string, options: TellOptions): Promise<void> {
  try {
    const channel = await openDirectMessage(client, userId);
    if (options.unlessIn?.includes(channel)) return;
    await client.chat.postMessage({ channel, text, unfurl_links: false });
  } catch (error) {
    logger.warn(options.failure, { ...options.meta, user: userId, error: errorName(error) });
  }
}
