/**
 * What « What is the … » asks of when it asks an aspect of something, not what a thing is (« What are the steps … »,
 * « What's the deadline … »): accent-folded English nouns.
 */
export const ASPECT_NOUNS = String.raw`steps?|process|procedure|differences?|deadlines?|dates?|amounts?|costs?|prices?|fees?|numbers?|ages?|conditions?|criteria|requirements?|rules?|timeline|roles?|tasks?|benefits?|advantages?|missions?|time\s+limit|penalty|penalties`;

/**
 * Colloquial, SMS and English ways of asking "what is X?" rewritten to the
 * French form the articles title their definition sections with, so that
 * "c koi une cpts" and "What is a CPTS?" find "Qu'est-ce qu'une CPTS ?".
 */
const DEFINITION_FORMS: readonly RegExp[] = [
  /^\s*(?:c|c'est|cest|c est|sa veut dire|ça veut dire)\s+(?:koi|quoi)\b/iu,
  /^\s*(?:koi|quoi)\s+(?:c|c'est|cest|est)\b/iu,
  // Not « What are the steps … », « What's the deadline … »: an aspect of something is asked, not what a thing is.
  new RegExp(String.raw`^\s*(?:what\s+is|what's|whats|what\s+are|define|definition\s+of)(?!\s+(?:(?:a|an|the)\s+)?(?:${ASPECT_NOUNS})\b)(?:\s+(?:a|an|the))?\b`, 'iu'),
  /^\s*(?:d[ée]finition|d[ée]finir)\s+(?:de|d'|du|des)?/iu,
];

/** SMS spellings and common slips of the words that ask (« cmb de tps », « cmbien », « qd »), spelled out. */
const ASKING_SPELLINGS: readonly [RegExp, string][] = [
  [/\b(?:cmb|cbn|cmbien|combein|conbien|combiens)\b/giu, 'combien'],
  [/\btps\b/giu, 'temps'],
  [/\bqd\b/giu, 'quand'],
  [/\b(?:pk|pq|pkoi|pourkoi)\b/giu, 'pourquoi'],
];

export function canonicalQuestion(asked: string): string {
  const text = ASKING_SPELLINGS.reduce((spelled, [slip, word]) => spelled.replace(slip, word), asked);
  for (const form of DEFINITION_FORMS) {
    // « Définition d'un centre » → « qu'est-ce que un centre », not « queun ».
    if (form.test(text)) return text.replace(form, "qu'est-ce que ").replace(/ {2,}/g, ' ');
  }
  return text;
}
