import type { Embeddings } from '@langchain/core/embeddings';
import { HASHING_DIMENSIONS, HashingEmbeddings } from './hashing-embeddings.ts';

/** An embedder with a stable id, so that an index built with another one is rebuilt. */
export interface NamedEmbeddings {
  id: string;
  embeddings: Embeddings;
  /** Known dimension, or undefined to learn it from the first vector. */
  dimensions?: number;
}

export function offlineEmbedder(): NamedEmbeddings {
  const embeddings = new HashingEmbeddings();
  return { id: embeddings.id, embeddings, dimensions: HASHING_DIMENSIONS };
}
