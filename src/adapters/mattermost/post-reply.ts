import type { Reply } from '../../engine/reply.ts';
import { postThreadReply } from '../shared/post-reply.ts';
import type { MattermostClient } from './client.ts';
import { renderReply, type ActionLinks } from './render.ts';

/** Where a reply goes: a thread of a channel, and whom an ephemeral one is for. */
export interface ThreadPlace {
  channelId: string;
  threadId: string;
  userId: string;
}

/** An engine reply in a thread (src/adapters/shared/post-reply.ts): its files uploaded first, attached to its post. */
export function postReply(client: MattermostClient, links: ActionLinks, where: ThreadPlace, reply: Reply, filesFailed?: () => Promise<void>): Promise<void> {
  const { channelId, threadId, userId } = where;
  const message = renderReply(reply, links, { channelId, threadId });
  return postThreadReply(reply, {
    ephemeral: () => client.createPostEphemeral(userId, { channel_id: channelId, root_id: threadId, message: message.message }),
    async withFiles() {
      const fileIds = reply.files?.length ? await client.uploadFiles(channelId, reply.files) : [];
      await client.createPost({ channel_id: channelId, root_id: threadId, ...message, ...(fileIds.length ? { file_ids: fileIds } : {}) });
    },
  }, filesFailed);
}
