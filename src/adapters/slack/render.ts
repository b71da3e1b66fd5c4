import type { Button, KnownBlock } from '@slack/types';
import type { Reply, ReplyButton } from '../../engine/reply.ts';
import { splitText } from '../../text/split-text.ts';
import { truncate } from '../../text/truncate.ts';
import { answerButtons, sourcesText, SUGGESTIONS_TITLE, suggestionButton, truncatedNote, type AnswerButtonsOptions } from '../../workflows/questions/answer-layout.ts';
import { ACTION_ASK_SUGGESTION } from '../../workflows/questions/questions.ts';

/** Slack limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;
const MAX_ACTIONS = 25;
const MAX_BUTTON_LABEL = 75;
const MAX_BUTTON_VALUE = 2000;
const MAX_CONTEXT_CHARS = 3000;

/** The core's id of a clicked action: the suggestion buttons of one block are numbered (`…_0`, `…_1`: Slack wants unique ids). */
export const coreActionId = (actionId: string): string => (actionId.startsWith(`${ACTION_ASK_SUGGESTION}_`) ? ACTION_ASK_SUGGESTION : actionId);

export interface RenderOptions extends AnswerButtonsOptions {
  /** A context line above the answer (mrkdwn), e.g. who shared it. */
  context?: string;
}

export interface SlackMessage {
  /** Notification / fallback text. */
  text: string;
  blocks?: KnownBlock[];
}

/** Escape the three characters Slack's mrkdwn reserves. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mrkdwn link (its label already escaped: « | » would end it). */
const link = (url: string, label: string): string => `<${url}|${label.replace(/\|/g, '/')}>`;

/** Coordo's light Markdown → Slack mrkdwn: **bold**, [text](url), # headings, "- " / "* " bullets. */
export function toMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => link(url, label))
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/__([^_\n]+)__/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ');
}

/** Sources in mrkdwn: "1. <url|Titre — Section>" when the source is a URL, escaped text otherwise. */
const citationMarkup = { bold: (text: string) => `*${text}*`, link: (url: string, label: string) => link(url, escapeMrkdwn(label)), text: escapeMrkdwn };

/** Plain text in a block (emoji codes shown as emoji). */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A long mrkdwn text as section blocks within Slack's size limit. */
export const textSections = (text: string): KnownBlock[] => splitText(text, MAX_SECTION_CHARS).map(section);

/** A button within Slack's limits (label, value). */
export function button({ actionId, label, value, style }: ReplyButton): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(truncate(label, MAX_BUTTON_LABEL)),
    value: value.slice(0, MAX_BUTTON_VALUE),
    ...(style ? { style } : {}),
  };
}

/** Buttons in one actions block, within Slack's count; none without buttons. */
const actions = (blockId: string, buttons: readonly Button[]): KnownBlock[] => (buttons.length > 0 ? [{ type: 'actions', block_id: blockId, elements: buttons.slice(0, MAX_ACTIONS) }] : []);

/**
 * A Reply as a Slack message: the answer in ≤ 3,000-character sections, numbered
 * sources, then buttons (the reply's own, share, feedback). Never more than 50
 * blocks: an over-long answer is cut with a visible note.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): Required<SlackMessage> {
  const head: KnownBlock[] = options.context ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(options.context, MAX_CONTEXT_CHARS) }] }] : [];

  const tail: KnownBlock[] = [];
  const sources = sourcesText(reply, citationMarkup);
  if (sources) tail.push(...textSections(sources));
  // « Voulez-vous dire : » and one button a close question, which asks it when pressed.
  const suggestions = (reply.suggestions ?? []).map((s, i) => ({ ...button(suggestionButton(s)), action_id: `${ACTION_ASK_SUGGESTION}_${i}` }));
  if (suggestions.length > 0) tail.push(section(`*${SUGGESTIONS_TITLE}*`), ...actions('coordo_suggestions', suggestions));
  tail.push(...actions('coordo_actions', answerButtons(reply, options).map(button)));

  const body = toMrkdwn(reply.text);
  let sections = textSections(body);
  const room = MAX_BLOCKS - head.length - tail.length;
  if (sections.length > room) {
    sections = sections.slice(0, room - 1);
    sections.push(section(truncatedNote('Slack')));
  }
  const text = truncate(body || 'Réponse de Coordo', MAX_SECTION_CHARS);
  return { text, blocks: [...head, ...sections, ...tail] };
}
