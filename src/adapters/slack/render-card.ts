import type { Button, KnownBlock } from '@slack/types';
import type { Card, CardAction } from '../../core/card.ts';
import { truncate } from '../../text/truncate.ts';
import { button as replyButton, MAX_SECTION_CHARS, plain, section } from './render.ts';

/** A card's button, and the confirmation it asks for. */
function button(action: CardAction): Button {
  const { confirm } = action;
  return {
    ...replyButton({ actionId: action.id, label: action.label, value: action.value, style: action.style }),
    ...(confirm
      ? {
          confirm: {
            title: plain(confirm.title),
            text: { type: 'mrkdwn' as const, text: confirm.text },
            confirm: plain(confirm.yes),
            deny: plain(confirm.no),
            ...(confirm.danger ? { style: 'danger' as const } : {}),
          },
        }
      : {}),
  };
}

/** A neutral card as Block Kit: header, state, one section per field, the actions, the footer. */
export function cardBlocks(card: Card): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(card.title) },
    section(`*${card.status.label} :* ${card.status.value}`),
    ...card.fields.map((field) => section(truncate(`*${field.label}*\n${field.value}`, MAX_SECTION_CHARS))),
  ];
  const feature = card.actions[0]?.id.split('_')[0];
  if (feature !== undefined) blocks.push({ type: 'actions', block_id: `${feature}_actions`, elements: card.actions.map(button) });
  if (card.footer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: card.footer }] });
  return blocks;
}
