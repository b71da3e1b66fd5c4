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

/** The numbered sources under an answer (at most {@link MAX_SOURCES}), each line as the platform writes a citation; null without any. */
export function sourcesText(reply: Reply, bold: (text: string) => string, line: (citation: Citation, index: number) => string): string | null {
  const citations = reply.citations.slice(0, MAX_SOURCES);
  return citations.length > 0 ? `${bold('Sources')}\n${citations.map(line).join('\n')}` : null;
}

/** A « Voulez-vous dire » button: pressed, it asks its question. */
export const suggestionButton = (question: string): ReplyButton => ({ actionId: ACTION_ASK_SUGGESTION, label: question, value: question });

/** How a source is named: its title, with its section when that says more. */
export const citationName = (citation: Citation): string => (citation.section && citation.section !== citation.title ? `${citation.title} — ${citation.section}` : citation.title);

/** A source whose address is a web link. */
export const citesUrl = (citation: Citation): boolean => /^https?:\/\/\S+$/.test(citation.source);
