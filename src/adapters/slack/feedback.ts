import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Logger } from '../../log/logger.ts';
import type { SlackFeature } from './feature.ts';
import type { AnswerStore } from '../../store/answers.ts';
import type { FeedbackStore, Vote } from '../../store/feedback.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP } from './render.ts';

const THANKS: Record<Vote, string> = {
  up: 'Merci pour votre retour 👍 : il nous aide à savoir ce qui est utile.',
  down: 'Merci pour votre retour 👎 : il nous aide à corriger la base de connaissances.',
};

/**
 * The feedback buttons under every answer. Only someone in the channel where the
 * answer was posted may vote on it; the click is stored (who, which answer,
 * when) and acknowledged to that person only.
 */
export function feedbackFeature(deps: { answers: AnswerStore; feedback: FeedbackStore; logger: Logger }): SlackFeature {
  const onVote = (vote: Vote) =>
    async ({ ack, body, action, respond }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; respond: (m: { response_type: 'ephemeral'; replace_original: false; text: string }) => Promise<unknown> }) => {
      await ack();
      const answer = deps.answers.get(action.value ?? '');
      const channelId = body.channel?.id ?? body.container?.channel_id;
      if (!answer || answer.channelId !== channelId) {
        deps.logger.warn('slack.feedback_rejected', { user: body.user.id, known: answer !== null });
        await respond({ response_type: 'ephemeral', replace_original: false, text: "Je ne retrouve pas cette réponse dans ce canal : votre avis n'a pas été enregistré." });
        return;
      }
      deps.feedback.record(answer.id, body.user.id, vote);
      deps.logger.info('slack.feedback', { answer: answer.id, user: body.user.id, vote });
      await respond({ response_type: 'ephemeral', replace_original: false, text: THANKS[vote] });
    };

  return {
    name: 'feedback',
    register(app: App) {
      app.action<BlockAction<ButtonAction>>(ACTION_FEEDBACK_UP, onVote('up'));
      app.action<BlockAction<ButtonAction>>(ACTION_FEEDBACK_DOWN, onVote('down'));
    },
  };
}
