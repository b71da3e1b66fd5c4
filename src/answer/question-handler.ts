import type { Handler } from '../engine/handler.ts';
import type { IncomingMessage, Turn } from '../engine/message.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { terms } from '../text/french.ts';
import { analyseQuestion, type QuestionKind } from '../knowledge/question-analysis.ts';
import type { AnswerComposer } from './composer.ts';
import { answerParts } from './composite-answer.ts';

/**
 * A follow-up: a question that opens like one (« et pour une CPTS ? », « and
 * its missions? ») or that names at most one thing (« ses missions ? »).
 */
const FOLLOW_UP_OPENING = /^\s*(?:et|mais|aussi|alors|puis|and|what about|how about)\b/iu;
/** « ses missions ? » refers back; « comment déclarer son protocole à l'ARS ? » does not: possessives count in short questions only. */
const REFERRING_BACK = /\b(?:ses|son|sa|leurs?|celle|celui|ceux|its|their)\b/iu;

const STANDALONE_KINDS: ReadonlySet<QuestionKind> = new Set(['definition', 'comparison']);

/** Free-text questions: hybrid retrieval, then the composer (extractive offline, or a model). */
export function createQuestionHandler(retriever: Retriever, composer: AnswerComposer): Handler {
  return {
    name: 'knowledge-question',
    async handle(message: IncomingMessage) {
      const query = withThreadContext(message.text, message.history);
      const analysed = analyseQuestion(query);
      const composite = await answerParts(retriever, analysed);
      if (composite) return composite;
      const passages = await retriever.retrieve(analysed);
      return composer.compose({ text: query, history: message.history }, passages);
    },
  };
}

/** "Et pour une CPTS ?" in a thread about MSP: add the last question of the thread to the query. */
export function withThreadContext(text: string, history: readonly Turn[]): string {
  const count = terms(text).length;
  // « c'est quoi un DAC ? » names what it asks about: a definition or a comparison stands on its own.
  const standsAlone = STANDALONE_KINDS.has(analyseQuestion(text).kind);
  const followUp = FOLLOW_UP_OPENING.test(text) || (!standsAlone && (count <= 1 || (count <= 2 && REFERRING_BACK.test(text))));
  if (!followUp) return text;
  const previous = [...history].reverse().find((turn) => turn.role === 'user' && turn.text.trim() !== text.trim());
  return previous ? `${text} ${previous.text}` : text;
}
