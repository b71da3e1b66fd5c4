import type { Chunk } from './chunk.ts';

/** A chunk found for a question, best first (produced by retrieval). */
export interface Passage {
  chunk: Chunk;
  /** Ranking score: reciprocal rank fusion of the lexical and vector lists, plus coverage and heading bonuses; higher is better. */
  score: number;
  /** Share (0–1) of the question's content terms found in the chunk (synonyms count). */
  coverage: number;
  /** The question names a protocol or practice form, and this passage is about another one: it cannot answer. */
  offSubject?: boolean;
  /** The question asks for a detail this passage does not state (« l'avenant 3 », « combien d'heures »): it cannot answer. */
  lacksAsked?: boolean;
}
