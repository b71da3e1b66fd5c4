import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/knowledge/chunk.ts';
import { LexicalIndex } from '../../src/knowledge/lexical-index.ts';

const chunk = (id: string, section: string, text: string, questions?: string[]): Chunk => ({
  id,
  path: `${id}.md`,
  title: `Article ${id}`,
  section,
  text,
  sources: ['https://exemple.test'],
  tags: ['msp'],
  ...(questions ? { questions } : {}),
});

const CHUNKS: Chunk[] = [
  chunk('a', 'Réunions de l’équipe', 'L’équipe de la MSP se réunit le premier mardi du mois.', ['Quand se réunit l’équipe ?']),
  chunk('b', 'Astreintes', 'Le planning d’astreinte des kinésithérapeutes change chaque trimestre.'),
  chunk('c', 'Protocole de coopération', 'Un protocole de coopération délègue des actes à un infirmier ou un pharmacien.', ['Qui peut être délégué ?', 'c’est quoi un protocole ?']),
  chunk('d', 'Financement', 'L’accord conventionnel interprofessionnel (ACI) finance la MSP selon ses indicateurs.'),
];
const sortedTerms = (json: string) => {
  const { engine, documentFrequency } = JSON.parse(json) as { engine: { index: [string, number[]][] }; documentFrequency: unknown };
  return { engine: { ...engine, index: [...engine.index].sort(([a], [b]) => a.localeCompare(b)) }, documentFrequency };
};
const QUESTIONS = ['réunion équipe MSP', 'kinésithérapeute astreinte', 'protocole délégué infirmier', 'ACI indicateurs MSP', 'protocle', 'mardi'];

describe('the lexical index on disk', () => {
  it('reads back exactly what was written: same postings, same scores, same order', () => {
    const built = LexicalIndex.build(CHUNKS);
    built.remove([CHUNKS[1]!]); // removed chunks leave gaps in the short ids, as after an update
    built.add([chunk('e', 'Astreintes (nouveau)', 'Les astreintes des kinésithérapeutes sont revues chaque mois.')]);
    const json = built.toJSON();
    const read = LexicalIndex.fromJSON(json);
    // The same postings (the term order is the radix tree's, which depends on the order terms were inserted).
    expect(sortedTerms(read.toJSON())).toEqual(sortedTerms(json));
    for (const question of QUESTIONS) expect(read.query(question, ['maison de santé'], 10)).toEqual(built.query(question, ['maison de santé'], 10));
  });

  it('refuses truncated or malformed postings', () => {
    const json = JSON.parse(LexicalIndex.build(CHUNKS).toJSON()) as { engine: { index: [string, number[]][] } };
    const [term, packed] = json.engine.index[0]!;
    const truncated = { ...json, engine: { ...json.engine, index: [[term, packed.slice(0, -1)]] } };
    const negative = { ...json, engine: { ...json.engine, index: [[term, packed.map((n, i) => (i === 2 ? -1 : n))]] } };
    for (const bad of [truncated, negative]) expect(() => LexicalIndex.fromJSON(JSON.stringify(bad))).toThrow();
  });
});

describe('abbreviations the base writes in full', () => {
  const many = (id: string, text: string) => chunk(id, `Section ${id}`, text);
  const index = LexicalIndex.build([
    ...['1', '2', '3', '4', '5'].map((id) => many(id, 'Le protocole de coopération délègue des actes.')),
    many('6', 'On dit coop en réunion.'),
    ...['7', '8'].map((id) => many(id, 'La partie commune du partage.')),
    ...['9', '10'].map((id) => many(id, 'Une part du budget.')),
  ]);

  it('reads « coop » as the term it starts, far more used than it', () => {
    expect(index.abbreviated('coop')).toBe('cooper');
  });

  it('reads no abbreviation in a term used as much as what it starts, nor in one too short', () => {
    expect(index.abbreviated('part')).toBeNull();
    expect(index.abbreviated('co')).toBeNull();
    expect(index.abbreviated('cooper')).toBeNull();
  });
});
