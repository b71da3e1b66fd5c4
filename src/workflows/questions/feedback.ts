import type { Effect } from '../../core/effect.ts';
import { qualify, userOf } from '../../core/ids.ts';
import type { CoreFeature, Handler } from '../../core/router.ts';
import type { Logger } from '../../log/logger.ts';
import type { AnswerStore } from '../../store/answers.ts';
import type { FeedbackStore, Vote } from '../../store/feedback.ts';

/** The 👍/👎 buttons under answers (rendered by each adapter with these action ids). */
export const ACTION_FEEDBACK_UP = 'coordo_feedback_up';
export const ACTION_FEEDBACK_DOWN = 'coordo_feedback_down';

const THANKS: Record<Vote, string> = {
  up: 'Merci pour votre retour 👍 : il nous aide à savoir ce qui est utile.',
  down: 'Merci pour votre retour 👎 : il nous aide à corriger la base de connaissances.',
};

const say = (text: string): Effect => ({ kind: 'reply', visibility: 'private', text });

/**
 * Votes on answers. Only someone in the conversation where the answer was
 * posted may vote on it; the click is stored (who, which answer, when) and
 * acknowledged to that person only; a new click replaces the old vote.
 */
export function feedbackInteractions(deps: { answers: AnswerStore; feedback: FeedbackStore; logger: Logger }): CoreFeature {
  const onVote =
    (vote: Vote): Handler<'action'> =>
    async (click) => {
      const answer = deps.answers.get(click.value);
      const user = userOf(click.actor);
      const channel = click.place.conversationId;
      if (!answer || !channel || answer.channelId !== qualify(click.actor.platform, channel)) {
        deps.logger.warn('feedback.rejected', { user, known: answer !== null });
        return [say("Je ne retrouve pas cette réponse dans ce canal : votre avis n'a pas été enregistré.")];
      }
      deps.feedback.record(answer.id, user, vote);
      deps.logger.info('feedback.recorded', { answer: answer.id, user, vote });
      return [say(THANKS[vote])];
    };
  return { name: 'feedback', idPrefix: 'coordo_feedback_', actions: { [ACTION_FEEDBACK_UP]: onVote('up'), [ACTION_FEEDBACK_DOWN]: onVote('down') } };
}
