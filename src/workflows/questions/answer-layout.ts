import type { Citation, Reply, ReplyButton } from '../../engine/reply.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP } from './feedback.ts';
import { ACTION_ASK_SUGGESTION, ACTION_SHARE } from './questions.ts';

/** Sources listed under an answer, at most. */
const MAX_SOURCES = 10;

/** The line above the « Voulez-vous dire » buttons. */
export const SUGGESTIONS_TITLE = 'Voulez-vous dire :';

/** The buttons of an answer whose stored id it carries: « Partager dans le canal » when `share`, 👍/👎 when `feedback`. */
export interface AnswerButtonsOptions {
  answerId?: string;
  share?: boolean;
  feedback?: boolean;
}

/** The buttons an answer's effect owes: 👍/👎 once the answer is stored (it has an id), « Partager dans le canal » when the effect says it may be shared. */
export function answerButtonsOf(effect: { answerId?: string; shareable?: boolean }): AnswerButtonsOptions {
  return { answerId: effect.answerId, feedback: effect.answerId !== undefined, share: effect.shareable };
}

/** The line above an answer someone shared in a channel, naming them as the platform does. */
export const sharedBy = (who: string): string => `${who} a partagé une réponse de Coordo`;

/** The note that ends an answer cut to the platform's size. */
export const truncatedNote = (platformName: string): string => `_… réponse tronquée : elle dépasse la taille permise par ${platformName}._`;

/** Under an answer, in order: the reply's own buttons, « Partager dans le canal », 👍 and 👎. */
export function answerButtons(reply: Reply, options: AnswerButtonsOptions): ReplyButton[] {
  const { answerId } = options;
  const buttons = [...(reply.buttons ?? [])];
  if (answerId && options.share) buttons.push({ actionId: ACTION_SHARE, label: 'Partager dans le canal', value: answerId, style: 'primary' });
  if (answerId && options.feedback) buttons.push({ actionId: ACTION_FEEDBACK_UP, label: '👍 Utile', value: answerId }, { actionId: ACTION_FEEDBACK_DOWN, label: '👎 Pas utile', value: answerId });
  return buttons;
}

/** How a platform writes a source: bold, a web link with its label, other text (escaped where its markup needs it). */
export interface CitationMarkup {
  bold(text: string): string;
  link(url: string, label: string): string;
  text?(raw: string): string;
}

/**
 * The numbered sources under an answer (at most {@link MAX_SOURCES}): « 1. » and a
 * web source as a link named by {@link citationName}, another by its name and its
 * address in brackets; null without any.
 */
export function sourcesText(reply: Reply, { bold, link, text = (raw) => raw }: CitationMarkup): string | null {
  const line = (citation: Citation, index: number): string => {
    const name = citationName(citation);
    if (citesUrl(citation)) return `${index + 1}. ${link(citation.source, name)}`;
    return `${index + 1}. ${text(name)}${citation.source ? ` (${text(citation.source)})` : ''}`;
  };
  const citations = reply.citations.slice(0, MAX_SOURCES);
  return citations.length > 0 ? `${bold('Sources')}\n${citations.map(line).join('\n')}` : null;
}

/** A « Voulez-vous dire » button: pressed, it asks its question. */
export const suggestionButton = (question: string): ReplyButton => ({ actionId: ACTION_ASK_SUGGESTION, label: question, value: question });

/** How a source is named: its title, with its section when that says more. */
const citationName = (citation: Citation): string => (citation.section && citation.section !== citation.title ? `${citation.title} — ${citation.section}` : citation.title);

/** A source whose address is a web link. */
const citesUrl = (citation: Citation): boolean => /^https?:\/\/\S+$/.test(citation.source);
