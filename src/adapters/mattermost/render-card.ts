import type { Card } from '../../core/card.ts';
import { CORE_ACTION, type ActionLinks, type MattermostAction, type MattermostAttachment } from './render.ts';

/** How long a card's buttons stay signed (a request may wait for weeks). */
export const CARD_BUTTON_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * A card as a post attachment: title, status and fields, footer, and its
 * buttons — each a signed context holding the core's action id and value,
 * bound to the channel the card is in (the workflow checks who may act).
 */
export function cardAttachment(card: Card, links: ActionLinks, channelId: string): MattermostAttachment {
  const actions = card.actions.map(
    (action, i): MattermostAction => ({ id: `${CORE_ACTION}${i}`, ...links.button(CORE_ACTION, action.label, { id: action.id, value: action.value }, { channelId, ttlMs: CARD_BUTTON_TTL_MS }, action.style) }),
  );
  return {
    title: card.title,
    fields: [{ title: card.status.label, value: card.status.value, short: true }, ...card.fields.map((f) => ({ title: f.label, value: f.value, short: false }))],
    ...(card.footer ? { footer: card.footer } : {}),
    ...(actions.length ? { actions } : {}),
  };
}
