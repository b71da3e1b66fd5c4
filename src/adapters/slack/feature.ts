import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../engine/reply.ts';
import type { ChatFeature } from '../shared/chat-core.ts';
import type { SlackEffectHandler } from './delivery.ts';

/** What a `/coordo <sub-command>` receives once the command has been acknowledged. */
export interface SlashContext {
  /** Text after the sub-command word (trimmed). */
  args: string;
  userId: string;
  channelId: string;
  triggerId: string;
  client: WebClient;
  respond: RespondFn;
}

/**
 * A slice of Coordo's Slack behaviour (questions, delegation requests, protocol
 * drafts…): the platform-neutral feature behind it, routed by the app's one
 * router, and what only Slack does for it — Bolt events, `/coordo`
 * sub-commands, outbox effects.
 */
export interface SlackFeature extends ChatFeature {
  /** Sub-command word (lowercase, no accents) → handler, before the router's commands. */
  readonly subcommands?: Readonly<Record<string, (ctx: SlashContext) => Promise<void>>>;
  /** Its Bolt listeners. */
  register?(app: App): void;
  /** The outbox effects this feature owes and sends, by effect type. */
  readonly effects?: Readonly<Record<string, SlackEffectHandler>>;
  /** Once the app is connected (e.g. answer what a crash left pending). */
  start?(): Promise<void>;
  /**
   * The files of a reply this feature's handler made could not be uploaded: undo
   * what was recorded for them and say what to tell the asker (null when the
   * reply is not this feature's).
   */
  filesNotDelivered?(reply: Reply): Reply | null;
}
