import { textReply, type Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { Draft, DraftKey } from './draft.ts';
import type { StartCheck } from './workflow.ts';

export const START_FAILED = "Le brouillon n'a pas pu être ouvert à cause d'une erreur technique. Réessayez dans un instant.";

/** A checked start opened in the thread its root message made; an error there is logged, and told as no draft. */
export async function openStarted(check: Extract<StartCheck, { ok: true }>, key: DraftKey, logger: Logger): Promise<{ draft: Draft | null; reply: Reply }> {
  try {
    return await check.open(key);
  } catch (error) {
    logger.warn('drafts.start_failed', { channel: key.channelId, error: errorName(error) });
    return { draft: null, reply: textReply('error', START_FAILED) };
  }
}
