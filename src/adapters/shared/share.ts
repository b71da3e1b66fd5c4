import type { Effect } from '../../core/effect.ts';
import { notInChannel } from '../../core/not-in-channel.ts';
import type { Platform } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { SHARE_AGAIN, SHARE_FAILED } from '../../workflows/questions/questions.ts';

/** When a platform refuses a post because Coordo may not write in the channel, and how to let it in, in the platform's words. */
export interface ChannelAccess {
  notInChannel(error: unknown): boolean;
  invite: string;
}

/** How a platform shares an answer: the post for the channel (where it may be refused), and the sharer's side of it. */
export interface SharePosting extends ChannelAccess {
  post(): Promise<unknown>;
  /** What to tell the sharer alone when the post failed. */
  tell(text: string): Promise<unknown>;
  /** Once shared: the private original taken back. */
  shared(): Promise<unknown>;
}

/** A shared answer posted for the channel the same way on every platform: a failure logged and told (how to invite Coordo, or try again). */
export async function shareAnswer(effect: Extract<Effect, { kind: 'share' }>, posting: SharePosting, platform: Platform, logger: Logger): Promise<void> {
  try {
    await posting.post();
  } catch (error) {
    const refused = posting.notInChannel(error);
    logger.warn(`${platform}.share_failed`, { channel: effect.conversationId, notInChannel: refused, error: errorName(error) });
    await posting.tell(refused ? notInChannel(posting.invite, SHARE_AGAIN) : SHARE_FAILED);
    return;
  }
  logger.info(`${platform}.shared`, { channel: effect.conversationId, answer: effect.answerId });
  await posting.shared();
}
