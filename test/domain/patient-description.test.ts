import { describe, expect, it } from 'vitest';
import { describePatient } from '../../src/domain/patient-description.ts';

describe('the patient a question describes', () => {
  it.each([
    ['mon fils a 10 ans et son rhume des foins revient', { age: 10, sex: 'homme' }],
    ['ma mère a 70 ans', { age: 70, sex: 'femme' }],
    ['mon père, 82 ans', { age: 82, sex: 'homme' }],
    ['my son, 10 years old', { age: 10, sex: 'homme' }],
    ['une patiente de 25 ans', { age: 25, sex: 'femme' }],
    ['ma fille a 10 ans', { age: 10, sex: 'femme' }],
  ])('« %s » → %o', (text, patient) => {
    expect(describePatient(text)).toEqual(patient);
  });

  it.each(['la mère du patient a appelé', 'un infirmier homme', 'diplômé depuis 4 ans', 'the mother of the child called'])('« %s » describes no patient’s sex or age', (text) => {
    expect(describePatient(text)).toEqual({});
  });
});
