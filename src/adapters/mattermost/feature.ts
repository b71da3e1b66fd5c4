import type { ChatFeature } from '../shared/chat-core.ts';
import type { Logger } from '../../log/logger.ts';
import type { MattermostClient } from './client.ts';
import type { MattermostEffectHandler } from './delivery.ts';
import type { ActionLinks, MattermostAttachment } from './render.ts';
import type { Payload } from './signing.ts';

/** Who is asking, as the Mattermost request says (checked against the signed context or the command token first). */
export interface Requester {
  userId: string;
  channelId: string;
}

/** The slash command's JSON answer (shown to the user only unless `in_channel`). */
export interface CommandResponse {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  attachments?: MattermostAttachment[];
}

/** What an action handler receives: the signed payload, once verified, and who pressed. */
export interface ActionContext extends Requester {
  payload: Payload;
  /** The post the button is on (empty for some ephemeral posts). */
  postId: string;
  triggerId: string;
  client: MattermostClient;
  links: ActionLinks;
}

/** An action's JSON answer: a note to the presser, and/or the post replaced. */
export interface ActionResponse {
  ephemeral_text?: string;
  update?: { message: string; props?: { attachments: MattermostAttachment[] } };
}

/** A dialog submission, its signed state verified. */
export interface DialogContext extends Requester {
  payload: Payload;
  submission: Record<string, unknown>;
  cancelled: boolean;
  client: MattermostClient;
  links: ActionLinks;
}

/** A dialog's JSON answer: `{ errors: { <element name>: message } }` keeps it open. */
export interface DialogResponse {
  errors?: Record<string, string>;
}

/**
 * A slice of Coordo's Mattermost behaviour. The listener routes to it: its buttons (`/mattermost/actions/<name>`), its
 * dialogs (`/mattermost/dialogs/<name>`); the outbox sends its effects.
 */
export interface MattermostFeature extends ChatFeature {
  /** Action name (`[A-Za-z0-9]+`) → handler. */
  readonly actions?: Readonly<Record<string, (ctx: ActionContext) => Promise<ActionResponse>>>;
  readonly dialogs?: Readonly<Record<string, (ctx: DialogContext) => Promise<DialogResponse>>>;
  readonly effects?: Readonly<Record<string, MattermostEffectHandler>>;
}
