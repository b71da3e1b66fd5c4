import { describe, expect, it } from 'vitest';
import { capText, checkCitations, renumberCitations } from '../../src/llm/citations.ts';

describe('citations', () => {
  it('accepts citations within 1..n, in order of first use', () => {
    expect(checkCitations('A [3]. B [1, 3]. C [2][1].', 3)).toEqual({ ok: true, cited: [3, 1, 2] });
  });

  it('rejects a reply citing nothing or a passage it was not given', () => {
    expect(checkCitations('Rien à citer.', 3)).toEqual({ ok: false, reason: 'no_citation' });
    expect(checkCitations('A [1]. B [4].', 3)).toEqual({ ok: false, reason: 'unknown_citation' });
    expect(checkCitations('A [0].', 3)).toEqual({ ok: false, reason: 'unknown_citation' });
  });

  it('renumbers markers to match the citation list', () => {
    expect(renumberCitations('A [3]. B [1; 3].', [3, 1])).toBe('A [1]. B [2][1].');
  });

  it('caps text at a sentence end, or at a word with an ellipsis', () => {
    expect(capText('Une phrase [1]. Une autre phrase bien plus longue [1].', 28)).toBe('Une phrase [1].');
    expect(capText('mot '.repeat(20), 22)).toBe('mot mot mot mot mot…');
    expect(capText('  court  ', 30)).toBe('court');
  });
});
