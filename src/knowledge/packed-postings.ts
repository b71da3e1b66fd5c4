import type { AsPlainObject } from 'minisearch';

/** MiniSearch's serialized postings of one term: for each field id, {chunk short id: term frequency}. */
export type TermPostings = AsPlainObject['index'][number];

/**
 * One term's postings as stored: for each field, its id, the number of chunks, the gaps between their short ids
 * (ascending), then their frequencies. Parsed, these are arrays of small integers; MiniSearch's own shape (an
 * object per field keyed by chunk) made tens of megabytes of short-lived objects when a large index was loaded.
 */
export type PackedPostings = [term: string, packed: number[]];

export function isPackedList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((n) => Number.isSafeInteger(n) && n >= 0);
}

export function packPostings([term, fields]: TermPostings): PackedPostings {
  const packed: number[] = [];
  for (const fieldId of Object.keys(fields)) {
    const postings = fields[fieldId] ?? {};
    // Integer keys come in ascending order: the short ids of the chunks, as MiniSearch reads them back.
    const ids = Object.keys(postings).map(Number);
    packed.push(Number(fieldId), ids.length);
    let previous = 0;
    for (const id of ids) {
      packed.push(id - previous);
      previous = id;
    }
    for (const id of ids) packed.push(postings[id] ?? 0);
  }
  return [term, packed];
}

/**
 * The postings back in MiniSearch's shape, one term at a time, in their stored order (what `MiniSearch.loadJS`
 * reads, once, from first to last): only one term's objects are alive at a time. Throws on a malformed list.
 */
export function* unpackPostings(terms: readonly PackedPostings[]): Generator<TermPostings> {
  for (const [term, packed] of terms) {
    const fields: TermPostings[1] = {};
    let at = 0;
    while (at < packed.length) {
      const fieldId = packed[at]!;
      const count = packed[at + 1] ?? -1;
      const end = at + 2 + 2 * count;
      if (count < 0 || end > packed.length) throw new Error(`postings of « ${term} » truncated`);
      const postings: Record<number, number> = {};
      let id = 0;
      for (let i = 0; i < count; i++) {
        id += packed[at + 2 + i]!;
        postings[id] = packed[at + 2 + count + i]!;
      }
      fields[fieldId] = postings;
      at = end;
    }
    yield [term, fields];
  }
}
