import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../engine/reply.ts';
import { postThreadReply } from '../shared/post-reply.ts';
import { renderReply } from './render.ts';

/** An engine reply in a thread (src/adapters/shared/post-reply.ts): a message, then its files uploaded in the thread. */
export function postReply(client: WebClient, where: { channel: string; threadTs: string; user: string }, reply: Reply, filesFailed?: () => Promise<void>): Promise<void> {
  const { channel, threadTs: thread_ts, user } = where;
  return postThreadReply(reply, {
    ephemeral: () => client.chat.postEphemeral({ channel, user, thread_ts, ...renderReply(reply) }),
    async withFiles() {
      await client.chat.postMessage({ channel, thread_ts, unfurl_links: false, unfurl_media: false, ...renderReply(reply) });
      for (const file of reply.files ?? []) {
        await client.filesUploadV2({ channel_id: channel, thread_ts, file: file.content, filename: file.name, title: file.name });
      }
    },
  }, filesFailed);
}
