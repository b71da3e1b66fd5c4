import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Chunk } from './chunk.ts';
import { isStopWord, stem } from '../text/french.ts';

/** Same pipeline for indexing and querying: stop words out, Snowball stem, accents folded. */
function processTerm(term: string): string | null {
  const word = term.toLowerCase().replace(/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/u, '');
  if (!word || isStopWord(word)) return null;
  return stem(word);
}

const OPTIONS: Options<Chunk> = {
  idField: 'id',
  fields: ['title', 'section', 'text', 'tags'],
  storeFields: [],
  processTerm,
  extractField: (doc: Chunk, field: string) => {
    const value = doc[field as keyof Chunk];
    return Array.isArray(value) ? value.join(' ') : String(value ?? '');
  },
  searchOptions: {
    boost: { section: 2.5, title: 1.5, tags: 1 },
    fuzzy: (term: string) => (term.length >= 6 ? 0.2 : false),
    combineWith: 'OR',
  },
};

export interface LexicalHit {
  id: string;
  score: number;
}

/** French BM25 (MiniSearch BM25+) over the chunks. */
export class LexicalIndex {
  private constructor(private readonly search: MiniSearch<Chunk>) {}

  static build(chunks: readonly Chunk[]): LexicalIndex {
    const search = new MiniSearch<Chunk>(OPTIONS);
    search.addAll(chunks);
    return new LexicalIndex(search);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<Chunk>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.search);
  }

  query(text: string, limit: number): LexicalHit[] {
    return this.search
      .search(text)
      .slice(0, limit)
      .map((hit: SearchResult) => ({ id: String(hit.id), score: hit.score }));
  }
}
