import type { App } from '@slack/bolt';
import type { ChatFeature } from '../shared/chat-core.ts';
import type { SlackEffectHandler } from './delivery.ts';

/**
 * A slice of Coordo's Slack behaviour (questions, delegation requests, protocol
 * drafts…): the platform-neutral feature behind it, routed by the app's one
 * router, and what only Slack does for it — Bolt events, outbox effects.
 */
export interface SlackFeature extends ChatFeature {
  /** Its Bolt listeners. */
  register?(app: App): void;
  /** The outbox effects this feature owes and sends, by effect type. */
  readonly effects?: Readonly<Record<string, SlackEffectHandler>>;
  /** Once the app is connected (e.g. answer what a crash left pending). */
  start?(): Promise<void>;
}
