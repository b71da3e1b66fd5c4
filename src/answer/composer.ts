import type { Passage } from '../knowledge/passage.ts';
import type { Reply } from '../engine/reply.ts';
import type { Turn } from '../engine/message.ts';

export interface Question {
  text: string;
  history: Turn[];
}

/** Turns retrieved passages into a cited reply (offline extractive, or a model when configured). */
export interface AnswerComposer {
  compose(question: Question, passages: readonly Passage[]): Promise<Reply>;
}
