import type { Chunk } from '../knowledge/chunk.ts';
import type { Reply } from '../engine/reply.ts';
import type { Turn } from '../engine/message.ts';

/** A chunk found for a question, best first. */
export interface Passage {
  chunk: Chunk;
  /** Ranking score: reciprocal rank fusion of the lexical and vector lists, plus coverage and heading bonuses; higher is better. */
  score: number;
  /** Share (0–1) of the question's content terms found in the chunk (synonyms count). */
  coverage: number;
  /** The question names a protocol or practice form, and this passage is about another one: it cannot answer. */
  offSubject?: boolean;
}

export interface Question {
  text: string;
  history: Turn[];
}

/** Turns retrieved passages into a cited reply (offline extractive, or a model when configured). */
export interface AnswerComposer {
  compose(question: Question, passages: readonly Passage[]): Promise<Reply>;
}
