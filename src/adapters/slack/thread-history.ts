import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import type { Turn } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { plainText } from './message-text.ts';

/** Earlier turns kept as context for a follow-up question. */
const MAX_TURNS = 10;

const RepliesSchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        text: z.string().optional(),
        user: z.string().optional(),
        bot_id: z.string().optional(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** Pages of `conversations.replies` read at most (oldest first): 5 × 200 messages. */
const MAX_PAGES = 5;
const PAGE_SIZE = 200;

export interface ThreadRef {
  channel: string;
  /** Root of the thread. */
  threadTs: string;
  /** The message being answered: it and anything after it are left out. */
  beforeTs: string;
}

export interface BotIdentity {
  userId?: string;
  botId?: string;
}

const HistorySchema = z.object({ messages: RepliesSchema.shape.messages });

/** Order of two Slack timestamps (`seconds.micro`), exact (no float rounding). */
function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/**
 * The thread's earlier messages as turns, oldest first: Coordo's own messages
 * are `assistant`, everyone else's `user`. On any Slack error, no history (the
 * question is still answered) and a warning without text.
 */
export async function threadHistory(client: WebClient, thread: ThreadRef, bot: BotIdentity, logger: Logger): Promise<Turn[]> {
  // Slack returns a thread oldest first: page to its end, so that a long thread's context is its latest turns.
  const messages: z.infer<typeof RepliesSchema>['messages'] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let raw: unknown;
    try {
      raw = await client.conversations.replies({ channel: thread.channel, ts: thread.threadTs, limit: PAGE_SIZE, cursor });
    } catch (error) {
      logger.warn('slack.history_failed', { channel: thread.channel, error: errorName(error) });
      return [];
    }
    const parsed = RepliesSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn('slack.history_unreadable', { channel: thread.channel });
      return [];
    }
    messages.push(...parsed.data.messages);
    cursor = parsed.data.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return toTurns(messages, thread.beforeTs, bot);
}

/**
 * The earlier messages of a 1:1 direct message (where Coordo answers in the
 * conversation, not in threads) as turns, oldest first; none on any Slack error.
 */
export async function conversationHistory(client: WebClient, where: { channel: string; beforeTs: string }, bot: BotIdentity, logger: Logger): Promise<Turn[]> {
  try {
    const parsed = HistorySchema.safeParse(await client.conversations.history({ channel: where.channel, latest: where.beforeTs, inclusive: false, limit: MAX_TURNS }));
    if (!parsed.success) {
      logger.warn('slack.history_unreadable', { channel: where.channel });
      return [];
    }
    // Slack lists a conversation newest first.
    return toTurns([...parsed.data.messages].reverse(), where.beforeTs, bot);
  } catch (error) {
    logger.warn('slack.history_failed', { channel: where.channel, error: errorName(error) });
    return [];
  }
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
    const parsed = HistorySchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return parsed.data.messages.find((m) => m.ts === where.ts)?.text ?? null;
  } catch (error) {
    logger.warn('slack.message_read_failed', { channel: where.channel, error: errorName(error) });
    return undefined;
  }
}

function toTurns(messages: readonly { ts: string; text?: string; user?: string; bot_id?: string }[], beforeTs: string, bot: BotIdentity): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (compareTs(message.ts, beforeTs) >= 0) continue;
    const mine = (bot.userId !== undefined && message.user === bot.userId) || (bot.botId !== undefined && message.bot_id === bot.botId);
    const text = plainText(message.text ?? '', bot.userId);
    if (text) turns.push({ role: mine ? 'assistant' : 'user', text });
  }
  return turns.slice(-MAX_TURNS);
}
