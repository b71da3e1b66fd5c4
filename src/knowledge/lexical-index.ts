import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import { LRUCache } from 'lru-cache';
import { editDistance } from '../text/edit-distance.ts';
import { z } from 'zod';
import type { Chunk } from './chunk.ts';
import { termOf, words } from '../text/french.ts';
import { isPackedList, packPostings, unpackPostings } from './packed-postings.ts';


/**
 * Three fields: where the chunk sits (title, section heading, tags), what it
 * says, and the questions it answers in users' words (authored per section).
 * Every field multiplies the postings a query scans, so there are no more.
 */
const OPTIONS: Options<Chunk> = {
  idField: 'id',
  fields: ['heading', 'text', 'questions'],
  storeFields: [],
  processTerm: termOf,
  extractField: (doc: Chunk, field: string) => fieldText(doc, field),
  searchOptions: {
    boost: { heading: 2.5, questions: 1.5 },
    fuzzy: (term: string) => (term.length >= 6 ? 0.2 : false),
    combineWith: 'OR',
  },
};

function fieldText(doc: Chunk, field: string): string {
  switch (field) {
    case 'heading':
      return `${doc.title} ${doc.section} ${doc.tags.join(' ')}`;
    case 'questions':
      return (doc.questions ?? []).join(' ');
    case 'id':
      return doc.id;
    default:
      return doc.text;
  }
}

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
/** Shortest term read as an abbreviation (« coop », « kin »), and how many times more its full term must be used. */
const MIN_ABBREVIATION = 3;
const ABBREVIATION_RATIO = 4;

/** MiniSearch's plain object with its postings packed ({@link packPostings}); the rest is checked by MiniSearch itself. */
const SerializedSchema = z.object({
  engine: z.looseObject({ index: z.array(z.tuple([z.string(), z.custom<number[]>(isPackedList)])) }),
  documentFrequency: z.record(z.string(), z.number()),
});

/** The distinct terms of a chunk, as counted in the document frequencies. */
function termsOf(chunk: Chunk): Set<string> {
  const seen = new Set<string>();
  for (const word of words(`${chunk.title} ${chunk.section} ${chunk.text} ${chunk.tags.join(' ')} ${(chunk.questions ?? []).join(' ')}`)) {
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
    /** Typo corrections already looked up ('' for none). */
    private readonly closest = new LRUCache<string, string>({ max: 5000 }),
    /** Abbreviations already looked up ('' for none). */
    private readonly abbreviations = new LRUCache<string, string>({ max: 5000 }),
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
    // The vocabulary changed: corrections and abbreviations are looked up again.
    this.closest.clear();
    this.abbreviations.clear();
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
    this.closest.clear();
    this.abbreviations.clear();
  }

  static fromJSON(json: string): LexicalIndex {
    const { engine: packed, documentFrequency } = SerializedSchema.parse(JSON.parse(json));
    // `loadJS` reads `index` once, in order (for…of): the postings are unpacked one term at a time as it goes.
    const plain = { ...packed, index: unpackPostings(packed.index) } as unknown as AsPlainObject;
    const engine = MiniSearch.loadJS<Chunk>(plain, OPTIONS);
    return new LexicalIndex(engine, new Map(Object.entries(documentFrequency)));
  }

  toJSON(): string {
    const plain = this.search.toJSON();
    const engine = { ...plain, index: plain.index.map(packPostings) };
    return JSON.stringify({ engine, documentFrequency: Object.fromEntries(this.documentFrequency) });
  }

  /** Number of chunks holding the term (0: the base never uses it). */
  frequencyOf(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  /**
   * How much finding the term says about a chunk: inverse document frequency, highest for a term the base never
   * uses (the question asks about something the base may not hold).
   */
  informativeness(term: string): number {
    const chunks = this.search.documentCount;
    return Math.log(1 + chunks / (this.frequencyOf(term) + 0.5));
  }

  /** Is the term used by the base, itself or as the start of one of its terms (an abbreviation: « coop », « kine »)? */
  knows(term: string): boolean {
    if (this.frequencyOf(term) > 0) return true;
    for (const known of this.documentFrequency.keys()) if (known.startsWith(term)) return true;
    return false;
  }

  /**
   * The base's term that `term` abbreviates (« coop » → « cooper », « pluripro » → « pluriprofessionnel »): the most
   * used term that starts with it, when the base uses it far more than the abbreviation itself; else null.
   */
  abbreviated(term: string): string | null {
    const cached = this.abbreviations.get(term);
    if (cached !== undefined) return cached || null;
    const found = term.length < MIN_ABBREVIATION ? null : this.fullTermOf(term);
    this.abbreviations.set(term, found ?? '');
    return found;
  }

  private fullTermOf(term: string): string | null {
    const own = this.frequencyOf(term);
    let best: string | null = null;
    let bestFrequency = 0;
    for (const [candidate, frequency] of this.documentFrequency) {
      if (candidate.length < term.length + 2 || !candidate.startsWith(term) || frequency <= bestFrequency) continue;
      best = candidate;
      bestFrequency = frequency;
    }
    return best !== null && bestFrequency >= ABBREVIATION_RATIO * Math.max(own, 1) ? best : null;
  }

  /** The base's term nearest to one it does not use (a typo: one edit, two for long words), or null. */
  closestTerm(term: string): string | null {
    const cached = this.closest.get(term);
    if (cached !== undefined) return cached || null;
    const allowed = term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
    let best: string | null = null;
    let bestDistance = allowed + 1;
    let bestFrequency = 0;
    if (allowed > 0) {
      for (const [candidate, frequency] of this.documentFrequency) {
        if (Math.abs(candidate.length - term.length) > allowed) continue;
        if (candidate[0] !== term[0]) continue;
        const distance = editDistance(term, candidate, allowed);
        if (distance > allowed) continue;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    this.closest.set(term, best ?? '');
    return best;
  }

  /** The words whose terms are not found almost everywhere. */
  private selective(terms: readonly string[]): string[] {
    const limit = MAX_DOCUMENT_FREQUENCY * this.search.documentCount;
    return terms.filter((word) => (this.documentFrequency.get(termOf(word) ?? '') ?? 0) <= limit);
  }

  /**
   * BM25 over the question's words (typo-tolerant), its expansions (exact,
   * weighted lower) and the words said aside (the asker's situation, weighted lowest). Each distinct term is searched once: repeating a frequent
   * term costs a scan of its postings for nothing.
   */
  query(question: string, expansions: readonly string[], limit: number, aside = ''): LexicalHit[] {
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
    const besides = this.selective(distinct(aside));
    const queries: Query[] = [{ queries: asked, combineWith: 'OR' }];
    if (besides.length > 0) queries.push({ queries: besides, combineWith: 'OR', boost: { heading: 0.3, text: 0.3, questions: 0.3 } });
    if (added.length > 0) queries.push({ queries: added, combineWith: 'OR', fuzzy: false, boost: { heading: 1.2, text: 0.5, questions: 0.7 } });
    return this.search
      .search({ queries, combineWith: 'OR' })
      .slice(0, limit)
      .map((hit: SearchResult) => ({ id: String(hit.id), score: hit.score }));
  }
}
