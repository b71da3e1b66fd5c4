import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import { z } from 'zod';
import type { Chunk } from './chunk.ts';
import { termOf, words } from '../text/french.ts';


/**
 * Two fields: where the chunk sits (title, section heading, tags) and what it
 * says. Every field multiplies the postings a query scans, so there are no more.
 */
const OPTIONS: Options<Chunk> = {
  idField: 'id',
  fields: ['heading', 'text'],
  storeFields: [],
  processTerm: termOf,
  extractField: (doc: Chunk, field: string) =>
    field === 'heading' ? `${doc.title} ${doc.section} ${doc.tags.join(' ')}` : field === 'id' ? doc.id : doc.text,
  searchOptions: {
    boost: { heading: 2.5 },
    fuzzy: (term: string) => (term.length >= 6 ? 0.2 : false),
    combineWith: 'OR',
  },
};

export interface LexicalHit {
  id: string;
  score: number;
}

/**
 * A term found in more than this share of the chunks says little about any of
 * them, and scanning its postings is what costs most on a large base: it is
 * left out of a query that has other terms.
 */
const MAX_DOCUMENT_FREQUENCY = 0.1;

const SerializedSchema = z.object({
  engine: z.record(z.string(), z.unknown()),
  documentFrequency: z.record(z.string(), z.number()),
});

/** The distinct terms of a chunk, as counted in the document frequencies. */
function termsOf(chunk: Chunk): Set<string> {
  const seen = new Set<string>();
  for (const word of words(`${chunk.title} ${chunk.section} ${chunk.text} ${chunk.tags.join(' ')}`)) {
    const term = termOf(word);
    if (term !== null) seen.add(term);
  }
  return seen;
}

/** French BM25 (MiniSearch BM25+) over the chunks; chunks can be added and removed. */
export class LexicalIndex {
  private constructor(
    private readonly search: MiniSearch<Chunk>,
    /** Number of chunks each term appears in. */
    private readonly documentFrequency: Map<string, number>,
  ) {}

  static build(chunks: readonly Chunk[]): LexicalIndex {
    const index = new LexicalIndex(new MiniSearch<Chunk>(OPTIONS), new Map());
    index.add(chunks);
    return index;
  }

  /** Index more chunks (ids not in the index yet). */
  add(chunks: readonly Chunk[]): void {
    this.search.addAll(chunks);
    for (const chunk of chunks) for (const term of termsOf(chunk)) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  /** Take chunks out, exactly as they were added (no trace left in the postings). */
  remove(chunks: readonly Chunk[]): void {
    this.search.removeAll(chunks);
    for (const chunk of chunks) {
      for (const term of termsOf(chunk)) {
        const left = (this.documentFrequency.get(term) ?? 1) - 1;
        if (left > 0) this.documentFrequency.set(term, left);
        else this.documentFrequency.delete(term);
      }
    }
  }

  static fromJSON(json: string): LexicalIndex {
    const parsed = SerializedSchema.parse(JSON.parse(json));
    const engine = MiniSearch.loadJS<Chunk>(parsed.engine as unknown as AsPlainObject, OPTIONS);
    return new LexicalIndex(engine, new Map(Object.entries(parsed.documentFrequency)));
  }

  toJSON(): string {
    return JSON.stringify({ engine: this.search, documentFrequency: Object.fromEntries(this.documentFrequency) });
  }

  /** The words whose terms are not found almost everywhere. */
  private selective(terms: readonly string[]): string[] {
    const limit = MAX_DOCUMENT_FREQUENCY * this.search.documentCount;
    return terms.filter((word) => (this.documentFrequency.get(termOf(word) ?? '') ?? 0) <= limit);
  }

  /**
   * BM25 over the question's words (typo-tolerant) and its expansions (exact,
   * weighted lower). Each distinct term is searched once: repeating a frequent
   * term costs a scan of its postings for nothing.
   */
  query(question: string, expansions: readonly string[], limit: number): LexicalHit[] {
    const seen = new Set<string>();
    const distinct = (text: string) =>
      words(text).filter((word) => {
        const term = termOf(word);
        if (term === null || seen.has(term)) return false;
        seen.add(term);
        return true;
      });
    // The question keeps all its words when all are frequent; expansions are only a bonus.
    const allAsked = distinct(question);
    const selectiveAsked = this.selective(allAsked);
    const asked = selectiveAsked.length > 0 ? selectiveAsked : allAsked;
    const added = this.selective(distinct(expansions.join(' ')));
    const queries: Query[] = [{ queries: asked, combineWith: 'OR' }];
    if (added.length > 0) queries.push({ queries: added, combineWith: 'OR', fuzzy: false, boost: { heading: 1.2, text: 0.5 } });
    return this.search
      .search({ queries, combineWith: 'OR' })
      .slice(0, limit)
      .map((hit: SearchResult) => ({ id: String(hit.id), score: hit.score }));
  }
}
