/** Phrases equivalent to one phrase of a query (« kiné » → « masseur-kinésithérapeute », « physiotherapist »). */
export interface Expansion {
  /** The phrase of the query that matched. */
  trigger: string;
  /** Its equivalents (never the trigger itself). */
  equivalents: string[];
}

/**
 * Adds equivalent words to a query (acronyms ↔ expansions, lay words ↔ technical
 * words, English ↔ French). Implemented from the domain registries.
 */
export interface QueryExpander {
  /** Each phrase of `text` that has equivalents, with them. */
  expansions(text: string): Expansion[];
  /** All the equivalent phrases, flat and without repeats. */
  expand(text: string): string[];
  /** Ids of the named things a text is about (a protocol, a practice form), to tell one's passages from another's. */
  subjects(text: string): string[];
}

export const noExpansion: QueryExpander = { expansions: () => [], expand: () => [], subjects: () => [] };

/** The type of a named subject (`protocol:cystite` → `protocol`, `form:msp` → `form`). */
export function subjectType(subject: string): string {
  return subject.slice(0, subject.indexOf(':'));
}
