import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { eligibilityAnswer } from '../../src/domain/eligibility.ts';
import { placeRefusal, placesIn } from '../../src/domain/places.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const protocol = (id: string) => {
  const found = registries.protocols.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('where the asker works', () => {
  it.each([
    ["IDE libérale dans une MSP rurale, à 50 km de l'hôpital", ['ville', 'msp']],
    ['IDE en MSP à 20 min du CHU', ['msp']],
    ["kiné en cabinet, loin de l'hôpital", ['ville']],
    ['I work in a health centre near the hospital', ['centre-de-sante']],
    ['GP in an MSP 30 km from the hospital', ['msp']],
    ["IDE à l'hôpital, près de la MSP", ['etablissement']],
  ])('leaves out a place said to be elsewhere: « %s »', (text, places) => {
    expect(placesIn(text)).toEqual(places);
  });

  it('reads the place in its usual spellings, and leaves negated ones out', () => {
    expect(placesIn('IDE en centre de santé')).toEqual(['centre-de-sante']);
    expect(placesIn('notre cpts')).toEqual(['cpts']);
    expect(placesIn('je bosse en MAISON DE SANTE')).toEqual(['msp']);
    expect(placesIn('infirmière aux urgences du CHU')).toEqual(['urgences', 'etablissement']);
    expect(placesIn('je suis IDE libérale dans une MSP (pas du tout aux urgences)')).toEqual(['ville', 'msp']);
    expect(placesIn('I am an ER nurse')).toEqual(['urgences']);
    expect(placesIn('une patiente arrive en urgence au cabinet')).toEqual(['ville']);
    expect(placesIn('un patient de 40 ans')).toEqual([]);
    expect(placesIn('je suis IDE dans une CPTS (pas de MSP ni de centre de santé)')).toEqual(['cpts']);
    expect(placesIn('IDE EN CPTS, NI EN MSP NI EN CENTRE DE SANTÉ')).toEqual(['cpts']);
    expect(placesIn('pas aux urgences mais en MSP')).toEqual(['msp']);
    expect(placesIn('hors CPTS,\u00a0en MSP')).toEqual(['msp']);
    expect(placesIn("je ne travaille plus à l'hôpital, je suis en CPTS")).toEqual(['cpts']);
    expect(placesIn('IDE depuis plus de 2 ans aux urgences')).toEqual(['urgences']);
    expect(placesIn("IDE depuis plus d'un an aux urgences")).toEqual(['urgences']);
  });

  it('refuses a place the protocol is not open to, and says when a limited opening ended', () => {
    const entorse = protocol('entorse-cheville').places;
    expect(placeRefusal(entorse, ['msp'], '2026-12-01')).toBeNull();
    expect(placeRefusal(entorse, ['cpts'], '2023-06-01')).toBeNull();
    expect(placeRefusal(entorse, ['cpts'], '2026-12-01')).toMatch(/pas en CPTS : cette ouverture a pris fin le 31 août 2023/);
    expect(placeRefusal(protocol('sutures-plaies-urgences').places, ['msp'], '2026-12-01')).toMatch(/service d'urgence, pas en MSP$/);
    // « libérale », « au cabinet »: a way of practising, no reason to refuse a protocol open somewhere in town…
    expect(placeRefusal(protocol('cystite').places, ['ville'], '2026-12-01')).toBeNull();
    // … but one for hospitals only (« IDE libérale, je peux poser une VVC ? »); « à domicile » may be hospital care (HAD).
    expect(placeRefusal(protocol('voie-veineuse-centrale').places, ['ville'], '2026-12-01')).toMatch(/établissement de santé, pas en ville/);
    expect(placesIn('IDE libérale, je pourrais poser une VVC chez un patient à domicile ?')).toEqual(['ville']);
    expect(placesIn('IDE en HAD, une VVC chez un patient suivi à domicile ?')).toEqual([]);
    // Open « en ville »: every ambulatory place is.
    expect(placeRefusal(protocol('insuffisance-cardiaque').places, ['msp'], '2026-12-01')).toBeNull();
    // Places the sources do not give: nothing to refuse.
    expect(placeRefusal(protocol('asalee').places, ['urgences'], '2026-12-01')).toBeNull();
  });
});

describe('eligibility from the asker’s place', () => {
  const ask = (text: string, day = '2026-12-01') => eligibilityAnswer(registries, text, day)?.text ?? null;

  it('answers « Non » when the place rules the protocol out, even without a patient', () => {
    expect(ask('Je suis kiné dans une CPTS, on peut encore lancer le protocole entorse de cheville maintenant ?')).toMatch(/^\*\*Non\*\*.*31 août 2023/);
    expect(ask('je suis IDE libérale dans une MSP (pas aux urgences). Je peux faire des sutures de plaies simples avec le protocole ?')).toMatch(/^\*\*Non\*\*/);
    expect(ask('IDE en centre de santé, on me propose de poser des voies veineuses centrales en délégation. C’est possible ?')).toMatch(/^\*\*Non\*\*.*établissement de santé/);
  });

  it.each([
    ["IDE en MSP rurale, les urgences sont à 50 km. J'ai 12 ans de métier dont 2 ans aux urgences avant de venir ici. Est-ce que je peux suturer à la MSP avec le protocole sutures de plaies simples ?", /^\*\*Non\*\* : ce protocole s'applique dans un service d'urgence, pas en MSP/],
    ["J'ai travaillé 5 ans en CHU avant de m'installer en libéral : je peux poser une voie veineuse centrale en cabinet avec le protocole ?", /^\*\*Non\*\*.*établissement de santé/],
  ])('« %s » : the place asked, not the places of the asker’s past', (question, said) => {
    expect(ask(question)).toMatch(said);
  });

  it.each([
    ['On est une MSP de 6 MG et 5 IDE, loin des urgences ; nos infirmières pourraient recoudre les plaies simples avec le protocole national sutures. Est-ce que ça marche en MSP ?'],
    ['IDE en centre de santé : le protocole sutures de plaies simples, ça s’applique chez nous ?'],
    ['Le protocole national sutures, c’est applicable en CPTS ?'],
    ['Does the national suture protocol apply in an MSP?'],
  ])('« %s » : asked whether the protocol applies there, in other words than « peut »', (question) => {
    expect(ask(question)).toMatch(/^\*\*Non\*\* : ce protocole s'applique dans un service d'urgence, pas /);
  });

  it('answers « Non » when the asker says they work in none of the places the protocol applies in', () => {
    expect(ask("Je suis kiné libéral, je ne fais partie d'aucune MSP ni CPTS ni centre de santé. Puis-je appliquer le protocole entorse de cheville ?")).toMatch(
      /^\*\*Non\*\* : ce protocole s'applique en MSP ou en centre de santé, où la question dit que vous n'exercez pas/,
    );
    // Another place still open (ESP, CPTS); a patient who no longer comes to the « cabinet » says nothing of where the asker works.
    expect(ask('IDE libérale, pas en MSP ni en centre de santé, je peux faire le protocole cystite ?')).toBeNull();
    expect(ask("Ma patiente de 82 ans ne peut plus venir au cabinet, le médecin est venu 4 fois l'an dernier : l'IDE peut la suivre dans le protocole domicile ?")).toMatch(/^\*\*Oui\*\*/);
  });

  it('says Oui without a patient when the place fits, and before the opening ended', () => {
    expect(ask('Je suis kiné en MSP, on peut lancer le protocole entorse de cheville ?')).toMatch(/^\*\*Oui\*\*.*s'applique en MSP/);
    expect(ask('Je suis kiné dans une CPTS, on peut lancer le protocole entorse de cheville ?', '2023-06-01')).toMatch(/^\*\*Oui\*\*.*CPTS/);
  });

  it('checks a patient described with everyday nouns', () => {
    expect(ask('Pharmacien en MSP : une cliente de 40 ans a le rhume des foins, ça rentre dans le protocole ?')).toMatch(/^\*\*Oui\*\*/);
    expect(ask('gamin de 3 ans avec des vésicules qui grattent, on est en centre de santé, je peux le voir dans le protocole ?')).toMatch(/^\*\*Oui\*\*/);
    expect(ask('A 15-year-old girl with burning when she pees, no fever. Can I use the cystitis protocol?')).toMatch(/^\*\*Non\*\*.*15 ans/);
  });

  it('leaves questions that are not about applying a protocol alone', () => {
    expect(ask("L'arrêté de 2025 qui autorise les kinés à prescrire des radios du genou, il dit quoi ?")).toBeNull();
  });
});

describe('whether a protocol may be applied where the asker works', () => {
  const ask = (text: string) => eligibilityAnswer(registries, text, '2026-12-01')?.text.split('\n')[0] ?? null;

  it.each([
    ['Nous sommes un centre de santé infirmier. Peut on mettre en place le protocole cystite ?', /^\*\*Oui\*\*.*s'applique .*en centre de santé/],
    ['Est ce que les ESP peuvent faire le protocole cystite depuis 2023 ?', /^\*\*Oui\*\*.*en ESP/],
    ["le protocole cystite s'applique en ESP ?", /^\*\*Oui\*\*/],
    ['Notre CPTS peut appliquer le protocole entorse ?', /^\*\*Non\*\*.*pas en CPTS/],
    // In English, the protocol named in English and « allowed to run ».
    ['Is a CPTS allowed to run the cystitis protocol?', /^\*\*Oui\*\*.*en CPTS/],
    ['Is a CPTS allowed to run the ankle sprain protocol?', /^\*\*Non\*\*.*pas en CPTS/],
  ])('« %s » : Oui ou Non d’après les lieux du protocole aujourd’hui', (question, said) => {
    expect(ask(question)).toMatch(said);
  });

  it.each(['le protocole cystite en MSP, faut-il une formation ?', "En MSP, l'IDE peut prescrire de la fosfomycine dans le protocole cystite ?"])(
    '« %s » : un fait sur le protocole, ou un acte, n’est pas demandé par le lieu',
    (question) => {
      expect(ask(question)).toBeNull();
    },
  );
});

describe('eligibility needs a protocol asked about', () => {
  it('does not read a place and a look-alike word as a protocol question', () => {
    // « future » is no typo of « suture », and the question is not about a protocol.
    expect(eligibilityAnswer(registries, 'le projet immobilier de la future MSP, on le lance à quel moment ?', '2026-12-01')).toBeNull();
  });
});

describe('eligibility from how the patient is described', () => {
  const ask = (text: string) => eligibilityAnswer(registries, text, '2026-12-01')?.text.split('\n')[0] ?? null;

  it.each([
    ["Une de mes patientes a 82 ans, elle ne peut plus venir au cabinet ; elle n'a pas de trouble psychiatrique. Est-ce qu'elle rentre dans le protocole de suivi à domicile par l'IDE ?", /^\*\*Oui\*\*.*82 ans/],
    ["A 40-year-old adult with an MDPH-recognised disability who can't get to the surgery: eligible for the home follow-up nurse protocol?", /^\*\*Oui\*\*/],
    ['etudiante 22 ans, pollakiurie depuis ce matin, temp 37,1, on est en centre de sante : protocole cystite ok ?', /^\*\*Oui\*\*.*22 ans.*une patiente/],
  ])('« %s » : « une de mes patientes », « an adult … who can’t », « étudiante 22 ans » describe the patient', (question, said) => {
    expect(ask(question)).toMatch(said);
  });

  it('says Non to a former délégué, with what they may do since outside the protocol', () => {
    expect(ask('Enfant de 8 ans mal de gorge + fièvre, je suis pharmacien, je peux faire un TROD angine ?')).toMatch(
      /^\*\*Non\*\*.*retirés des délégués le 17 juin 2024 ; depuis, ils peuvent faire le TROD angine .* de leur propre chef, hors protocole/,
    );
  });

  it('reads « une femme … qui est tombée » as the patient, not as a question asking who', () => {
    expect(ask('Je suis IOA aux urgences, femme enceinte de 5 mois qui est tombée sur le poignet, je peux demander la radio directement ?')).toMatch(/^\*\*Non\*\*.*femmes enceintes/);
  });

  it('reads an age said with a pronoun, not a professional’s experience', () => {
    expect(ask('elle a 15 ans et mal à la gorge, on peut faire le TROD dans le protocole angine ?')).toMatch(/^\*\*Oui\*\*/);
    expect(ask('elle a 5 ans et mal à la gorge, protocole angine possible ?')).toMatch(/^\*\*Non\*\*.*5 ans/);
  });

  it('checks how long the complaint has lasted where the protocol says it', () => {
    expect(ask('Patient 45 ans, mal de dos depuis 2 semaines, kiné en MSP : protocole lombalgie ok ?')).toMatch(/^\*\*Oui\*\*/);
    expect(ask('Patient 45 ans, mal de dos depuis 2 mois, kiné en MSP : protocole lombalgie ok ?')).toMatch(/^\*\*Non\*\*.*moins de 4 semaines/);
    expect(ask('Physio in an MSP: a 44-year-old has had low back pain for about two months. Can I take him on under the low back pain protocol?')).toMatch(/^\*\*Non\*\*.*moins de 4 semaines/);
    expect(ask('Patient 45 ans, mal de dos depuis environ 10 jours, kiné en MSP : protocole lombalgie ok ?')).toMatch(/^\*\*Oui\*\*/);
    expect(ask('lumbago for 6 weeks, can the physio take him under the low back pain protocol?')).toMatch(/^\*\*Non\*\*/);
  });
});

describe('eligibility leaves the figure of an act to the articles', () => {
  it('gives no « Oui » on a patient when the question asks about an act’s figure', () => {
    const q = 'Je suis kiné en MSP avec le protocole lombalgie. Un patient de 40 ans, bloqué depuis 3 jours, me demande un arrêt de travail de 8 jours : je peux le prescrire dans le protocole ?';
    expect(eligibilityAnswer(registries, q, '2026-12-01')).toBeNull();
    // A temperature describes the patient: it is checked, not left.
    expect(eligibilityAnswer(registries, 'Jeune femme de 23 ans, ça brûle, 37° au thermomètre. Je peux la prendre dans le protocole cystite ?', '2026-12-01')?.text).toMatch(/^\*\*Oui\*\*/);
  });
});

