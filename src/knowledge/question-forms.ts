/**
 * Colloquial, SMS and English ways of asking "what is X?" rewritten to the
 * French form the articles title their definition sections with, so that
 * "c koi une cpts" and "What is a CPTS?" find "Qu'est-ce qu'une CPTS ?".
 */
const DEFINITION_FORMS: readonly RegExp[] = [
  /^\s*(?:c|c'est|cest|c est|sa veut dire|ça veut dire)\s+(?:koi|quoi)\b/iu,
  /^\s*(?:koi|quoi)\s+(?:c|c'est|cest|est)\b/iu,
  /^\s*(?:what\s+is|what's|whats|what\s+are|define|definition\s+of)(?:\s+(?:a|an|the))?\b/iu,
  /^\s*(?:d[ée]finition|d[ée]finir)\s+(?:de|d'|du|des)?/iu,
];

export function canonicalQuestion(text: string): string {
  for (const form of DEFINITION_FORMS) {
    // « Définition d'un centre » → « qu'est-ce que un centre », not « queun ».
    if (form.test(text)) return text.replace(form, "qu'est-ce que ").replace(/ {2,}/g, ' ');
  }
  return text;
}
