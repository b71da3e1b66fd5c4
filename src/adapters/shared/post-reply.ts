import type { Reply } from '../../engine/reply.ts';

/** How a platform posts a reply in a thread: to its user alone, or for everyone with its files. */
export interface ReplyPosting {
  ephemeral(): Promise<unknown>;
  withFiles(): Promise<unknown>;
}

/**
 * An engine reply in a thread, the same way on every platform: an ephemeral
 * one to its user only, else posted with its files. When those do not get
 * through, `filesFailed` runs (it tells the asker); without it, the error is thrown.
 */
export async function postThreadReply(reply: Reply, posting: ReplyPosting, filesFailed?: () => Promise<void>): Promise<void> {
  if (reply.ephemeral) {
    await posting.ephemeral();
    return;
  }
  try {
    await posting.withFiles();
  } catch (error) {
    if (!reply.files?.length || !filesFailed) throw error;
    await filesFailed();
  }
}
