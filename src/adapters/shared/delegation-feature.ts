import type { Delegation } from '../../workflows/delegation/create.ts';
import type { ChatFeature } from './chat-core.ts';

/**
 * Delegation requests in any chat app: the neutral feature behind the app's
 * router, and its outbox cards and notices as neutral plans the app renders.
 */
export function delegationFeature(delegation: Delegation): ChatFeature {
  return { name: 'delegation', core: delegation.feature, deliveries: delegation.deliveries };
}
