import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import type { Turn } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { MAX_TURNS, readContext, type EarlierMessage } from '../../workflows/questions/context.ts';
import { plainText } from './message-text.ts';

/** Messages as conversations.replies and conversations.history list them (the outbox looks for its key in their metadata). */
export const MessagesSchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        text: z.string().optional(),
        user: z.string().optional(),
        bot_id: z.string().optional(),
        metadata: z.object({ event_type: z.string().optional(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
});
type SlackMessage = z.infer<typeof MessagesSchema>['messages'][number];

/** Pages of `conversations.replies` read at most (oldest first): 5 × 200 messages. */
const MAX_PAGES = 5;
const PAGE_SIZE = 200;

export interface BotIdentity {
  userId?: string;
  botId?: string;
}

/** Order of two Slack timestamps (`seconds.micro`), exact (no float rounding). */
function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/**
 * The earlier messages of a question: its thread's, paged to its end (a long
 * thread's context is its latest turns), or a 1:1 direct message's (where
 * Coordo answers in the conversation, not in threads).
 */
export function slackHistory(client: WebClient, question: QuestionRef, bot: BotIdentity, logger: Logger): Promise<Turn[]> {
  const { channel, ts: beforeTs, threadTs } = question;
  return readContext('slack', logger, channel, async () => {
    if (!threadTs) {
      const parsed = MessagesSchema.safeParse(await client.conversations.history({ channel, latest: beforeTs, inclusive: false, limit: MAX_TURNS }));
      // Slack lists a conversation newest first.
      return parsed.success ? earlier([...parsed.data.messages].reverse(), beforeTs, bot) : null;
    }
    // Slack returns a thread oldest first; the WebClient follows its cursor.
    const messages: SlackMessage[] = [];
    let pages = 0;
    for await (const page of client.paginate('conversations.replies', { channel, ts: threadTs, limit: PAGE_SIZE })) {
      const parsed = MessagesSchema.safeParse(page);
      if (!parsed.success) return null;
      messages.push(...parsed.data.messages);
      pages += 1;
      if (pages === MAX_PAGES) break;
    }
    return earlier(messages, beforeTs, bot);
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

/** The messages before `beforeTs`: Coordo's are its user's or its bot's. */
function earlier(messages: readonly SlackMessage[], beforeTs: string, bot: BotIdentity): EarlierMessage[] {
  return messages
    .filter((message) => compareTs(message.ts, beforeTs) < 0)
    .map((message) => ({
      text: plainText(message.text ?? '', bot.userId),
      mine: (bot.userId !== undefined && message.user === bot.userId) || (bot.botId !== undefined && message.bot_id === bot.botId),
    }));
}
