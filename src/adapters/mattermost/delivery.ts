import { errorName, type Logger } from '../../log/logger.ts';
import type { OutboxSend } from '../../store/outbox-worker.ts';
import { outboxSender, type OutboxHandler, type PlatformPosts, type PostTools } from '../shared/outbox-sender.ts';
import { statusOf, type MattermostClient } from './client.ts';
import { PostListSchema } from './history.ts';
import type { MattermostMessage } from './render.ts';

/** The post property carrying the outbox key of every post Coordo makes from its outbox. */
export const OUTBOX_PROP = 'coordo_outbox_key';

type PostMessage = MattermostMessage & { fileIds?: string[] };

/** What an effect's handler may use: the row's channel, posting exactly once, the client. */
export type DeliveryTools = PostTools<PostMessage, MattermostClient>;

/**
 * The Mattermost side of the outbox: posts carry the row key in their props; a
 * row attempted before looks for it in the thread (or the channel's latest posts).
 */
export function mattermostSender(client: MattermostClient, botUserId: string, handlers: ReadonlyMap<string, OutboxHandler<DeliveryTools>>, logger: Logger): OutboxSend {
  const posts: PlatformPosts<PostMessage> = {
    platform: 'mattermost',
    openDirect: async (userId) => (await client.createDirectChannel([botUserId, userId])).id,
    async findPosted(row, channelId) {
      const raw = row.target.kind === 'thread' ? await client.getPostThread(row.target.threadId) : await client.getPosts(channelId, 0, 60);
      const parsed = PostListSchema.safeParse(raw);
      const found = parsed.success ? Object.values(parsed.data.posts).find((p) => p.props?.[OUTBOX_PROP] === row.key) : undefined;
      return found ? { channel: channelId, ts: found.id } : null;
    },
    async make(row, channelId, message) {
      const posted = await client.createPost({
        channel_id: channelId,
        message: message.message,
        ...(row.target.kind === 'thread' ? { root_id: row.target.threadId } : {}),
        props: { ...(message.props ?? {}), [OUTBOX_PROP]: row.key },
        ...(message.fileIds?.length ? { file_ids: message.fileIds } : {}),
      });
      return { channel: channelId, ts: posted.id };
    },
    // 400, 403, 404: no retry will change them; 408, 429, 5xx and network faults pass.
    permanent(error) {
      const status = statusOf(error) ?? 0;
      return status >= 400 && status < 500 && status !== 408 && status !== 429;
    },
    describe: (error) => [errorName(error), statusOf(error)].filter((part) => part !== undefined).join(':'),
  };
  return outboxSender(posts, handlers, client, logger);
}
