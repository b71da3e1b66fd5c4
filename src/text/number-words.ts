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

/** Units and teens, French then English (« dix sept » is read as 10 + 7). */
const SPELLED_UNITS: Readonly<Record<string, number>> = {
  zero: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11,
  douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const SPELLED_TENS: Readonly<Record<string, number>> = {
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const HUNDRED = /^(?:cent|cents|hundred)$/;
/** Articles when alone (« une patiente », « one of them »): numbers only inside a longer one. */
const ALONE_NOT_A_NUMBER = /^(?:un|une|one)$/;

/**
 * Numbers spelled in words written as digits, in normalised text (lowercase, accent-folded, hyphens as spaces):
 * « quarante deux ans » → « 42 ans », « soixante dix » → « 70 », « quatre vingt cinq » → « 85 », « vingt et un » → « 21 »,
 * « seventy two » → « 72 », « cent vingt » → « 120 », « cent vingt mille » → « 120000 ». « une patiente » is left as it is.
 */
export function spelledNumbersAsDigits(text: string): string {
  const words = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const read = readWithThousands(words, i);
    if (read && !(read.end === i + 1 && ALONE_NOT_A_NUMBER.test(words[i] ?? ''))) {
      out.push(String(read.value));
      i = read.end;
    } else {
      out.push(words[i] ?? '');
      i += 1;
    }
  }
  return out.join(' ');
}

/** « cent vingt mille », « cinquante mille deux cents », « forty thousand »: a number before « mille », times a thousand, and what follows it. */
function readWithThousands(words: readonly string[], start: number): { value: number; end: number } | undefined {
  const first = readSpelled(words, start);
  if (!first || first.value >= 1000 || !THOUSAND.test(words[first.end] ?? '')) return first;
  const rest = readSpelled(words, first.end + 1);
  const thousands = first.value * 1000;
  return rest && rest.value < 1000 ? { value: thousands + rest.value, end: rest.end } : { value: thousands, end: first.end + 1 };
}

const THOUSAND = /^(?:mille|thousand)$/;

/** The number spelled from words[start], and where it ends; undefined when no number word starts there. */
function readSpelled(words: readonly string[], start: number): { value: number; end: number } | undefined {
  let value = 0;
  let i = start;
  let last: 'unit' | 'ten' | 'hundred' | undefined;
  let lastWord = '';
  while (i < words.length) {
    const word = words[i] ?? '';
    const unit = SPELLED_UNITS[word];
    const ten = SPELLED_TENS[word];
    if (HUNDRED.test(word) && last !== 'hundred') {
      value = (value === 0 ? 1 : value) * 100;
      last = 'hundred';
    } else if (ten !== undefined && last !== 'ten' && last !== 'unit') {
      value += ten;
      last = 'ten';
    } else if (ten === 20 && last === 'unit' && value % 100 === 4) {
      // « quatre vingt(s) »: four twenties.
      value += 76;
      last = 'ten';
    } else if (unit !== undefined && (last !== 'unit' || (lastWord === 'dix' && unit < 10))) {
      // « soixante dix neuf »: after « dix », a unit adds (79); « dix sept » too.
      value += unit;
      last = 'unit';
    } else if (((word === 'et' || word === 'and') && last === 'ten' && /^(?:un|une|onze|one)$/.test(words[i + 1] ?? '')) || (word === 'and' && last === 'hundred' && readSpelled(words, i + 1) !== undefined)) {
      // « vingt et un », « soixante et onze », « one hundred and five ».
      i += 1;
      continue;
    } else break;
    lastWord = word;
    i += 1;
  }
  return i === start ? undefined : { value, end: i };
}
