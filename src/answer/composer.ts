import type { Passage } from '../knowledge/passage.ts';
import type { Reply } from '../engine/reply.ts';
import type { Turn } from '../engine/message.ts';

export interface Question {
  text: string;
  history: Turn[];
  /** When the question's time budget runs out (`performance.now()` time), when the engine has one. */
  deadline?: number;
}

/** Turns retrieved passages into a cited reply (offline extractive, or a model when configured). */
export interface AnswerComposer {
  compose(question: Question, passages: readonly Passage[]): Promise<Reply>;
}
