import { describe, expect, it } from 'vitest';
import { statedGap } from '../../src/answer/stated-gap.ts';
import { useOfflineCore } from '../support/offline-core.ts';

const URPS = "L'URPS des médecins est organisée en trois collèges. Les sources de la base ne détaillent pas la composition de ces collèges. [1]";
const RASH = 'Le protocole concerne les enfants de 12 mois à 12 ans. Les sources consultées ne détaillent pas les actes délégués. [1]';

describe('a passage that says the base lacks what is asked', () => {
  it.each([
    ['Comment sont composés les trois collèges de l’URPS des médecins ?', URPS],
    ['Comment se composent les collèges de l’URPS ?', URPS],
    ['quelle est la composition des colleges de l urps medecins', URPS],
    ['Quels actes précis l’IDE réalise-t-il dans le protocole éruption ?', RASH],
  ])('« %s » : the gap is said', (question, answer) => {
    expect(statedGap(question, answer)).toMatch(/ne détaillent pas/);
  });

  it.each([
    ['Combien de collèges compte l’URPS des médecins ?', URPS],
    ['Quel âge pour le protocole éruption ?', RASH],
    ['Comment sont composés les collèges ?', "L'URPS est organisée en trois collèges. [1]"],
  ])('« %s » : what the passage lacks is not what is asked', (question, answer) => {
    expect(statedGap(question, answer)).toBeNull();
  });
});

describe('through the offline core', () => {
  const { ask } = useOfflineCore();
  it('leads with the gap, and is no confident answer', async () => {
    const reply = await ask('Comment sont composés les trois collèges de l’URPS des médecins ?');
    expect(reply.text).toMatch(/^\*\*Je ne trouve pas ce détail dans la base\*\* : Les sources de la base ne détaillent pas la composition de ces collèges/u);
    expect(reply.confident).toBe(false);
  });

  it('answers what the base holds as before', async () => {
    expect((await ask('Combien de collèges compte l’URPS des médecins ?')).text).not.toMatch(/Je ne trouve pas ce détail/u);
  });
});
