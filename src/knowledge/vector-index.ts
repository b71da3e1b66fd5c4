import fs from 'node:fs/promises';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { Embeddings } from '@langchain/core/embeddings';

const ADD_BATCH = 1000;

export interface VectorHit {
  /** Position of the chunk in the index's chunk list. */
  position: number;
  /** Cosine distance, lower is closer. */
  distance: number;
}

/** Approximate nearest neighbours over the chunk vectors (hnswlib-node through LangChain's HNSWLib). */
export class VectorIndex {
  private constructor(private readonly store: HNSWLib) {}

  /** Vectors are added in batches, so that only one batch at a time exists as JS number arrays. */
  static async build(embeddings: Embeddings, vectors: readonly Float32Array[], dimensions: number): Promise<VectorIndex> {
    const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions });
    for (let start = 0; start < vectors.length; start += ADD_BATCH) {
      const batch = vectors.slice(start, start + ADD_BATCH);
      const docs = batch.map((_, k) => new Document({ pageContent: '', metadata: { position: start + k } }));
      await store.addVectors(batch.map((v) => Array.from(v)), docs);
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
