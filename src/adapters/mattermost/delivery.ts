import { z } from 'zod';
import { errorName, type Logger } from '../../log/logger.ts';
import type { OutboxRow, OutboxTarget } from '../../store/outbox.ts';
import type { OutboxSend, SendResult } from '../../store/outbox-worker.ts';
import { localId } from '../../core/ids.ts';
import { statusOf, type MattermostClient } from './client.ts';
import type { MattermostMessage } from './render.ts';

/** The post property carrying the outbox key of every post Coordo makes from its outbox. */
export const OUTBOX_PROP = 'coordo_outbox_key';

export interface Posted {
  id: string;
  channelId: string;
}

/** What an effect's handler may use: the row's channel, and posting exactly once. */
export interface DeliveryTools {
  client: MattermostClient;
  channel(): Promise<string>;
  /** Post in the target (in its thread for a thread target), unless an earlier attempt of this row already did. */
  post(message: MattermostMessage & { fileIds?: string[] }): Promise<Posted>;
}

export type MattermostEffectHandler = (row: OutboxRow, tools: DeliveryTools) => Promise<SendResult>;

const ListSchema = z.object({ posts: z.record(z.string(), z.object({ id: z.string(), props: z.record(z.string(), z.unknown()).nullish() })).default({}) });

/** 400, 403, 404: no retry will change them; 429, 5xx and network faults pass. */
export function classify(error: unknown): SendResult {
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return { status: 'failed', error: `${errorName(error)}:${status}` };
  return { status: 'retry', error: status === undefined ? errorName(error) : `${errorName(error)}:${status}` };
}

/**
 * The Mattermost side of the outbox: each row's effect is sent by the handler
 * its type names. Posts carry the row key in their props; a row attempted
 * before first looks for it in the thread (or the channel's latest posts), so
 * a post the server took before a crash is not made twice.
 */
export function mattermostSender(client: MattermostClient, botUserId: string, handlers: ReadonlyMap<string, MattermostEffectHandler>, logger: Logger): OutboxSend {
  const dms = new Map<string, string>();

  async function channelOf(target: OutboxTarget): Promise<string> {
    if (target.kind !== 'person') return target.channelId;
    const known = dms.get(target.userId);
    if (known) return known;
    const channel = await client.createDirectChannel([botUserId, localId(target.userId, 'mattermost')]);
    dms.set(target.userId, channel.id);
    return channel.id;
  }

  async function alreadyPosted(row: OutboxRow, channelId: string): Promise<Posted | null> {
    const raw = row.target.kind === 'thread' ? await client.getPostThread(row.target.threadId) : await client.getPosts(channelId, 0, 60);
    const parsed = ListSchema.safeParse(raw);
    if (!parsed.success) return null;
    const found = Object.values(parsed.data.posts).find((p) => p.props?.[OUTBOX_PROP] === row.key);
    return found ? { id: found.id, channelId } : null;
  }

  return async (row) => {
    const handler = handlers.get(row.effect.type);
    if (!handler) return { status: 'failed', error: `unknown_effect:${row.effect.type}` };
    const tools: DeliveryTools = {
      client,
      channel: () => channelOf(row.target),
      async post(message) {
        const channelId = await channelOf(row.target);
        if (row.attempts > 1) {
          const found = await alreadyPosted(row, channelId);
          if (found) {
            logger.info('outbox.found_posted', { key: row.key });
            return found;
          }
        }
        const posted = await client.createPost({
          channel_id: channelId,
          message: message.message,
          ...(row.target.kind === 'thread' ? { root_id: row.target.threadId } : {}),
          props: { ...(message.props ?? {}), [OUTBOX_PROP]: row.key },
          ...(message.fileIds?.length ? { file_ids: message.fileIds } : {}),
        });
        return { id: posted.id, channelId };
      },
    };
    try {
      return await handler(row, tools);
    } catch (error) {
      return classify(error);
    }
  };
}
