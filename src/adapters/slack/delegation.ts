import type { Logger } from '../../log/logger.ts';
import type { Delegation } from '../../workflows/delegation/create.ts';
import { slackFeatureOf } from './core-feature.ts';
import type { SlackFeature } from './feature.ts';
import { plannedEffects } from '../shared/planned-effects.ts';
import { slackPlans } from './planned-effects.ts';

/**
 * Delegation requests in Slack: the neutral feature behind the Slack translator
 * (routed by the app's one router), its outbox effects rendered as
 * Block Kit, and Slack's directory telling the service who is a guest.
 */
export function delegationSlackFeature(delegation: Delegation, logger: Logger): SlackFeature {
  const slack = slackFeatureOf(delegation.feature, { logger, effects: plannedEffects(delegation.deliveries, slackPlans) });
  return {
    ...slack,
    register(app, delivery, router, people) {
      delegation.people.use('slack', people);
      slack.register(app, delivery, router, people);
    },
  };
}
