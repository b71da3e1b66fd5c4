import type { Logger } from '../../log/logger.ts';
import type { AnswerStore } from '../../store/answers.ts';
import { FEEDBACK_THANKS, type FeedbackStore, type Vote } from '../../store/feedback.ts';
import type { ActionContext, ActionResponse, MattermostFeature } from './feature.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP } from './render.ts';

/**
 * The 👍/👎 buttons under every answer. The signed context binds them to the
 * answer's channel; the vote is stored (who, which answer, when) and
 * acknowledged to the voter only.
 */
export function feedbackFeature(deps: { answers: AnswerStore; feedback: FeedbackStore; logger: Logger }): MattermostFeature {
  const onVote =
    (vote: Vote) =>
    async (ctx: ActionContext): Promise<ActionResponse> => {
      const answer = deps.answers.get(typeof ctx.payload.answerId === 'string' ? ctx.payload.answerId : '');
      if (!answer || answer.channelId !== ctx.channelId) {
        deps.logger.warn('mattermost.feedback_rejected', { user: ctx.userId, known: answer !== null });
        return { ephemeral_text: "Je ne retrouve pas cette réponse dans ce canal : votre avis n'a pas été enregistré." };
      }
      deps.feedback.record(answer.id, ctx.userId, vote);
      deps.logger.info('mattermost.feedback', { answer: answer.id, user: ctx.userId, vote });
      return { ephemeral_text: FEEDBACK_THANKS[vote] };
    };
  return { name: 'feedback', actions: { [ACTION_FEEDBACK_UP]: onVote('up'), [ACTION_FEEDBACK_DOWN]: onVote('down') } };
}
