import type { Reply, ReplyButton } from '../../engine/reply.ts';
import { truncate } from '../../text/truncate.ts';
import { answerButtons, sourcesText, SUGGESTIONS_TITLE, suggestionButton, truncatedNote, type AnswerButtonsOptions } from '../../workflows/questions/answer-layout.ts';
import { mattermostFormat } from './markup.ts';
import { ACTION_SHARE } from '../../workflows/questions/questions.ts';
import type { Binding, Payload, Signer } from './signing.ts';

/** Default MaxPostSize of a Mattermost server (characters). */
export const MAX_MESSAGE_CHARS = 16_383;
const MAX_BUTTONS = 20;
const MAX_BUTTON_LABEL = 60;
const TRUNCATED = `\n\n${truncatedNote('Mattermost')}`;

/** Every button (cards, replies, answers): its URL path, and its payload the core's action id and value. */
export const CORE_ACTION = 'core';
/** Every dialog of a core feature: its state is the form's id, metadata and shape. */
export const CORE_DIALOG = 'coreform';

/** How long answer buttons stay usable (feedback a month later still counts). */
export const ANSWER_BUTTON_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export interface MattermostAction {
  id: string;
  name: string;
  type: 'button';
  style?: 'default' | 'primary' | 'danger';
  integration: { url: string; context: Record<string, unknown> };
}

export interface MattermostAttachment {
  text?: string;
  title?: string;
  fields?: { title: string; value: string; short: boolean }[];
  footer?: string;
  actions?: MattermostAction[];
}

export interface MattermostMessage {
  message: string;
  props?: { attachments: MattermostAttachment[] };
}

/** A Coordo action name from any id (`delegation_open_form` → `delegationopenform`): Mattermost routes only `[A-Za-z0-9]+`. */
export const actionName = (id: string): string => id.replace(/[^A-Za-z0-9]/g, '') || 'action';

/** Buttons whose integration URL is under the callback address and whose context is signed. */
export class ActionLinks {
  constructor(
    private readonly callbackUrl: string,
    private readonly signer: Signer,
  ) {}

  button(name: string, label: string, payload: Payload, binding: Binding, style?: 'primary' | 'danger'): Omit<MattermostAction, 'id'> {
    return {
      name: truncate(label, MAX_BUTTON_LABEL),
      type: 'button',
      ...(style ? { style } : {}),
      integration: { url: `${this.callbackUrl}/mattermost/actions/${name}`, context: this.signer.sign(name, payload, binding) },
    };
  }

  /** A dialog's signed `state`: what it was opened for, bound to the channel and the person. */
  dialogState(name: string, payload: Payload, binding: Binding): string {
    return this.signer.signState(actionName(name), payload, binding);
  }

  /** The URL a dialog posts its submission to. */
  dialogUrl(name: string): string {
    return `${this.callbackUrl}/mattermost/dialogs/${actionName(name)}`;
  }
}

export interface RenderOptions extends AnswerButtonsOptions {
  /** Where the message goes (buttons are bound to it). */
  channelId: string;
  /** « Partager dans le canal » is for the asker only (needs answerId and askerId). */
  askerId?: string;
  /** A line above the answer, e.g. who shared it. */
  context?: string;
  /** The thread the post is in: a suggestion chosen there is answered there. */
  threadId?: string;
}

/** Sources in Markdown: "1. [Titre — Section](url)" when the source is a URL, plain text otherwise. */
const citationMarkup = { bold: mattermostFormat.bold, link: (url: string, label: string) => `[${label.replace(/[[\]]/g, '')}](${url})` };

/**
 * A Reply as a Mattermost post: the text (Coordo's light Markdown is
 * Mattermost's), numbered sources, then attachments with buttons: suggestions,
 * the reply's own, share, feedback. Each button's context is signed and bound
 * to the channel (and to the asker for share).
 */
export function renderReply(reply: Reply, links: ActionLinks, options: RenderOptions): MattermostMessage {
  const core = ({ actionId: id, label: name, value, style }: ReplyButton, binding: Binding, extra: Payload = {}) => links.button(CORE_ACTION, name, { id, value, ...extra }, binding, style);
  const parts = [options.context ? `_${options.context}_` : '', reply.text.trim()];
  const sources = sourcesText(reply, citationMarkup);
  if (sources) parts.push(sources);
  let message = parts.filter(Boolean).join('\n\n') || 'Réponse de Coordo';
  if (message.length > MAX_MESSAGE_CHARS) message = message.slice(0, MAX_MESSAGE_CHARS - TRUNCATED.length) + TRUNCATED;

  const anyone: Binding = { channelId: options.channelId, ttlMs: ANSWER_BUTTON_TTL_MS };
  const attachments: MattermostAttachment[] = [];
  const suggestions = (reply.suggestions ?? []).slice(0, MAX_BUTTONS);
  if (suggestions.length > 0) {
    const thread = options.threadId ? { threadId: options.threadId } : {};
    attachments.push({ text: `**${SUGGESTIONS_TITLE}**`, actions: suggestions.map((question) => core(suggestionButton(question), anyone, thread)) as MattermostAction[] });
  }
  // « Partager dans le canal » is for the asker alone.
  const buttons = answerButtons(reply, { ...options, share: options.share && Boolean(options.askerId) }).map((b) => core(b, b.actionId === ACTION_SHARE ? { ...anyone, userId: options.askerId } : anyone));
  if (buttons.length > 0) attachments.push({ actions: buttons.slice(0, MAX_BUTTONS) as MattermostAction[] });
  // Ids unique in the post, `[A-Za-z0-9]+`: the server finds the clicked action by its id.
  let n = 0;
  for (const attachment of attachments) attachment.actions = attachment.actions?.map((a) => ({ ...a, id: `${lastPath(a.integration.url)}${n++}` }));
  return attachments.length > 0 ? { message, props: { attachments } } : { message };
}

const lastPath = (url: string) => url.slice(url.lastIndexOf('/') + 1);
