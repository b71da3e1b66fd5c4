import { firstReply, type Handler } from '../engine/handler.ts';
import type { IncomingMessage, Turn } from '../engine/message.ts';
import { analyseQuestion, asksSomething, type QuestionKind } from '../knowledge/question-analysis.ts';
import { normalizeForMatch, terms } from '../text/french.ts';

/**
 * A follow-up: a question that opens like one (« et pour un kiné ? », « and
 * its missions? ») or that names at most one thing (« ses missions ? »).
 */
const FOLLOW_UP_OPENING = /^\s*(?:et|mais|aussi|alors|puis|and|what about|how about)\b/iu;
/** « ses missions ? » refers back; « comment déclarer son protocole à l'ARS ? » does not: possessives count in short questions only. */
const REFERRING_BACK = /\b(?:ses|son|sa|leurs?|celle|celui|ceux|its|their)\b/iu;
/** « c'est quoi un DAC ? » names what it asks about: a definition or a comparison stands on its own. */
const STANDALONE_KINDS: ReadonlySet<QuestionKind> = new Set(['definition', 'comparison']);

/** « et c'est quoi une CPTS ? » names what it asks about: a definition or a comparison needs no earlier question, unless its subject is a pronoun (« qu'est-ce qu'il change ? »). */
export function standsAlone(text: string): boolean {
  return STANDALONE_KINDS.has(analyseQuestion(text).kind) && !hasReferringSubject(text);
}

/** A subject pronoun (« when was it authorised », « qu'est-ce qu'il change », « ce que ça rapporte »), not an impersonal one (« il faut », « il y a »), on normalised text. */
const REFERRING_SUBJECT = /\b(?:il|elle|ils|elles|ca|cela|it|they)\b(?! (?:y a|faut|existe|s agit)\b)/;

/** Does the question's subject stand for something said before it? */
export function hasReferringSubject(text: string): boolean {
  return REFERRING_SUBJECT.test(normalizeForMatch(text));
}

/** The thread's last question when `text` follows up on it (« Et pour une CPTS ? »), else undefined. */
export function followedUpQuestion(text: string, history: readonly Turn[]): string | undefined {
  // « merci » asks nothing; a question that stands alone does not follow up.
  if (!asksSomething(text) || standsAlone(text)) return undefined;
  const count = terms(text).length;
  const followUp = FOLLOW_UP_OPENING.test(text) || count <= 1 || (count <= 2 && REFERRING_BACK.test(text));
  if (!followUp) return undefined;
  return [...history].reverse().find((turn) => turn.role === 'user' && turn.text.trim() !== text.trim())?.text;
}

/** The handlers that answer questions, given the question a follow-up refers to as the message's `context`. */
export function withFollowUps(handlers: readonly Handler[]): Handler {
  return {
    name: 'follow-ups',
    async handle(message: IncomingMessage) {
      const context = followedUpQuestion(message.text, message.history);
      return firstReply(handlers, context ? { ...message, context } : message);
    },
  };
}
