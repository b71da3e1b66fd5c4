import type { Reply } from '../../engine/reply.ts';
import type { MattermostClient } from './client.ts';
import { renderReply, type ActionLinks } from './render.ts';

/** Where a reply goes: a thread of a channel, and whom an ephemeral one is for. */
export interface ThreadPlace {
  channelId: string;
  threadId: string;
  userId: string;
}

/**
 * An engine reply in a thread: an ephemeral one to `userId` only, else a post
 * with its files (uploaded first, attached to it). When the files or their post
 * do not get through, `filesFailed` runs (it tells the asker); without it, the
 * error is thrown.
 */
export async function postReply(client: MattermostClient, links: ActionLinks, where: ThreadPlace, reply: Reply, filesFailed?: () => Promise<void>): Promise<void> {
  const { channelId, threadId, userId } = where;
  const message = renderReply(reply, links, { channelId, threadId });
  if (reply.ephemeral) {
    await client.createPostEphemeral(userId, { channel_id: channelId, root_id: threadId, message: message.message });
    return;
  }
  try {
    const fileIds = reply.files?.length ? await client.uploadFiles(channelId, reply.files) : [];
    await client.createPost({ channel_id: channelId, root_id: threadId, ...message, ...(fileIds.length ? { file_ids: fileIds } : {}) });
  } catch (error) {
    if (!reply.files?.length || !filesFailed) throw error;
    await filesFailed();
  }
}
