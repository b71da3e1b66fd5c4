import type { Delegation } from '../../workflows/delegation/create.ts';
import type { SlackFeature } from './feature.ts';
import { plannedEffects } from '../shared/planned-effects.ts';
import { slackPlans } from './planned-effects.ts';

/**
 * Delegation requests in Slack: the neutral feature behind the app's router,
 * its outbox effects rendered as Block Kit.
 */
export function delegationSlackFeature(delegation: Delegation): SlackFeature {
  return {
    name: 'delegation',
    core: delegation.feature,
    effects: plannedEffects(delegation.deliveries, slackPlans),
  };
}
