import { describe, expect, it } from 'vitest';
import { holdsClinicalInstruction, isClinicalQuestion } from '../../src/answer/clinical-guard.ts';
import { clinicalSet } from '../../src/bench/guards-bench.ts';

const lines = [...clinicalSet('clinical-questions.jsonl'), ...clinicalSet('clinical-questions-holdout.jsonl')];

describe('clinical guard on the labelled sets (test/data)', () => {
  it.each(lines.filter((l) => l.clinical).map((l) => [l.id, l.question] as const))('%s: refuses « %s »', (_, question) => {
    expect(isClinicalQuestion(question)).toBe(true);
  });

  it.each(lines.filter((l) => !l.clinical).map((l) => [l.id, l.question] as const))('%s: answers the organisation question « %s »', (_, question) => {
    expect(isClinicalQuestion(question)).toBe(false);
  });
});

describe('clinical instructions in a reply', () => {
  it.each([
    'Donnez 15 mg/kg de paracétamol toutes les 6 heures [1].',
    'La posologie est de 3 g en dose unique [1].',
    'Il faut prescrire un antibiotique à la patiente [1].',
    'Give 500 mg of amoxicillin three times a day [1].',
  ])('finds « %s »', (text) => {
    expect(holdsClinicalInstruction(text)).toBe(true);
  });

  it.each([
    'Le pharmacien peut délivrer la fosfomycine dans le cadre du protocole cystite [1].',
    "L'ACI MSP est un contrat de cinq ans signé avec la CPAM et l'ARS [1].",
    'Une MSP réunit au moins deux médecins et un paramédical [1].',
  ])('lets « %s » through', (text) => {
    expect(holdsClinicalInstruction(text)).toBe(false);
  });
});
