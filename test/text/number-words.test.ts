import { describe, expect, it } from 'vitest';
import { spelledNumbersAsDigits } from '../../src/text/number-words.ts';
import { normalizeForMatch } from '../../src/text/french.ts';

const digits = (text: string) => spelledNumbersAsDigits(normalizeForMatch(text));

describe('numbers spelled in words, read as digits', () => {
  it.each([
    ['quarante-deux ans', '42 ans'],
    ['Quarante deux ans', '42 ans'],
    ['soixante-dix ans', '70 ans'],
    ['soixante-dix-neuf ans', '79 ans'],
    ['soixante et onze ans', '71 ans'],
    ['quatre-vingts ans', '80 ans'],
    ['quatre-vingt-cinq ans', '85 ans'],
    ['quatre-vingt-dix-sept ans', '97 ans'],
    ['vingt et un ans', '21 ans'],
    ['dix-sept ans', '17 ans'],
    ['dix-huit mois', '18 mois'],
    ['neuf ans', '9 ans'],
    ['cent vingt', '120'],
    ['deux cents patients', '200 patients'],
    ['septante-cinq ans', '75 ans'],
    ['seventy-two years', '72 years'],
    ['forty five', '45'],
    ['one hundred and five', '105'],
    ['trois ou quatre', '3 ou 4'],
    ['cent vingt mille habitants', '120000 habitants'],
    ['cinquante mille deux cents habitants', '50200 habitants'],
    ['forty thousand inhabitants', '40000 inhabitants'],
    ['mille mercis', 'mille mercis'],
  ])('« %s » → « %s »', (text, read) => {
    expect(digits(text)).toBe(read);
  });

  it.each(['une patiente de ans', 'un patient', 'one of them', 'et un autre', 'and the nurse'])('« %s » is left as it is', (text) => {
    expect(digits(text)).toBe(normalizeForMatch(text));
  });
});
