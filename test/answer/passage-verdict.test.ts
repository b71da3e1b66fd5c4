import { describe, expect, it } from 'vitest';
import { passageVerdict } from '../../src/answer/passage-verdict.ts';
import { terms } from '../../src/text/french.ts';
import { useOfflineCore } from '../support/offline-core.ts';

/** Every term of the question in the text, or none: enough to test the reading apart from retrieval. */
const wordShare = (question: string) => (text: string) => {
  const have = new Set(terms(text));
  const wanted = terms(question);
  return wanted.filter((term) => have.has(term)).length / Math.max(1, wanted.length);
};

const SISA = "Une SISA réunit des associés. Depuis 2021, une SISA peut salarier des professionnels de santé. [1]";
const ESP = "Une ESP est une équipe. Contrairement à une MSP, l'ESP n'a pas de structure juridique propre. [1]";

describe('a closed question answered by a sentence that says it', () => {
  it.each([
    ['Une SISA peut-elle salarier des professionnels de santé ?', SISA, 'Oui'],
    ['une sisa peut salarier des professionnels de sante ?', SISA, 'Oui'],
    ['Est-ce qu’une SISA peut salarier des professionnels de santé ?', SISA, 'Oui'],
    ['Une\u00a0SISA peut-elle salarier des professionnels de santé\u00a0?', SISA, 'Oui'],
    ['Une ESP a-t-elle une structure juridique propre ?', ESP, 'Non'],
    ["est-ce que l'ESP a une structure juridique propre ?", ESP, 'Non'],
    ['Une SISA peut-elle salarier des professionnels de santé maintenant ?', SISA, 'Oui'],
    ['Un centre de santé peut-il être à but lucratif ?', 'Un centre de santé soigne. Il est géré à but non lucratif. [1]', 'Non'],
  ])('« %s » → %s', (question, answer, said) => {
    expect(passageVerdict(question, answer, wordShare, 'Centre de santé')?.said).toBe(said);
  });

  it('reads no negation in « ne … que », nor in the French « dont »', () => {
    expect(passageVerdict('Le protocole est-il ouvert aux plus de 18 ans ?', "Le protocole n'est ouvert qu'aux plus de 18 ans. [1]", wordShare)?.said).not.toBe('Non');
    expect(passageVerdict('Plusieurs professions sont-elles déléguées, dont le pharmacien ?', 'Plusieurs professions sont déléguées, dont le pharmacien. [1]', wordShare)?.said).toBe('Oui');
  });

  it('reads a negation a few words before what it denies (« ne font donc partie d’aucune »)', () => {
    const answer = 'Ces professions ne font donc partie d’aucune des trois catégories. [1]';
    expect(passageVerdict('Un psychologue fait-il partie des trois catégories ?', answer, wordShare, 'Professions non réglementées : psychologues')?.said).toBe('Non');
  });

  it.each([
    ['Une SISA peut-elle salarier des professionnels de santé ?', 'Une SISA peut salarier uniquement certains professionnels de santé.', 'Oui, dans certaines limites'],
    ['Une CPTS peut-elle mettre en œuvre des protocoles nationaux ?', 'Une CPTS peut mettre en œuvre certains protocoles nationaux.', 'Oui, dans certaines limites'],
    ['La téléexpertise est-elle réservée aux médecins ?', 'La téléexpertise est réservée aux médecins.', 'Oui'],
  ])('a sentence that limits what it says: « %s » → %s', (question, answer, said) => {
    expect(passageVerdict(question, answer, wordShare)?.said).toBe(said);
  });

  it.each([
    ['Le patient doit-il être informé quand il est suivi dans un protocole ?', 'Le patient doit être informé quand il est suivi dans un protocole.'],
    ["Est-ce que l'ACI rémunère les protocoles qu'on applique ?", "L'ACI rémunère les protocoles qu'on applique."],
    ['Can the delegate stop when the doctor asks?', 'The delegate can stop when the doctor asks.'],
  ])('« qui », « quand », « qu’ » after a closed question’s verb open a clause of it: « %s »', (question, answer) => {
    expect(passageVerdict(question, answer, wordShare)?.said).toBe('Oui');
  });

  it('« qu’est-ce que » still asks for content', () => {
    expect(passageVerdict("Qu'est-ce que l'ACI rémunère ?", "L'ACI rémunère les protocoles.", wordShare)).toBeNull();
  });

  it('reads « non » before a word the question asks as a denial, not in a name both say', () => {
    const unscheduled = 'Le protocole cystite est un protocole de soins non programmés. [1]';
    expect(passageVerdict('Le protocole cystite est-il un protocole de soins non programmés ?', unscheduled, wordShare)?.said).toBe('Oui');
  });

  it('reads each sentence as about the answer’s subject, which it need not name', () => {
    const question = 'Un centre de santé a-t-il une gestion à but lucratif ?';
    expect(passageVerdict('La gestion d’un centre de santé est-elle lucrative ?', 'Un centre de santé soigne. Sa gestion est à but non lucratif. [1]', wordShare, 'Centre de santé')?.said).toBe('Non');
    expect(passageVerdict(question, 'Un centre de santé soigne. La gestion est à but non lucratif. [1]', wordShare, 'Centre de santé')?.said).toBe('Non');
    expect(passageVerdict(question, 'Un centre de santé soigne. La gestion est à but non lucratif. [1]', wordShare, 'Maison de santé')).toBeNull();
  });

  it('takes no verdict from a sentence about the base', () => {
    const answer = 'La base ne contient pas la liste complète des protocoles de coopération qui existent. [1]';
    expect(passageVerdict('Est-ce qu’il existe un protocole de coopération pour moi ?', answer, wordShare)).toBeNull();
  });

  it('reads no list item on its own: it says what it says under its lead sentence', () => {
    const answer = "Ces dossiers ont été évalués, mais leur autorisation n'a pas été retrouvée :\n- PC 161 : diabète suivi par un IDE libéral ;\n- PC 139 : rythmologie. [1]";
    expect(passageVerdict('Le dossier PC 161 (diabète suivi par IDE libéral) est autorisé ?', answer, wordShare, 'Dossiers autorisés ?')).toBeNull();
  });

  const TOOLS = (lead: string) => `${lead}\n- la MSSanté, une messagerie sécurisée pour les professionnels ;\n- le ROR, un répertoire. [1]`;
  const MSSANTE = 'La MSSanté est-elle une messagerie sécurisée pour les professionnels ?';

  it('reads a list item under a plain lead sentence', () => {
    expect(passageVerdict(MSSANTE, TOOLS("L'ARS cite trois outils :"), wordShare)).toMatchObject({ said: 'Oui', sentence: expect.stringContaining('MSSanté') });
  });

  const CRITERIA = "Les critères socles de l'ACI comprennent notamment :\n- une ouverture les jours ouvrés et le samedi matin ;\n- des soins non programmés. [1]";

  it.each([
    ["Est-ce que l'ouverture du samedi matin fait partie des critères socles ?", 'Oui'],
    ["L'ouverture le samedi matin figure-t-elle parmi les critères socles ?", 'Oui'],
    ["Notre MSP d'Aurillac est fermée le week-end depuis toujours. Est-ce que l'ouverture du samedi matin fait vraiment partie des critères socles ?", 'Oui'],
    ["Est-ce que l'ouverture du dimanche fait partie des critères socles ?", null],
    ["Les critères socles font-ils partie de l'ACI ?", null],
  ])('an item of a list is one of what its lead lists: « %s » → %s', (question, said) => {
    expect(passageVerdict(question, CRITERIA, wordShare, 'Critères socles')?.said ?? null).toBe(said);
  });

  it.each([
    ['denies', "L'ARS ne cite plus ces outils :"],
    ['excludes', "L'ARS cite ces outils, sauf pour les centres :"],
    ['limits', "L'ARS cite ces outils uniquement en CPTS :"],
    ['speaks of the base', 'La base cite ces outils :'],
    ['does not lead to the list', "L'ARS cite trois outils."],
  ])('reads no list item under a lead that %s', (_, lead) => {
    expect(passageVerdict(MSSANTE, TOOLS(lead), wordShare)).toBeNull();
  });

  it.each([
    ['a question asking for content', 'Qui peut salarier des professionnels de santé dans une SISA ?', SISA],
    ['a question between two things', 'Une SISA peut-elle salarier des professionnels de santé ou des secrétaires ?', SISA],
    ['a negated question', 'Une SISA ne peut-elle pas salarier des professionnels de santé ?', SISA],
    ['a quantifier the sentence does not say', 'Une SISA peut-elle salarier tous les professionnels de santé ?', SISA],
    ['a word the sentence does not say', 'Une SISA peut-elle salarier des secrétaires médicales ?', SISA],
    ['no verb', 'SISA professionnels de santé salariés = ?', SISA],
    ['a sentence that excludes', 'Une SISA peut-elle salarier des professionnels de santé ?', 'Une SISA peut salarier des professionnels de santé, sauf les médecins.'],
    ['a denial with a limit', 'Une SISA peut-elle salarier des professionnels de santé ?', "Une SISA ne peut pas salarier des professionnels de santé, sauf certains."],
    ['« still » the sentence does not say', 'Les PTA existent-elles encore ?', 'Les PTA sont des prestations existantes. Elles ont été fusionnées dans les DAC.'],
    ['« now » said of what once was', 'Does the PTA still exist now?', 'Les PTA sont des prestations existantes.'],
    ['« now » without a since', 'Les PTA existent-elles aujourd’hui ?', 'Les PTA étaient des prestations existantes.'],
    ['someone its situation names', 'Notre kiné veut entrer dans la SISA. La SISA peut-elle salarier sa profession ?', 'Une SISA peut salarier une profession de santé.'],
  ])('no verdict: %s', (_why, question, answer) => {
    expect(passageVerdict(question, answer, wordShare)).toBeNull();
  });
});

describe('through the offline core', () => {
  const { ask } = useOfflineCore();
  it.each([
    ['Une SISA peut-elle salarier des professionnels de santé ?', /^\*\*Oui\*\* : .*salari/u],
    ['Les professionnels d’un centre de santé sont-ils salariés ?', /^\*\*Oui\*\* : .*salariés/u],
    ["Hello la MSP ! On réfléchit à embaucher une IDE. Est-ce qu'une SISA a le droit de salarier des professionnels de santé ?", /^\*\*Oui\*\* : .*salari/u],
    ['Is a SISA allowed to employ salaried health professionals?', /^\*\*Oui\*\* : .*salari/u],
    ['Une ESP a-t-elle une structure juridique propre ?', /^\*\*Non\*\* : .*n'a pas de structure juridique/u],
    ['Un centre de santé peut-il être à but lucratif ?', /^\*\*Non\*\* : .*non lucratif/u],
  ])('« %s »', async (question, lead) => {
    expect((await ask(question)).text).toMatch(lead);
  });

  it('« Does the PTA still exist? » gets no « Oui » from a text that has them merged into the DAC', async () => {
    expect((await ask('Does the PTA still exist?')).text).not.toMatch(/^\*\*Oui\*\*/u);
    expect((await ask('les PTA existent encore ?')).text).not.toMatch(/^\*\*Oui\*\*/u);
  });

  it.each([
    'Est-ce que la qualité et la pertinence font partie des missions socles de la CPTS ?',
    'Est-ce que la prévention fait partie des missions optionnelles des CPTS ?',
    "Est-ce qu'une expérience d'un an fait partie des conditions pour le MERM délégué ?",
  ])('gives no « Oui » from an item of another list, under a lead that sets it apart, or with another figure: « %s »', async (question) => {
    expect((await ask(question)).text).not.toMatch(/^\*\*Oui/u);
  });

  it('quotes the item that says it without its bullet', async () => {
    expect((await ask("Est-ce que l'ouverture du samedi matin fait partie des critères socles de l'ACI ?")).text).toMatch(/^\*\*Oui\*\* : une ouverture .*samedi matin[^;]*\.\n/u);
  });

  it('an open question gets no verdict', async () => {
    expect((await ask('Qu’est-ce qu’une SISA ?')).text).not.toMatch(/^\*\*(?:Oui|Non)\*\*/u);
  });
});
