import type { DeliveryPlan } from '../../core/delivery.ts';
import type { Formatter } from '../../core/markup.ts';
import type { OutboxRow } from '../../store/outbox.ts';
import type { SendResult } from '../../store/outbox-worker.ts';
import type { MattermostEffectHandler } from './delivery.ts';
import { mattermostFormat } from './markup.ts';
import { cardAttachment } from './render-card.ts';
import type { ActionLinks } from './render.ts';

const gone: SendResult = { status: 'failed', error: 'request_not_found' };

/** The outbox effects of a workflow whose delivery plan is neutral, as Mattermost posts: a card is a post with an attachment, updated in place. */
export function plannedEffects(types: readonly string[], plan: (row: OutboxRow, fmt: Formatter) => DeliveryPlan, links: ActionLinks): Record<string, MattermostEffectHandler> {
  const handler: MattermostEffectHandler = async (row, tools) => {
    const planned = plan(row, mattermostFormat);
    switch (planned.kind) {
      case 'gone':
        return gone;
      case 'post_card': {
        const channelId = await tools.channel();
        const posted = await tools.post({ message: planned.lead ?? '', props: { attachments: [{ ...cardAttachment(planned.card, links, channelId), ...(planned.lead ? {} : { text: planned.text }) }] } });
        return { status: 'delivered', also: () => planned.posted({ channel: posted.channelId, ts: posted.id }) };
      }
      case 'update_card':
        await tools.client.patchPost({ id: planned.ref.ts, props: { attachments: [cardAttachment(planned.card, links, planned.ref.channel)] } });
        return { status: 'delivered' };
      case 'post_text':
        await tools.post({ message: planned.text });
        return { status: 'delivered' };
    }
  };
  return Object.fromEntries(types.map((type) => [type, handler]));
}
