import type { Embeddings } from '@langchain/core/embeddings';
import type { Passage } from '../answer/composer.ts';
import { terms } from '../text/french.ts';
import type { Chunk } from './chunk.ts';
import { reciprocalRankFusion } from './fusion.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { Expansion, QueryExpander } from './query-expander.ts';
import { canonicalQuestion } from './question-forms.ts';
import type { VectorHit } from './vector-index.ts';
import { errorName, silentLogger, type Logger } from '../log/logger.ts';

const CANDIDATES = 20;
/** Chunks whose terms are kept between questions (the candidates come back often). */
const TERM_CACHE_SIZE = 4000;

/**
 * Hybrid retrieval: French BM25 and vector search over the query and its
 * expansions, fused by reciprocal rank, then re-ranked by how much of the
 * question each chunk covers (in its text, and in its title and heading).
 */
export class Retriever {
  /** Terms of the chunks met so far (a chunk is re-ranked each time it comes back as a candidate). */
  private readonly termCache = new Map<string, ChunkTerms>();

  constructor(
    private readonly index: KnowledgeIndex,
    private readonly embeddings: Embeddings,
    private readonly expander: QueryExpander,
    private readonly logger: Logger = silentLogger,
  ) {}

  get chunks(): readonly Chunk[] {
    return this.index.chunks;
  }

  async retrieve(asked: string, limit = 5): Promise<Passage[]> {
    const question = canonicalQuestion(asked);
    const found = this.expander.expansions(question);
    const expansions = [...new Set(found.flatMap((e) => e.equivalents))];
    const query = [question, ...expansions].join(' ');
    const lexical = this.index.lexical.query(question, expansions, CANDIDATES).map((hit) => hit.id);
    const vector = (await this.vectorHits(query))
      .map((hit) => this.index.chunks[hit.position]?.id)
      .filter((id): id is string => id !== undefined);
    const fused = reciprocalRankFusion([lexical, vector]);

    const wanted = questionTerms(question, found);
    // Articles title their sections as questions: a heading about exactly what is asked is a strong hint.
    const askedTerms = new Set(terms(question));
    const passages: Passage[] = [];
    for (const [id, fusedScore] of fused) {
      const chunk = this.index.byId.get(id);
      if (!chunk) continue;
      const chunkTerms = this.termsOf(chunk);
      const coverage = coverageOf(wanted, chunkTerms.all);
      const headingCoverage = coverageOf(wanted, chunkTerms.heading);
      const headingLikeness = jaccard(askedTerms, chunkTerms.sectionWords);
      const score = fusedScore + 0.02 * coverage + 0.012 * headingCoverage + 0.02 * headingLikeness;
      passages.push({ chunk, score, coverage });
    }
    passages.sort((a, b) => b.score - a.score);
    return passages.slice(0, limit);
  }

  /**
   * Vector neighbours of the query. A remote embedder may time out, fail, or
   * refuse a question holding patient identifiers: then the lexical list alone is used.
   */
  private async vectorHits(query: string): Promise<VectorHit[]> {
    try {
      return await this.index.vectors.query(await this.embeddings.embedQuery(query), CANDIDATES);
    } catch (error) {
      this.logger.warn('retrieve.vector_skipped', { error: errorName(error) });
      return [];
    }
  }

  private termsOf(chunk: Chunk): ChunkTerms {
    let cached = this.termCache.get(chunk.id);
    if (!cached) {
      cached = {
        all: new Set(terms(`${chunk.title} ${chunk.section} ${chunk.text}`)),
        heading: new Set(terms(`${chunk.title} ${chunk.section}`)),
        sectionWords: new Set(terms(withoutParentheses(chunk.section))),
      };
      if (this.termCache.size >= TERM_CACHE_SIZE) this.termCache.clear(); // bounded: a long-running bot on a large base
      this.termCache.set(chunk.id, cached);
    }
    return cached;
  }

}

interface ChunkTerms {
  /** Title, heading and text. */
  all: Set<string>;
  /** Title and heading. */
  heading: Set<string>;
  /** The heading without its parenthesised expansions, to compare with the question's wording. */
  sectionWords: Set<string>;
}

/**
 * The question's content terms, each with the alternative term sets that
 * would also satisfy it: the equivalents of the query phrase it belongs to
 * (« mal de dos » → « lombalgie » stands for both « mal » and « dos »).
 */
interface WantedTerm {
  term: string;
  alternatives: string[][];
}

function questionTerms(question: string, expansions: readonly Expansion[]): WantedTerm[] {
  const wanted = new Map<string, WantedTerm>();
  for (const term of terms(question)) if (!wanted.has(term)) wanted.set(term, { term, alternatives: [] });
  for (const { trigger, equivalents } of expansions) {
    const alternatives = equivalents.map((e) => terms(e)).filter((t) => t.length > 0);
    for (const term of terms(trigger)) wanted.get(term)?.alternatives.push(...alternatives);
  }
  return [...wanted.values()];
}

function coverageOf(wanted: readonly WantedTerm[], have: ReadonlySet<string>): number {
  if (wanted.length === 0) return 0;
  let covered = 0;
  for (const { term, alternatives } of wanted) {
    if (have.has(term) || alternatives.some((alt) => alt.every((t) => have.has(t)))) covered++;
  }
  return covered / wanted.length;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Headings spell acronyms out in parentheses: leave them out when comparing wordings. */
function withoutParentheses(text: string): string {
  return text.replace(/\([^)]*\)/g, ' ');
}
