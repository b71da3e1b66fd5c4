import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { eligibilityAnswer } from '../../src/domain/eligibility.ts';
import { askerPractice } from '../../src/domain/delegate-requirements.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const ask = (text: string) => eligibilityAnswer(registries, text, '2026-12-01')?.text.split('\n')[0] ?? null;

describe('what the asker says of their practice', () => {
  const values = (text: string) => {
    const practice = askerPractice(text, true);
    return { years: practice.years.map((f) => f.value), shares: practice.shares.map((f) => f.value) };
  };

  it('reads years of practice and shares of time, in French and English', () => {
    expect(values("Je suis manip radio avec 1 an d'expérience")).toEqual({ years: [1], shares: [] });
    expect(values('IDE aux urgences depuis 6 mois')).toEqual({ years: [0.5], shares: [] });
    expect(values('IDE depuis huit mois')).toEqual({ years: [8 / 12], shares: [] });
    expect(values("I've been an ER nurse for 2 years")).toEqual({ years: [2], shares: [] });
    expect(values("je ne fais que 30 % d'écho")).toEqual({ years: [], shares: [30] });
    expect(values('I spend 40% of my time on ultrasound')).toEqual({ years: [], shares: [40] });
  });

  it('reads a duration said in the first person without a profession named, and only such a one', () => {
    const said = (text: string) => askerPractice(text, false).years.map((f) => f.value);
    expect(said("Je suis arrivée aux urgences il y a huit mois après cinq ans en chirurgie")).toEqual([8 / 12]);
    expect(said('je travaille aux urgences depuis 2 ans')).toEqual([2]);
    expect(said("I've been in the ER for 5 months")).toEqual([5 / 12]);
    expect(said("Ça fait 8 mois que je suis aux urgences et j'ai suivi la formation")).toEqual([8 / 12]);
    expect(said('ça fait 3 ans que le service existe')).toEqual([]);
    expect(said('aux urgences depuis 6 mois, je peux suturer ?')).toEqual([]);
    expect(said('le protocole existe depuis 2 ans ?')).toEqual([]);
    expect(said('I work in an ER and I started there 3 months ago')).toEqual([3 / 12]);
    expect(said('the pain started 3 days ago')).toEqual([]);
  });

  it('reads an English duration after what the asker did (« have only worked there for 3 months »)', () => {
    expect(values("I'm a locum nurse in a French ER and have only worked there for 3 months").years).toEqual([3 / 12]);
  });

  it('leaves durations that are not the asker’s', () => {
    expect(values('Un patient suivi depuis 2 ans, il peut entrer dans le protocole ?').years).toEqual([]);
    expect(values('le protocole existe depuis 2 ans ?').years).toEqual([]);
    expect(values('je suis IDE aux urgences, notre service a ouvert depuis 6 mois').years).toEqual([]);
    expect(values('une patiente de 30 ans, douleur depuis 3 jours').years).toEqual([]);
  });
});

describe('eligibility of the asker as délégué', () => {
  it('answers « Non » with the requirement missing', () => {
    expect(ask("Je suis manip radio avec 1 an d'expérience et le DIU, je peux être délégué pour les échos ?")).toMatch(/^\*\*Non\*\*.*2 ans d'expérience.*1 an/);
    expect(ask('IDE aux urgences depuis 6 mois, je peux faire des sutures en protocole ?')).toMatch(/^\*\*Non\*\*.*1 an d'exercice aux urgences.*6 mois/);
    expect(ask("Je suis MERM, 5 ans de métier mais je ne fais que 30 % d'écho. Je peux être délégué ?")).toMatch(/^\*\*Non\*\*.*50 %.*30 %/);
    // The figure of what the requirement is about, among others.
    expect(ask('je suis IDE depuis 10 ans mais aux urgences depuis 3 mois, je peux appliquer le protocole sutures ?')).toMatch(/^\*\*Non\*\*.*3 mois/);
    expect(ask('je suis MERM, je fais 70 % de mon temps en radio et 30 % en écho, je peux appliquer le protocole échographie ?')).toMatch(/^\*\*Non\*\*.*30 %/);
    expect(ask('Je suis infirmière arrivée aux urgences il y a six mois : puis-je déjà être déléguée pour les sutures ?')).toMatch(/^\*\*Non\*\*.*6 mois/);
    expect(ask("Une IDE avec moins d'un an d'urgences peut-elle être déléguée pour les sutures ?")).toMatch(/^\*\*Non\*\*.*moins de 1 an/);
    expect(ask("Je suis arrivée aux urgences il y a huit mois, j'ai fait la théorie et la pratique du protocole sutures. Je peux être déléguée pour suturer ?")).toMatch(/^\*\*Non\*\*.*1 an d'exercice aux urgences.*8 mois/);
  });

  it.each([
    ["Le radiologue dit qu'un manip radio doit avoir 5 ans d'expérience pour faire les échos déléguées. C'est ça la règle ?", /^\*\*Non\*\* : le protocole demande au moins 2 ans d'expérience, pas 5 ans/u],
    ["Mon collègue dit qu'un MERM doit consacrer au moins 30 % de son temps à l'échographie pour être délégué, c'est bien ça ?", /^\*\*Non\*\* : le protocole demande au moins 50 % du temps/u],
    ["Le radiologue dit qu'un manip radio doit avoir 2 ans d'expérience pour faire les échos déléguées. C'est ça la règle ?", /^\*\*Oui\*\* : .*2 ans d'expérience : c'est bien le minimum du protocole/u],
    ["Le cadre dit que le protocole sutures demande 3 ans d'expérience aux urgences, c'est ça ?", /^\*\*Non\*\* : le protocole demande au moins 1 an d'exercice aux urgences, pas 3 ans/u],
    ["J'ai au moins 3 ans d'expérience aux urgences, je peux faire les sutures par délégation ?", /^\*\*Oui\*\* : 3 ans d'exercice aux urgences : le protocole en demande au moins 1 an/u],
    ["IDE aux urgences avec un minimum de 2 ans d'expérience, je peux faire les sutures par délégation ?", /^\*\*Oui\*\* : .*2 ans d'exercice aux urgences : le protocole en demande au moins 1 an/u],
  ])('checks a requirement someone states against the protocol’s, not as the asker’s practice: « %s »', (question, said) => {
    expect(ask(question)).toMatch(said);
  });

  it('answers « Oui » when the figures are met, with each figure against its minimum, pointing to the other conditions', () => {
    expect(ask("I've been an ER nurse for 2 years. Can I become a delegate for the suture protocol?")).toMatch(/^\*\*Oui\*\* : les infirmiers sont délégués de ce protocole ; 2 ans d'exercice aux urgences : le protocole en demande au moins 1 an\b.*autres critères/);
    expect(ask("Je suis MERM depuis 10 ans avec le DIU d'écho et 60 % de mon temps en écho, je peux être délégué ?")).toMatch(/^\*\*Oui\*\* : .*10 ans .*au moins 2 ans ; 60 % du temps .*au moins 50 %/);
    expect(ask("Infirmière aux urgences depuis 3 ans, j'ai fait les 5 h de théorie et les 3 h de pratique. Je remplis les conditions pour être déléguée sutures ?")).toMatch(/^\*\*Oui\*\* : .*3 ans d'exercice aux urgences/);
    expect(ask('ER nurse for 3 years: do I meet the requirements to be a delegate for the suture protocol?')).toMatch(/^\*\*Oui\*\* : .*3 ans d'exercice aux urgences/);
  });

  it('reads a low IADL score as meeting the home visits it stands for, and only a low one', () => {
    const question = (score: string) => `Mme L., quatre-vingt-deux ans, le médecin n'est passé qu'une fois l'an dernier, score IADL de déplacement à ${score} : elle peut entrer dans le protocole domicile ?`;
    expect(ask(question('0'))).toMatch(/^\*\*Oui\*\* : à 82 ans, .* ; score IADL de déplacement à 0 : le protocole l'admet sous 1, à défaut de 3 visites/);
    expect(ask(question('2'))).toMatch(/^\*\*Ça dépend\*\* : le protocole demande au moins 3 visites/);
  });

  it.each([
    ["femme 30 ans, brulures mictionnelles, pollakiurie, et elle a 38,5 ce matin, protocole cystite ok pour l'IDE ?", /^\*\*Non\*\* : ce protocole exclut les patientes avec de la fièvre \(38,5 °C d'après la question\)/],
    ['patiente 25 ans cystite, 39°C, l’IDE peut la prendre ?', /^\*\*Non\*\* : .*fièvre \(39 °C/],
    ['Patiente de 30 ans, brûlures urinaires, température 37,2 : protocole cystite possible ?', /^\*\*Oui\*\*/],
    ['Patiente de 39 ans, brûlures urinaires sans fièvre, protocole cystite ?', /^\*\*Oui\*\*/],
  ])('a temperature decides a fever: « %s »', (question, said) => {
    expect(ask(question)).toMatch(said);
  });

  it.each([
    ['je suis IDE en SSIAD, je peux etre deleguee dans le protocole personnes agees a domicile ?', /^\*\*Oui\*\* : les infirmiers sont délégués de ce protocole \(Domicile du patient ; infirmier de ville, y compris en SSIAD\)/],
    ["I'm a nurse working in a SSIAD. Can I be a delegate in the home follow-up protocol for elderly patients?", /^\*\*Oui\*\* : les infirmiers sont délégués de ce protocole/],
    ['Je suis pharmacien, je peux encore être délégué dans le protocole cystite ?', /^\*\*Non\*\* : ce protocole délègue ces actes aux infirmiers, pas aux pharmaciens \(retirés des délégués le 17 juin 2024\)/],
    ['Kiné en CPTS, je peux être délégué dans le protocole entorse ?', /^\*\*Non\*\* : ce protocole s'applique en MSP ou en centre de santé, pas en CPTS/],
    ['Le pharmacien peut-il toujours être délégué dans le protocole rhino-conjonctivite allergique ?', /^\*\*Oui\*\* : les pharmaciens sont délégués de ce protocole/],
    ['IDE en SSIAD : déléguée possible dans le protocole domicile personnes âgées ?', /^\*\*Oui\*\* : les infirmiers sont délégués de ce protocole/],
    ["I'm a community pharmacist in a CPTS. Can I still act as a delegate in the sore throat protocol?", /^\*\*Non\*\* : .*retirés des délégués le 17 juin 2024/],
    // The asker's profession, not the délégants they name (« avec les médecins du coin »).
    ['Je suis pharmacienne. Une patiente de 30 ans avec une cystite : le médecin peut-il me déléguer dans le protocole cystite ?', /^\*\*Non\*\* : .*pas aux pharmaciens/],
    [
      'Je suis pharmacienne titulaire et notre officine participe à la CPTS. Jusqu’ici on faisait le protocole cystite avec les médecins du coin. Est-ce que je peux toujours être déléguée dans ce protocole ?',
      /^\*\*Non\*\* : ce protocole délègue ces actes aux infirmiers, pas aux pharmaciens/,
    ],
  ])('a profession’s role in a protocol, no patient checked: « %s »', (question, said) => {
    expect(ask(question)).toMatch(said);
    expect(ask(question)).not.toMatch(/âge n'est pas précisé/);
  });

  it('reads a patient and a protocol typed as notes, without a question mark, as asking whether one fits the other', () => {
    expect(ask('cystite femme 70ans protocole ide')).toMatch(/^\*\*Non\*\* : à 70 ans/u);
    expect(ask('cystite femme 30 ans')).toBeNull();
  });

  it('checks no national protocol for a local one that shares its acts', () => {
    expect(ask('La MSP voisine a rédigé un protocole local pour le suivi des plaies chroniques par ses infirmières. Est-ce qu’on a le droit de l’appliquer dans notre équipe ?')).toBeNull();
    expect(ask('Notre propre protocole sur les plaies, nos IDE peuvent-elles l’appliquer aux urgences ?')).toBeNull();
  });

  it('« une échographie obstétricale peut-elle être déléguée au manipulateur ? » asks of an act the protocol leaves out, not of a role', () => {
    expect(ask('Une échographie obstétricale peut-elle être déléguée au manipulateur radio ?')).toMatch(/^\*\*Non\*\* : ce protocole exclut les échographies obstétricales\.$/u);
  });

  it('does not say « Oui » for a patient who never had a home visit: the protocol asks for 3, unless the IADL score admits them', () => {
    expect(ask("Un patient de 66 ans qui se déplace sans problème et n'a jamais eu de visite à domicile peut-il entrer dans le protocole domicile ?")).toMatch(/^\*\*Ça dépend\*\* : le protocole demande au moins 3 visites/u);
    expect(ask('An 80-year-old man who has never had a home visit: can the nurse follow him under the home-care protocol?')).toMatch(/^\*\*Ça dépend\*\*/u);
  });

  it('gives a patient’s figures that meet the protocol as its reasons', () => {
    expect(ask('Patiente de 34 ans, brûlures urinaires sans fièvre, en MSP : l’IDE peut appliquer le protocole cystite ?')).toMatch(
      /^\*\*Oui\*\* : à 34 ans, dans la tranche d'âge du protocole \(de 16 ans à 65 ans\) ; une patiente : ce protocole est réservé aux femmes ; les infirmiers sont délégués de ce protocole ; ce protocole s'applique /,
    );
    expect(ask('Monsieur de 82 ans, le médecin est venu 4 fois chez lui l’an dernier : l’IDE peut le suivre dans le protocole domicile ?')).toMatch(
      /^\*\*Oui\*\* : à 82 ans, .*d'au moins 65 ans\) ; 4 visites à domicile du médecin l'année précédente : le protocole en demande au moins 3/,
    );
  });

  it('says nothing when the question gives no figure the protocol checks', () => {
    expect(ask('Je suis IDE aux urgences, comment devenir délégué du protocole sutures ?')).toBeNull();
  });
});

describe('a diploma, training or function the asker says they lack', () => {
  it.each([
    ["Je suis MERM depuis 10 ans mais je n'ai pas le DIU d'écho. Je peux être délégué pour les échographies ?", /DIU d'échographie/],
    ['MERM, 3 ans d’expérience, SANS DIU : je peux faire les échos du protocole ?', /DIU d'échographie/],
    ['manip radio (pas de diplôme universitaire d’écho), 60\u00a0% de mon temps en écho : protocole échographie possible ?', /DIU d'échographie/],
    ["MERM avec le DIU, mais je n'ai pas fait le tutorat : je peux appliquer le protocole échographie ?", /tutorat/],
    ["IDE aux urgences depuis 2 ans mais je n'ai suivi aucune formation spécifique, je peux faire les sutures en protocole ?", /formation du protocole/],
    ['IDE aux urgences depuis 3 ans, pas encore formée : sutures en protocole ok ?', /formation du protocole/],
    ["I've been an ER nurse for 2 years but I'm not trained yet: can I do sutures under the protocol?", /formation du protocole/],
    ['kiné pas encore formé au protocole entorse, un patient de 30 ans avec une entorse de cheville, je peux le prendre ?', /10 heures/],
    ["Manip radio depuis 4 ans, 70 % d'écho. Je suis inscrite au DIU d'échographie mais je ne l'aurai qu'en juin prochain. Je peux déjà faire des échos abdominales par délégation ?", /DIU d'échographie/],
    ['MERM depuis 5 ans, DIU d’écho en cours, 60 % de mon temps en écho : je peux être délégué ?', /DIU d'échographie/],
    ["MERM with 5 years' experience, enrolled in the ultrasound DIU, 60% of my time on scans: can I be a delegate for ultrasound?", /DIU d'échographie/],
    ['IDE aux urgences depuis 3 ans, je prépare la formation du protocole sutures : je peux suturer ?', /formation du protocole/],
  ])('« %s » → Non, naming it', (question, lacking) => {
    expect(ask(question)).toMatch(/^\*\*Non\*\* : il faut .*pour être délégué ; d'après la question, ce n'est pas acquis/);
    expect(ask(question)).toMatch(lacking);
  });

  it.each([
    "Je suis MERM depuis 10 ans avec le DIU d'écho et 60 % de mon temps en écho, je peux être délégué ?",
    'IDE aux urgences depuis 2 ans, formée au protocole, je peux faire les sutures ?',
    "IDE aux urgences depuis 2 ans, j'ai fait la formation mais pas encore mes 10 actes supervisés : sutures ?",
    'kiné formé, un patient de 30 ans avec une entorse de cheville sans fracture, je peux le prendre ?',
    "MERM depuis 5 ans, j'ai le DIU d'écho depuis juin et 60 % de mon temps en écho, la prochaine session de tutorat est faite : je peux être délégué ?",
    "Je me suis inscrite au DIU l'an dernier et je l'ai obtenu en juin ; MERM depuis 4 ans, 70 % d'écho, tutorat fait : je peux être déléguée ?",
  ])('« %s »: nothing said lacking, no « Non » for it', (question) => {
    expect(ask(question) ?? '').not.toMatch(/ce n'est pas acquis/);
  });
});
