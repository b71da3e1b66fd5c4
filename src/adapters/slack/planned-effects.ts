import type { PlanPoster } from '../shared/planned-effects.ts';
import type { DeliveryTools } from './delivery.ts';
import { slackFormat } from './markup.ts';
import { section } from './render.ts';
import { cardBlocks } from './render-card.ts';

/** Delivery plans as Block Kit: a card under its lead section, updated in place with chat.update. */
export const slackPlans: PlanPoster<DeliveryTools> = {
  format: slackFormat,
  async postCard(planned, tools) {
    const lead = planned.lead ? [section(planned.lead)] : [];
    return tools.post({ text: planned.text, blocks: [...lead, ...cardBlocks(planned.card)] });
  },
  async updateCard(planned, tools) {
    await tools.client.chat.update({ channel: planned.ref.channel, ts: planned.ref.ts, text: planned.text, blocks: cardBlocks(planned.card) });
  },
  postText: async (text, tools) => void (await tools.post({ text })),
};
