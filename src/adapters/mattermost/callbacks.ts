import type { MattermostClient } from './client.ts';
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
