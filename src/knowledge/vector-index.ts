import fs from 'node:fs/promises';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { Embeddings } from '@langchain/core/embeddings';

export interface VectorHit {
  /** Position of the chunk in the index's chunk list. */
  position: number;
  /** Cosine distance, lower is closer. */
  distance: number;
}

/** Approximate nearest neighbours over the chunk vectors (hnswlib-node through LangChain's HNSWLib). */
export class VectorIndex {
  private constructor(private readonly store: HNSWLib) {}

  static async build(embeddings: Embeddings, vectors: number[][], dimensions: number): Promise<VectorIndex> {
    const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions });
    if (vectors.length > 0) {
      const docs = vectors.map((_, position) => new Document({ pageContent: '', metadata: { position } }));
      await store.addVectors(vectors, docs);
    }
    return new VectorIndex(store);
  }

  static async load(dir: string, embeddings: Embeddings): Promise<VectorIndex> {
    return new VectorIndex(await HNSWLib.load(dir, embeddings));
  }

  get size(): number {
    return this.store._index ? this.store._index.getCurrentCount() : 0;
  }

  async save(dir: string): Promise<void> {
    await fs.rm(dir, { recursive: true, force: true });
    if (this.size === 0) {
      await fs.mkdir(dir, { recursive: true });
      return;
    }
    await this.store.save(dir);
  }

  async query(vector: number[], limit: number): Promise<VectorHit[]> {
    if (this.size === 0) return [];
    const hits = await this.store.similaritySearchVectorWithScore(vector, Math.min(limit, this.size));
    return hits.map(([doc, distance]) => ({ position: Number(doc.metadata.position), distance }));
  }
}
