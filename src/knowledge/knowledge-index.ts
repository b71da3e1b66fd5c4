import type { Chunk } from './chunk.ts';
import type { LexicalIndex } from './lexical-index.ts';
import type { VectorIndex } from './vector-index.ts';
import type { Manifest } from './index-files.ts';

/** A loaded index: chunks with their lexical and vector indexes. */
export interface KnowledgeIndex {
  chunks: readonly Chunk[];
  byId: ReadonlyMap<string, Chunk>;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  manifest: Manifest;
}
