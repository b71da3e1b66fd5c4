import { describe, expect, it } from 'vitest';
import { identifierSet } from '../../src/bench/guards-bench.ts';
import { nirKeyIsValid } from '../../src/privacy/nir.ts';
import {
  findPatientIdentifiers,
  patientDataMessage,
  patientDataProblem,
  redactPatientIdentifiers,
} from '../../src/privacy/patient-data-guard.ts';

const kinds = (text: string) => findPatientIdentifiers(text).map((f) => f.kind);

describe('findPatientIdentifiers', () => {
  it('finds a NIR whose key is valid, with or without separators', () => {
    expect(kinds('Patient 1 85 05 78 006 084 91 vu ce matin')).toEqual(['nir']);
    expect(kinds('NIR 185057800608491')).toEqual(['nir']);
    expect(kinds('NIR 1.85.05.78.006.084.91')).toEqual(['nir']);
  });

  it('ignores a 15-digit number whose NIR key is wrong', () => {
    expect(kinds('Référence 1 85 05 78 006 084 92')).toEqual([]);
    expect(nirKeyIsValid('185057800608492')).toBe(false);
  });

  it('handles Corsican departments 2A and 2B in the key', () => {
    expect(nirKeyIsValid('185052A00608435')).toBe(true);
    expect(nirKeyIsValid('285052B00608412')).toBe(true);
    expect(nirKeyIsValid('185052A00608412')).toBe(false);
    expect(kinds('sécu : 1 85 05 2A 006 084 35')).toEqual(['nir']);
  });

  it('finds French phone numbers in the usual writings', () => {
    expect(kinds('Rappeler au 06 12 34 56 78')).toEqual(['phone']);
    expect(kinds('tel 0612345678')).toEqual(['phone']);
    expect(kinds('tél. +33 6 12 34 56 78')).toEqual(['phone']);
    expect(kinds('0033 1.23.45.67.89')).toEqual(['phone']);
  });

  it('finds e-mail addresses', () => {
    expect(kinds('écrire à jean.dupont@example.fr demain')).toEqual(['email']);
  });

  it('finds a date of birth after « né(e) le » or next to a name', () => {
    expect(kinds('Patiente née le 12/03/1950, diabétique')).toEqual(['birthdate']);
    expect(kinds('né(e) le 3 mars 1950')).toEqual(['birthdate']);
    expect(kinds('date de naissance : 01-02-1962')).toEqual(['birthdate']);
    expect(kinds('Mme Durand (12/03/1950) a appelé')).toEqual(['birthdate']);
  });

  it('leaves ordinary questions alone', () => {
    for (const text of [
      'Quelles sont les conditions du protocole de coopération sur la cystite ?',
      "L'arrêté du 6 mars 2020 a autorisé les protocoles de soins non programmés.",
      'La réunion ACI du 12/03/2024 à 20 h, 8 participants, 1 000 euros.',
      'Article L4011-1 du code de la santé publique',
    ]) {
      expect(findPatientIdentifiers(text)).toEqual([]);
    }
  });
});

describe('labelled sets (test/data)', () => {
  const lines = [...identifierSet('patient-identifiers.jsonl'), ...identifierSet('patient-identifiers-holdout.jsonl')];

  it.each(lines.filter((l) => l.kind !== null).map((l) => [l.id, l.text, l.kind] as const))('%s: finds « %s » (%s)', (_, text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it('raises few false alarms on the controls (≤ 5 %)', () => {
    const controls = lines.filter((l) => l.kind === null);
    const alarms = controls.filter((l) => findPatientIdentifiers(l.text).length > 0).map((l) => l.id);
    // Known: « ordonnance sécurité sociale 04/10/1945 » (two bare words before a date of the last century).
    expect(alarms).toEqual(['p3-04']);
    expect(alarms.length / controls.length).toBeLessThanOrEqual(0.05);
  });
});

describe('what comes before a birth date', () => {
  it('reads the subject within its sentence only', () => {
    expect(kinds('Réponds par un objet JSON de la forme {"intent": "x"}.\nné(e) le 3 mars 1950')).toEqual(['birthdate']);
    expect(kinds('Voici le cadre.\nNotre MSP est née le 12 mars 2019.')).toEqual([]);
  });
});

describe('normalisation keeps the original offsets', () => {
  it('masks exactly the identifier, whatever spaces and labels surround it', () => {
    expect(redactPatientIdentifiers('NIR\u00a0:\u00a01\u00a085\u00a005\u00a078\u00a0006\u00a0084\u00a091, vu')).toBe('NIR\u00a0:\u00a0[NIR masqué], vu');
    expect(redactPatientIdentifiers('tél0612345678 ok')).toBe('tél[téléphone masqué] ok');
    expect(redactPatientIdentifiers('écrire à jean.dupont (at) gmail (dot) com merci')).toBe('écrire à [e-mail masqué] merci');
  });
});

describe('messages and redaction', () => {
  it('tells in French why the text was not sent or not stored', () => {
    const findings = findPatientIdentifiers('1 85 05 78 006 084 91, 06 12 34 56 78');
    expect(patientDataMessage(findings, 'send')).toBe(
      "Votre message n'a pas été transmis au modèle de langage : il semble contenir un numéro de sécurité sociale (NIR ou INS) et un numéro de téléphone. Coordo ne traite pas de données permettant d'identifier un patient ; retirez-les puis réessayez.",
    );
    expect(patientDataProblem('contact@msp.fr', 'store')).toMatch(/^Ce texte n'a pas été enregistré : il semble contenir une adresse e-mail\./);
    expect(patientDataProblem('Qu’est-ce qu’une CPTS ?', 'store')).toBeNull();
  });

  it('masks identifiers', () => {
    expect(redactPatientIdentifiers('Secrétariat : 01 23 45 67 89 ou accueil@msp.fr.')).toBe(
      'Secrétariat : [téléphone masqué] ou [e-mail masqué].',
    );
  });
});
