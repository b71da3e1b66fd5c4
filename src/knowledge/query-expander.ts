/**
 * Adds equivalent words to a query (acronyms ↔ expansions, lay words ↔ technical
 * words, English ↔ French). Implemented from the domain registries.
 */
export interface QueryExpander {
  /** Extra phrases equivalent to parts of `text` (never the text itself). */
  expand(text: string): string[];
}

export const noExpansion: QueryExpander = { expand: () => [] };
