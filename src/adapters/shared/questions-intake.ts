import type { Interaction } from '../../core/interaction.ts';
import type { Platform, Turn } from '../../engine/message.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import type { Questions } from '../../workflows/questions/questions.ts';
import type { OutboxHandler } from './outbox-sender.ts';
import { whileSlow, type ProgressSign } from './progress.ts';
import { questionMessage } from './question-message.ts';

/** How long a question waits before its sign of progress shows (no flicker on quick answers). */
const PROGRESS_DELAY_MS = 700;

/** A person's message as its platform read it, in the scene `S` its effects run in. */
export interface PersonMessage<S> {
  question: QuestionRef;
  /** As written (the platform's markup), and plain for the engine (Coordo's mention taken out). */
  written: string;
  text: string;
  /** A mention of Coordo or a direct message: a question; else a reply in a channel thread is a thread message. */
  addressed: boolean;
  /** The platform's key of the message, the same across retries and restarts. */
  key: string;
  /** The turns before it, read from the platform. */
  history(): Promise<Turn[]>;
  scene: S;
  event?: { id?: string; retry?: number };
  /** Shown while a question waits, when its answer is not immediate. */
  progress?: ProgressSign;
}

/** What a platform's questions adapter is given: the questions workflow, the app's router behind the platform, its command words. */
export interface QuestionsDeps<S, R = unknown> {
  questions: Questions;
  logger: Logger;
  /** Routes an interaction and runs its effects in the scene `S` (what they gather: `R`). */
  handle(interaction: Interaction, scene: S): Promise<R>;
  commandWords: readonly string[];
}

/** How an adapter reads its platform's messages `M` for its bot `B`. */
export interface IntakePort<M, B, S> extends Omit<QuestionsDeps<S>, 'commandWords'> {
  platform: Platform;
  /** The message as the router takes it; null when it is no person's (a bot's, a system message, an edit…). */
  read(message: M, bot: B): PersonMessage<S> | null;
  /** A question a crash left pending, read again from the platform (Coordo never stores it); undefined: left pending. */
  reread(question: QuestionRef): Promise<M | undefined>;
}

export interface QuestionsIntake<M, B> {
  /** Once connected: who Coordo is on the platform (its messages are `mine`, its mention is taken out). */
  use(bot: B): void;
  /** A platform message: a question to the router (its thread as context), a person's reply in a channel thread as a thread message. */
  take(message: M): Promise<void>;
  /** In the background: the questions a crash left acknowledged but unanswered, read again and answered (a failure logged). */
  answerPending(): void;
}

/** What a platform's questions give its app: the intake's start (who Coordo is, the questions a crash left), and the outbox effect of the answers owed. */
export interface ChatQuestions<B, T> extends Omit<QuestionsIntake<unknown, B>, 'take'> {
  effects: Readonly<Record<string, OutboxHandler<T>>>;
}

/**
 * People's messages to the router the same way on every platform: one
 * addressed to Coordo is a message interaction (its progress shown once it has
 * waited {@link PROGRESS_DELAY_MS}), a plain reply in a channel thread a
 * thread message (a draft's thread takes it); the questions a crash left are
 * asked again once the bot is known.
 */
export function questionsIntake<M, B, S>(port: IntakePort<M, B, S>): QuestionsIntake<M, B> {
  const { platform } = port;
  let bot: B | undefined;

  async function route(message: PersonMessage<S>): Promise<void> {
    const { question, scene } = message;
    if (message.addressed) {
      const interaction = questionMessage(platform, question, message.text, message.history, message.event);
      const work = () => port.handle(interaction, scene);
      await (message.progress ? whileSlow(work, message.progress, PROGRESS_DELAY_MS) : work());
    } else if (question.threadTs && !question.direct) {
      const place = { conversationId: question.channel, threadId: question.threadTs };
      const { text, written, key } = message;
      const eventId = message.event?.id;
      const actor = { platform, userId: question.userId };
      await port.handle({ kind: 'thread_message', actor, text, written, place, key, ...(eventId ? { eventId } : {}) }, scene);
    }
  }

  async function take(raw: M): Promise<void> {
    const read = bot === undefined ? null : port.read(raw, bot);
    if (read) await route(read);
  }

  return {
    use(me) {
      bot = me;
    },
    take,
    answerPending() {
      const failed = (error: unknown) => port.logger.error(`${platform}.pending_failed`, { error: errorName(error) });
      void port.questions.answerLeft(platform, port.reread, (_question, raw) => take(raw)).catch(failed);
    },
  };
}
