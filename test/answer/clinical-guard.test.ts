import { describe, expect, it } from 'vitest';
import { isClinicalQuestion } from '../../src/answer/clinical-guard.ts';

describe('clinical guard', () => {
  it.each([
    "Quelle dose d'amoxicilline pour un enfant de 20 kg ?",
    'Quelle posologie de paracétamol ?',
    'Combien de mg de morphine ?',
    'Prescription de fosfomycine 3 g en dose unique',
    'Mon patient prend 500 mg de metformine, faut-il arrêter ?',
    'Quel antibiotique pour ma patiente qui a une cystite ?',
    'Quel traitement pour un enfant de 3 ans qui tousse ?',
    'Peux-tu poser le diagnostic de mon patient ?',
    'Dois-je augmenter l’insuline de ma patiente ?',
    'What dose should I give a child?',
  ])('refuses « %s »', (question) => {
    expect(isClinicalQuestion(question)).toBe(true);
  });

  it.each([
    'Puis-je administrer un vaccin contre la grippe en tant que pharmacien ?',
    "Faut-il arrêter le protocole si l'ARS refuse ?",
    'Quel est le dosage des financements ACI pour une MSP ?',
    'Qui peut prescrire dans le protocole cystite ?',
    'Quels patients sont concernés par le protocole entorse ?',
    'Un infirmier peut-il renouveler un traitement dans une MSP ?',
    'Combien de médecins pour une MSP ?',
  ])('lets the organisation question « %s » through', (question) => {
    expect(isClinicalQuestion(question)).toBe(false);
  });
});
