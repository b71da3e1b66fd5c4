import type { KnownBlock } from '@slack/types';
import type { DeliveryPlan } from '../../core/delivery.ts';
import type { Formatter } from '../../core/markup.ts';
import type { OutboxRow } from '../../store/outbox.ts';
import type { SendResult } from '../../store/outbox-worker.ts';
import type { SlackEffectHandler } from './delivery.ts';
import { slackFormat } from './markup.ts';
import { cardBlocks } from './render-card.ts';

const gone: SendResult = { status: 'failed', error: 'request_not_found' };

/** The outbox effects of a workflow whose delivery plan is neutral: rendered as Block Kit and sent. */
export function plannedEffects(types: readonly string[], plan: (row: OutboxRow, fmt: Formatter) => DeliveryPlan): Record<string, SlackEffectHandler> {
  const handler: SlackEffectHandler = async (row, tools) => {
    const planned = plan(row, slackFormat);
    switch (planned.kind) {
      case 'gone':
        return gone;
      case 'post_card': {
        const lead: KnownBlock[] = planned.lead ? [{ type: 'section', text: { type: 'mrkdwn', text: planned.lead } }] : [];
        const posted = await tools.post({ text: planned.text, blocks: [...lead, ...cardBlocks(planned.card)] });
        return { status: 'delivered', also: () => planned.posted(posted) };
      }
      case 'update_card':
        await tools.client.chat.update({ channel: planned.ref.channel, ts: planned.ref.ts, text: planned.text, blocks: cardBlocks(planned.card) });
        return { status: 'delivered' };
      case 'post_text':
        await tools.post({ text: planned.text });
        return { status: 'delivered' };
    }
  };
  return Object.fromEntries(types.map((type) => [type, handler]));
}
