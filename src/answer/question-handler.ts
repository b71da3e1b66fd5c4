import type { Handler } from '../engine/handler.ts';
import type { IncomingMessage, Turn } from '../engine/message.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { terms } from '../text/french.ts';
import type { AnswerComposer } from './composer.ts';

/** A follow-up with fewer content terms than this borrows the previous question's terms. */
const FOLLOW_UP_TERMS = 3;

/** Free-text questions: hybrid retrieval, then the composer (extractive offline, or a model). */
export function createQuestionHandler(retriever: Retriever, composer: AnswerComposer): Handler {
  return {
    name: 'knowledge-question',
    async handle(message: IncomingMessage) {
      const query = withThreadContext(message.text, message.history);
      const passages = await retriever.retrieve(query);
      return composer.compose({ text: query, history: message.history }, passages);
    },
  };
}

/** "Et pour une CPTS ?" in a thread about MSP: add the last question of the thread to the query. */
export function withThreadContext(text: string, history: readonly Turn[]): string {
  if (terms(text).length >= FOLLOW_UP_TERMS) return text;
  const previous = [...history].reverse().find((turn) => turn.role === 'user' && turn.text.trim() !== text.trim());
  return previous ? `${text} ${previous.text}` : text;
}
