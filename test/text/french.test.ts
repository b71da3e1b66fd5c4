import { describe, expect, it } from 'vitest';
import { terms } from '../../src/text/french.ts';

describe('the terms of a text', () => {
  it.each([
    ['Who signs the ACI contract with an MSP, besides the MSP itself?', ['sign', 'aci', 'contract', 'msp', 'msp']],
    ['How much is it right now, within the protocol?', ['much', 'right', 'protocol']],
  ])('« %s » : English words that say nothing of the subject are no terms', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('keeps the English words the lexicon translates (« since » is « depuis »)', () => {
    expect(terms('open since 2023')).toContain('sinc');
  });
});
