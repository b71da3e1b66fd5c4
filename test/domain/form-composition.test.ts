import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compositionAnswer } from '../../src/domain/form-composition.ts';
import { loadRegistries } from '../../src/domain/load.ts';
import { RegistryError } from '../../src/domain/registry.ts';
import { describedTeam } from '../../src/domain/team-composition.ts';
import { useOfflineCore } from '../support/offline-core.ts';

const KNOWLEDGE = join(import.meta.dirname, '../../knowledge');
const registries = loadRegistries(KNOWLEDGE);
const team = (text: string) => Object.fromEntries(describedTeam(registries, text).map(({ profession, count }) => [profession.id, count ?? null]));
const answer = (text: string) => compositionAnswer(registries, text)?.text ?? null;

describe('the team a question describes', () => {
  it.each([
    ['On est 1 MG, 2 IDE et 1 kiné dans un bourg du Gers.', { 'medecin-generaliste': 1, infirmier: 2, 'masseur-kinesitherapeute': 1 }],
    ['Il nous restera un MG, trois IDE et une kiné.', { 'medecin-generaliste': 1, infirmier: 3, 'masseur-kinesitherapeute': 1 }],
    ['Un de nos deux généralistes part à la retraite : on restera avec un seul MG.', { 'medecin-generaliste': 1 }],
    ['Un de nos deux généralistes part. Il restera un seul médecin et une IDE.', { medecin: 1, infirmier: 1 }],
    ["Je suis le seul généraliste du village, il y a une infirmière et une kiné. Il faut être deux médecins ?", { 'medecin-generaliste': 1, infirmier: 1, 'masseur-kinesitherapeute': 1 }],
    ['We are two GPs and a nurse.', { 'medecin-generaliste': 2, infirmier: null }],
    ['Je suis kiné, on travaille avec 2 MG.', { 'masseur-kinesitherapeute': 1, 'medecin-generaliste': 2 }],
  ])('« %s »', (text, expected) => {
    expect(team(text)).toEqual(expected);
  });
});

describe('a team checked against the minimum of the practice forms it asks about', () => {
  it.each([
    ["On va perdre notre deuxième généraliste en juin. Il nous restera un MG, trois IDE et une kiné. On peut rester MSP ?", /^\*\*Non\*\*, pour la composition minimale de MSP .*: l'équipe décrite compte 1 médecin généraliste quand il en faut au moins 2\./u],
    ["Est-ce qu'on peut rester une MSP avec un seul MG ?", /^\*\*Non\*\*.* 1 médecin généraliste quand il en faut au moins 2\.$/mu],
    ['Avec 1 médecin et 2 infirmières, peut-on monter une SISA ?', /^\*\*Non\*\*, pour la composition minimale de SISA .*1 médecin quand il en faut au moins 2/u],
    ['Can we still be an MSP with only one GP and two nurses?', /^\*\*Non\*\*/u],
  ])('« %s »', (question, said) => {
    expect(answer(question)).toMatch(said);
  });

  it('says each form asked between, the one the team has and the one it falls short of', () => {
    const text = answer("On est 1 MG, 2 IDE et 1 kiné. On hésite entre se déclarer ESP ou MSP, qu'est-ce qui colle à notre équipe ?") ?? '';
    expect(text).toMatch(/- \*\*Non\*\*, pour la composition minimale de MSP/u);
    expect(text).toMatch(/- \*\*Oui, pour la composition minimale\*\* de ESP .*avec 1 médecin généraliste et 3 auxiliaires médicaux/u);
  });

  it.each([
    ['a team that has the minimum (the articles say what else it takes)', 'On est 3 MG et une IDE, on peut monter une MSP ?'],
    ['a team not counted', 'Avec les infirmières du bourg et notre généraliste, on peut devenir une MSP ?'],
    ['members the question does not count', 'On est deux généralistes, on peut être une MSP ?'],
    ['what a form may do', 'Notre MSP de 1 MG peut-elle signer l’ACI ?'],
    ['a form without a minimum', 'On est 1 MG et 1 IDE, on peut monter une CPTS ?'],
    ['how to make one', 'On est 1 MG et 2 IDE : comment monter une MSP ?'],
    ['how many are needed', 'Combien de médecins faut-il pour une MSP ? On est un seul MG.'],
    ['someone leaving, without the team that results', 'On a 3 MG et 2 IDE, un MG part à la retraite. On peut rester MSP ?'],
    ['someone joining', 'On est 1 MG et 2 IDE, un autre MG nous rejoint en janvier. On peut devenir MSP ?'],
    ['the asker’s profession named again for a colleague', 'Je suis MG avec mon associé MG et une IDE, on peut devenir MSP ?'],
  ])('no verdict for %s', (_why, question) => {
    expect(answer(question)).toBeNull();
  });
});

describe('through the offline core', () => {
  const { ask } = useOfflineCore();
  it('answers the team’s question with the registry’s composition and its sources', async () => {
    const reply = await ask("Dans notre MSP, un de nos deux généralistes part à la retraite. Il restera un seul médecin, trois IDE et une kiné. Est-ce qu'on reste une MSP ?");
    expect(reply.text).toMatch(/^\*\*Non\*\*/u);
    expect(reply.text).toMatch(/Au moins deux médecins généralistes/u);
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});

describe('the registry of practice forms', () => {
  it('refuses a minimum member naming an unknown profession', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coordo-forms-'));
    try {
      cpSync(join(KNOWLEDGE, 'registries'), join(dir, 'registries'), { recursive: true });
      const file = join(dir, 'registries/practice-forms.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{ count: 2, profession: medecin-generaliste }', '{ count: 2, profession: sorcier }'));
      expect(() => loadRegistries(dir)).toThrow(RegistryError);
      expect(() => loadRegistries(dir)).toThrow(/profession inconnue « sorcier »/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
