import MiniSearch from 'minisearch';
import type { Chunk } from '../knowledge/chunk.ts';
import type { Attempt } from '../eval/metrics.ts';

/** The comparison point: MiniSearch with its default settings over the same chunks, top chunk as the answer. */
export class PlainBm25Baseline {
  private readonly search = new MiniSearch<Chunk>({ fields: ['title', 'section', 'text'] });
  private readonly byId: Map<string, Chunk>;

  constructor(chunks: readonly Chunk[]) {
    this.search.addAll(chunks);
    this.byId = new Map(chunks.map((c) => [c.id, c]));
  }

  /** The top chunk as the answer (no result: an abstention), and the first five as the ranking. */
  attempt(question: string): Attempt {
    const ranked = this.search
      .search(question)
      .slice(0, 5)
      .map((hit) => this.byId.get(String(hit.id)))
      .filter((chunk): chunk is Chunk => chunk !== undefined);
    const top = ranked[0];
    return {
      text: top?.text ?? '',
      citations: top ? 1 : 0,
      abstained: !top,
      ranked: ranked.map((chunk) => `${chunk.path}#${chunk.section}`),
    };
  }
}
