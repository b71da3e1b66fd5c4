import { z } from 'zod';
import type { Turn } from '../../engine/message.ts';
import type { Logger } from '../../log/logger.ts';
import { MAX_TURNS, readContext } from '../../workflows/questions/context.ts';
import type { MattermostClient } from './client.ts';
import { plainText } from './post-text.ts';

/** Posts as the REST API lists them, by id (the outbox looks for its key in their props). */
export const PostListSchema = z.object({
  posts: z
    .record(z.string(), z.object({ id: z.string(), user_id: z.string(), message: z.string().default(''), create_at: z.number(), type: z.string().default(''), props: z.record(z.string(), z.unknown()).nullish() }))
    .default({}),
});

export interface Bot {
  userId: string;
  username: string;
}

/**
 * The earlier posts of a thread (`/posts/{root}/thread`), or of a direct
 * message's conversation (the posts before this one), as turns: people's and
 * the bot's posts count, system messages do not.
 */
export function postHistory(client: MattermostClient, where: { rootId?: string; channelId: string; before: { id: string; createAt: number } }, bot: Bot, logger: Logger): Promise<Turn[]> {
  return readContext('mattermost', logger, where.channelId, async () => {
    const raw = where.rootId ? await client.getPostThread(where.rootId) : await client.getPostsBefore(where.channelId, where.before.id, 0, MAX_TURNS);
    const parsed = PostListSchema.safeParse(raw);
    if (!parsed.success) return null;
    return Object.values(parsed.data.posts)
      .filter((p) => p.id !== where.before.id && p.create_at < where.before.createAt && p.type === '')
      .sort((a, b) => a.create_at - b.create_at)
      .map((p) => ({ text: plainText(p.message, bot.username), mine: p.user_id === bot.userId }));
  });
}
