import type { Delegation } from '../../workflows/delegation/create.ts';
import type { MattermostFeature } from './feature.ts';
import { plannedEffects } from '../shared/planned-effects.ts';
import { mattermostPlans } from './planned-effects.ts';

/**
 * Delegation requests in Mattermost: the neutral feature behind the app's
 * router (dialogs, signed card buttons), its outbox cards and notices as
 * posts.
 */
export function delegationMattermostFeature(delegation: Delegation): MattermostFeature {
  return {
    name: 'delegation',
    core: delegation.feature,
    plug: ({ links }) => plannedEffects(delegation.deliveries, mattermostPlans(links)),
  };
}
