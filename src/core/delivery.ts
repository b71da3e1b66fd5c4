import type { OutboxRow } from '../store/outbox.ts';
import type { Card } from './card.ts';
import type { Formatter } from './markup.ts';

/** Where a posted message is, as the platform names it (Slack: channel and ts; Mattermost: channel and post id). */
export interface PostedRef {
  channel: string;
  ts: string;
}

/**
 * What one outbox row asks the adapter to send, worked out by the workflow
 * from what is stored now: post a card (with a lead text above it), update a
 * card in place, post a line — or nothing, what it was about being gone.
 */
export type DeliveryPlan =
  | { kind: 'post_card'; text: string; lead?: string; card: Card; /** Run with the delivery mark: remember where the card is. */ posted(ref: PostedRef): void }
  | { kind: 'update_card'; ref: PostedRef; text: string; card: Card }
  | { kind: 'post_text'; text: string }
  | { kind: 'gone' };

/** The outbox effects of a workflow, by type, and the plan of each row, worded with the platform's markup. */
export interface PlannedDeliveries {
  types: readonly string[];
  plan(row: OutboxRow, fmt: Formatter): DeliveryPlan;
}
