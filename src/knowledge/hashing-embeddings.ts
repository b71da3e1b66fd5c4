import { Embeddings } from '@langchain/core/embeddings';
import { foldAccents, isStopWord, stem, words } from '../text/french.ts';

/** Dimension of the offline vectors: small enough for 100× the base in memory, wide enough to keep n-grams apart. */
export const HASHING_DIMENSIONS = 384;

/**
 * Offline embedder that needs no model download: each content word adds its
 * stem and its character 3- to 5-grams (accent-folded, with word boundaries)
 * to a signed hashed vector, L2-normalised. N-grams make it tolerant of typos
 * and morphology ("kines", "infirmiere", "cpts?").
 */
export class HashingEmbeddings extends Embeddings {
  readonly id = `hashing-v1-${HASHING_DIMENSIONS}`;

  constructor() {
    super({});
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => embed(text));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return embed(text);
  }
}

export function embed(text: string): number[] {
  const vector = new Float64Array(HASHING_DIMENSIONS);
  for (const word of words(text)) {
    if (isStopWord(word)) continue;
    const folded = foldAccents(word);
    add(vector, `w:${stem(word)}`, 2);
    const padded = `<${folded}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(vector, padded.slice(i, i + n), 1);
    }
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return Array.from(vector, (v) => v / norm);
}

function add(vector: Float64Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const index = h % HASHING_DIMENSIONS;
  vector[index] = (vector[index] ?? 0) + ((h >>> 31) & 1 ? weight : -weight);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
