import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseMessage } from '@langchain/core/messages';
import type { AnswerComposer, Passage, Question } from '../answer/composer.ts';
import { citationOf, MAX_ANSWER_CHARS } from '../answer/extractive-composer.ts';
import type { Reply } from '../engine/reply.ts';
import type { Logger } from '../log/logger.ts';
import { modelCallSignal } from './budget.ts';
import { capText, checkCitations, renumberCitations } from './citations.ts';
import { classifyFault } from './fault.ts';
import { findPatientIdentifiers, patientDataMessage } from '../privacy/patient-data-guard.ts';
import { fillPrompt, loadPrompt } from './prompts.ts';

/** Longest passage text given to the model, in characters. */
const MAX_PASSAGE_CHARS = 1500;
/** Earlier turns of the thread given to the model, newest last. */
const MAX_HISTORY_TURNS = 4;

function formatPassages(passages: readonly Passage[]): string {
  return passages
    .map(({ chunk }, i) => {
      const text = chunk.text.length > MAX_PASSAGE_CHARS ? `${chunk.text.slice(0, MAX_PASSAGE_CHARS)}…` : chunk.text;
      return `[${i + 1}] ${chunk.title} — ${chunk.section}\n${text}`;
    })
    .join('\n\n');
}

function passageText(passage: Passage): string {
  return `${passage.chunk.title}\n${passage.chunk.section}\n${passage.chunk.text}`;
}

/**
 * Answers from the retrieved passages with a chat model: the model sees only
 * the numbered passages, must cite them as [n], and its citations are checked.
 * Anything doubtful — patient data in the question, a reply citing nothing or a
 * passage it was not given, a fault or the time budget running out — gives the
 * offline answer instead, with one log line (never the message text).
 */
export class GroundedComposer implements AnswerComposer {
  private readonly prompt: string;

  constructor(
    private readonly model: BaseChatModel,
    private readonly fallback: AnswerComposer,
    private readonly logger: Logger,
    /** Total time budget of one answer, model call and offline fallback included. */
    private readonly timeoutMs: number,
    prompt: string = loadPrompt('answer'),
  ) {
    if (!prompt.includes('{{passages}}')) throw new Error('Consigne « answer » : il manque {{passages}}');
    this.prompt = prompt;
  }

  async compose(question: Question, passages: readonly Passage[]): Promise<Reply> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const fallBack = async (reason: string): Promise<Reply> => {
      this.logger.warn('llm.fallback', { step: 'answer', reason, ms: elapsed() });
      return this.fallback.compose(question, passages);
    };

    if (passages.length === 0) return this.fallback.compose(question, passages);

    const findings = findPatientIdentifiers(question.text);
    if (findings.length > 0) {
      const reply = await fallBack('patient_data');
      return { ...reply, text: `${patientDataMessage(findings, 'send')}\n\n${reply.text}` };
    }
    if (passages.some((p) => findPatientIdentifiers(passageText(p)).length > 0)) return fallBack('passage_identifiers');

    let text: string;
    try {
      const result = await this.model.invoke(this.messages(question, passages), { signal: modelCallSignal(this.timeoutMs) });
      text = result.text;
    } catch (error) {
      return fallBack(classifyFault(error));
    }

    const check = checkCitations(text, passages.length);
    if (!check.ok) return fallBack(check.reason);
    const capped = capText(text, MAX_ANSWER_CHARS);
    const kept = checkCitations(capped, passages.length);
    if (!kept.ok) return fallBack('citations_cut');

    this.logger.info('llm.answer', { ms: elapsed(), passages: passages.length, cited: kept.cited.length });
    return {
      kind: 'answer',
      text: renumberCitations(capped, kept.cited),
      citations: kept.cited.map((n) => citationOf(passages[n - 1] as Passage)),
      confident: true,
    };
  }

  private messages(question: Question, passages: readonly Passage[]): BaseMessage[] {
    const history = question.history
      .slice(-MAX_HISTORY_TURNS)
      .filter((turn) => findPatientIdentifiers(turn.text).length === 0)
      .map((turn) => (turn.role === 'user' ? new HumanMessage(turn.text) : new AIMessage(turn.text)));
    return [
      new SystemMessage(fillPrompt(this.prompt, { passages: formatPassages(passages) })),
      ...history,
      new HumanMessage(question.text),
    ];
  }
}
