import { describe, expect, it } from 'vitest';
import { statedGap } from '../../src/answer/stated-gap.ts';
import { useOfflineCore } from '../support/offline-core.ts';

const URPS = "L'URPS des médecins est organisée en trois collèges. Les sources de la base ne détaillent pas la composition de ces collèges. [1]";
const MODEL = 'Le modèle utilisé à partir de 2020 comprend une fiche projet. Depuis 2023, un nouveau modèle est utilisé ; les sources de la base n’en détaillent pas le contenu. [1]';
const CYSTITIS = 'En 2023, plus de 65 des 80 MSP avaient choisi ce protocole ; les sources ne donnent pas de classement des autres protocoles. [1]';
const RASH = 'Le protocole concerne les enfants de 12 mois à 12 ans. Les sources consultées ne détaillent pas les actes délégués. [1]';

describe('a passage that says the base lacks what is asked', () => {
  it.each([
    ['Comment sont composés les trois collèges de l’URPS des médecins ?', URPS],
    ['Comment se composent les collèges de l’URPS ?', URPS],
    ['quelle est la composition des colleges de l urps medecins', URPS],
    ['Quels actes précis l’IDE réalise-t-il dans le protocole éruption ?', RASH],
    // « n'en détaillent pas »: what is lacked is of the thing named before, which the question asks and the rest does not name.
    ['Le nouveau modèle utilisé depuis 2023, il comporte quelles rubriques ?', MODEL],
    ['What does the new template used since 2023 contain?', MODEL],
  ])('« %s » : the gap is said', (question, answer) => {
    expect(statedGap(question, answer)).toMatch(/détaillent pas/);
  });

  it.each([
    ['Combien de collèges compte l’URPS des médecins ?', URPS],
    ['Quel âge pour le protocole éruption ?', RASH],
    ['Comment sont composés les collèges ?', "L'URPS est organisée en trois collèges. [1]"],
    ['Que contient le modèle type de 2020 ?', MODEL],
    // The gap is of something else than what the sentence answers (no « en »).
    ['En 2023, combien de MSP avaient choisi le protocole cystite ?', CYSTITIS],
  ])('« %s » : what the passage lacks is not what is asked', (question, answer) => {
    expect(statedGap(question, answer)).toBeNull();
  });
});

const VVC = "Le protocole est autorisé en 2013 par l'ARS. La date de l'arrêté national n'a pas été trouvée dans les sources de la base. [1]";

describe('a passage that says what was not found in the sources', () => {
  it.each([
    ["Quelle est la date de l'arrêté national du protocole voie veineuse centrale ?"],
    ["l'arrêté national VVC, il date de quand exactement ?"],
    ["De quelle date est l'arrêté national de généralisation ?"],
  ])('« %s » : the gap is said', (question) => {
    expect(statedGap(question, VVC)).toMatch(/n'a pas été trouvée/);
  });

  it.each([
    ["Qui avait autorisé le protocole voie veineuse centrale en 2013 ?"],
    ["Quelle est la date de l'arrêté de l'ARS ?"],
  ])('« %s » : what was not found is not what is asked', (question) => {
    expect(statedGap(question, VVC)).toBeNull();
  });
});

describe('through the offline core', () => {
  const { ask } = useOfflineCore();
  it('leads with the gap, and is no confident answer', async () => {
    const reply = await ask('Comment sont composés les trois collèges de l’URPS des médecins ?');
    expect(reply.text).toMatch(/^\*\*Je ne trouve pas ce détail dans la base\*\* : Les sources de la base ne détaillent pas la composition de ces collèges/u);
    expect(reply.confident).toBe(false);
  });

  it('says a gap the answer opens with once', async () => {
    const reply = await ask('Le dossier PC 145 sur les MID line, il est autorisé ?');
    const gap = "leur autorisation n'a pas été retrouvée";
    if (reply.text.includes(gap)) expect(reply.text.split(gap)).toHaveLength(2);
  });

  it('answers what the base holds as before', async () => {
    expect((await ask('Combien de collèges compte l’URPS des médecins ?')).text).not.toMatch(/Je ne trouve pas ce détail/u);
  });
});
