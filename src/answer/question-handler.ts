import type { Handler } from '../engine/handler.ts';
import type { IncomingMessage } from '../engine/message.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { subjectType } from '../knowledge/query-expander.ts';
import { analyseQuestion, SITUATION_WEIGHT, TOPIC_WEIGHT, type AnalysedQuestion } from '../knowledge/question-analysis.ts';
import type { AnswerComposer } from './composer.ts';
import { answerComparison } from './comparison-answer.ts';

/** Free-text questions: hybrid retrieval, then the composer (extractive offline, or a model). */
export function createQuestionHandler(retriever: Retriever, composer: AnswerComposer): Handler {
  return {
    name: 'knowledge-question',
    async handle(message: IncomingMessage) {
      const analysed = withFollowedUp(analyseQuestion(message.text), message.context, retriever);
      const query = analysed.clauses.map((c) => c.text).join(' ');
      const passages = await retriever.retrieve(analysed);
      const compared = await answerComparison(retriever, analysed, passages);
      if (compared?.confident) return compared;
      const composed = await composer.compose({ text: query, history: message.history, deadline: message.deadline }, passages);
      // One side of a comparison the base does not describe: said so, unless the question is surely answered whole.
      return compared && (!composed.confident || composed.tentative) ? compared : composed;
    },
  };
}

/**
 * A follow-up's earlier question joins it as a clause: as its topic (« ses missions ? » after « c'est quoi une
 * CPTS ? », « is it the one most MSPs pick? » after a question on the cystitis protocol), or only aside when the
 * follow-up names its own subject of the same type (« et pour une CPTS ? » after a question on MSP).
 */
function withFollowedUp(analysed: AnalysedQuestion, context: string | undefined, retriever: Retriever): AnalysedQuestion {
  if (!context) return analysed;
  const earlierTypes = new Set(retriever.subjectsOf(context).map(subjectType));
  const replaces = retriever.subjectsOf(analysed.text).some((subject) => earlierTypes.size === 0 || earlierTypes.has(subjectType(subject)));
  return { ...analysed, clauses: [...analysed.clauses, { text: context, weight: replaces ? SITUATION_WEIGHT : TOPIC_WEIGHT, earlier: true }] };
}
