import type { PlanPoster } from '../shared/planned-effects.ts';
import type { DeliveryTools } from './delivery.ts';
import { mattermostFormat } from './markup.ts';
import { cardAttachment } from './render-card.ts';
import type { ActionLinks } from './render.ts';

/** Delivery plans as Mattermost posts: a card is a post with an attachment, patched in place. */
export function mattermostPlans(links: ActionLinks): PlanPoster<DeliveryTools> {
  return {
    format: mattermostFormat,
    async postCard(planned, tools) {
      const channelId = await tools.channel();
      return tools.post({ message: planned.lead ?? '', props: { attachments: [{ ...cardAttachment(planned.card, links, channelId), ...(planned.lead ? {} : { text: planned.text }) }] } });
    },
    async updateCard(planned, tools) {
      await tools.client.patchPost({ id: planned.ref.ts, props: { attachments: [cardAttachment(planned.card, links, planned.ref.channel)] } });
    },
    postText: async (text, tools) => void (await tools.post({ message: text })),
  };
}
