import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseMessage } from '@langchain/core/messages';
import { holdsClinicalInstruction } from '../answer/clinical-guard.ts';
import type { AnswerComposer, Question } from '../answer/composer.ts';
import type { Passage } from '../knowledge/passage.ts';
import { citationOf, MAX_ANSWER_CHARS, NEAREST_SCORE, restsOnWeakPassage, selectPassages } from '../answer/extractive-composer.ts';
import type { Reply } from '../engine/reply.ts';
import type { Logger } from '../log/logger.ts';
import { findPatientIdentifiers, patientDataMessage } from '../privacy/patient-data-guard.ts';
import { modelCallSignal } from './budget.ts';
import { capText, checkCitations, renumberCitations } from './citations.ts';
import { classifyFault } from './fault.ts';
import { fencePassages } from './passages-prompt.ts';
import { fillPrompt, loadPrompt } from './prompts.ts';
import { keepSupported } from './support.ts';

/** Earlier turns of the thread given to the model, newest last. */
const MAX_HISTORY_TURNS = 4;

function passageText(passage: Passage): string {
  return `${passage.chunk.title}\n${passage.chunk.section}\n${passage.chunk.text}`;
}

const holdsIdentifiers = (text: string) => findPatientIdentifiers(text).length > 0;

/**
 * Answers from the retrieved passages with a chat model. The model is asked
 * only when the offline composer would answer too (a passage that answers the
 * question, {@link selectPassages}); it sees the rules in the system message and
 * the passages as fenced, quoted data in the user message. Its reply is checked
 * before it is shown: valid citations, no patient identifier, no dose or
 * clinical instruction, and each sentence supported by the passage it cites
 * (unsupported sentences are dropped; when too few remain, the offline answer
 * is used). Anything doubtful — patient data in the question, a fault, the time
 * budget running out — gives the offline answer, with one log line (never the text).
 */
export class GroundedComposer implements AnswerComposer {
  private readonly system: string;
  private readonly user: string;

  constructor(
    private readonly model: BaseChatModel,
    private readonly fallback: AnswerComposer,
    private readonly logger: Logger,
    /** Total time budget of one answer, model call and offline fallback included. */
    private readonly timeoutMs: number,
    prompts: { system: string; user: string } = { system: loadPrompt('answer'), user: loadPrompt('answer-passages') },
  ) {
    for (const key of ['question', 'passages']) {
      if (!prompts.user.includes(`{{${key}}}`)) throw new Error(`Consigne « answer-passages » : il manque {{${key}}}`);
    }
    this.system = prompts.system;
    this.user = prompts.user;
  }

  async compose(question: Question, passages: readonly Passage[]): Promise<Reply> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const fallBack = async (reason: string): Promise<Reply> => {
      this.logger.warn('llm.fallback', { step: 'answer', reason, ms: elapsed() });
      return this.fallback.compose(question, passages);
    };

    // Nothing in the base answers: the offline « je ne trouve pas », without asking the model.
    const relevant = selectPassages(passages, { floor: NEAREST_SCORE });
    if (relevant.length === 0) return this.fallback.compose(question, passages);

    const findings = findPatientIdentifiers(question.text);
    if (findings.length > 0) {
      const reply = await fallBack('patient_data');
      return { ...reply, text: `${patientDataMessage(findings, 'send')}\n\n${reply.text}` };
    }
    if (passages.some((p) => holdsIdentifiers(passageText(p)))) return fallBack('passage_identifiers');

    let text: string;
    try {
      const result = await this.model.invoke(this.messages(question, passages), { signal: modelCallSignal(this.timeoutMs, question.deadline) });
      text = result.text;
    } catch (error) {
      return fallBack(classifyFault(error));
    }

    const check = checkCitations(text, passages.length);
    if (!check.ok) return fallBack(check.reason);
    if (holdsIdentifiers(text)) return fallBack('output_identifiers');
    if (holdsClinicalInstruction(text)) return fallBack('clinical_output');
    const supported = keepSupported(text, passages);
    if (supported.kept === 0 || supported.dropped > supported.kept) return fallBack('unsupported');
    const capped = capText(supported.text, MAX_ANSWER_CHARS);
    const kept = checkCitations(capped, passages.length);
    if (!kept.ok) return fallBack('citations_cut');

    this.logger.info('llm.answer', { ms: elapsed(), passages: passages.length, cited: kept.cited.length, dropped: supported.dropped });
    return {
      kind: 'answer',
      text: renumberCitations(capped, kept.cited),
      citations: kept.cited.map((n) => citationOf(passages[n - 1] as Passage)),
      confident: true,
      ...(restsOnWeakPassage(relevant) ? { tentative: true } : {}),
    };
  }

  private messages(question: Question, passages: readonly Passage[]): BaseMessage[] {
    const history = question.history
      .slice(-MAX_HISTORY_TURNS)
      .filter((turn) => !holdsIdentifiers(turn.text))
      .map((turn) => (turn.role === 'user' ? new HumanMessage(turn.text) : new AIMessage(turn.text)));
    return [
      new SystemMessage(this.system),
      ...history,
      new HumanMessage(fillPrompt(this.user, { question: question.text, passages: fencePassages(passages) })),
    ];
  }
}
