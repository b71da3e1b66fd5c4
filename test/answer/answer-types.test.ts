import { describe, expect, it } from 'vitest';
import { useOfflineCore } from '../support/offline-core.ts';
import type { Turn } from '../../src/engine/message.ts';
import { analyseQuestion } from '../../src/knowledge/question-analysis.ts';
import { MAX_ANSWER_CHARS } from '../../src/answer/extractive-composer.ts';

/** Each answer type through the real offline core and the shipped base. */
const { ask } = useOfflineCore();


describe('question analysis', () => {
  it('weighs the asker’s situation below what is asked, and finds the two sides of a comparison', () => {
    const long = analyseQuestion('Nous on ferme à 19h et on est trois médecins, est-ce que la téléexpertise est remboursée ?');
    const weights = long.clauses.map((c) => c.weight);
    expect(Math.max(...weights)).toBe(1);
    expect(Math.min(...weights)).toBeLessThan(1);
    expect(analyseQuestion('Quelle différence entre une MSP et un centre de santé ?').sides).toEqual(['une MSP', 'un centre de santé']);
    expect(analyseQuestion('GCS ça veut dire quoi ?').kind).toBe('definition');
  });
});

describe('eligibility: Oui / Non / Ça dépend, with the reason', () => {
  it.each([
    ["l'IOA peut-elle demander une radio pour un enfant de 12 ans ?", /moins de 16 ans/],
    ['Une femme de 70 ans avec une cystite, l’infirmière peut la prendre en charge ?', /16 ans à 65 ans/],
    ['cystite chez un homme de 30 ans, on peut appliquer le protocole ?', /réservé aux femmes/],
    ['une femme enceinte insuffisante cardiaque peut-elle être suivie par l’infirmier dans le protocole ?', /femmes enceintes/],
    ['un kiné peut-il prendre en charge une entorse de cheville chez un ado de 15 ans', /18 ans à 55 ans/],
    ['mon patient de 55 ans sans handicap reconnu peut entrer dans le protocole domicile infirmier ?', /65 ans/],
    ['Une patiente de 25 ans avec 38,5 de fièvre et des brûlures urinaires, elle peut entrer dans le protocole cystite ?', /fièvre/],
  ])('« %s » → Non', async (question, reason) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(/^\*\*Non\*\*/);
    expect(reply.text).toMatch(reason);
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it.each([
    'Une patiente de 58 ans sans handicap reconnu, qui a juste du mal à se déplacer, peut-elle être suivie à domicile dans le protocole personnes âgées ou handicapées ?',
    'dame de 62 ans dont le dossier MDPH a été refusé, protocole domicile ?',
  ])('« %s » → Non: the handicap the protocol is named by, or one refused, is not the patient’s', async (question) => {
    expect((await ask(question)).text).toMatch(/^\*\*Non\*\*.*65 ans/u);
  });

  it.each([
    "Un kiné peut-il prescrire un arrêt de travail d'une semaine dans le protocole lombalgie ?",
    'protocole lombalgie : le kiné peut faire un arrêt de travail de huit jours ?',
    'Le kiné peut-il prescrire un arrêt de travail de deux semaines dans le protocole lombalgie ?',
  ])('« %s » → Non: a duration in words or in weeks is beyond « moins de 5 jours »', async (question) => {
    expect((await ask(question)).text).toMatch(/^\*\*Non\*\*.*moins de 5 jours/u);
  });

  it.each([
    ['Can the triage nurse order an X-ray for a 30-year-old with a suspected ankle fracture?', /^\*\*Oui\*\*/u],
    ["I'm a locum in a French emergency department: can the triage nurse order an X-ray for a 12-year-old with a suspected wrist fracture?", /^\*\*Non\*\*.*16 ans/u],
  ])('« %s » : an English question on what a professional may do, verb first, is organisational', async (question, verdict) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('lookup');
    expect(reply.text).toMatch(verdict);
  });

  it('does not say the under-65s are excluded from a protocol that takes them with a recognised handicap', async () => {
    const reply = await ask('Patient de 58 ans sans reconnaissance MDPH, il ne se déplace plus : protocole domicile possible ?');
    expect(reply.text).toMatch(/^\*\*Non\*\*.*handicap reconnu par la MDPH/u);
    expect(reply.text).not.toMatch(/moins de 65 ans sont exclus/);
  });

  it.each([
    'Le protocole cystite existe depuis 4 ans, on peut encore l’utiliser ?',
    'Un kiné diplômé depuis 2 ans peut-il appliquer le protocole entorse ?',
    "l'infirmier peut-il faire le suivi tous les 3 mois dans le protocole insuffisance cardiaque ?",
    'Un infirmier homme peut-il appliquer le protocole cystite ?',
    'Can he apply the cystitis protocol?',
    'une sage-femme peut-elle faire le protocole cystite ?',
  ])('« %s » is not about a patient: no eligibility verdict', async (question) => {
    expect((await ask(question)).text).not.toMatch(/^\*\*(?:Oui|Non|Ça dépend)\*\*/);
  });

  it.each([
    "J'ai une dame de 80 ans qui ne peut plus venir au cabinet, son médecin est venu 3 fois chez elle l'an dernier et elle n'a aucun trouble psychiatrique. L'infirmière peut-elle la suivre à domicile dans le cadre du protocole ?",
    "Une patiente de 30 ans avec des brûlures urinaires, elle n'a pas du tout de fièvre : l'infirmière peut-elle la prendre en charge dans le protocole cystite ?",
    "J'ai un patient de 78 ans, diabétique, qui ne peut plus venir au cabinet à cause de sa hanche. Est-ce qu'il peut entrer dans le protocole de suivi à domicile par l'infirmière ?",
  ])('« %s »: a condition said to be absent, or of no protocol asked, does not exclude', async (question) => {
    expect((await ask(question)).text).toMatch(/^\*\*Oui\*\*/);
  });

  it.each([
    ['Lombalgie depuis 10 jours : le kiné peut-il prescrire un arrêt via le protocole ?', /Actes : arrêt de travail de moins de 5 jours/],
    ['MAÇON DE 38 ANS, LOMBALGIE DEPUIS 10 JOURS : JE PEUX LUI PRESCRIRE UN ARRÊT DANS LE PROTOCOLE ?', /Actes : arrêt de travail de moins de 5 jours/],
    ['Entorse de cheville chez un joueur de foot de 25 ans : le kiné peut-il poser une attelle ?', /attelle de cheville/],
  ])('« %s »: the verdict on the patient shows the acts delegated, with their limits', async (question, act) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(/^\*\*(?:Oui|Ça dépend)\*\*/);
    expect(reply.text).toMatch(act);
  });

  it.each([
    ['Femme de 25 ans, brûlures mictionnelles, pas de fièvre : protocole cystite IDE ?', /^\*\*Oui\*\*/],
    ['Mal de gorge chez un ado de 14 ans : protocole odynophagie IDE ?', /^\*\*Oui\*\*/],
    ['Enfant de 3 ans avec une éruption vésiculeuse qui gratte : protocole IDE ou pharmacien ?', /^\*\*Oui\*\*/],
    ["Plaie simple chez un enfant de 4 ans aux urgences : suture par l'IDE possible ?", /^\*\*Oui\*\*/],
    ['Homme de 30 ans, brûlures urinaires : protocole cystite ?', /^\*\*Non\*\*/],
  ])('« %s »: a patient described, then a protocol, asks whether it applies', async (question, verdict) => {
    expect((await ask(question)).text).toMatch(verdict);
  });

  it.each([
    ["Patient de 72 ans schizophrène stabilisé, 4 visites à domicile l'an dernier : l'IDE peut le suivre avec le protocole domicile ?", /^\*\*Oui\*\*[^\n]*non stabilisé, pas ce que la question décrit/],
    ['Patiente de 80 ans, bipolaire équilibrée, 5 visites à domicile : protocole domicile IDE ?', /^\*\*Oui\*\*[^\n]*non stabilisé, pas ce que la question décrit/],
    ['Patient de 72 ans schizophrène non stabilisé, 4 visites à domicile : protocole domicile IDE ?', /^\*\*Non\*\*[^\n]*trouble psychiatrique non stabilisé/],
    ['adulte 45 ans handicap reconnu MDPH avec troubles psy non stabilises, protocole domicile ok ?', /^\*\*Non\*\*[^\n]*trouble psychiatrique non stabilisé/],
    ['Patiente de 80 ans, bipolaire pas stabilisée, protocole domicile IDE possible ?', /^\*\*Non\*\*/],
    ['Patient de 72 ans schizophrène, stabilisé : protocole domicile IDE ?', /^\*\*Oui\*\*/],
    ['Patient de 72 ans schizophrène (stabilisé) : protocole domicile IDE ?', /^\*\*Oui\*\*/],
    ['Patiente de 80 ans, bipolaire, équilibrée sous lithium : protocole domicile IDE ?', /^\*\*Oui\*\*/],
    ['Patient de 72 ans, peut-être schizophrène stabilisé : protocole domicile IDE ?', /^\*\*Ça dépend\*\*[^\n]*à vérifier/],
    ['Patient de 75 ans stable sur le plan cardiaque mais schizophrène décompensé : protocole domicile IDE ?', /^\*\*Non\*\*/],
    ['Patient de 72 ans schizophrène pas encore stabilisé : protocole domicile IDE ?', /^\*\*Non\*\*/],
    ["Le protocole domicile permet-il 10 visites à domicile par l'infirmière ?", /^(?!\*\*(?:Non|Oui)\*\* : (?:à|ce patient))/],
    ["Patiente de 85 ans, une seule visite à domicile l'an dernier : l'IDE peut la suivre dans le protocole domicile ?", /^\*\*Ça dépend\*\*[^\n]*au moins 3 visites[^\n]*IADL/],
    ["Patient de 82 ans, 4 visites à domicile du médecin l'an dernier : protocole domicile IDE ?", /^\*\*Oui\*\*/],
    ["patient de 40 ans polytraumatisé en moto, l'IOA peut demander les radios par le protocole ?", /^\*\*Non\*\*[^\n]*isolé d'un membre/],
    ['Patient de 35 ans, fractures des deux jambes : l’IOA peut demander la radio dans le protocole ?', /^\*\*Non\*\*/],
    ["Patient de 30 ans, entorse du poignet isolée, l'IOA peut demander la radio ?", /^\*\*Oui\*\*/],
    ["plaie profonde et complexe de la main avec atteinte tendineuse, l'IDE des urgences peut suturer via le protocole ?", /^\*\*Non\*\*[^\n]*plaies simples/],
    ["plaie simple du cuir chevelu chez un enfant de 6 ans, l'IDE peut suturer dans le protocole ?", /^\*\*Oui\*\*/],
  ])('« %s » : a qualifier that lifts an exclusion, and the home visits the protocol asks for', async (question, verdict) => {
    expect((await ask(question)).text).toMatch(verdict);
  });

  it('answers Ça dépend for a pregnant patient where the sources say nothing of pregnancy', async () => {
    expect((await ask('femme enceinte de 30 ans, brulures urinaires, pas de fièvre : protocole cystite ?')).text).toMatch(/^\*\*Ça dépend\*\*[^\n]*femmes enceintes/);
    expect((await ask('femme de 30 ans, pas enceinte, brûlures, pas de fièvre : protocole cystite ?')).text).toMatch(/^\*\*Oui\*\*/);
    expect((await ask('Patiente de 40 ans, je ne sais pas si elle a de la fièvre, brûlures : protocole cystite ?')).text).toMatch(/^\*\*Ça dépend\*\*[^\n]*fièvre : à vérifier/);
  });

  it('excludes a condition named more precisely than the registry words it (« schizophrénie »)', async () => {
    expect((await ask('Patient de 80 ans avec schizophrénie non stabilisée, protocole domicile IDE ?')).text).toMatch(/^\*\*Non\*\*[^\n]*psychiatrique/);
  });

  it('reads « what … under the protocol » as asking a fact, not whether it applies', async () => {
    expect((await ask('Which training does the nurse need to apply the cystitis protocol for a 30-year-old woman?')).text).not.toMatch(/^\*\*(?:Oui|Non)\*\*/);
  });

  it('answers Ça dépend when the question does not say the sex a protocol requires', async () => {
    for (const question of ['patient de 30 ans, brûlures urinaires : protocole cystite ?', "Homme de 40 ans venu avec sa femme, brûlures, pas de fièvre : protocole cystite ?"]) {
      const text = (await ask(question)).text;
      expect(text, question).toMatch(question.startsWith('Homme') ? /^\*\*Non\*\*/ : /^\*\*Ça dépend\*\*[^\n]*réservé aux femmes/);
    }
  });

  it('still excludes a condition said after the negated one', async () => {
    const reply = await ask("Patiente de 30 ans sans brûlures mais avec de la fièvre : l'infirmière peut-elle la prendre en charge dans le protocole cystite ?");
    expect(reply.text).toMatch(/^\*\*Non\*\*/);
  });

  it('answers Oui when the patient fits, and Ça dépend where the sources disagree', async () => {
    expect((await ask('Can the nurse handle a 30 year old woman with cystitis under the protocol?')).text).toMatch(/^\*\*Oui\*\*/);
    const angine = await ask("mal de gorge chez un patient de 48 ans, l'infirmier peut faire le TROD ?");
    expect(angine.text).toMatch(/^\*\*Ça dépend\*\*/);
    expect(angine.text).toMatch(/45 ans.*50 ans/);
  });
});

describe('how it goes for a patient described', () => {
  it.each([
    ['Un enfant de 10 ans avec une entorse, comment ça se passe dans le protocole kiné ?', /^\*\*Non\*\* : à 10 ans/u],
    ['How does it work for a 70-year-old woman with cystitis, can the nurse see her?', /^\*\*Non\*\* : à 70 ans/u],
  ])('starts with whether the protocol takes them: « %s »', async (question, said) => {
    expect((await ask(question)).text).toMatch(said);
  });
});

describe('a profession asked between two categories', () => {
  it.each([
    ['Je suis sage-femme : ma profession est-elle classée parmi les professions médicales ou les auxiliaires médicaux ?', /profession médicale/],
    ['moi je suis kiné, on est classés profession médicale ou auxiliaire médical ?', /auxiliaire médical/],
  ])('« %s » : the registry says which, not the list of one category', async (question, category) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('lookup');
    expect(reply.text).toMatch(category);
  });
});

describe('a sigle’s full name asked with something else', () => {
  it('« CNCI, le nom complet ? et quel décret organise sa composition ? » : both parts answered', async () => {
    const reply = await ask('CNCI, le nom complet ? et quel décret organise sa composition ?');
    expect(reply.text).toMatch(/Comité national des coopérations interprofessionnelles[\s\S]*2020-148/u);
  });
});

describe('definitions and sigles', () => {
  it('explains a sigle asked about inside a longer sentence', async () => {
    expect((await ask('Dans le protocole angine on parle de TROD, ça signifie quoi ?')).text).toMatch(/test rapide d.orientation diagnostique/i);
    expect((await ask("c'est quoi le sigle ACI qu'on voit partout")).text).toMatch(/accord conventionnel interprofessionnel/i);
    expect((await ask('What does it mean when a nurse has a delegation?')).text).not.toMatch(/^\*\*HAS\*\*/);
    expect((await ask("Le protocole cystite, qu'est-ce que ça signifie pour l'IDE ?")).text).not.toMatch(/^\*\*IDE\*\*/);
  });

  it.each(['Les PTA existent-elles encore ?', 'Do MAIA still exist in 2026?', 'la CTA de mon secteur, ça existe toujours ?'])(
    '« %s » : a sigle merged into the DAC no longer exists, and by when it had to go',
    async (question) => {
      const reply = await ask(question);
      expect(reply.text).toMatch(/^\*\*Non\*\*/);
      expect(reply.text).toMatch(/27 juillet 2022/);
    },
  );

  it('reads no sigle asked in « who does the MSP sign it with »', async () => {
    expect((await ask('The team keeps talking about their ACI contract. Who does the MSP sign it with?')).text).not.toMatch(/^\*\*MSP\*\*/);
  });

  it('gives no « Oui » to a question that asks how many', async () => {
    const reply = await ask('Dans le protocole lombalgie aiguë, combien de séances de kiné au maximum le kiné peut-il prescrire ?');
    expect(reply.text).not.toMatch(/^\*\*Oui/u);
  });

  it('reads « paru » as « publié », and says Oui only of the month the base gives', async () => {
    expect((await ask("L'avenant 1 de l'ACI des maisons de santé est-il bien paru au JO en août 2022 ?")).text).toMatch(/^\*\*Oui\*\*/u);
    expect((await ask("L'avenant 1 de l'ACI des maisons de santé est-il bien paru au JO en juillet 2022 ?")).text).not.toMatch(/^\*\*Oui/u);
  });

  it('gives no « Non » for a sigle that still exists', async () => {
    expect((await ask('Les CPTS existent-elles encore ?')).text).not.toMatch(/^\*\*Non\*\*/);
  });
});

describe('comparisons', () => {
  it('puts both sides side by side, each with its source', async () => {
    const reply = await ask('Quelle différence entre une MSP et un centre de santé ?');
    expect(reply.text).toMatch(/\*\*MSP\*\*/);
    expect(reply.text).toMatch(/salari/);
    expect(new Set(reply.citations.map((c) => c.path))).toEqual(new Set(['articles/msp-maison-de-sante-pluriprofessionnelle.md', 'articles/centres-de-sante.md']));
  });

  it('says which side the base does not describe, rather than a passage naming it in passing', async () => {
    const reply = await ask('téléexpertise vs téléconsultation');
    expect(reply.confident).toBe(false);
    expect(reply.text).toMatch(/\*\*Téléexpertise\*\* : La téléexpertise est/u);
    // The side the base lacks is not echoed: the user's words could name a patient.
    expect(reply.text).toMatch(/\*\*L'autre élément comparé\*\* : je n'ai pas trouvé dans ma base/u);
    expect((await ask('Différencier IDE et IPA ?')).text).not.toMatch(/voie veineuse/u);
    expect(reply.citations.map((c) => c.path)).toEqual(['articles/teleexpertise.md']);
  });

  it('answers both practice forms compared on an aspect, not the first one’s registry entry alone', async () => {
    const reply = await ask('aci msp vs aci cpts niveau financement');
    expect(reply.text).toMatch(/\*\*Aci msp\*\*[\s\S]*\*\*Aci cpts\*\*/u);
  });

  it('labels a side typed in lowercase as its answer’s heading spells it', async () => {
    expect((await ask('msp vs cpts ?')).text).toMatch(/^\*\*MSP\*\*[\s\S]*\*\*CPTS\*\*/u);
  });

  it.each(['Is an ESP the same thing as an MSP?', 'Une ESP, c’est pareil qu’une MSP ?'])('« %s » compares what is said to be the same', async (question) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(/\*\*ESP\*\*[\s\S]*\*\*MSP\*\*/u);
  });
});

describe('definitions', () => {
  it('are not answered by a passage that names the term in passing', async () => {
    // The base names the téléconsultation only among the heart-failure protocol's acts.
    expect((await ask("c'est quoi la téléconsultation ?")).kind).toBe('unknown');
    expect((await ask("c'est quoi le FIR ?")).text).toMatch(/fonds d'intervention régional/u);
  });
});

describe('steps', () => {
  it('adds the section that goes on with them in the same article (how to declare, then what to provide)', async () => {
    const reply = await ask("Comment on déclare aujourd'hui la mise en œuvre d'un protocole de coopération, concrètement ?");
    expect(reply.text).toMatch(/application en ligne du ministère[\s\S]*FINESS/u);
    expect(reply.citations.map((c) => c.section)).toEqual(['Régime unifié de déclaration des protocoles de coopération', 'Informations à fournir pour déclarer un protocole de coopération']);
  });
});

describe('comparisons of two places the asker would work in', () => {
  it.each([
    'On me propose soit un poste salarié en centre de santé, soit une installation en MSP. Côté statut, quelle est la différence principale entre les deux ?',
    "Travailler comme salarié dans un centre de santé ou s'installer en MSP avec d'autres libéraux : qu'est-ce qui change pour le statut et l'organisation ?",
  ])('« %s » compares the two things the base has sections on', async (question) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(/\*\*(?:Centre de santé|MSP)\*\*/u);
    expect(new Set(reply.citations.map((c) => c.path))).toEqual(new Set(['articles/msp-maison-de-sante-pluriprofessionnelle.md', 'articles/centres-de-sante.md']));
  });
});

describe('comparisons of a pair named before the question', () => {
  it('answers « la différence entre les deux » with both sides', async () => {
    const reply = await ask(
      "Bonjour, je suis infirmière libérale installée depuis 3 mois dans un petit village et on me parle sans arrêt de MSP et de CPTS. Je ne comprends pas bien la différence entre les deux, vous pouvez m'expliquer simplement ?",
    );
    expect(reply.text).toMatch(/maison de santé pluriprofessionnelle/);
    expect(reply.text).toMatch(/communauté professionnelle territoriale/);
  });
});

describe('a verdict on a part asked after another', () => {
  it('is not given from a sentence that says nothing of what the earlier part names', async () => {
    const reply = await ask("C'est quoi la PDSA et est-ce que la CPTS doit l'organiser ?");
    expect(reply.text).not.toMatch(/\*\*(?:Oui|Non)/);
  });
});

describe('words of belonging', () => {
  it('answers « X vs Y, c’est pareil ? » from the section that sets them apart, the asker’s situation aside', async () => {
    const reply = await ask("délégation de tâche vs transfert de tâche, c'est pareil ou pas ? notre président de MSP utilise les deux mots");
    expect(reply.text).toMatch(/responsab/);
  });

  it('reads « signataires » as who signs (the ACI contract of an MSP)', async () => {
    expect((await ask("On renouvelle notre contrat ACI cette année : qui sont exactement les signataires du contrat d'une MSP ?")).text).toMatch(/CPAM/);
  });

  it('reads « adhérer à » as being a member (« Qui peut adhérer à une CPTS ? » → who makes it up)', async () => {
    expect((await ask('Qui peut adhérer à une CPTS ?')).text).toMatch(/premier recours[\s\S]*médico-sociaux/);
  });
});

describe('a term the asker quotes', () => {
  it('answers « de quoi il s’agit » about the term the asker quotes', async () => {
    const reply = await ask(
      "Coordinatrice fraîchement recrutée dans une MSP, j'entends parler en réunion de « protocole de coopération » comme si c'était évident pour tout le monde. Vous pouvez m'expliquer simplement de quoi il s'agit ?",
    );
    expect(reply.text).toMatch(/délégant[\s\S]*délégué/);
  });
});

describe('comparisons side by side', () => {
  it('keeps the sentence that sets a side apart (« … pas seulement pour une patientèle »)', async () => {
    const reply = await ask("What's the difference between an MSP and a CPTS?");
    expect(reply.text).toMatch(/responsabilité populationnelle/u);
    expect(reply.text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS + 20);
  });
});

describe('comparisons of two things one section sets apart', () => {
  it('answers from the section whose heading names both sides', async () => {
    const reply = await ask("Coopération et coordination : quelle différence selon l'UNRS ?");
    expect(reply.citations[0]?.section).toBe('Coopération, pluridisciplinarité, coordination : définitions');
    expect(reply.text).toMatch(/coopération : agir ensemble[\s\S]*coordination : organiser/u);
  });
});

describe('a term the asker hears about', () => {
  it.each([
    ['Dans le protocole angine on parle de TROD, ça veut dire quoi ?', /Test rapide d'orientation diagnostique/u],
    ['Dans le protocole domicile on parle de SSIAD, ça veut dire quoi ?', /Service de soins infirmiers à domicile/u],
  ])('« %s » is about that term, not where it was heard', async (question, expected) => {
    expect((await ask(question)).text).toMatch(expected);
  });
});

describe('comparisons said with shared words once', () => {
  it.each([
    ["difference entre missions socles et optionelles d'une cpts ?", /obligatoires/, /qualité et de la pertinence/],
    ["Missions socles et missions optionnelles d'une CPTS : quelle différence ?", /obligatoires/, /qualité et de la pertinence/],
    ['missions socles vs optionnelles des CPTS ?', /obligatoires/, /qualité et de la pertinence/],
    ['difference entre missions socles et optionelles d une cpts', /obligatoires/, /qualité et de la pertinence/],
    ['protocoles nationaux ou locaux : quelle différence ?', /protocoles nationaux, évalués par la HAS/, /protocoles locaux, rédigés par une équipe/],
  ])('« %s » gets both sides', async (question, first, second) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(first);
    expect(reply.text).toMatch(second);
  });
});

describe('a registry verdict on a yes/no question', () => {
  it('is kept over an article passage that gives none', async () => {
    const reply = await ask('Les ostéopathes sont-ils des auxiliaires médicaux ?');
    expect(reply.kind).toBe('lookup');
    expect(reply.text).toMatch(/^\*\*Non\*\*/);
  });
});

describe('a list of protocols asked', () => {
  it('is the registry’s list, not the article on one of them', async () => {
    const reply = await ask('Je suis urgentiste. Dans quels protocoles nationaux de coopération suis-je délégant vis-à-vis des IDE de mon service ?');
    expect(reply.kind).toBe('lookup');
    expect(reply.text).toMatch(/Bilan radiologique[\s\S]*Sutures/u);
  });
});

describe('a registry summary or the article section that answers', () => {
  it.each([
    ['Les étapes pour monter une SISA ?', /associés/, 'articles/sisa-societe-interprofessionnelle.md'],
    ['Plafonds CPTS (chiffres 2019) : taille 1 vs taille 4 ?', /220 000/, 'articles/cpts-aci-financement.md'],
    ["L'ARS peut-elle financer l'étude de faisabilité ou le démarrage de notre MSP ?", /FIR|fonds d'intervention/, undefined],
  ])('« %s » is answered by the section on what is asked, not the practice form’s summary', async (question, fact, path) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(fact);
    expect(reply.citations.every((c) => !c.path.startsWith('registries/practice-forms'))).toBe(true);
    if (path) expect(reply.citations.map((c) => c.path)).toContain(path);
  });

  it.each(['CPTS missions ?', 'quelles sont les missions des CPTS', 'What are the missions of a CPTS?'])('keeps the practice form’s facts for « %s », which asks no more than they sum up', async (question) => {
    const reply = await ask(question);
    expect(reply.text).toMatch(/accès aux soins/);
    expect(reply.text).toMatch(/qualité et (de la )?pertinence/);
  });
});

describe('two-part questions', () => {
  it('answers each part from what answers it best, citations numbered across the parts', async () => {
    const reply = await ask('la teleexpertise est remboursee depuis quand ? et on peut en faire combien par an pour un meme patient ?');
    expect(reply.text).toMatch(/10 février 2019/);
    expect(reply.text).toMatch(/4 actes par an/);
    const cited = [...reply.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(Math.max(...cited)).toBe(reply.citations.length);
    expect(reply.text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS + 20);
  });

  it('gives a part what a shorter one leaves of the length', async () => {
    const reply = await ask("téléexpertise : le requis touche combien aujourd'hui et il a combien de temps pour répondre ?");
    expect(reply.text).toMatch(/23 €/u);
    expect(reply.text).toMatch(/7 jours/u);
    expect(reply.text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS + 20);
  });

  it('keeps the source both parts come down to when the whole reads as another question', async () => {
    const reply = await ask("dans le protocole rhino-conjonctivite allergique, quelle est la tranche d'âge des patients, et les pharmaciens y sont-ils délégués ?");
    expect(reply.text).toMatch(/15 à 50 ans/u);
    expect(reply.text).toMatch(/pharmacien/u);
  });

  it('reads « and can’t get to the practice » as part of a statement, not a second question', async () => {
    const reply = await ask(
      "My patient is 72, lives alone and can't get to the practice any more; the GP visited her at home four times last year, and she has no psychiatric history. Can the community nurse follow her under the home-care cooperation protocol?",
    );
    expect(reply.text).toMatch(/^\*\*Oui\*\* : à 72 ans/u);
    expect(reply.text).not.toMatch(/partie de la question/u);
  });

  it('names the part the base does not answer, without repeating the asker’s words', async () => {
    const reply = await ask("Qu'est-ce qu'une CPTS ? et combien coûte le stockage des vaccins ?");
    expect(reply.text).toMatch(/communauté professionnelle territoriale/);
    expect(reply.text).toMatch(/la seconde partie de la question, je n'ai pas trouvé/);
    expect(reply.text).not.toMatch(/stockage/);
  });
});

describe('honesty', () => {
  it('says a named protocol is not in the base instead of describing another one', async () => {
    for (const question of [
      'Le protocole asthme existe-t-il pour les infirmiers ?',
      'Is there an asthma protocol for nurses?',
      'Protocole de coopération dentiste / assistant dentaire pour le détartrage : qui peut le faire et depuis quand ?',
      "le protocole de coopération kiné pour douleur de l'épaule, il marche comment ?",
    ]) {
      const reply = await ask(question);
      expect(reply.kind).toBe('unknown');
      expect(reply.text).toMatch(/n'est pas dans ma base/);
    }
    for (const question of [
      'Le protocole cystite permet-il au pharmacien de délivrer la fosfomycine ?',
      'protocole finalement refusé : recours ?',
      'protocole rédigé hier soir, et maintenant ?',
      "le protocole IOA pour une douleur de l'épaule après une chute ?",
    ]) {
      expect((await ask(question)).text, question).not.toMatch(/n'est pas dans ma base/);
    }
    // The user's words are never repeated: they could name a patient.
    expect((await ask('le protocole de Mme Martin est-il valide ?')).text).not.toMatch(/martin/i);
    for (const question of ['qui peut suturer la plaie de Mme Martin aux urgences ?', 'protocoles de coopération pour soigner M. Durand ?', 'who can stitch up Mr Smith?']) {
      expect((await ask(question)).text, question).not.toMatch(/martin|durand|smith/i);
    }
  });

  it.each([
    'Notre protocole local sur les plaies chroniques marche bien. Est-ce qu’un protocole local peut devenir national ?',
    "La MSP d'à côté a écrit son propre protocole local sur les bas de contention. On peut le reprendre tel quel chez nous ?",
    'Nos infirmières ont écrit avec nos médecins un protocole maison pour le suivi des plaies. Comment le mettre en place officiellement ?',
    'Their in-house protocol on wound care works well: can it be declared as a local cooperation protocol?',
  ])('reads a team’s own protocol as no protocol to look up: « %s »', async (question) => {
    const reply = await ask(question);
    expect(reply.text).not.toMatch(/n'est pas dans ma base|Sutures de plaies|aucun protocole de coopération pour l'acte/u);
  });

  it.each([
    "Notre protocole maison sur le renouvellement des bas de contention par l'IDE, il a été déclaré à l'ARS quand ?",
    'Est-ce que notre protocole local de suivi INR est bien déclaré à l’ARS ?',
    "Dans notre protocole maison, c'est quoi les critères d'exclusion ?",
    'Notre protocole local sur les bas de contention : qui sont les délégués ?',
  ])('says a fact asked of a team’s own protocol is not in the base: « %s »', async (question) => {
    expect((await ask(question)).text).toMatch(/n'est pas dans ma base/u);
  });

  it.each(['Un protocole local, c’est quoi ?', "Notre protocole cystite, on l'applique depuis 2021 ; les indicateurs c'est quoi ?", "Le médecin voudrait qu'on écrive notre propre protocole pour les plaies. Protocole national et protocole local, ça change quoi ?"])(
    'reads no team’s own protocol in « %s »',
    async (question) => {
      expect((await ask(question)).text).not.toMatch(/n'est pas dans ma base/u);
    },
  );

  it('abstains on what the base does not hold, offering close topics it does cover', async () => {
    const reply = await ask('Quelle est la capitale de l’Australie ?');
    expect(reply.kind).toBe('unknown');
    // It says what the base is about, so that a question off its scope is seen to be.
    expect(reply.text).toMatch(/porte sur l'exercice coordonné/u);
    const close = await ask('Combien coûte la cotisation annuelle à la fédération des maisons de santé ?');
    expect(close.kind).toBe('unknown');
    expect(close.suggestions?.length ?? 0).toBeGreaterThan(0);
    expect(close.suggestions!.length).toBeLessThanOrEqual(3);
  });
});

describe('threads', () => {
  const history: Turn[] = [
    { role: 'user', text: 'Comment créer une MSP ?' },
    { role: 'assistant', text: 'Une MSP réunit au moins deux médecins généralistes…' },
  ];

  it('answers a standalone question on its own, and a real follow-up with the thread’s subject', async () => {
    const dac = await ask("c'est quoi un DAC ?", history);
    expect(dac.citations[0]?.path).toBe('articles/dac-dispositifs-appui-coordination.md');
    const afterAsthma: Turn[] = [{ role: 'user', text: 'Le protocole asthme existe-t-il ?' }];
    expect((await ask("et c'est quoi une CPTS ?", afterAsthma)).text).toMatch(/communauté professionnelle territoriale/i);
    const afterPatient: Turn[] = [{ role: 'user', text: 'Une femme de 70 ans avec une cystite, l’infirmière peut la prendre en charge ?' }];
    expect((await ask('Et le financement ACI, comment ça marche ?', afterPatient)).text).not.toMatch(/70 ans/);
    const cptsFollowUp = await ask('Et pour une CPTS ?', history);
    expect(cptsFollowUp.citations[0]?.path).toMatch(/cpts/);
    const lookup = await ask('et pour un kiné ?', [{ role: 'user', text: 'Qui peut suturer une plaie aux urgences ?' }]);
    expect(lookup.text).toMatch(/masseurs?-kinésithérapeutes/);
    expect(lookup.text).toMatch(/sutur/i);
    const cpts: Turn[] = [{ role: 'user', text: "Qu'est-ce qu'une CPTS ?" }];
    const followUp = await ask('Et ses missions ?', cpts);
    expect(followUp.text).toMatch(/CPTS|communauté professionnelle/);
    expect(followUp.text).toMatch(/mission/i);
  });
});

describe('two-part questions across handlers', () => {
  it('answers an eligibility part and a definition part, each on its own', async () => {
    const reply = await ask("je suis kiné en CPTS, je peux appliquer le protocole entorse ? et c'est quoi une ESP ?");
    expect(reply.text).toMatch(/^\*\*Non\*\*.*31 août 2023/);
    expect(reply.text).toMatch(/équipe de soins primaires/);
  });

  it.each([
    ["il existe un protocole national pour que l'infirmière adapte les doses d'anticoagulants ? c'est quel arrêté ?"],
    ["Is there a national protocol letting nurses manage asthma? When was it authorised?"],
  ])('« %s » : a protocol the base does not hold is said to be missing for the part following up on it too', async (question) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('unknown');
    expect(reply.text).toMatch(/n'est pas dans ma base/);
    expect(reply.text).not.toMatch(/partie de la question/);
  });

  it('keeps a list of facts asked of one thing as one question', async () => {
    expect((await ask('Psychomotricien : Ordre ? URPS ?')).text).toMatch(/^\*\*Ordre : non ; URPS : non\.\*\*/);
    expect((await ask('les orthophonistes ont-ils un ordre ? et une URPS ?')).text).toMatch(/^\*\*Ordre : non ; URPS : oui\.\*\*/);
  });
});
