/** Numbers written in words (French and English), as people write counts and durations. */
export const NUMBER_WORD_VALUES: Readonly<Record<string, number>> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  quinze: 15, vingt: 20, trente: 30, cent: 100,
  one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12,
};

/** The number words, as a regular-expression source (lowercase, accent-folded text). */
export const NUMBER_WORDS_PATTERN = Object.keys(NUMBER_WORD_VALUES).join('|');

/** A number in digits (« 1,5 ») or in words, as a regular-expression source. */
export const NUMBER_PATTERN = String.raw`\d+(?:[.,]\d+)?|${NUMBER_WORDS_PATTERN}`;

/** The value of a number matched by NUMBER_PATTERN. */
export function numberValue(word: string): number {
  return NUMBER_WORD_VALUES[word] ?? Number(word.replace(',', '.'));
}

/** Thousands separators joined (« 95 000 », « 95 000 », « 95.000 » → « 95000 »). */
export function joinThousands(text: string): string {
  return text.replace(/(\d)[\s\u00a0\u202f.](?=\d{3}\b)/gu, '$1');
}
