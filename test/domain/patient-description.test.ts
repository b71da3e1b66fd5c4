import { describe, expect, it } from 'vitest';
import { conditionMention, describePatient, mentionsCondition, scoreSaid, temperatureSaid } from '../../src/domain/patient-description.ts';

describe('the patient a question describes', () => {
  it.each([
    ['mon fils a 10 ans et son rhume des foins revient', { age: 10, sex: 'homme' }],
    ['ma mère a 70 ans', { age: 70, sex: 'femme' }],
    ['mon père, 82 ans', { age: 82, sex: 'homme' }],
    ['my son, 10 years old', { age: 10, sex: 'homme' }],
    ['une patiente de 25 ans', { age: 25, sex: 'femme' }],
    ['ma fille a 10 ans', { age: 10, sex: 'femme' }],
    ['Ma nièce de 14 ans a des brûlures', { age: 14, sex: 'femme' }],
    ['mon beau-père de 80 ans', { age: 80, sex: 'homme' }],
    ['ma petite-fille, 8 ans', { age: 8, sex: 'femme' }],
    ['mon neveu a 12 ans', { age: 12, sex: 'homme' }],
    ['ma voisine, 70 ans', { age: 70, sex: 'femme' }],
    ['my grandson, 9 years old', { age: 9, sex: 'homme' }],
    ['my aunt, 66 years old', { age: 66, sex: 'femme' }],
    ['patient de 80 ans, 4 visites à domicile l’an dernier', { age: 80, homeVisits: 4 }],
    ["une seule visite à domicile l'an dernier", { homeVisits: 1 }],
    ["aucune visite à domicile du médecin l'an dernier", { homeVisits: 0 }],
    ["Le protocole domicile permet-il 10 visites à domicile par l'infirmière ?", {}],
    ["L'infirmière peut-elle faire 2 visites à domicile par mois ?", {}],
    ["il a 2 ans d'expérience", {}],
    ['elle a 15 ans', { age: 15 }],
    ['un jeune de 17 ans', { age: 17 }],
    ["mamie de 70 ans, le médecin est venu 4 fois l'an dernier", { age: 70, sex: 'femme', homeVisits: 4 }],
    ['papy 82 ans', { age: 82, sex: 'homme' }],
    ['the GP came 3 times last year', { homeVisits: 3 }],
    ['two home visits last year', { homeVisits: 2 }],
    ['Une cliente fidèle de la pharmacie, 55 ans, allergique au pollen', { age: 55, sex: 'femme' }],
    ['Mme D., la voisine de ma mère, 80 ans', { age: 80, sex: 'femme' }],
    ['a patient of our practice, 67 years, heart failure', { age: 67 }],
    ['une patiente suivie depuis 3 ans pour une lombalgie', { sex: 'femme' }],
    ['la patiente vue il y a 3 ans, elle a 40 ans', { age: 40, sex: 'femme' }],
    ['une patiente de la MSP, 3 ans de suivi', {}],
    ['Une patiente, cystite récidivante 3 ans, brûlures mictionnelles depuis hier', { sex: 'femme' }],
    ["Un patient, footballeur amateur 10 ans, s'est tordu la cheville", {}],
    ['Une patiente sous pilule (5 ans), brûlures', { sex: 'femme' }],
    ['Une patiente ménopausée, cystite, symptômes 2 semaines', { sex: 'femme' }],
    ['A woman, recurrent UTIs, burning symptoms 2 weeks', { sex: 'femme' }],
    ["patient de 66 ans qui n'a jamais eu de visite à domicile", { age: 66, homeVisits: 0 }],
    ["Patiente de 80 ans, elle n'a pas eu de visite à domicile", { age: 80, sex: 'femme', homeVisits: 0 }],
    ['an 81-year-old man who has never had a home visit', { age: 81, sex: 'homme', homeVisits: 0 }],
    ["Le protocole ne prévoit pas de visites à domicile par le kiné ?", {}],
    ["Un joueur de foot de 25 ans s'est tordu la cheville", { age: 25 }],
    ['footballeur de 30 ans, entorse de cheville', { age: 30 }],
    ['une caissière de 50 ans avec une cystite', { age: 50 }],
    ['une patiente de quarante-deux ans', { age: 42, sex: 'femme' }],
    ['un homme de soixante-dix ans', { age: 70, sex: 'homme' }],
    ['un homme de soixante dix-neuf ans', { age: 79, sex: 'homme' }],
    ['une dame de quatre-vingt-cinq ans', { age: 85, sex: 'femme' }],
    ['un enfant de dix-huit mois', { age: 1.5 }],
    ['Un étudiant de vingt-trois ans', { age: 23, sex: 'homme' }],
    ['une femme de trente et un ans', { age: 31, sex: 'femme' }],
    ['a seventy-two-year-old man', { age: 72, sex: 'homme' }],
    ['a woman aged forty five', { age: 45, sex: 'femme' }],
    ['une femme enceinte de 5 mois qui s’est tordu le poignet', { sex: 'femme' }],
    ['une femme de 30 ans enceinte de 3 mois', { age: 30, sex: 'femme' }],
    ['une résidente de 64 ans', { age: 64, sex: 'femme' }],
    ['mr B a soixante dix huit ans', { age: 78, sex: 'homme' }],
    ['Mme L., quatre-vingt-deux ans', { age: 82, sex: 'femme' }],
    ['M. B, 55 ans, rhinite allergique', { age: 55, sex: 'homme' }],
    ['une jeune de 17 ans, pas de fièvre', { age: 17, sex: 'femme' }],
    ['Une ado de 16 ans arrive avec des brûlures', { age: 16, sex: 'femme' }],
    ['une enfant de 8 ans', { age: 8, sex: 'femme' }],
    ['une personne de 70 ans', { age: 70 }],
    ['une maman vient avec son fils de 3 ans', { age: 3 }],
    ['il vient avec sa fille de 4 ans', { age: 4 }],
    ["le medecin est venu le voir chez lui cinq fois l'annee derniere", { homeVisits: 5 }],
    ['a 64-year-old retired teacher calls with burning when she passes urine', { age: 64, sex: 'femme' }],
    ['My patient is 72 and lives alone; the GP visited her at home', { age: 72, sex: 'femme' }],
    ['my patient is 17 and has heart failure: can the nurse see him?', { age: 17, sex: 'homme' }],
    ['a 40-year-old teacher, she or he?', { age: 40 }],
    ['cystitis protocol for a pregnant 28 year old?', { age: 28, sex: 'femme' }],
    ['30yo wrist trauma IOA xray ok?', { age: 30 }],
    ['a 30 y/o woman', { age: 30, sex: 'femme' }],
    ['patient de 30 ans, grossesse de 3 mois', { age: 30, sex: 'femme' }],
    ["Mon patient de 40 ans, il dit que sa femme n'est pas enceinte", { age: 40 }],
  ])('« %s » → %o', (text, patient) => {
    expect(describePatient(text)).toEqual(patient);
  });

  it.each([
    'la mère du patient a appelé',
    'un infirmier homme',
    'diplômé depuis 4 ans',
    'the mother of the child called',
    'mon père est médecin, peut-il déléguer le protocole cystite ?',
    'mon mari est infirmier, peut-il faire le protocole cystite ?',
    'mon frère, IDE en CPTS, peut-il appliquer le protocole ?',
    'My husband is a nurse, can he do the cystitis protocol?',
    'son médecin dit que',
    'La MSP signe un contrat de 5 ans',
    "une IDE de 3 ans d'expérience peut-elle être déléguée ?",
    'une infirmière de 45 ans peut-elle appliquer le protocole ?',
    'un médecin de 60 ans',
    'Le protocole est valable pour une période de 2 ans',
    "Une collègue m'a posé la question",
    "il m'y a emmené",
  ])('« %s » describes no patient’s sex or age', (text) => {
    expect(describePatient(text)).toEqual({});
  });
});

describe('a condition said absent', () => {
  const fever = ['fièvre', 'fièvres', 'fébrile'];
  it.each([
    ['pas de fièvre', false],
    ["elle n'a pas du tout de fièvre", false],
    ["n'a jamais eu de fièvre", false],
    ['plus de fièvre depuis hier', false],
    ['fièvre non, brûlures oui', false],
    ['pas de douleur, fièvre à 39', true],
    ['pas de sang, fièvre', true],
    ['sans brûlures mais avec de la fièvre', true],
    ['fièvre à 38,5', true],
  ])('« %s » → fever mentioned: %s', (text, mentioned) => {
    expect(mentionsCondition(text, fever)).toBe(mentioned);
  });

  it.each([
    ['schizophrène stabilisé', 'qualified'],
    ['bipolaire, équilibré sous lithium', 'qualified'],
    ['schizophrène non stabilisé', 'said'],
    ['schizophrène', 'said'],
  ])('« %s » : a condition said only in the form the protocol admits is « qualified »', (text, mention) => {
    expect(conditionMention(text, ['schizophrène', 'bipolaire'], ['stabilisé', 'équilibré'])).toBe(mention);
  });

  it('reads « non stabilisé » as part of the condition', () => {
    expect(mentionsCondition('un trouble psychiatrique non stabilisé', ['trouble psychiatrique'])).toBe(true);
  });
});

describe('a condition in doubt', () => {
  it.each([
    ['je ne sais pas si elle a de la fièvre', 'doubtful'],
    ['peut-être de la fièvre', 'doubtful'],
    ['not sure whether she has a fever', 'doubtful'],
    ['fièvre à 39', 'said'],
    ['pas de fièvre', 'absent'],
  ] as const)('« %s » → %s', (text, mention) => {
    expect(conditionMention(text, ['fièvre', 'fever'])).toBe(mention);
  });
});

describe('a condition a verb after it denies or puts off', () => {
  it.each([
    ["son dossier MDPH n'est pas encore passé", 'absent'],
    ['sa reconnaissance MDPH est en cours', 'absent'],
    ["son handicap n'a pas été reconnu", 'absent'],
    ['MDPH not yet granted', 'absent'],
    ['handicap reconnu par la MDPH', 'said'],
    ["sa schizophrénie n'est pas stabilisée en ce moment", 'said'],
    ["de la fièvre qui n'est pas tombée", 'said'],
    ['schizophrène pas encore stabilisé', 'said'],
    ['schizophrénie toujours pas stabilisée', 'said'],
    ['schizophrenia not yet stable', 'said'],
    ['schizophrénie pas encore', 'absent'],
    ['MDPH pending', 'absent'],
  ] as const)('« %s » → %s', (text, mention) => {
    expect(conditionMention(text, ['MDPH', 'handicap', 'schizophrénie', 'fièvre'])).toBe(mention);
  });

  it.each(['grossesse en cours', 'femme de 25 ans, grossesse en cours, brûlures', 'fièvre en cours', 'trouble bipolaire en cours de décompensation'])(
    '« %s » : a state going on, not awaited',
    (text) => {
      expect(conditionMention(text, ['grossesse', 'fièvre', 'trouble bipolaire'])).toBe('said');
    },
  );
});

describe('a score the question gives', () => {
  it.each([
    ['son score IADL de déplacement est à 0', 0],
    ['IADL = 0', 0],
    ['IADL mobility score of 0', 0],
    ['score IADL à deux', 2],
    ['IADL 0,5', 0],
    ['IADL déplacement < 1', 0],
    ['score IADL de déplacement inférieur à 1', 0],
  ])('« %s » → %s', (text, score) => {
    expect(scoreSaid(text, ['IADL'])).toBe(score);
  });

  it('reads none where the score is named without a figure, or only far before one', () => {
    expect(scoreSaid('son score IADL, on ne le connaît pas', ['IADL'])).toBeUndefined();
    expect(scoreSaid("l'échelle IADL sert à quoi dans ce protocole qui date de 2022 ?", ['IADL'])).toBeUndefined();
  });
});

describe('a temperature the question gives', () => {
  it.each([
    ['elle a 38,5 ce matin', 38.5],
    ['39 °C depuis hier', 39],
    ['39°', 39],
    ['39 degrés', 39],
    ['fièvre à 39', 39],
    ['température 37,2', 37.2],
    ['temp of 38.2', 38.2],
    ['she has a fever of 38', 38],
  ])('« %s » → %s', (text, degrees) => {
    expect(temperatureSaid(text)).toBe(degrees);
  });

  it.each(['elle a 39 ans', 'une patiente de 38,5 kg', '40,5 % de son temps', '38,5 € la consultation'])('« %s » gives none', (text) => {
    expect(temperatureSaid(text)).toBeUndefined();
  });
});
