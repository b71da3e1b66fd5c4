import { describe, expect, it } from 'vitest';
import { useOfflineCore } from '../support/offline-core.ts';
import { followedUpQuestion } from '../../src/answer/follow-up.ts';
import type { Turn } from '../../src/engine/message.ts';

/** Answers of the shipped base, through the real core (offline). */
const { ask, core } = useOfflineCore();


describe('answers from the shipped base', () => {
  it('understands questions asked in English', async () => {
    const centre = await ask('How do I set up a health centre?');
    expect(centre.citations[0]?.path).toBe('articles/centres-de-sante.md');
    const indicators = await ask('What are the yearly indicators of a protocol?');
    expect(indicators.text).toMatch(/quatre indicateurs/);
    const dac = await ask('what is a DAC?');
    expect(dac.text).toMatch(/dispositif d'appui à la coordination/);
    const delay = await ask('If I send a tele-expertise request, how many days does the specialist have to reply?');
    expect(delay.text).toMatch(/7 jours/u);
  });

  it('reads « date butoir » as the deadline it is', async () => {
    expect((await ask('Les PTA et les réseaux de santé devaient avoir disparu au profit des DAC à quelle date butoir ?')).text).toMatch(/27 juillet 2022/u);
  });

  it.each([
    ['Je suis kiné, quels protocoles je peux faire comme délégué ?', /masseurs-kinésithérapeutes ont le rôle de délégué/u],
    ['Je suis IDE, quels protocoles je peux faire comme déléguée ?', /infirmiers ont le rôle de délégué/u],
  ])('« %s » : the list of the asker’s protocols, not a section that shares « protocole », « délégué », « faire »', async (question, list) => {
    expect((await ask(question)).text).toMatch(list);
  });

  it.each([
    ["Comment on déclare aujourd'hui la mise en œuvre d'un protocole de coopération, concrètement ?", /^Régime unifié/],
    ['How do we declare that we apply a cooperation protocol?', /^Régime unifié/],
    ["Comment déclarait-on un protocole national selon l'ancienne version du code ?", /ancienne version/],
  ])('« %s » : what applies today, unless the question asks how it was', async (question, section) => {
    expect((await ask(question)).citations[0]?.section).toMatch(section);
  });


  it('tolerates SMS spelling and lay words', async () => {
    expect((await ask('c koi une cpts')).citations[0]?.section).toMatch(/Qu'est-ce qu'une CPTS/);
    const back = await ask('mal de dos : qui peut le prendre en charge ?');
    expect(back.text).toMatch(/lombalgie|lombaire/i);
    expect(back.text).toMatch(/^\*\*Protocoles de coopération pour l'acte demandé/);
    expect((await ask('teleexpertise cest quoi')).text).toMatch(/requérant/u);
    // « mnt » is « maintenant », no protocol's name.
    expect((await ask('comment declarer un protocole national mnt')).text).toMatch(/application en ligne du ministère/u);
  });

  it.each([
    "quelles conditions pour qu'un manip radio fasse des échos en délégation ?",
    "quelles conditions pour qu'une manip radio puisse faire des échos en délégation ?",
    'quelles conditions pour que le manipulateur radio fasse les échos du protocole ?',
  ])('« %s » : a plural of a short form (« échos ») and a framing verb (« fasse », « puisse ») do not sink the answer', async (question) => {
    const reply = await ask(question);
    expect(reply.citations[0]?.section).toMatch(/^Conditions pour le MERM/);
    expect(reply.text).toMatch(/2 ans d'expérience/);
  });

  it.each([
    "quelles conditions pour qu'une IDE soit déléguée dans le protocole sutures ?",
    'les prérequis pour être déléguée dans le protocole sutures ?',
    'sutures aux urgences : quelles exigences pour l’IDE déléguée ?',
  ])('« %s » : conditions, prérequis, exigences name the same thing', async (question) => {
    expect((await ask(question)).citations[0]?.section).toMatch(/^Formation exigée pour le protocole sutures/);
  });

  it.each([
    'Pour déclarer un protocole de coop dans notre MSP, il me faut quelles infos exactement ?',
    'quels renseignements donner pour déclarer un protocole de coopération ?',
  ])('« %s » : infos, renseignements, informations name the same thing', async (question) => {
    expect((await ask(question)).citations[0]?.section).toMatch(/^Informations à fournir pour déclarer/);
  });

  it.each([
    'What does the Agence nationale de coordination des MSP (ANCMSP) do?',
    "Quel est le rôle de la FNCPTS dans la validation de notre projet de santé ?",
    "Que fait l'ANCMSP pour les coordinateurs de MSP ?",
    'Où trouver l’avenant 3 de l’ACI des MSP ?',
    // A fee asked where the base gives none (téléconsultation): not the téléexpertise passage without a figure.
    'What is the fee for a teleconsultation with a GP in 2026?',
    // An average asked where the base gives none: not the point's value.
    "What's the average annual ACI payment for an MSP?",
    "combien touche en moyenne une MSP avec l'ACI ?",
  ])('« %s » : a sigle or a numbered text the base never gives is not answered with a neighbour', async (question) => {
    expect((await ask(question)).kind).toBe('unknown');
  });

  it.each([
    'Quel est le rôle de la HAS dans un protocole national ?',
    'qui finance les CPTS ? URGENT svp',
    "L'avenant 1 de l'ACI des MSP a été publié quand ?",
    'IMPORTANT : c’est quoi une SISA ?',
    'BONSOIR, combien vaut un point ACI ?',
    'Le point ACI vaut 10 € ?',
    "Comment on déclare la mise en oeuvre d'un protocole de coop aujourd'hui ?",
    "Qui doit déclarer la mise en œuvre d'un protocole de coopération ?",
  ])(
    '« %s » : sigles and numbers the base gives, and words typed without their ligature, are answered',
    async (question) => {
      expect((await ask(question)).kind).not.toBe('unknown');
    },
  );

  it.each([
    ['how many teleexpertise acts per patient per year are reimbursed?', /4 actes par an et par patient/],
    ['How much is one ACI point worth?', /7 €/],
    ['what is an MSP in France?', /personne morale/],
    ['je suis IDE aux urgences, quels protocoles de cooperation me concernent ?', /infirmiers ont le rôle de délégué/],
    ['What cooperation protocols can a nurse working in a CPTS apply today?', /infirmiers ont le rôle de délégué/],
    ['Which cooperation protocols can a nurse use in primary care (MSP)?', /infirmiers ont le rôle de délégué/],
    ["what's the fee for a tele-expertise in 2026?", /23 €/],
    ['What is the price of the RQD?', /10 €/],
    ['Who does the MSP sign the ACI contract with, in the end?', /tripartite/],
    ['Were health networks and the PTA merged into the DACs?', /^\*\*Oui\*\*/],
  ])('« %s » : everyday English words (acts, worth, use, primary care, fee, price, contract, merged) reach the French base', async (question, said) => {
    expect((await ask(question)).text).toMatch(said);
  });

  it('keeps list items and paragraphs on their own lines, and cites one article when one answers', async () => {
    const reply = await ask('qui a un ordre ?');
    expect(reply.citations).toHaveLength(1);
    expect(reply.text).toMatch(/- pédicures-podologues\.\nPour ces sept professions/);
  });

  it('takes a follow-up from the thread, and only a follow-up', () => {
    const history: Turn[] = [{ role: 'user', text: "Qu'est-ce qu'une CPTS ?" }, { role: 'assistant', text: '…' }];
    expect(followedUpQuestion('Et ses missions ?', history)).toBe("Qu'est-ce qu'une CPTS ?");
    expect(followedUpQuestion('What are the benefits of teamwork?', history)).toBeUndefined();
    expect(followedUpQuestion("Comment déclarer son protocole à l'ARS ?", history)).toBeUndefined();
    expect(followedUpQuestion("c'est quoi un DAC ?", history)).toBeUndefined();
  });
});

describe('what a question and a section are about', () => {
  // A section whose heading names no protocol is about those its article lists; a question that names its own
  // subject leaves what its situation names aside.
  it.each([
    ["Qui réalise le bilan visuel par délégation de l'ophtalmologiste ?", /orthoptiste/u],
    ["What is Asalée? My new colleagues at the MSP keep mentioning it.", /Asalée/u],
    // The practice form the asker works in is where they are, when the question says its own subject at length.
    ['Je suis MG en maison de santé : quels protocoles soins non programmés, et à qui je délègue ?', /odynophagie/u],
    [
      "Je viens d'être embauchée comme coordinatrice dans une MSP qui applique deux protocoles de coopération. La présidente me demande de m'occuper du suivi annuel : qu'est-ce que je dois faire remonter chaque année ?",
      /quatre indicateurs/u,
    ],
  ])('« %s »', async (question, fact) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(fact);
  });
});

describe('a definition asked in colloquial words', () => {
  it.each([
    ['CNCI : kézako ? on le voit dans tous les textes sur les protocoles locaux', /comité national des coopérations interprofessionnelles/iu],
    ['on me parle de SISA pour notre future maison de santé, c quoi exactement ce truc ?', /société interprofessionnelle de soins ambulatoires/u],
    ["I'm a locum in rural Ardèche and everyone keeps talking about their 'ESP'. What sort of thing is that?", /équipe de soins primaires/u],
  ])('« %s » is answered by what defines the term', async (question, fact) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(fact);
  });
});

describe('a question about who the asker is', () => {
  it('keeps their self-description as its subject: no verdict on what is said of other professions', async () => {
    const reply = await ask('Je suis assistante médicale dans une MSP depuis 6 mois. Mon métier, c’est une profession de santé réglementée avec un Ordre ?');
    expect(reply.text).not.toMatch(/^\*\*Oui/u);
  });
});

describe('a two-part question opened by the asker’s situation', () => {
  it('answers the second part with what the first asks as its context, not the situation', async () => {
    const reply = await ask(
      "Bonjour, je suis médecin généraliste et je viens de rejoindre une MSP en Bretagne. J'aimerais comprendre deux choses : sur quels axes repose l'ACI des MSP, et le fait d'appliquer un protocole de coopération national rapporte-t-il quelque chose à la structure ?",
    );
    expect(reply.text).toMatch(/accès aux soins/u);
    expect(reply.text).toMatch(/valorisation optionnelle/u);
  });
});

describe('words that only ask whether', () => {
  it.each([', c’est possible ?', ' : is that right?', ', oui ou non ?'])('« …%s » asks for no word the answer must say', async (asking) => {
    const closed = 'Une SISA peut salarier des professionnels de santé';
    const [plain] = await core().retriever.retrieve(`${closed} ?`);
    const [asked] = await core().retriever.retrieve(`${closed}${asking}`);
    expect(asked?.chunk.id).toBe(plain?.chunk.id);
    expect(asked?.coverage).toBeCloseTo(plain?.coverage ?? 0);
  });
});

describe('a list of sigles', () => {
  it('answers what a sigle means, not a comparison of the things it names', async () => {
    const reply = await ask("TE2 et RQD, c'est quoi la différence ?");
    expect(reply.citations[0]?.path).toBe('articles/teleexpertise.md');
    expect((await ask('RPPS ?')).citations[0]?.path).toBe('articles/glossaire-sigles.md');
  });
});

describe('a question asked mostly in words the base never uses', () => {
  it.each(['c quoi le code wifi de la msp', 'le code wifi de la MSP ?'])('« %s » : not answered with what the base says of the rest', async (question) => {
    expect((await ask(question)).kind).toBe('unknown');
  });

  it('« Définition d’un centre de santé ? » is a definition of the centre', async () => {
    expect((await ask('Définition d’un centre de santé ?')).citations[0]?.path).toBe('articles/centres-de-sante.md');
  });
});

describe('a section under another practice form that names those asked', () => {
  it('« date limite de disparition des réseaux de santé, PTA et MAIA ? » is answered by the DAC calendar', async () => {
    expect((await ask('Quelle était la date limite de disparition des réseaux de santé, PTA et MAIA ?')).text).toMatch(/27 juillet 2022/u);
  });

  it('a protocol named by a keyword in another protocol’s text does not make it about it', async () => {
    expect((await ask("L'arrêté de 2025 qui autorise les kinés à prescrire des radios du genou, il dit quoi ?")).text).not.toMatch(/cheville/u);
  });
});
