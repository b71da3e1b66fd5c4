import hnswlib from 'hnswlib-node';

export interface VectorHit {
  /** Position of the chunk in the index's chunk list. */
  position: number;
  /** Cosine distance, lower is closer. */
  distance: number;
}

/** hnswlib's graph parameters (those LangChain's HNSWLib used): M, efConstruction, seed. */
const M = 16;
const EF_CONSTRUCTION = 200;
const SEED = 100;
/**
 * Candidates explored per search. hnswlib's default (10, raised to k) loses close neighbours once updates have
 * left deleted points in the graph: an incrementally updated index then ranked differently from a fresh build.
 */
const EF_SEARCH = 200;

/**
 * Approximate nearest neighbours over the chunk vectors (hnswlib-node). Each
 * chunk has a stable label, so that a changed file's vectors are marked deleted
 * and its new ones added (in the slots of deleted ones) without rebuilding the
 * graph; `positions` maps labels to the chunks' positions in the loaded index.
 */
export class VectorIndex {
  private positions = new Map<number, number>();

  private constructor(
    private readonly graph: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
  ) {
    graph.setEf(EF_SEARCH);
  }

  static create(dimensions: number, capacity = 0): VectorIndex {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.initIndex(Math.max(1, capacity), M, EF_CONSTRUCTION, SEED, true);
    return new VectorIndex(graph, dimensions);
  }

  /** Read a graph written by {@link save}; throws when the file is not one. */
  static async load(file: string, dimensions: number): Promise<VectorIndex> {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await graph.readIndex(file, true);
    return new VectorIndex(graph, dimensions);
  }

  get size(): number {
    return this.graph.getCurrentCount();
  }

  /** Add vectors under the given labels, growing the graph when it is full (deleted slots are reused first). */
  add(entries: readonly { label: number; vector: ArrayLike<number> }[]): void {
    const needed = this.size + entries.length;
    if (needed > this.graph.getMaxElements()) this.graph.resizeIndex(Math.max(needed, Math.ceil(this.graph.getMaxElements() * 1.5)));
    for (const { label, vector } of entries) this.graph.addPoint(Array.from(vector), label, true);
  }

  remove(labels: Iterable<number>): void {
    for (const label of labels) this.graph.markDelete(label);
  }

  /** Where each label's chunk sits in the loaded chunk list. */
  setPositions(positions: Map<number, number>): void {
    this.positions = positions;
  }

  save(file: string): Promise<boolean> {
    return this.graph.writeIndex(file);
  }

  async query(vector: number[], limit: number): Promise<VectorHit[]> {
    const live = this.positions.size;
    if (live === 0) return [];
    const { neighbors, distances } = this.graph.searchKnn(vector, Math.min(limit, live));
    return neighbors.flatMap((label, i) => {
      const position = this.positions.get(label);
      return position === undefined ? [] : [{ position, distance: distances[i] ?? 1 }];
    });
  }
}
