import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../engine/reply.ts';
import { renderReply } from './render.ts';

/**
 * An engine reply in a thread: an ephemeral one to `user` only, else a message
 * and its files. When the files do not get through, `filesFailed` runs (it
 * tells the asker); without it, the error is thrown.
 */
export async function postReply(
  client: WebClient,
  where: { channel: string; threadTs: string; user: string },
  reply: Reply,
  filesFailed?: () => Promise<void>,
): Promise<void> {
  const { channel, threadTs: thread_ts, user } = where;
  if (reply.ephemeral) {
    await client.chat.postEphemeral({ channel, user, thread_ts, ...renderReply(reply) });
    return;
  }
  try {
    await client.chat.postMessage({ channel, thread_ts, unfurl_links: false, unfurl_media: false, ...renderReply(reply) });
    for (const file of reply.files ?? []) {
      await client.filesUploadV2({ channel_id: channel, thread_ts, file: file.content, filename: file.name, title: file.name });
    }
  } catch (error) {
    if (!reply.files?.length || !filesFailed) throw error;
    await filesFailed();
  }
}
