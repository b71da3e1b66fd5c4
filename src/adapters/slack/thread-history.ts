import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import type { Turn } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { MAX_TURNS, readContext, type EarlierMessage } from '../../workflows/questions/context.ts';
import { plainText } from './message-text.ts';

/** Messages as conversations.replies and conversations.history list them (the outbox looks for its key in their metadata). */
const MetadataSchema = z.object({ event_type: z.string().optional(), event_payload: z.record(z.string(), z.unknown()).optional() });
export const MessagesSchema = z.object({
  messages: z.array(z.object({ ts: z.string(), text: z.string().optional(), user: z.string().optional(), bot_id: z.string().optional(), metadata: MetadataSchema.optional() })).default([]),
});
type SlackMessage = z.infer<typeof MessagesSchema>['messages'][number];

/** Pages of `conversations.replies` read at most (oldest first): 5 × 200 messages. */
const MAX_PAGES = 5;
const PAGE_SIZE = 200;

export interface BotIdentity {
  userId?: string;
  botId?: string;
}

/**
 * The earlier messages of a question: its thread's, paged to its end (a long
 * thread's context is its latest turns), or a 1:1 direct message's (where
 * Coordo answers in the conversation, not in threads).
 */
export function slackHistory(client: WebClient, question: QuestionRef, bot: BotIdentity, logger: Logger): Promise<Turn[]> {
  const { channel, threadTs } = question;
  // Slack lists only what comes before the question (`latest`, exclusive).
  const before = { channel, latest: question.ts, inclusive: false };
  return readContext('slack', logger, channel, async () => {
    if (!threadTs) {
      const parsed = MessagesSchema.safeParse(await client.conversations.history({ ...before, limit: MAX_TURNS }));
      // Slack lists a conversation newest first.
      return parsed.success ? earlier([...parsed.data.messages].reverse(), bot) : null;
    }
    // Slack returns a thread oldest first; the WebClient follows its cursor.
    const messages: SlackMessage[] = [];
    let pages = 0;
    for await (const page of client.paginate('conversations.replies', { ...before, ts: threadTs, limit: PAGE_SIZE })) {
      const parsed = MessagesSchema.safeParse(page);
      if (!parsed.success) return null;
      messages.push(...parsed.data.messages);
      if (++pages === MAX_PAGES) break;
    }
    return earlier(messages, bot);
  });
}

/**
 * The text of one message, read again from Slack (a question left pending by a
 * crash: Coordo never stores it); null when it is gone, undefined when Slack could not say.
 */
export async function messageText(client: WebClient, where: { channel: string; ts: string; threadTs?: string }, logger: Logger): Promise<string | null | undefined> {
  try {
    const raw = where.threadTs
      ? await client.conversations.replies({ channel: where.channel, ts: where.threadTs, oldest: where.ts, inclusive: true, limit: 1 })
      : await client.conversations.history({ channel: where.channel, oldest: where.ts, latest: where.ts, inclusive: true, limit: 1 });
    const parsed = MessagesSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return parsed.data.messages.find((m) => m.ts === where.ts)?.text ?? null;
  } catch (error) {
    logger.warn('slack.message_read_failed', { channel: where.channel, error: errorName(error) });
    return undefined;
  }
}

/** Earlier messages as the context reads them: Coordo's are its user's or its bot's. */
function earlier(messages: readonly SlackMessage[], bot: BotIdentity): EarlierMessage[] {
  const mine = (message: SlackMessage) => (bot.userId !== undefined && message.user === bot.userId) || (bot.botId !== undefined && message.bot_id === bot.botId);
  return messages.map((message) => ({ text: plainText(message.text ?? '', bot.userId), mine: mine(message) }));
}
