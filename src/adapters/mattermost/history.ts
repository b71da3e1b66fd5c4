import { z } from 'zod';
import type { Turn } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { MattermostClient } from './client.ts';
import { plainText } from './post-text.ts';

/** Earlier turns kept as context for a follow-up question. */
const MAX_TURNS = 10;

const PostListSchema = z.object({
  posts: z.record(z.string(), z.object({ id: z.string(), user_id: z.string(), message: z.string().default(''), create_at: z.number(), type: z.string().default('') })).default({}),
});

export interface Bot {
  userId: string;
  username: string;
}

/**
 * The earlier posts of a thread (`/posts/{root}/thread`), or of a direct
 * message's conversation (the posts before this one), as turns, oldest first:
 * the bot's own posts are `assistant`. On any error, no history (the question is
 * still answered) and a warning without text.
 */
export async function postHistory(client: MattermostClient, where: { rootId?: string; channelId: string; before: { id: string; createAt: number } }, bot: Bot, logger: Logger): Promise<Turn[]> {
  let raw: unknown;
  try {
    raw = where.rootId ? await client.getPostThread(where.rootId) : await client.getPostsBefore(where.channelId, where.before.id, 0, MAX_TURNS);
  } catch (error) {
    logger.warn('mattermost.history_failed', { channel: where.channelId, error: errorName(error) });
    return [];
  }
  const parsed = PostListSchema.safeParse(raw);
  if (!parsed.success) {
    logger.warn('mattermost.history_unreadable', { channel: where.channelId });
    return [];
  }
  return Object.values(parsed.data.posts)
    .filter((p) => p.id !== where.before.id && p.create_at < where.before.createAt && p.type === '')
    .sort((a, b) => a.create_at - b.create_at)
    .flatMap((p): Turn[] => {
      const text = plainText(p.message, bot.username);
      return text ? [{ role: p.user_id === bot.userId ? 'assistant' : 'user', text }] : [];
    })
    .slice(-MAX_TURNS);
}
