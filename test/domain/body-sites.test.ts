import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { bodySitesIn } from '../../src/domain/body-sites.ts';
import { eligibilityAnswer } from '../../src/domain/eligibility.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const verdict = (text: string) => eligibilityAnswer(registries, text, '2026-12-02')?.text.split('\n')[0] ?? null;

describe('the body sites a question names', () => {
  it.each([
    ["s'est tordu le poignet", ['poignet']],
    ['entorse du GENOU droit', ['genou']],
    ['traumatisme crânien isolé', ['tete']],
    ['douleur cervicale depuis une semaine', ['cou']],
    ['a sprained wrist and a sore knee', ['poignet', 'genou']],
    ['mal au bas du dos', ['bas-du-dos']],
    ['entorse de la cheville, pas de douleur au genou', ['cheville']],
    ['joueuse de hand, tombée au foot', []],
  ])('« %s » → %o', (text, sites) => {
    expect(bodySitesIn(text)).toEqual(sites);
  });
});

describe('a body site the protocol does not cover', () => {
  it.each([
    ["Kiné en MSP : un patient de 30 ans s'est tordu le poignet, le protocole entorse s'applique ?", /^\*\*Non\*\* : ce protocole concerne la cheville, pas le poignet/],
    ['Kiné en MSP : patient de 40 ans avec une entorse du genou, je peux utiliser le protocole entorse de cheville ?', /^\*\*Non\*\* : ce protocole concerne la cheville, pas le genou/],
    ['IOA aux urgences : patient de 30 ans avec un traumatisme crânien isolé, je peux demander la radio via le protocole ?', /^\*\*Non\*\* : ce protocole concerne un membre, pas la tête/],
    ["Patient de 35 ans avec une douleur cervicale depuis une semaine, le kiné peut-il prescrire l'arrêt de travail via le protocole lombalgie ?", /^\*\*Non\*\* : ce protocole concerne le bas du dos \(douleur lombaire\), pas le cou/],
    ['My patient, 40, twisted his wrist playing tennis: can the physio see him under the ankle sprain protocol?', /^\*\*Non\*\* : ce protocole concerne la cheville, pas le poignet/],
    ['Patient de 45 ans avec une entorse de la cheville depuis 3 jours et une plaie au genou, le kiné peut-il le prendre dans le protocole ?', /^\*\*Ça dépend\*\* : ce protocole concerne la cheville ; la question nomme aussi le genou : à vérifier/],
  ])('« %s »', (question, said) => {
    expect(verdict(question)).toMatch(said);
  });

  it.each([
    "Kiné en MSP : un patient de 30 ans s'est tordu la cheville au foot, le protocole entorse s'applique ?",
    'entorse cheville chez une joueuse de hand de 22 ans, le kiné de la msp peut la prendre dans le protocole ?',
    'IOA : pt de 45 ans, chute sur le poignet, trauma isolé du membre, je peux demander la radio via le protocole ?',
    'Patient de 40 ans, lombalgie depuis 5 jours, pas de douleur au cou : arrêt de travail par le kiné dans le protocole lombalgie ?',
  ])('« %s » : the site the protocol covers → Oui, the site named as a reason', (question) => {
    expect(verdict(question)).toMatch(/^\*\*Oui\*\* : .*ce protocole concerne (?:la cheville|un membre|le bas du dos \(douleur lombaire\))(?: ;|\.)/);
    expect(verdict(question)).not.toMatch(/, pas |à vérifier/);
  });
});
