import { describe, expect, it } from 'vitest';
import { askedDetails, lacksAsked } from '../../src/knowledge/asked-details.ts';
import { analyseQuestion, SITUATION_WEIGHT, withClaimsUnfigured, withoutNegatedMentions } from '../../src/knowledge/question-analysis.ts';
import { terms } from '../../src/text/french.ts';

const kind = (text: string) => analyseQuestion(text).kind;
const weightOf = (text: string, clause: string) => analyseQuestion(text).clauses.find((c) => c.text.includes(clause))?.weight;

describe('the kind of a question', () => {
  it('reads no comparison in what the asker says of themselves', () => {
    expect(kind("On est trois MG, on en a marre d'exercer chacun dans notre coin et on voudrait monter une maison de santé. Par quoi on commence ?")).toBe('steps');
    expect(kind('Ordre des kinés et des infirmiers : chacun a le sien ?')).toBe('comparison');
  });

  it('reads « les grandes étapes », « the main steps » as asking for steps', () => {
    for (const q of ["Quelles sont les grandes étapes pour qu'un protocole de coopération devienne national ?", "on veut creer une cpts, c'est quoi les grandes etapes jusqu'au financement ?", 'What are the main steps to set up a SISA?', 'les principales étapes pour ouvrir un centre de santé ?']) expect(kind(q), q).toBe('steps');
  });

  it('reads « c quoi », « c koi », « kesako » after the subject as asking a definition', () => {
    for (const q of ['protocole de coop c quoi exactement ?', 'une ESP c koi ?', 'PTA, kesako ?', 'CNCI : kézako ?', 'Un protocole de coopération, concrètement, ça consiste en quoi ?', "le DAC cest quoi ?"]) expect(kind(q), q).toBe('definition');
  });

  it('reads no definition in « qu’est-ce qu’on fait », « qu’est-ce que je peux déléguer »', () => {
    for (const q of ['qu’est-ce qu’on fait concrètement comme actes ?', 'Médecin anesthésiste : qu’est-ce que je peux déléguer par protocole ?']) expect(kind(q), q).not.toBe('definition');
    expect(kind('qu’est-ce qu’un protocole de coopération ?')).toBe('definition');
  });

  it('reads « quand » / « when » as asking for a date only where it asks', () => {
    for (const q of ['Quand le protocole cystite a-t-il été autorisé ?', 'ACI MSP : signé quand ?', 'Depuis quand les CPTS existent-elles ?', 'When was the CPTS ACI signed?', "c'est quand la date limite ?"]) {
      expect(kind(q), q).toBe('number');
    }
    for (const q of ['A 15-year-old girl with burning when she pees. Can I use the cystitis protocol?', 'Il peut quand même entrer dans le protocole domicile ?', 'quand elle a de la fièvre, le protocole cystite marche encore ?']) {
      expect(kind(q), q).not.toBe('number');
    }
  });

  it('reads « qui » as asking who only in its interrogative uses', () => {
    for (const q of ['Qui peut suturer une plaie aux urgences ?', 'à qui envoyer le projet de santé ?', 'Le projet de santé, c’est qui qui le valide ?']) expect(kind(q), q).toBe('who');
    expect(kind("IDE en centre de santé, l'anesthésiste qui consulte chez nous me propose de poser des VVC. C'est possible ?")).not.toBe('who');
    for (const q of ['Who can prescribe sick leave under a protocol?', 'Who signs the ACI contract?', 'And who is the délégant in the IOA protocol?', 'Do you know who validates the health project?', 'By whom is the protocol authorised?']) expect(kind(q), q).toBe('who');
    for (const q of [
      'A 29-year-old woman who is five months pregnant comes in with a sore wrist; can the triage nurse order the X-ray?',
      'Our nurses who have the training: can they apply the cystitis protocol?',
      'My patient, who is 72 and lives alone, can the nurse follow her at home?',
    ])
      expect(kind(q), q).not.toBe('who');
  });

  it('reads steps with words between « comment » and the verb, and plain « on commence par quoi »', () => {
    for (const q of ['comment on cree une cpts ??', 'Comment je fais pour déclarer un protocole ?', 'On voudrait monter une MSP. On commence par quoi ?', 'What are the steps to open an MSP?', 'on veut monter une CPTS, par quoi on commence ?', "Pour obtenir l'ACI, la MSP doit faire quoi ?"]) {
      expect(kind(q), q).toBe('steps');
    }
  });

  it('reads « A et B : quelle différence ? » as a comparison of A and B', () => {
    expect(analyseQuestion('Ordre et URPS, c’est quoi la différence ?').sides).toEqual(['Ordre', 'URPS']);
    expect(analyseQuestion('MSP et ESP : quelle différence sur la structure juridique ?').sides).toEqual(['MSP', 'ESP']);
  });

  it.each([
    ["ESP et CPTS c'est pareil ? quelle diff", ['ESP', 'CPTS']],
    ["Dans l'ACI, un protocole pluripro et un protocole de coopération, ça compte pareil ?", ['un protocole pluripro', 'un protocole de coopération']],
    ["Missions socles et missions optionnelles d'une CPTS : qu'est-ce qui les distingue ?", ['Missions socles', "missions optionnelles d'une CPTS"]],
    ['MSP and health centre: are they the same thing?', ['MSP', 'health centre']],
    ['la délégation et le transfert de tâches, c’est la même chose ?', ['la délégation', 'le transfert de tâches']],
    ['msp et cpts c est pareil', ['msp', 'cpts']],
    ["Est-ce que l'ACI et l'accord conventionnel c'est la même chose ?", ["l'ACI", "l'accord conventionnel"]],
    ["Formation pour le protocole entorse vs formation pour le protocole lombalgie : c'est la même chose ?", ['Formation pour le protocole entorse', 'formation pour le protocole lombalgie']],
    ['Le protocole sur les entorses et celui sur le mal de dos, c’est pareil ?', ['Le protocole sur les entorses', 'celui sur le mal de dos']],
    ["coopération vs coordination selon l'UNRS, c'est quoi la nuance ?", ['coopération', 'coordination']],
    ['delegation vs task shifting according to the UNRS: what is the difference?', ['delegation', 'task shifting']],
    ['on hésite entre écrire « délégation » ou « transfert » de tâches dans notre projet de santé, c pareil ou pas ?', ['délégation', 'transfert']],
    ['missions socles et optionnelles diff ?', ['missions socles', 'optionnelles']],
    ['diff esp cpts', ['esp', 'cpts']],
    ['ordre ou urps difference', ['ordre', 'urps']],
    ['centre de sante ou msp c quoi la diff', ['centre de sante', 'msp']],
    ['aci msp vs aci cpts c koi la diff', ['aci msp', 'aci cpts']],
    ['CPTS c pareil qu une MSP ?', ['CPTS', 'une MSP']],
    ['which is better for a small team, ESP or MSP?', ['ESP', 'MSP']],
    ['ESP ou MSP, laquelle est la plus adaptée pour nous ?', ['ESP', 'MSP']],
  ])('reads « %s » as a comparison, the words saying it alike left out of the sides', (question, sides) => {
    const analysed = analyseQuestion(question);
    expect(analysed.kind).toBe('comparison');
    expect(analysed.sides).toEqual(sides);
    // The clause that names both sides is what is compared, even when the asker says it of themselves.
    expect(analysed.clauses.find((clause) => sides.every((side) => clause.text.includes(side)))?.weight).toBeGreaterThan(SITUATION_WEIGHT);
  });
});

describe('a clause opening on a relative word, in a sentence that states', () => {
  it.each([
    ["Notre kiné, qui est aussi trésorier de l'association, a eu une discussion avec un confrère. Comment sont choisis les représentants d'une URPS ?", 'qui est aussi trésorier'],
    ['Ma collègue, qui travaille dans une CPTS, dit que le protocole est ouvert aux CPTS. Est-ce vrai ?', 'qui travaille dans une CPTS'],
    ['My colleague, who works in a CPTS near Lyon, says the protocol is open to CPTS. Is that right?', 'who works in a CPTS'],
  ])('« %s » : « %s » is not asked', (question, clause) => {
    expect(weightOf(question, clause)).toBeLessThan(1);
  });

  it('does not give its kind to the question', () => {
    expect(kind("Notre kiné, qui est aussi trésorier de l'association, a eu une discussion avec un confrère. Comment sont choisis les représentants d'une URPS ?")).not.toBe('who');
  });

  it.each([
    ['Pour le protocole cystite, qui signe la déclaration ?', 'qui signe la déclaration ?'],
    ['Dans une MSP, qui est le délégant du protocole cystite', 'qui est le délégant'],
  ])('« %s » : an interrogative « qui » still asks', (question, clause) => {
    expect(weightOf(question, clause)).toBe(1);
    expect(kind(question)).toBe('who');
  });

  it('reads « ou » (or) as no relative « où »: « Faut-il créer une SISA, ou une association suffit-elle ? » asks both', () => {
    expect(weightOf('Faut-il créer une SISA, ou une association loi 1901 suffit-elle, pour percevoir l’ACI ?', 'ou une association loi 1901 suffit-elle')).toBe(1);
  });

  it('reads the kind of a question from the clause that asks (« Under the … protocol, can the nurse … ? »)', () => {
    expect(kind('Under the ankle sprain protocol, can the physio prescribe an X-ray?')).toBe('yes-no');
  });
});

describe('« quoi » after its verb, and adverbs that stand for what was said before', () => {
  it.each([
    ['On attaque le projet de santé. On met quoi dedans, dans quel ordre ?', 'On met quoi dedans'],
    ['Pour le dossier ACI, on fait quoi en premier ?', 'on fait quoi en premier ?'],
    ['Notre équipe a un protocole local. Nous on doit envoyer quoi à l ARS ?', 'Nous on doit envoyer quoi'],
  ])('« %s » : « %s » asks', (question, clause) => {
    expect(weightOf(question, clause)).toBe(1);
  });

  it.each([
    ['On est trois infirmières à Guéret, on rame un peu avec la paperasse quoi. Comment déclarer un protocole local ?', 'on rame un peu avec la paperasse quoi.'],
    ["On débute, c'est un peu le flou quoi. Quelles sont les étapes pour créer une CPTS ?", "c'est un peu le flou quoi."],
  ])('« %s » : the filler « quoi » asks nothing', (question, clause) => {
    expect(weightOf(question, clause)).toBeLessThan(1);
  });

  it.each([
    ['On attaque la rédaction du projet de santé. On met quoi dedans ?', 'On attaque la rédaction du projet de santé.'],
    ["We're drafting the health project. What goes in it?", "We're drafting the health project."],
  ])('« %s » : the clause pointed back to is the topic, though it tells the asker', (question, clause) => {
    expect(weightOf(question, clause)).toBeGreaterThan(SITUATION_WEIGHT);
  });

  it('does not read « je ne sais quoi » or « quoi que » as asking', () => {
    expect(weightOf('On a un je ne sais quoi de bizarre dans le dossier. Qui valide le projet de santé ?', 'On a un je ne sais quoi')).toBeLessThan(1);
  });
});

describe('a claim checked: the claim is asked, who holds it is its topic', () => {
  it.each([
    ["Ma remplaçante pense que les infirmières n'ont pas d'Ordre. Je lui dis quoi ?", 'les infirmières', 'Ma remplaçante'],
    ["mon orthoptiste me dit qu'elle a plus besoin de protocole pour renouveler les lunettes, c vrai ?", 'elle a plus besoin', 'mon orthoptiste'],
    ['My colleague thinks every ACI criterion is compulsory for the MSP. Is she right?', 'every ACI criterion', 'My colleague'],
    ['The coordinator says the local MAIA still runs as its own service. Is that right?', 'the local MAIA', 'The coordinator'],
    ["Mon associé est persuadé qu'on peut fermer le samedi. C'est vrai ?", 'on peut fermer', 'Mon associé'],
    ["Le médecin du cabinet raconte que la SISA peut salarier des IDE. Vous confirmez ?", 'la SISA peut salarier', 'Le médecin du cabinet'],
    ["Mon associé prétend qu'on peut fermer le samedi. Tu confirmes ?", 'on peut fermer', 'Mon associé'],
  ])('« %s »', (question, claim, holder) => {
    const { clauses } = analyseQuestion(question);
    expect(clauses.find((clause) => clause.text.startsWith(claim))?.weight).toBe(1);
    const held = clauses.find((clause) => clause.text.startsWith(holder));
    expect(held).toMatchObject({ weight: 0.8 });
    expect(held?.text).not.toMatch(/\b(?:pense|dit|persuadé|raconte|prétend|thinks|says)\b/u);
  });
});

describe('the figures of a claim checked are what is checked, not what is asked', () => {
  it.each([
    ["ma collegue dit que l'aci des msp date de 2015, c'est ça ?", 'l\'aci des msp date de', []],
    ["un interne m'a dit que le protocole cystite c pour les femmes de 18 à 60 ans, je met ça sur l'affiche ?", 'le protocole cystite c pour les femmes de', []],
    ['A colleague told me the sore throat protocol was opened to CPTS in 2020. Is that so?', 'the sore throat protocol was opened to CPTS in', []],
    ["Un confrère dit qu'avec le protocole entorse on peut prendre les patients jusqu'à 65 ans : c'est bien la limite d'âge ?", 'avec le protocole entorse on peut prendre les patients jusqu', []],
    ["On me dit que l'avenant 4 de l'ACI CPTS change les missions socles : c'est vrai ?", "l'avenant 4 de l'ACI CPTS change les missions socles", ['4']],
  ])('« %s »', (question, claim, kept) => {
    const clause = withClaimsUnfigured(analyseQuestion(question)).clauses.find((c) => c.text.startsWith(claim));
    expect(clause?.weight).toBe(1);
    expect(askedDetails(clause?.text ?? '').years).toEqual([]);
    expect(clause?.text.match(/\d+/gu) ?? []).toEqual(kept);
  });

  it('keeps the figures of a question that is no claim, of figures without a unit, and for what checks the claim', () => {
    const said = (question: string) => withClaimsUnfigured(analyseQuestion(question)).clauses.map((c) => c.text).join(' ');
    expect(said("L'ACI des MSP date de 2017 ?")).toMatch(/2017/u);
    expect(said('One website says 6–45 and another 6–50 for the sore throat protocol. Which one is right?')).toMatch(/6–45.*6–50/u);
    expect(analyseQuestion("Mon collègue m'a dit que le kiné peut prescrire un arrêt de 15 jours, c'est vrai ?").clauses.map((c) => c.text).join(' ')).toMatch(/15 jours/u);
  });
});

describe('a second question whose verb comes first, its interrogative last', () => {
  it.each([
    ['protocole ioa radio aux urgences date de quand et exclut qui ?', ['protocole ioa radio aux urgences date de quand', 'exclut qui ?']],
    ['combien de protocoles nationaux fin 2023 et c qui qui les autorise ?', ['combien de protocoles nationaux fin 2023', 'c qui qui les autorise ?']],
    ["le kiné et l'IDE c'est qui ?", undefined],
    ['Le protocole entorse et le protocole lombalgie concernent qui ?', undefined],
  ])('« %s »', (question, parts) => {
    expect(analyseQuestion(question).parts).toEqual(parts);
  });
});

describe('a second question after « and »', () => {
  it.each([
    ['What is an ESP and can it join a CPTS?', ["qu'est-ce que ESP", 'can it join a CPTS?']],
    ['Pregnant woman, 29, fell on her ankle and is at ER triage. Can the triage nurse order the X-ray?', undefined],
    ['The MSP has two GPs and does home visits. Is that enough?', undefined],
  ])('« %s »', (question, parts) => {
    expect(analyseQuestion(question).parts).toEqual(parts);
  });
});

describe('SMS spellings of the words that ask', () => {
  it.each([
    ['aci msp le contrat il dure cmb de tps ?', 'number'],
    ['protocle lombalgie la douleur doit dater de cmbien de temps max ?', 'number'],
    ['cbn ça coûte une téléexpertise ?', 'number'],
    ['ACI CPTS signé qd ?', 'number'],
  ])('« %s » → %s', (question, expected) => {
    expect(kind(question)).toBe(expected);
  });

  it('reads « combien de temps » in « cmb de tps »: a duration is asked', () => {
    const { text } = analyseQuestion('le contrat dure cmb de tps ?');
    expect(askedDetails(text).units).toEqual(askedDetails('le contrat dure combien de temps ?').units);
    expect(askedDetails(text).units.length).toBeGreaterThan(0);
  });
});

describe('how something goes, asked as steps', () => {
  it.each([
    "Comment se passe la fabrication d'un protocole national ?",
    'comment ça se passe une téléexpertise ?',
    'Comment ca marche, la déclaration ?',
    'Le protocole entorse, ça se déroule comment pour moi ?',
    'je viens d’être formée, on fait quoi de A à Z ?',
    'Protocole sutures : qui fait quoi étape par étape ?',
    'How does a tele-expertise request work in practice?',
    'How does the declaration of a protocol actually work?',
    'Walk me through how a national protocol gets authorised.',
    'What do we have to do administratively?',
    'Explain step by step how we declare a protocol.',
  ])('« %s »', (question) => {
    expect(kind(question)).toBe('steps');
  });

  it.each(['Comment le médecin est-il joignable ?', 'How much does it cost?', 'Does the protocol work for children?'])('« %s » does not ask how it goes', (question) => {
    expect(kind(question)).not.toBe('steps');
  });
});

describe('steps asked in English, and doing « the same » as others', () => {
  it.each([
    'How do we apply for FIR funding for our future MSP?',
    'How do we get a new CPTS recognised and funded?',
    "What's the process for declaring a local protocol?",
  ])('« %s » asks for steps', (question) => {
    expect(kind(question)).toBe('steps');
  });

  it.each([
    ['What are the steps to create a CPTS?', 'steps'],
    ["What's the process for declaring a local protocol?", 'steps'],
    ["What's the deadline for a CPTS to start its missions?", 'open'],
    ['What is a CPTS?', 'definition'],
    ["what's an ESP", 'definition'],
  ])('« %s » : what is asked of « what is the … » is an aspect, not a definition, unless a thing follows (%s)', (question, expected) => {
    expect(kind(question)).toBe(expected);
  });

  it.each([
    "A neighbouring team got money for their feasibility study and we'd like to do the same. What conditions do we have to meet?",
    'La MSP voisine a eu le FIR, on voudrait faire la même chose. Quelles conditions faut-il remplir ?',
  ])('« %s » compares nothing', (question) => {
    expect(kind(question)).not.toBe('comparison');
  });

  it('reads sameness said before the question as no comparison (« Elle voudrait la même chose. … est-ce possible pour elle ? »)', () => {
    expect(kind('Une cliente de 55 ans a vu son amie renouveler son traitement. Elle voudrait la même chose. Je suis déléguée sur le protocole : est-ce possible pour elle ?')).not.toBe('comparison');
    expect(kind('Our neighbours got the same thing last year. We are a CPTS: can we apply the cystitis protocol?')).not.toBe('comparison');
    expect(kind('Entorse de cheville vs lombalgie aiguë : la formation des kinés est la même ?')).toBe('comparison');
  });

  it.each(['Est-ce que c’est possible ?', "Mon associé pensait l'inclure dans le protocole domicile. Est-ce que c'est possible ?"])(
    '« %s » asks whether, not what something is',
    (question) => {
      expect(kind(question)).toBe('yes-no');
    },
  );

  it.each(['je sais pas ce que c est la sisa', "je ne sais pas ce qu'est une SISA", "I don't know what a DAC is"])('« %s » asks a definition, « je ne sais pas » aside', (question) => {
    expect(kind(question)).toBe('definition');
    expect(analyseQuestion(question).clauses.map((c) => c.text).join(' ')).not.toMatch(/sais|know/iu);
  });

  it.each(['Can a health centre do the same as an MSP for the ACI?', "Est-ce qu'un centre de santé peut faire la même chose qu'une MSP pour l'ACI ?"])('« %s » compares, a side following', (question) => {
    expect(kind(question)).toBe('comparison');
  });

  it.each(['Is the HAS involved in the process for national protocols?', 'Does the HAS have to give its opinion in the process of authorising a national protocol?'])('« %s » asks whether, not for steps', (question) => {
    expect(kind(question)).toBe('yes-no');
  });

  it.each(['Is an ESP the same thing as an MSP?', 'MSP et ESP, c’est la même chose ?'])('« %s » still compares', (question) => {
    expect(kind(question)).toBe('comparison');
  });
});

describe('what is asked and what is said aside', () => {
  it('counts every clause that asks as asked, not only the last one', () => {
    const analysed = analyseQuestion("Qui valide le projet de santé, c'est l'ARS ?");
    expect(analysed.clauses.map((c) => c.weight)).toEqual([1, 1]);
  });

  it('puts every part of a sentence about the asker aside, not a clause that only mentions them', () => {
    const q = 'On est 2 généralistes, une infirmière et un kiné dans le même village. Pour déclarer qu’on applique le protocole cystite, faut fournir quoi ?';
    expect(weightOf(q, 'une infirmière et un kiné')).toBe(SITUATION_WEIGHT);
    expect(weightOf(q, 'Pour déclarer')).toBeGreaterThan(SITUATION_WEIGHT);
  });

  it.each([
    ["What is a SISA? The practice I'm locuming at keeps mentioning it.", 'The practice'],
    ["C'est quoi un DAC ? Mon médecin m'en a parlé hier.", 'Mon médecin'],
    ["Qu'est-ce que l'ACI ? On nous demande de le signer.", 'On nous'],
    ['What does CPTS stand for? We are joining one next month.', 'We are'],
  ])('« %s » : what follows the question and mentions the asker is their situation', (question, aside) => {
    expect(weightOf(question, aside)).toBe(SITUATION_WEIGHT);
    expect(analyseQuestion(question).clauses[0]?.weight).toBe(1);
  });

  it.each([
    ['Ma Santé 2022, ça a été lancé en quelle année ?', 'Ma Santé 2022', false],
    ['Mon espace santé, les patients y ont accès comment ?', 'Mon espace santé', false],
    ['Ma MSP, elle peut signer l’ACI ?', 'Ma MSP', true],
    ['Mon cabinet, il peut appliquer le protocole ?', 'Mon cabinet', true],
  ])('« %s » : a name opening with a possessive is no situation of the asker, their own practice is (%s: %s)', (question, clause, situation) => {
    expect(weightOf(question, clause) === SITUATION_WEIGHT).toBe(situation);
  });

  it.each([
    ["The team asked me to send results via 'MSSanté'. What's MSSanté?", 'The team asked me'],
    ["la CME de l'hôpital doit donner son avis sur notre protocole, c'est quoi la CME ?", "la CME de l'hôpital"],
    ['On nous parle du ROR dans le projet de santé. Le ROR, c’est quoi ?', 'On nous parle'],
    ['Une collègue de la MSP va rejoindre Asalée. Asalée c’est quoi au juste ?', 'Une collègue'],
    ['on me parle de SISA pour notre future maison de santé, c quoi exactement ce truc ?', 'pour notre future maison de santé'],
  ])('« %s » : where the asker met the term a definition asks about is aside', (question, aside) => {
    expect(weightOf(question, aside)).toBe(SITUATION_WEIGHT);
  });

  it.each([
    ['la SISA c quoi ? une asso ?', 'une asso'],
    ["le projet de santé d'une MSP c'est quoi au juste, c'est un dossier administratif ?", 'dossier administratif'],
    ["The practice manager keeps mentioning the 'ACI'. What is it — some kind of grant?", 'some kind of grant'],
  ])('« %s » : what the asker guesses the thing defined is, is aside (%s)', (question, guess) => {
    expect(weightOf(question, guess)).toBe(SITUATION_WEIGHT);
  });

  it('reads no guess in what else a definition asks (« Des exemples ? »)', () => {
    expect(weightOf("Selon l'UNRS, la coopération c'est quoi ? Des exemples ?", 'Des exemples')).toBe(1);
  });

  it.each([
    ['Pour le protocole entorse, c’est quoi la formation ?', 'Pour le protocole entorse'],
    ["Médecin anesthésiste : qu'est-ce que je peux déléguer par protocole ?", 'Médecin anesthésiste'],
  ])('« %s » : a clause naming more than the definition asks about stays its topic', (question, topic) => {
    expect(weightOf(question, topic)).toBeGreaterThan(SITUATION_WEIGHT);
  });

  it('reads « what’s » as asking a definition wherever it asks', () => {
    expect(kind("The team asked me to send results via 'MSSanté'. What's MSSanté?")).toBe('definition');
  });

  it('keeps a topic said after the question when it does not mention the asker', () => {
    expect(weightOf("C'est quoi l'ACI ? Celui des centres de santé.", 'Celui des centres')).toBeGreaterThan(SITUATION_WEIGHT);
  });

  it.each([
    ['Différence entre une MSP et une CPTS, en deux mots ?', ['une MSP', 'une CPTS']],
    ['Différence entre une MSP et une CPTS, en bref ?', ['une MSP', 'une CPTS']],
    ['difference between an MSP and a CPTS, briefly?', ['an MSP', 'a CPTS']],
  ])('« %s » : words on the answer’s length frame it; the clause before them asks', (question, sides) => {
    const analysed = analyseQuestion(question);
    expect(analysed.sides).toEqual(sides);
    expect(analysed.clauses[0]?.weight).toBe(1);
  });

  it.each([
    ['Odynophagie et cystite : même délégant ?', ['Odynophagie', 'cystite']],
    ['MSP et centre de santé, les mêmes financements ?', ['MSP', 'centre de santé']],
    ['entorse et lombalgie : same delegate?', ['entorse', 'lombalgie']],
  ])('« %s » : two sides compared on one aspect (« même … ») make a comparison', (question, sides) => {
    const analysed = analyseQuestion(question);
    expect(analysed.kind).toBe('comparison');
    expect(analysed.sides).toEqual(sides);
  });

  it.each([
    ["MSP ou centre de santé : qu'est-ce qui change pour le statut des soignants ?", ['MSP', 'centre de santé']],
    ["entre le protocole entorse et le protocole lombalgie, qu'est ce qui change pour le kiné ?", ['le protocole entorse', 'le protocole lombalgie']],
    ['Protocole national ou protocole local : what changes for the team?', ['Protocole national', 'protocole local']],
  ])('« %s » : two sides and « what changes » make a comparison', (question, sides) => {
    const analysed = analyseQuestion(question);
    expect(analysed.kind).toBe('comparison');
    expect(analysed.sides).toEqual(sides);
  });

  it.each([
    "Travail en équipe : qu'est-ce que ça change pour le patient, et pour nous les soignants ?",
    "Le nouvel avenant, qu'est-ce qui change pour nous ?",
  ])('« %s » : « what changes » without two sides set against each other is no comparison', (question) => {
    expect(analyseQuestion(question).kind).not.toBe('comparison');
  });

  it.each([
    ['On me parle sans arrêt de MSP et de CPTS. Je ne comprends pas la différence entre les deux, vous pouvez m’expliquer ?', ['MSP', 'CPTS']],
    ['On hésite entre une ESP et une MSP. Quelle différence entre les deux ?', ['ESP', 'MSP']],
    ['People keep talking about MSPs and CPTSs. What is the difference between the two?', ['MSPs', 'CPTSs']],
  ])('« %s » : « les deux », « the two » point back to the pair named before', (question, sides) => {
    expect(analyseQuestion(question).sides).toEqual(sides);
  });

  it.each([
    ['Salut la team 👋 On lance un groupe de travail à la CPTS. C’est quoi le DMP ?', 'On lance'],
    ['Hello la compagnie ! On vient de démarrer le protocole cystite. Combien d’indicateurs ?', 'On vient'],
    ['Bonjour à tous, kiné à la MSP. Je voudrais m’inscrire au protocole lombalgie, la formation dure combien ?', 'Je voudrais'],
    ['hello hello, sage-femme libérale ici ! Comment écrire un projet de santé ?', 'sage-femme libérale ici'],
  ])('« %s » : the greeting is no clause, the situation stays aside', (question, aside) => {
    const clauses = analyseQuestion(question).clauses;
    expect(clauses.some((c) => /\b(?:salut|hello|bonjour|team|compagnie)\b/iu.test(c.text))).toBe(false);
    expect(clauses.every((c) => !/\p{Extended_Pictographic}/u.test(c.text))).toBe(true);
    expect(weightOf(question, aside)).toBe(SITUATION_WEIGHT);
  });

  it.each([
    ["Quelqu'un peut me rappeler ce qu'est le DMP ?", 'definition'],
    ['Pouvez-vous me résumer ce que sont les missions socles ?', 'definition'],
    ['Can someone tell me what a DAC is?', 'definition'],
    ['What exactly is a SISA in French primary care?', 'definition'],
    ["J'aimerais comprendre ce qu'est une SISA", 'definition'],
  ])('« %s » : asking someone to tell frames the question', (question, expected) => {
    const analysed = analyseQuestion(question);
    expect(analysed.kind).toBe(expected);
    expect(analysed.clauses.map((c) => c.text).join(' ')).not.toMatch(/rappeler|résumer|tell|comprendre/iu);
  });

  it.each([
    ["on me parle de téléexpertise pour un avis à distance, ça consiste en quoi ?", 'téléexpertise'],
    ['je bosse en CPTS et on me parle du DAC, c’est utile pour nous ?', 'DAC'],
    ['My colleague mentions the ACI all the time, is it compulsory?', 'ACI'],
    ['Dans notre MSP on a écrit un protocole local. Concrètement, comment on le déclare, à qui ?', 'protocole local'],
    ["On a un protocole local avec les IDE, on l'applique comment ?", 'protocole local'],
  ])('« %s » : a clause that points back makes the one before it its topic', (question, topic) => {
    expect(weightOf(question, topic)).toBeGreaterThan(SITUATION_WEIGHT);
  });

  it.each([
    ["Je suis MG remplaçant depuis 4 ans et j'hésite : MSP en libéral ou poste dans un centre de santé. Quelle est la différence entre les deux ?", ['MSP en libéral', 'poste dans un centre de santé']],
    ['Kiné depuis 8 ans. Cabinet seul ou MSP ? Quelle différence entre les deux ?', ['Cabinet seul', 'MSP']],
  ])('« %s » : a clause that is only « X ou Y » names the sides « les deux » points back to, « depuis » is no « de »', (question, sides) => {
    expect(analyseQuestion(question).sides).toEqual(sides);
  });

  it("« … come as 'nationaux' or 'locaux' — how do they differ? » : two quoted terms are the sides", () => {
    expect(analyseQuestion("French cooperation protocols come as 'nationaux' or 'locaux' — how do the two kinds actually differ?").sides).toEqual(['nationaux', 'locaux']);
  });

  it('« X vs Y, c’est pareil ou pas ? » : every word that asks for the comparison is one of its kind', () => {
    expect(analyseQuestion("délégation de tâche vs transfert de tâche, c'est pareil ou pas ?").kindWords).toMatch(/vs.*pareil/);
  });

  it("« Quelle différence entre l'ACI des MSP et celui des CPTS : signés quand ? » : the second side ends at the colon", () => {
    expect(analyseQuestion("Quelle différence de calendrier entre l'ACI des MSP et celui des CPTS : signés quand, chacun ?").sides).toEqual(["l'ACI des MSP", 'celui des CPTS']);
  });

  it.each([
    ["J'entends parler en réunion de « protocole de coopération » comme si c'était évident. Vous pouvez m'expliquer de quoi il s'agit ?", 'protocole de coopération'],
    ['On me parle sans arrêt du « DAC » à la CPTS, c’est quoi ?', 'DAC'],
    ['Tout le monde dit "ACI" ici. Ça veut dire quoi ?', 'ACI'],
    // A clause of framing words only (« in plain English », « en bref ») between the term and the question is passed over.
    ["My French colleagues keep talking about 'protocoles de coopération'. In plain English, what is that?", 'protocoles de coopération'],
    ['On me parle du « DAC » en réunion. En bref, expliquez-moi : c’est quoi ?', 'DAC'],
    ["French coordination documents keep mentioning the 'ROR'. What is it?", 'ROR'],
    // An apostrophe inside a word quotes nothing.
    ["Tout le monde parle de l'ACI ici. Ça veut dire quoi ?", "l'ACI ici"],
  ])('« %s » : an asking clause that names nothing asks about the term quoted before it, the rest stays aside', (question, quoted) => {
    const analysed = analyseQuestion(question);
    expect(analysed.kind).toBe('definition');
    expect(analysed.clauses.filter((c) => c.weight === 1 && terms(c.text).length > 0).map((c) => c.text)).toEqual([quoted]);
  });

  it.each([
    ["The accountant keeps talking about their 'SISA'. What kind of company is that and what is it for?", ['SISA', 'What kind of company is that and what is it for?']],
    ['Le comptable parle sans cesse de la « SISA ». Ça sert à quoi pour nous ?', ['SISA', 'Ça sert à quoi pour nous ?']],
  ])('« %s » : an asking clause whose subject stands for a term quoted before asks about that term too', (question, asked) => {
    const analysed = analyseQuestion(question);
    expect(analysed.clauses.filter((c) => c.weight === 1).map((c) => c.text)).toEqual(asked);
    expect(analysed.clauses.find((c) => c.text.startsWith('The accountant') || c.text.startsWith('Le comptable'))?.weight).toBe(SITUATION_WEIGHT);
  });

  it('reads nothing quoted before a clause whose subject is a pronoun as its term', () => {
    const analysed = analyseQuestion('Le comptable parle sans cesse de la SISA. Ça sert à quoi pour nous ?');
    expect(analysed.clauses.map((c) => c.text)).not.toContain('SISA');
  });

  it('« … « responsabilité populationnelle ». Ça veut dire quoi, par rapport à une MSP ? » : the quoted term is asked, with what follows', () => {
    const analysed = analyseQuestion('Dans un dossier de CPTS je lis « responsabilité populationnelle ». Ça veut dire quoi, par rapport à une MSP ?');
    const asked = analysed.clauses.filter((c) => c.weight === 1 && terms(c.text).length > 0).map((c) => c.text);
    expect(asked).toEqual(['responsabilité populationnelle', 'par rapport à une MSP ?']);
  });

  it('« soit … , soit … » names the two sides « les deux » points back to', () => {
    const analysed = analyseQuestion('On me propose soit un poste salarié en centre de santé, soit une installation en MSP. Quelle différence entre les deux ?');
    expect(analysed.sides).toEqual(['poste salarié en centre de santé', 'installation en MSP']);
  });

  it.each([
    ["J'aimerais comprendre deux choses : sur quels axes repose l'ACI des MSP, et appliquer un protocole rapporte-t-il quelque chose ?", 2],
    ['Dans quelle région le protocole a-t-il été autorisé ?', 1],
    ['Pour quels patients, et avec quelle formation ?', 2],
  ])('« %s » : a clause that opens with a preposition and a wh-word asks', (question, asking) => {
    expect(analyseQuestion(question).clauses.filter((c) => c.weight === 1)).toHaveLength(asking);
  });

  it('« le même jour » without two sides compares nothing', () => {
    expect(analyseQuestion('On peut faire la téléexpertise le même jour ?').kind).not.toBe('comparison');
  });

  it('drops what the asker sets aside', () => {
    expect(withoutNegatedMentions('La téléconsultation (pas la téléexpertise), c’est remboursé combien ?')).toBe('La téléconsultation, c’est remboursé combien ?');
    expect(withoutNegatedMentions('Le protocole angine, pas celui de la cystite, est-il ouvert aux CPTS ?')).toBe('Le protocole angine, est-il ouvert aux CPTS ?');
    expect(withoutNegatedMentions('Le protocole angine est-il ouvert aux CPTS ?')).toBe('Le protocole angine est-il ouvert aux CPTS ?');
    // What is set aside ends with its sentence: the next question stays.
    expect(withoutNegatedMentions('On écrit notre protocole local, pas un protocole national. Quelles sont les démarches ?')).toBe('On écrit notre protocole local. Quelles sont les démarches ?');
    expect(withoutNegatedMentions('On vise la CPTS, pas la MSP ; comment on commence ?')).toBe('On vise la CPTS ; comment on commence ?');
  });
});

describe('the detail a question asks for', () => {
  it('finds designations and asked units, not quantities or dates', () => {
    expect(askedDetails("Où trouver l'avenant 3 de l'ACI ?").designations).toEqual([{ word: 'avenant', number: '3' }]);
    expect(askedDetails('Le dossier PC 188 a-t-il été autorisé ?').designations).toEqual([{ word: 'pc', number: '188' }]);
    expect(askedDetails('Un enfant de 12 ans, fin 2023, 3 patients').designations).toEqual([]);
    expect(askedDetails("combien d'heures de formation pour l'IOA ?").units).toEqual(['heures']);
    expect(askedDetails('la téléexpertise est remboursée combien ?').units).toContain('euros');
    expect(askedDetails('Montant de la rémunération ACI pour une CPTS de taille 2 ?').units).toContain('euros');
    expect(askedDetails("teleexpertise combien c'est payé pour le medecin requis ?").units).toContain('euros');
    expect(askedDetails('Qui valide le projet de santé ?').units).toEqual([]);
    for (const asked of ['Quel est le montant de la cotisation ?', 'quel est le tarif d’une téléconsultation ?', 'quel sera son prix ?', 'Combien est rémunérée une infirmière Asalée ?', 'Quelle est la rémunération d’une IDE Asalée ?', 'elle est rémunérée combien ?']) {
      expect(askedDetails(asked).units, asked).toContain('euros');
    }
    expect(askedDetails('quelle est la durée du contrat ?').units).toContain('ans');
  });

  it.each([
    ["Combien de CPTS ont signé l'ACI en Occitanie à ce jour ?", "L'ACI des CPTS a été signé le 20 juin 2019 ; il fixe les missions des CPTS.", true],
    ["Combien de CPTS ont signé l'ACI ?", 'Plus de 700 CPTS ont signé l’ACI.', false],
    ['combien de protocoles pluripro dans l’ACI ?', 'L’ACI valorise jusqu’à 8 protocoles pluriprofessionnels.', false],
    ['How many national protocols exist for nurses?', 'Les infirmiers sont délégués dans 44 des 57 protocoles nationaux.', false],
    ["Il y a combien d'axes dans l'ACI ?", "L'ACI repose sur trois grands axes.", false],
    ['Combien y a-t-il de CPTS en Occitanie ?', "L'ACI des CPTS a été signé le 20 juin 2019 ; il fixe les missions des CPTS.", true],
    ['combien de protocoles pour les kinés ?', 'Protocoles des kinés :\n- Entorse de cheville\n- Lombalgie aiguë', false],
    ['combien de membres dans une MSP ?', 'Au moins deux médecins généralistes et un paramédical.', false],
    ['On veut doubler le nombre de MSP, quel budget ?', 'Le plan prévoit 400 millions d’euros.', false],
    ["il faut combien d'associés pour une SISA ?", 'Une SISA doit compter au moins deux médecins et un auxiliaire médical parmi ses associés.', false],
    ['Il faut combien de professionnels au minimum pour créer une CPTS ?', 'Une CPTS (communauté professionnelle territoriale de santé) prend la forme d’une association. Un avenant 2, du 20 décembre 2021, a ajouté une mission.', true],
    ['Combien y a-t-il de GHT en France ?', 'Un protocole local peut être mis en place dans un établissement ou un GHT.', true],
    ['Combien y a-t-il de GHT en France ?', 'Sigles de la coopération hospitalière : GHT\nSigles :\n- GCS : groupement de coopération sanitaire ;\n- GHT : groupement hospitalier de territoire ;\n- CLS : contrat local de santé.', true],
    ['Combien y a-t-il de GHT en France ?', 'On comptait 136 GHT en 2016.', false],
    ["Combien y a-t-il d'URPS ?", 'Il existe dix URPS, une pour chacune des professions suivantes :\n- biologistes ;\n- infirmiers.', false],
    ['Combien y a-t-il de tailles de CPTS ?', 'CPTS — tailles :\n- Taille 1 — moins de 40 000 habitants.\n- Taille 2 — de 40 000 à 80 000 habitants.', false],
  ])('« %s » : a count asked is lacking from a passage that names what is counted without a figure (%s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it.each([
    ["Il n'y a pas de limite d'âge dans le protocole sutures ?", 'Le protocole concerne les patients de tous âges.', false],
    ['Is there an age limit for patients in the suture protocol?', 'Le protocole concerne les patients de tous âges.', false],
    ['Protocole sutures : quelle tranche d’âge ?', 'Il faut au moins un an d’expérience aux urgences.', false],
    ['Protocole sutures : quelle tranche d’âge ?', 'Le protocole est réservé aux infirmiers des urgences.', true],
  ])('« %s » : an age limit asked is answered by a figure in years, or by « tous âges » (%s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it.each([
    // Named in other words than the base's: a passage with no count at all gives none; a percentage counts nothing.
    ['How many supervised scans does a radiographer need for the ultrasound protocol?', 'Le délégué consacre au moins 50 % de son temps à l’échographie.', true],
    ['How many supervised scans does a radiographer need for the ultrasound protocol?', 'Il a été encadré en tutorat sur au moins 40 examens.', false],
    // A list of the steps of one of them does not count them.
    ['How many MSPs are there in France today?', 'La création d’une MSP suit trois temps :\n- l’émergence ;\n- le projet ;\n- l’immobilier.', true],
    ['Y a-t-il un nombre minimum de professionnels pour créer une CPTS ?', 'Une CPTS prend le plus souvent la forme d’une association de professionnels.', true],
    ['What is the minimum number of GPs in an MSP?', 'Une MSP compte au moins deux médecins généralistes.', false],
    ['Combien y a-t-il de maisons de santé en France ?', 'La création d’une MSP (maison de santé pluriprofessionnelle) suit trois temps :\n- l’émergence ;\n- le projet.', true],
    ['Combien y a-t-il de protocoles pour les kinés ?', 'Protocoles où les kinés sont délégués :\n- entorse ;\n- lombalgie.', false],
  ])('« %s » : a count asked, against « %s » (lacking: %s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it('reads what is asked for in the question without the asker’s situation nor the earlier one it follows up on', () => {
    const details = askedDetails("comment sont choisis leurs membres ? Combien y a-t-il d'URPS", 'comment sont choisis leurs membres ?');
    expect(details.counted).toEqual([]);
    expect(askedDetails("Combien y a-t-il d'URPS ?").counted).toEqual(['urp']);
    expect(askedDetails("J'étais délégué depuis 2021. Dans lesquels suis-je encore délégué ?", 'Dans lesquels suis-je encore délégué ?').years).toEqual([]);
  });

  it.each([
    ['Combien de points ACI rapporte le critère fonction de coordination ?', 'Les critères sont valorisés en points (1 point = 7 €).', true],
    ['How many ACI points does the coordination criterion earn?', 'Les critères sont valorisés en points (un point vaut 7 euros).', true],
    ['Combien de points pour la fonction de coordination ?', 'La fonction de coordination rapporte 1 000 points fixes.', false],
    ['Combien vaut un point ACI ?', 'Les critères sont valorisés en points (1 point = 7 €).', false],
    ['on touche combien par point ?', 'Les critères sont valorisés en points (1 point = 7 €).', false],
  ])('« %s » : what one unit is worth gives no amount, unless that is asked (lacking: %s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it.each([
    ["Quelle est l'adresse e-mail de l'ARS pour envoyer notre projet de santé ?", "L'ARS accompagne les porteurs de projet.", true],
    ['What is the phone number of the DAC?', 'Le DAC joint le 04 72 00 00 00.', false],
    ["On peut envoyer le projet de santé par mail à l'ARS ?", 'Le projet de santé est transmis à l’ARS.', false],
    ['Un tel protocole existe-t-il ?', 'Le protocole existe.', false],
  ])('« %s » : a way to reach someone asked is lacking from a passage that gives none (lacking: %s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it.each([
    ['How much funding can a size 2 CPTS get under the ACI?', 'Le plafond de la taille 2 était de 287 000 €.', false],
    ['How much funding can a size 2 CPTS get under the ACI?', 'L’ACI des CPTS fixe leurs missions.', true],
    ["Le plan mettait combien d'argent pour l'exercice coordonné ?", 'Le grand plan d’investissement y consacre 400 millions d’euros.', false],
    ['Combien de financement pour la mission prévention ?', 'La mission prévention démarre dans les douze mois.', true],
  ])('« %s » : a sum asked, against « %s » (lacking: %s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it.each([
    ["c'est quand les prochaines élections URPS des kinés ?", 'Les représentants sont élus par les professionnels.', true],
    ['Quelle est la date de signature de l’ACI des CPTS ?', 'L’ACI des CPTS a été signé par les syndicats.', true],
    ['De quand date l’ACI des CPTS ?', 'L’ACI des CPTS a été signé le 20 juin 2019.', false],
    ["c'est quand la signature de l'ACI ?", 'Il a été signé en avril 2017.', false],
    // « quand » that joins two clauses asks no date.
    ['Quand une profession est peu nombreuse, qui la représente ?', 'Les syndicats désignent les représentants.', false],
  ])('« %s » : a date asked is lacking from a passage with no year nor month (lacking: %s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it.each([
    ['Le nouveau modèle de protocole utilisé depuis 2023, il contient quoi ?', 'Le modèle utilisé à partir de 2020 comprend une fiche projet.', true],
    ['Quel est le rôle du Haut Conseil créé en 2024 ?', 'Le comité national, créé en 2019, rend des avis.', true],
    ['What did the law of 2019 change?', 'The law of July 2019 created the CPTS.', false],
    ['Le modèle utilisé depuis 2020 contient quoi ?', 'Il comprend une fiche projet.', false],
    // The time of asking, a plan, a comparison point date nothing asked.
    ['Quels plafonds pour une CPTS en 2026 ?', 'Les plafonds publiés en 2019 étaient de 220 000 €.', false],
    ['On veut lancer le protocole pour le printemps 2027, c’est possible ?', 'Ouvert aux CPTS jusqu’au 31 août 2023.', false],
    ['Is Asalée a national protocol, like the 2020 ones?', 'Asalée was authorised in 2012.', false],
  ])('« %s » : a passage that dates its facts by other years than the one asked lacks it (lacking: %s)', (question, passage, lacking) => {
    expect(lacksAsked(askedDetails(question), passage)).toBe(lacking);
  });

  it('reads no comparison of two sides in a list of three', () => {
    expect(analyseQuestion('quelle différence entre MSP, centre de santé et CPTS ?').sides).toBeUndefined();
  });

  it('holds a passage on other regions only as about them, not one that names none or this one', () => {
    expect(askedDetails('Quelle aide la MSP aura pour démarrer avec le FIR ?').regions).toEqual([]);
    for (const asked of ["Montant de l'aide FIR au démarrage d'une MSP en Nouvelle-Aquitaine ?", 'aide au démarrage MSP nouvelle aquitaine combien']) {
      const details = askedDetails(asked);
      expect(lacksAsked(details, 'En Île-de-France, la FémasIF cite une aide au démarrage.'), asked).toBe(true);
      expect(lacksAsked(details, 'Le FIR peut financer le démarrage, jusqu’à 50 000 €.'), asked).toBe(false);
      expect(lacksAsked(details, "L'ARS Nouvelle-Aquitaine finance le démarrage, jusqu’à 50 000 €."), asked).toBe(false);
    }
    // « réunion » is a meeting; « Rhône-Alpes » lies within Auvergne-Rhône-Alpes.
    expect(askedDetails('la réunion de concertation, qui la finance ?').regions).toEqual([]);
    expect(lacksAsked(askedDetails('en Auvergne-Rhône-Alpes, qui peut participer ?'), 'Selon l’ARS Rhône-Alpes…')).toBe(false);
  });

  it('holds a count asked in a region as given only by a passage that names the region', () => {
    for (const asked of ['Combien de DAC y a-t-il en Occitanie ?', 'combien de cpts en bretagne']) {
      const details = askedDetails(asked);
      expect(lacksAsked(details, 'Les DAC et les CPTS :\n- un DAC par département ;\n- des CPTS partout.'), asked).toBe(true);
      expect(lacksAsked(details, 'En Occitanie et en Bretagne, on compte 12 DAC et 40 CPTS.'), asked).toBe(false);
    }
    // Not a count: the national figure answers for every region.
    expect(lacksAsked(askedDetails('Quel plafond ACI pour une CPTS en Bretagne ?'), 'Taille 1 : 220 000 €.')).toBe(false);
  });

  it('asks for a year or a month when the question asks a date', () => {
    const year = askedDetails('En quelle année le protocole a-t-il été autorisé ?');
    expect(lacksAsked(year, 'Le protocole est autorisé par arrêté.')).toBe(true);
    expect(lacksAsked(year, 'Le protocole est autorisé par un arrêté du 6 mars 2020.')).toBe(false);
    for (const asked of ['Which month must the indicators be sent?', 'en quel mois transmettre les indicateurs ?']) {
      const month = askedDetails(asked);
      expect(lacksAsked(month, 'Les quatre indicateurs sont transmis chaque année.'), asked).toBe(true);
      expect(lacksAsked(month, 'Ils sont transmis chaque année en janvier.'), asked).toBe(false);
    }
    // A duration in months is no date: « combien de mois » still wants a figure of months.
    expect(lacksAsked(askedDetails('combien de mois pour démarrer ?'), 'Six mois pour démarrer.')).toBe(false);
  });

  it('says a passage lacks it when it numbers other things, or gives no figure in the unit', () => {
    const avenant3 = askedDetails("qu'est-ce que l'avenant 3 a changé ?");
    expect(lacksAsked(avenant3, "L'avenant 1 a été signé en 2022 ; l'avenant 2 a ajouté une mission.")).toBe(true);
    expect(lacksAsked(avenant3, "L'avenant 3 a été signé en 2023.")).toBe(false);
    expect(lacksAsked(avenant3, 'Le contrat est signé pour cinq ans.')).toBe(false);
    const hours = askedDetails("combien d'heures de formation pour l'IOA ?");
    expect(lacksAsked(hours, 'IDE formé à la fonction d’IOA, patients de plus de 16 ans.')).toBe(true);
    expect(lacksAsked(hours, 'Une formation de 100 heures est exigée.')).toBe(false);
    const delay = askedDetails('le requis a combien de temps pour répondre ?');
    expect(lacksAsked(delay, 'Le requis dispose de sept jours pour répondre.')).toBe(false);
    const price = askedDetails('la téléexpertise est remboursée combien ?');
    expect(lacksAsked(price, 'TE2 : 23 € depuis le 1er janvier 2026.')).toBe(false);
  });
});

describe('France, where every text of the base is set, frames a question', () => {
  it.each([
    ['What is a CPTS in the French system?', 'qu\'est-ce que CPTS ?'],
    ['What is a CPTS in the French health system?', 'qu\'est-ce que CPTS ?'],
    ['Which body assesses French national cooperation protocols?', 'Which body assesses national cooperation protocols?'],
    ['Qu’est-ce qu’une CPTS dans le système de santé français ?', 'Qu’est-ce qu’une CPTS ?'],
  ])('« %s » asks « %s »', (question, asked) => {
    expect(analyseQuestion(question).clauses.map((clause) => clause.text).join(' ')).toBe(asked);
  });
});

describe('a second question in the same sentence', () => {
  it.each([
    ['DAC : créés par quelle loi, et ils ont remplacé quoi ?', 'ils ont remplacé quoi ?'],
    ['les DAC ils remplacent quoi et ils ont été créés par quelle loi ?', 'ils ont été créés par quelle loi ?'],
    ['Protocole échographies MERM : quels examens sont délégués et lesquels sont exclus ?', 'lesquels sont exclus ?'],
    ['ACI CPTS : approuvé par un arrêté de quelle date, et il prévoit combien de tailles de CPTS ?', 'il prévoit combien de tailles de CPTS ?'],
    ["le protocole domicile, c'est qui le délégué et c'est pour quels patients ?", "c'est pour quels patients ?"],
  ])('« %s » asks a second question: « %s »', (question, second) => {
    expect(analyseQuestion(question).parts?.[1]).toBe(second);
  });

  it.each(["les MSP et les CPTS c'est quoi ?", 'Quel protocole pour les kinés et on peut le faire en CPTS ?', "Une SISA et elle emploie qui ?"])(
    '« %s » is one question: its pronoun clause asks nothing after a first part that asks, or the first part asks nothing',
    (question) => {
      expect(analyseQuestion(question).parts).toBeUndefined();
    },
  );
});

describe('a clause that points back to what the one before names', () => {
  it('reads an object pronoun after a modal (« qui doit en être informé ») as pointing back', () => {
    const pointing = 'Je travaille en EHPAD et la direction veut lancer un protocole local : qui doit en être informé côté usagers ?';
    const alone = 'Je travaille en EHPAD et la direction veut lancer un protocole local : qui est informé côté usagers ?';
    expect(weightOf(pointing, 'protocole local')).toBeGreaterThan(weightOf(alone, 'protocole local') ?? 1);
  });
});
