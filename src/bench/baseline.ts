import MiniSearch from 'minisearch';
import type { Chunk } from '../knowledge/chunk.ts';

/** The comparison point: MiniSearch with its default settings over the same chunks, top chunk as the answer. */
export class PlainBm25Baseline {
  private readonly search = new MiniSearch<Chunk>({ fields: ['title', 'section', 'text'] });
  private readonly byId: Map<string, Chunk>;

  constructor(chunks: readonly Chunk[]) {
    this.search.addAll(chunks);
    this.byId = new Map(chunks.map((c) => [c.id, c]));
  }

  answer(question: string): { text: string; citations: number } {
    const top = this.search.search(question)[0];
    const chunk = top ? this.byId.get(String(top.id)) : undefined;
    return chunk ? { text: chunk.text, citations: 1 } : { text: '', citations: 0 };
  }
}
