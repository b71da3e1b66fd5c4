import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { eligibilityAnswer } from '../../src/domain/eligibility.ts';
import { askerPractice } from '../../src/domain/delegate-requirements.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const ask = (text: string) => eligibilityAnswer(registries, text, '2026-12-01')?.text.split('\n')[0] ?? null;

describe('what the asker says of their practice', () => {
  it('reads years of practice and a share of time, in French and English', () => {
    expect(askerPractice("Je suis manip radio avec 1 an d'expérience", true)).toEqual({ years: 1 });
    expect(askerPractice('IDE aux urgences depuis 6 mois', true)).toEqual({ years: 0.5 });
    expect(askerPractice("I've been an ER nurse for 2 years", true)).toEqual({ years: 2 });
    expect(askerPractice("je ne fais que 30 % d'écho", true)).toEqual({ share: 30 });
    expect(askerPractice('I spend 40% of my time on ultrasound', true)).toEqual({ share: 40 });
  });

  it('leaves durations and shares that are not the asker’s', () => {
    expect(askerPractice('Un patient suivi depuis 2 ans, il peut entrer dans le protocole ?', true)).toEqual({});
    expect(askerPractice('le protocole existe depuis 2 ans ?', true)).toEqual({});
    expect(askerPractice('60 % des MSP ont choisi ce protocole ?', true)).toEqual({});
    expect(askerPractice('une patiente de 30 ans, douleur depuis 3 jours', true)).toEqual({});
  });
});

describe('eligibility of the asker as délégué', () => {
  it('answers « Non » with the requirement missing', () => {
    expect(ask("Je suis manip radio avec 1 an d'expérience et le DIU, je peux être délégué pour les échos ?")).toMatch(/^\*\*Non\*\*.*2 ans d'expérience.*1 an/);
    expect(ask('IDE aux urgences depuis 6 mois, je peux faire des sutures en protocole ?')).toMatch(/^\*\*Non\*\*.*1 an d'exercice aux urgences.*6 mois/);
    expect(ask("Je suis MERM, 5 ans de métier mais je ne fais que 30 % d'écho. Je peux être délégué ?")).toMatch(/^\*\*Non\*\*.*50 %.*30 %/);
  });

  it('answers « Oui » when the figures are met, pointing to the other conditions', () => {
    expect(ask("I've been an ER nurse for 2 years. Can I become a delegate for the suture protocol?")).toMatch(/^\*\*Oui\*\*.*autres critères/);
  });

  it('says nothing when the question gives no figure the protocol checks', () => {
    expect(ask('Je suis IDE aux urgences, comment devenir délégué du protocole sutures ?')).toBeNull();
  });
});
