import type { Logger } from '../../log/logger.ts';
import type { AnswerStore } from '../../store/answers.ts';
import type { FeedbackStore } from '../../store/feedback.ts';
import { ACTION_FEEDBACK_DOWN as CORE_DOWN, ACTION_FEEDBACK_UP as CORE_UP, feedbackInteractions } from '../../workflows/questions/feedback.ts';
import type { ActionContext, ActionResponse, MattermostFeature } from './feature.ts';
import { MATTERMOST_PLATFORM } from './markup.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP } from './render.ts';

/**
 * The 👍/👎 buttons under every answer: the signed context binds them to the
 * answer's channel; the vote is the core's (src/workflows/questions/feedback.ts),
 * its acknowledgement shown to the voter only.
 */
export function feedbackFeature(deps: { answers: AnswerStore; feedback: FeedbackStore; logger: Logger }): MattermostFeature {
  const votes = feedbackInteractions(deps);
  const onVote =
    (actionId: string) =>
    async (ctx: ActionContext): Promise<ActionResponse> => {
      const handler = votes.actions?.[actionId];
      if (!handler) return {};
      const value = typeof ctx.payload.answerId === 'string' ? ctx.payload.answerId : '';
      const effects = await handler(
        { kind: 'action', actor: { platform: 'mattermost', userId: ctx.userId }, actionId, value, place: { conversationId: ctx.channelId } },
        MATTERMOST_PLATFORM,
      );
      const text = effects.flatMap((e) => (e.kind === 'reply' ? [e.text] : [])).join('\n');
      return text ? { ephemeral_text: text } : {};
    };
  return { name: 'feedback', actions: { [ACTION_FEEDBACK_UP]: onVote(CORE_UP), [ACTION_FEEDBACK_DOWN]: onVote(CORE_DOWN) } };
}
