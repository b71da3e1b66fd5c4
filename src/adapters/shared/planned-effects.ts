import type { DeliveryPlan, PlannedDeliveries, PostedRef } from '../../core/delivery.ts';
import type { Formatter } from '../../core/markup.ts';
import type { SendResult } from '../../store/outbox-worker.ts';
import type { ChatFeature } from './chat-core.ts';
import type { OutboxHandler } from './outbox-sender.ts';

type Plan<K extends DeliveryPlan['kind']> = Extract<DeliveryPlan, { kind: K }>;

/** How a platform shows a delivery plan: a card posted (where it is now), a card updated in place, a line posted. */
export interface PlanPoster<T> {
  format: Formatter;
  postCard(planned: Plan<'post_card'>, tools: T): Promise<PostedRef>;
  updateCard(planned: Plan<'update_card'>, tools: T): Promise<void>;
  postText(text: string, tools: T): Promise<void>;
}

const gone: SendResult = { status: 'failed', error: 'request_not_found' };

/** The outbox effects of a workflow whose delivery plan is neutral, each row planned in the platform's markup and posted. */
export function plannedEffects<T>(deliveries: PlannedDeliveries, poster: PlanPoster<T>): Record<string, OutboxHandler<T>> {
  const handler: OutboxHandler<T> = async (row, tools) => {
    const planned = deliveries.plan(row, poster.format);
    switch (planned.kind) {
      case 'gone':
        return gone;
      case 'post_card': {
        const posted = await poster.postCard(planned, tools);
        return { status: 'delivered', also: () => planned.posted(posted) };
      }
      case 'update_card':
        await poster.updateCard(planned, tools);
        return { status: 'delivered' };
      case 'post_text':
        await poster.postText(planned.text, tools);
        return { status: 'delivered' };
    }
  };
  return Object.fromEntries(deliveries.types.map((type) => [type, handler]));
}

/** Every outbox effect of an app by type: its own (`own`), then each feature's planned deliveries in the platform's posts. */
export function featureEffects<T>(
  features: readonly ChatFeature[],
  poster: PlanPoster<T>,
  own: Readonly<Record<string, OutboxHandler<T>>>,
): Map<string, OutboxHandler<T>> {
  const planned = features.flatMap((feature) => (feature.deliveries ? Object.entries(plannedEffects(feature.deliveries, poster)) : []));
  return new Map([...Object.entries(own), ...planned]);
}
