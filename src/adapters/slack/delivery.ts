import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../log/logger.ts';
import type { ReplyFile } from '../../engine/reply.ts';
import type { OutboxSend } from '../../store/outbox-worker.ts';
import { retryAfterMs, slackErrorCode } from './errors.ts';
import type { SlackMessage } from './render.ts';
import { MessagesSchema } from './thread-history.ts';
import { outboxSender, threadOf, type OutboxHandler, type PlatformPosts, type PostTools } from '../shared/outbox-sender.ts';

/** The metadata event type every message Coordo posts from its outbox carries, with the row's key. */
export const OUTBOX_EVENT = 'coordo_outbox';

/** A message to post for a row. */
export interface SlackPost extends SlackMessage {
  /** Only this user sees it (chat.postEphemeral: Slack cannot be asked afterwards whether it went through). */
  ephemeralTo?: string;
}

/** What an effect's handler may use: the row's conversation, posting exactly once where Slack can tell, the client. */
export type DeliveryTools = PostTools<SlackPost, WebClient>;

/** Slack answers that no retry will change: the row is given up at once. */
const PERMANENT = new Set([
  // Where it goes: gone, archived, or closed to Coordo.
  'not_in_channel', 'channel_not_found', 'is_archived', 'user_not_found', 'users_not_found', 'cannot_dm_bot', 'user_disabled', 'account_inactive',
  // What it is: a message Slack will never take or change.
  'msg_too_long', 'no_text', 'invalid_blocks', 'message_not_found', 'cant_update_message',
  // What Coordo may do.
  'restricted_action', 'missing_scope',
]);

/** The id of the direct-message channel with a user (opened if needed). */
export async function openDirectMessage(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

/** A reply's files uploaded one by one in the channel (in the thread `threadTs` when given); the title is the file name. */
export async function uploadFiles(client: WebClient, channel: string, threadTs: string | undefined, files: readonly ReplyFile[] = []): Promise<void> {
  for (const file of files) {
    const upload = { channel_id: channel, file: file.content, filename: file.name };
    await client.filesUploadV2(threadTs ? { ...upload, thread_ts: threadTs } : upload);
  }
}

/** A refusal of Slack's no retry will change (the reply itself, or where it goes). */
export const permanent = (error: unknown): boolean => PERMANENT.has(slackErrorCode(error) ?? '');

/**
 * The Slack side of the outbox: messages carry the row key in their metadata,
 * looked for in the conversation by a row attempted before. Ephemeral messages
 * and file uploads cannot be looked up: for them a crash in that window can
 * repeat the message (at least once).
 */
export function slackSender(client: WebClient, handlers: ReadonlyMap<string, OutboxHandler<DeliveryTools>>, logger: Logger): OutboxSend {
  const posts: PlatformPosts<SlackPost> = {
    platform: 'slack',
    openDirect: (userId) => openDirectMessage(client, userId),
    async findPosted(row, channel) {
      const oldest = String(Math.floor(row.createdAt / 1000) - 60);
      const raw =
        row.target.kind === 'thread'
          ? await client.conversations.replies({ channel, ts: row.target.threadId, oldest, include_all_metadata: true, limit: 200 })
          : await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 });
      const parsed = MessagesSchema.safeParse(raw);
      const found = parsed.success ? parsed.data.messages.find((m) => m.metadata?.event_type === OUTBOX_EVENT && m.metadata.event_payload?.key === row.key) : undefined;
      return found ? { channel, ts: found.ts } : null;
    },
    unfindable: (message) => message.ephemeralTo !== undefined,
    async make(row, channel, message) {
      const thread_ts = threadOf(row);
      if (message.ephemeralTo) {
        await client.chat.postEphemeral({ channel, user: message.ephemeralTo, thread_ts, text: message.text, blocks: message.blocks });
        return { channel, ts: '' };
      }
      const metadata = { event_type: OUTBOX_EVENT, event_payload: { key: row.key } };
      const posted = await client.chat.postMessage({ channel, thread_ts, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false, metadata });
      if (!posted.channel || !posted.ts) throw new Error('chat.postMessage returned no channel or ts');
      return { channel: posted.channel, ts: posted.ts };
    },
    permanent,
    retryAfterMs,
  };
  return outboxSender(posts, handlers, client, logger);
}
