import type { Effect } from '../../core/effect.ts';

/** How a platform posts a reply in a thread: to its user alone, or for everyone with its files; and tells its user alone. */
export interface ReplyPosting {
  ephemeral(): Promise<unknown>;
  withFiles(): Promise<unknown>;
  /** What the effect says when the files did not get through, to the actor alone. */
  tell(text: string): Promise<unknown>;
}

/**
 * The `post` effect, the same way on every platform: an ephemeral reply to
 * its user only, else posted with its files. When those do not get through,
 * the actor is told what the effect says (`filesFailed`); without it, the error is thrown.
 */
export async function postThreadReply({ reply, filesFailed }: Extract<Effect, { kind: 'post' }>, posting: ReplyPosting): Promise<void> {
  if (reply.ephemeral) {
    await posting.ephemeral();
    return;
  }
  try {
    await posting.withFiles();
  } catch (error) {
    if (!reply.files?.length || !filesFailed) throw error;
    await posting.tell(filesFailed());
  }
}
