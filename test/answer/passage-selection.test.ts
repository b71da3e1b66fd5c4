import { describe, expect, it } from 'vitest';
import { NEAREST_SCORE, selectPassages } from '../../src/answer/extractive-composer.ts';
import type { Passage } from '../../src/knowledge/passage.ts';
import { terms } from '../../src/text/french.ts';

const passage = (index: number, section: string, text: string, score: number, coverage = 0.8): Passage => ({
  chunk: { id: `articles/echo.md#${index}`, path: 'articles/echo.md', title: 'Échographies par le MERM', section, text, sources: ['https://exemple.test'], tags: [] },
  score,
  coverage,
});

const DELEGATED = passage(0, 'Protocole échographies', 'Les échographies abdomino-pelviennes et vasculaires sont déléguées au MERM.', 0.06);
const EXCLUDED = passage(3, 'Exclusions du protocole', 'Les échographies obstétricales sont exclues.', 0.055);
const AGAIN = passage(5, 'Autre section', 'Les échographies abdomino-pelviennes sont déléguées.', 0.055);

describe('the passages an answer is made of', () => {
  const asked = new Set(terms('Protocole échographies : quels examens sont délégués, et lesquels sont exclus ?'));

  it('adds a close passage of the same article that says what the best one leaves out of the question', () => {
    expect(selectPassages([DELEGATED, EXCLUDED], { asked })).toEqual([DELEGATED, EXCLUDED]);
  });

  it('adds none that says nothing more of the question, or that ranks well below the best', () => {
    expect(selectPassages([DELEGATED, AGAIN], { asked })).toEqual([DELEGATED]);
    expect(selectPassages([DELEGATED, { ...EXCLUDED, score: 0.03 }], { asked })).toEqual([DELEGATED]);
  });

  it('answers from a passage ranking below MIN_SCORE only down to the floor asked, for a question answered on its own', () => {
    const near = { ...DELEGATED, score: 0.047 };
    expect(selectPassages([near])).toEqual([]);
    expect(selectPassages([near], { floor: NEAREST_SCORE })).toEqual([near]);
    expect(selectPassages([{ ...DELEGATED, score: 0.04 }], { floor: NEAREST_SCORE })).toEqual([]);
  });
});
