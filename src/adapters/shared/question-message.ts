import { localId } from '../../core/ids.ts';
import type { Interaction } from '../../core/interaction.ts';
import type { Platform, Turn } from '../../engine/message.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';

/**
 * A question as the router's message interaction, whatever the platform: who
 * asked (their id there), where (its thread, or a direct conversation), its
 * plain text, a reader of the turns before it, and the event it came with.
 */
export function questionMessage(
  platform: Platform,
  question: QuestionRef,
  text: string,
  history: () => Promise<Turn[]>,
  event?: { id?: string; retry?: number },
): Extract<Interaction, { kind: 'message' }> {
  const { channel, ts, threadTs, direct } = question;
  const message = { conversationId: channel, messageId: ts, ...(threadTs ? { threadId: threadTs } : {}), direct, history };
  return { kind: 'message', actor: { platform, userId: localId(question.userId, platform) }, text, message, eventId: event?.id, retry: event?.retry };
}
