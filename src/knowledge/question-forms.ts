/**
 * Colloquial, SMS and English ways of asking "what is X?" rewritten to the
 * French form the articles title their definition sections with, so that
 * "c koi une cpts" and "What is a CPTS?" find "Qu'est-ce qu'une CPTS ?".
 */
const DEFINITION_FORMS: readonly RegExp[] = [
  /^\s*(?:c'est|cest|c est|sa veut dire|ça veut dire)\s+quoi\b/iu,
  /^\s*quoi\s+(?:c|c'est|cest|est)\b/iu,
  /^\s*(?:what\s+is|what's|whats|what\s+are|define|definition\s+of)(?:\s+(?:a|an|the))?\b/iu,
  /^\s*(?:d[ée]finition|d[ée]finir)\s+(?:de|d'|du|des)?/iu,
];

/** Question words as SMS writes them, anywhere in the question (« une SISA c koi comme structure ? », « kel protocole »). */
const SMS_WORDS: readonly [RegExp, string][] = [
  [/(?<![\p{L}'’])c\s+(?=(?:koi|quoi)\b)/giu, "c'est "],
  [/(?<![\p{L}'’])koi(?!\p{L})/giu, 'quoi'],
  [/(?<![\p{L}'’])kel(le)?(s)?(?!\p{L})/giu, 'quel$1$2'],
  [/(?<![\p{L}'’])ki(?!\p{L})/giu, 'qui'],
  [/(?<![\p{L}'’])(?:pk|pq|pkoi|pourkoi)(?!\p{L})/giu, 'pourquoi'],
  [/(?<![\p{L}'’])(?:cmt|koment|komen)(?!\p{L})/giu, 'comment'],
];

export function canonicalQuestion(asked: string): string {
  const text = SMS_WORDS.reduce((written, [sms, word]) => written.replace(sms, word), asked);
  for (const form of DEFINITION_FORMS) {
    // « Définition d'un centre » → « qu'est-ce que un centre », not « queun ».
    if (form.test(text)) return text.replace(form, "qu'est-ce que ").replace(/ {2,}/g, ' ');
  }
  return text;
}
