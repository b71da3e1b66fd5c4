import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Handler } from '../../src/engine/handler.ts';
import type { Reply } from '../../src/engine/reply.ts';
import { loadRegistries } from '../../src/domain/load.ts';
import { createLookupHandler } from '../../src/domain/lookup-handler.ts';
import { MAX_LOOKUP_CHARS } from '../../src/domain/lookup-answers.ts';
import { foldAccents } from '../../src/text/french.ts';

const KNOWLEDGE = join(import.meta.dirname, '../../knowledge');
const handler = createLookupHandler(loadRegistries(KNOWLEDGE));

async function ask(text: string, on: Handler = handler): Promise<Reply | null> {
  return on.handle({ text, conversation: { platform: 'cli', userId: 'U1', channelId: 'C1' }, history: [], command: false });
}

async function answer(text: string, on: Handler = handler): Promise<Reply> {
  const reply = await ask(text, on);
  if (!reply) throw new Error(`aucune réponse du registre pour « ${text} »`);
  expect(reply.kind).toBe('lookup');
  expect(reply.text.length).toBeLessThanOrEqual(MAX_LOOKUP_CHARS);
  expect(reply.citations.length).toBeGreaterThan(0);
  for (const citation of reply.citations) expect(citation.path).toMatch(/^registries\/[a-z-]+\.yml$|protocoles-locaux.*\.yml$/);
  return reply;
}

describe('acte → qui', () => {
  it('« qui peut suturer une plaie ? » → protocole sutures, délégant → délégué, conditions, sources', async () => {
    const reply = await answer('Qui peut suturer une plaie ?');
    expect(reply.confident).toBe(true);
    expect(reply.text).toMatch(/Sutures de plaies simples/);
    expect(reply.text).toMatch(/Délégant : médecin → délégué : infirmier/);
    expect(reply.text).toMatch(/Conditions : au moins 1 an/);
    expect(reply.citations.map((c) => c.source)).toContain('https://espaceinfirmier.fr/actualites/breves/urgences-un-protocole-autorise-les-infirmieres-a-realiser-des-sutures.html');
  });

  it('« un kiné peut-il prendre en charge une entorse ? » → oui, protocole entorse', async () => {
    const reply = await answer('Un kiné peut-il prendre en charge une entorse ?');
    expect(reply.text).toMatch(/^\*\*Oui/);
    expect(reply.text).toMatch(/torsion de la cheville/);
  });

  it.each([
    ["L'infirmier des urgences peut-il administrer le vaccin antitétanique dans le protocole sutures ?", /^\*\*Oui/],
    ['Un kiné peut-il prescrire des béquilles pour une entorse de cheville ?', /^\*\*Oui/],
    ['le kiné peut-il prescrire un arrêt de travail de 15 jours dans le protocole lombalgie ?', /^\*\*Non\*\* : .*moins de 5 jours/],
    ["l'IDE peut-elle prescrire un antibiotique dans le protocole sutures ?", /ne liste pas cet acte/],
  ])('« %s » : a word of the protocol’s name that an act also uses names the protocol', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });

  it('mots courants et fautes : angine, brûlures en urinant, mal de dos', async () => {
    expect((await answer('Qui peut prendre en charge une angine ?')).text).toMatch(/odynophagie[\s\S]*6 à 45 ans[\s\S]*6 à 50 ans[\s\S]*pharmaciens retirés/);
    expect((await answer('Qui peut soigner des brulures en urinant ?')).text).toMatch(/Pollakiurie/);
    expect((await answer('Qui peut soigner un mal de dos ?')).text).toMatch(/Douleur lombaire aiguë/);
  });

  it('comprend une question en anglais', async () => {
    expect((await answer('Who can treat a sore throat?')).text).toMatch(/odynophagie/);
  });

  it('dit quand la profession demandée n’est pas (plus) déléguée', async () => {
    const reply = await answer('Un pharmacien peut-il traiter une cystite ?');
    expect(reply.text).toMatch(/aucun protocole où les pharmaciens ont le rôle de délégué/);
    expect(reply.text).toMatch(/17 juin 2024/);
  });

  it('répond explicitement « aucun protocole » quand rien ne correspond', async () => {
    for (const question of ['Qui peut vacciner contre la grippe ?', 'Existe-t-il un protocole pour le suivi des anticoagulants ?']) {
      const reply = await answer(question);
      expect(reply.confident).toBe(false);
      expect(reply.text).toMatch(/Je ne trouve dans le registre aucun protocole de coopération pour/);
      expect(reply.citations[0]?.path).toBe('registries/protocols.yml');
    }
  });
});

describe('profession → protocoles', () => {
  it('« que peut-on déléguer à un masseur-kinésithérapeute ? »', async () => {
    const reply = await answer('Que peut-on déléguer à un masseur-kinésithérapeute ?');
    expect(reply.text).toMatch(/Entorse de cheville[\s\S]*Lombalgie aiguë/);
  });

  it('« que peut-on déléguer aux kinés ? » (pluriel familier) et « aux ifirmiers » (faute)', async () => {
    expect((await answer('Que peut-on déléguer aux kinés ?')).text).toMatch(/masseurs-kinésithérapeutes ont le rôle de délégué/);
    expect((await answer('Que peut-on déléguer aux ifirmiers ?')).text).toMatch(/infirmiers ont le rôle de délégué/);
  });

  it('aucun protocole où l’orthophoniste est délégué : le dit, sans inventer', async () => {
    const reply = await answer('Que peut-on déléguer à un orthophoniste ?');
    // The registry's answer (« none »), given as one: an article cannot answer this better.
    expect(reply.confident).toBe(true);
    expect(reply.text).toMatch(/aucun protocole/);
  });
});

describe('faits sur une profession', () => {
  it('« les orthophonistes ont-ils un ordre ? » → pas d’Ordre, mais une URPS', async () => {
    const reply = await answer('Les orthophonistes ont-ils un ordre ?');
    expect(reply.text).toMatch(/^\*\*Non\*\*/);
    expect(reply.text).toMatch(/URPS : oui/);
  });

  it('« quelles professions ont une URPS ? » → les 10, avec la divergence sur les pharmaciens', async () => {
    const reply = await answer('Quelles professions ont une URPS ?');
    expect(reply.text).toMatch(/10 professions/);
    expect(reply.text).toMatch(/titulaires d'officine/);
  });

  it('« un kiné est-il un auxiliaire médical ? » → oui ; un pharmacien n’est pas une profession médicale', async () => {
    expect((await answer('Un kiné est-il un auxiliaire médical ?')).text).toMatch(/^\*\*Oui\*\*/);
    expect((await answer('Un pharmacien est-il une profession médicale ?')).text).toMatch(/^\*\*Non\*\*[\s\S]*profession de la pharmacie/);
  });

  it.each([
    ['les sages femmes sont classees dans les professions medicales ?', /^\*\*Oui\*\*/],
    ['Les sages-femmes font partie des professions médicales ?', /^\*\*Oui\*\*/],
    ['Les ostéopathes sont-ils des auxiliaires médicaux ?', /^\*\*Non\*\*/],
    ['le pharmacien, il compte parmi les professions médicales ?', /^\*\*Non\*\*/],
  ])('« %s » : la catégorie demandée, quel que soit le verbe', async (question, verdict) => {
    expect((await answer(question)).text).toMatch(verdict);
  });

  it.each([
    ['Psychomotricien : profession réglementée ?', /^\*\*Oui\*\*/],
    ['psychomotricien : profession reglementee ?', /^\*\*Oui\*\*/],
    ["ergotérapeute en centre de santé, j'ai une urps ou un ordre moi ?", /^\*\*Ordre : non ; URPS : non/],
    ['Are psychologists considered a regulated health profession in France?', /^\*\*Non\*\* : les psychologues ne relèvent pas/],
    ['Is an osteopath a regulated health profession in France?', /^\*\*Non\*\* : les ostéopathes ne relèvent pas/],
  ])('« %s » : question nue sur une profession, accents ou non, lieu d’exercice en plus', async (question, lead) => {
    expect((await answer(question)).text).toMatch(lead);
  });

  it.each(['Les IDE exercent-ils une profession médicale ou paramédicale ?', 'les sages-femmes ne sont pas des professions médicales ?'])(
    '« %s » : la catégorie dite, sans Oui ni Non (question à choix ou négative)',
    async (question) => {
      const reply = await answer(question);
      expect(reply.text).toMatch(/^Catégorie des/);
      expect(reply.verdict).toBeUndefined();
    },
  );

  it('« protocoles pour les cardiologues » : ceux où ils délèguent, puisqu’ils ne sont délégués dans aucun', async () => {
    expect((await answer('protocoles pour les cardiologues')).text).toMatch(/cardiologues ont le rôle de délégant[\s\S]*Insuffisance cardiaque/);
  });

  it.each([
    ["Protocoles où l'urgentiste délègue à l'IDE ?", /infirmiers ont le rôle de délégué\*\* \(délégant : médecin urgentiste\)[\s\S]*Bilan radiologique/],
    ["Quels protocoles l'urgentiste délègue-t-il aux IDE ?", /délégant : médecin urgentiste[\s\S]*Bilan radiologique/],
    ['As a cardiologist, which cooperation protocol could I use to delegate work to a nurse?', /délégant : cardiologue\)[\s\S]*Insuffisance cardiaque/],
    ['As a GP, which cooperation protocols let me delegate tasks to a nurse?', /délégant : médecin généraliste\)[\s\S]*Odynophagie/],
    ['What can a GP delegate to a pharmacist?', /pharmaciens ont le rôle de délégué/],
  ])('« %s » : le verbe déléguer suivi de « à / to » une profession, le délégant avant lui ou celui qui demande', async (question, lead) => {
    expect((await answer(question)).text).toMatch(lead);
  });

  it.each([
    ["Je suis urgentiste au CH de Dax : qu'est-ce qu'on peut déléguer aux IDE dans les protocoles nationaux, nous les médecins urgentistes ?", /infirmiers ont le rôle de délégué\*\* \(délégant : médecin urgentiste\)/],
    ['IDEL en cabinet dans une CPTS de la Drôme : quels protocoles nationaux sont accessibles aux infirmières de ville comme moi ?', /infirmiers ont le rôle de délégué[\s\S]*Cystite/],
    ["De quels protocoles de coopération les pharmaciens d'officine ont-ils été retirés en 2024 ?", /retirés des délégués de : Odynophagie \(mal de gorge\), Cystite/],
  ])('« %s » : le délégué nommé juste après « à », la profession de celui qui demande, ceux dont elle a été retirée', async (question, lead) => {
    expect((await answer(question)).text).toMatch(lead);
  });

  it.each([
    ["There's a French radiology job ad asking for a 'MERM' — what's that abbreviation short for?", /manipulateur d'électroradiologie médicale/i],
    ["On me dit que je vais faire « l'IOA » la semaine prochaine : ça veut dire quoi ce sigle ?", /infirmier organisateur de l'accueil/i],
  ])('« %s » : le sigle mis entre guillemets, demandé ce qu’il veut dire', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });

  it('« who is allowed to order an X-ray » : un acte (commander une radio), pas l’Ordre des médecins', async () => {
    const { text } = await answer('In a French emergency department, who is allowed to order an X-ray before the patient has seen a doctor?');
    expect(text).toMatch(/Bilan radiologique|IOA/);
    expect(text).not.toMatch(/Ordre/);
  });

  it('« l’urgentiste délègue à l’IDE » : les protocoles qui nomment les médecins sans spécialité, à part', async () => {
    expect((await answer("Protocoles où l'urgentiste délègue à l'IDE ?")).text).toMatch(/Nomment comme délégants les médecins sans préciser de spécialité : Sutures/);
  });

  it.each([
    ['Which French cooperation protocols have a cardiologist as the delegating doctor?', /cardiologues ont le rôle de délégant[\s\S]*Insuffisance cardiaque/],
    ['ide aux urgences, quels protocoles de coop je peux faire chez nous aux urg ?', /infirmiers ont le rôle de délégué[\s\S]*Sutures[\s\S]*Ne s'appliquent pas aujourd'hui dans un service d'urgence/],
    ["Quels protocoles de coopération nos IDE libérales peuvent-elles appliquer dans le cadre de la CPTS aujourd'hui ?", /infirmiers ont le rôle de délégué[\s\S]*Cystite/],
  ])('« %s » : une spécialité nommée avec sa profession, un verbe qui dit seulement appliquer, une année : la liste', async (question, lead) => {
    expect((await answer(question)).text).toMatch(lead);
  });

  it('« un médecin spécialiste et pas un généraliste » : la spécialité écartée n’est pas celle demandée', async () => {
    expect((await answer('Dans quels protocoles le délégant est un médecin spécialiste et pas un généraliste ?')).text).not.toMatch(/médecins généralistes ont le rôle/);
  });

  it.each(['Une ESP peut-elle appliquer des protocoles de coopération ?', 'on est une ESP (equipe de soins primaires), on a le droit de faire des protocoles de cooperation ?'])(
    '« %s » : si un lieu peut appliquer des protocoles, la liste de ceux qui s’y appliquent',
    async (question) => {
      expect((await answer(question)).text).toMatch(/^\*\*Protocoles de coopération qui s'appliquent aujourd'hui en ESP\*\*[\s\S]*Cystite/);
    },
  );

  it('« Medical physicists: can they take part … in France? » : s’ils peuvent participer, pas une liste', async () => {
    expect((await answer('Medical physicists: can they take part in a cooperation protocol in France?')).text).not.toMatch(/ont le rôle de délégué/);
  });

  it('« Dans Asalée, le généraliste délègue quoi à l’infirmière ? » : le protocole nommé, pas une liste', async () => {
    expect(await ask("Dans Asalée, le généraliste délègue quoi à l'infirmière ?")).toBeNull();
  });

  it.each(['Quels protocoles de coopération ont un oncologue comme délégant ?', 'protocoles où le radiothérapeute est délégant ?'])(
    '« %s » : une spécialité qu’aucun protocole ne nomme — dit tel quel, les protocoles du médecin sans spécialité à part, et la loi',
    async (question) => {
      const { text } = await answer(question);
      expect(text).toMatch(/^\*\*Aucun protocole du registre ne nomme les (?:oncologues|radiothérapeutes) comme délégant\*\* ; ceux-ci nomment les médecins sans préciser de spécialité/);
      expect(text).toMatch(/profession médicale[\s\S]*L4011-1/);
      expect(text).not.toMatch(/ont le rôle de délégant/);
    },
  );

  it.each([
    "Je suis oncologue dans un CHU. Une collègue dit que les protocoles de coopération, c'est réservé aux généralistes et aux infirmiers. Un oncologue peut-il être délégant ?",
    'On bosse avec des kinés et des IDE en MSP. Quels protocoles pour les orthoptistes ?',
    "Mon associé est kiné, moi je suis infirmière, et une amie sage-femme me demande : quels protocoles de coopération pour les orthoptistes ?",
  ])('« %s » : la profession de la proposition qui demande, pas celle du contexte', async (question) => {
    const { text } = await answer(question);
    expect(text).toMatch(/oncologues|orthoptistes/);
    expect(text).not.toMatch(/(?:généralistes|infirmiers|masseurs-kinésithérapeutes|sages-femmes) ont le rôle/);
  });

  it.each([
    "psychomotricienne dans notre CPTS : elle doit s'inscrire à un Ordre comme les kinés ?",
    "Notre nouvelle recrue est orthoptiste ; est-ce qu'elle a un Ordre, comme les kinés ?",
    'La psychomotricienne de la CPTS, a-t-elle un Ordre comme les kinés ?',
  ])('« %s » : une proposition qui renvoie au contexte (« elle ») est lue avec lui', async (question) => {
    expect((await ask(question))?.text ?? '').not.toMatch(/masseurs-kinésithérapeutes ont un Ordre/);
  });

  it.each([
    ["Je suis orthoptiste dans un cabinet d'ophtalmo à Tours. Est-ce que je dois m'inscrire à un Ordre comme les kinés ou les infirmières ?", /orthoptistes n'ont pas d'Ordre/],
    ['Sage-femme libérale : dois-je m’inscrire à l’Ordre comme les médecins ?', /sages-femmes ont un Ordre/],
  ])('« %s » : « je dois », « dois-je » : la profession de celui qui demande, pas celle à qui il se compare', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });

  it.each([
    "Ma voisine de 70 ans a mal au dos, l'infirmière peut la gérer par le protocole ?",
    "Mon fils de 10 ans : le pharmacien peut s'en occuper avec le protocole ?",
  ])('« %s » : un patient décrit — pas « la profession peut participer à un protocole »', async (question) => {
    expect((await ask(question))?.text ?? '').not.toMatch(/peuvent être délégants ou délégués/);
  });

  it.each([
    ['Protocoles de coopération pour les manips radio ?', /Les sources comptent 4 protocoles nationaux pour les manipulateurs d'électroradiologie médicale \(3 en échographie, 1 en radiologie interventionnelle\)/],
    ['Which cooperation protocols exist for radiographers?', /Les sources comptent 4 protocoles nationaux/],
    ['quels protocoles pour les IDE ?', /Les sources comptent 44 protocoles nationaux pour les infirmiers fin 2023 \(sur 57/],
  ])('« %s » : ce que les sources comptent au-delà de ce que le registre détaille', async (question, counted) => {
    expect((await answer(question)).text).toMatch(counted);
  });

  it('« quels protocoles pour les kinés ? » : sans décompte dans les sources, le registre dit seulement ce qu’il recense', async () => {
    expect((await answer('quels protocoles pour les kinés ?')).text).toMatch(/Le registre ne recense que les protocoles trouvés dans ses sources/);
  });

  it.each([
    ['Quels protocoles de coopération impliquent un cardiologue ?', /cardiologues ont le rôle de délégant[\s\S]*Insuffisance cardiaque/],
    ['Which cooperation protocols involve pharmacists?', /pharmaciens ont le rôle de délégué/],
    ['les protocoles qui concernent les kinés ?', /masseurs-kinésithérapeutes ont le rôle de délégué[\s\S]*Entorse/],
  ])('« %s » : « impliquer », « concerner », « involve » demandent les protocoles de la profession', async (question, listed) => {
    expect((await answer(question)).text).toMatch(listed);
  });

  it.each([
    ['aide soignante en ehpad, on a un ordre nous aussi ?', /aides-soignants/],
    ["j'ai un ordre moi en tant qu'ostéo ?", /ostéopathes/],
    ['nous avons une URPS, nous les orthoptistes ?', /orthoptistes/],
    ["Is a medical laboratory technician an 'auxiliaire médical' in France?", /techniciens de laboratoire médical/],
    ['Do dental assistants have an order?', /assistants dentaires/],
  ])('« %s » : la profession dite au féminin, en anglais ou par le locuteur (« on a », « j’ai »)', async (question, who) => {
    expect((await answer(question)).text).toMatch(who);
  });

  it.each([
    'le kiné peut prescrire quoi dans le protocole entorse ?',
    'quels médicaments le kiné peut prescrire dans le protocole entorse ?',
    'Dans le protocole entorse, le kiné peut faire quoi exactement ?',
  ])('« %s » : quels actes, pas « Oui » — la liste du registre', async (question) => {
    const { text } = await answer(question);
    expect(text).toMatch(/^\*\*Ce que le registre liste pour les masseurs-kinésithérapeutes dans le protocole Entorse/);
    expect(text).toMatch(/Actes : /);
    expect(text).not.toMatch(/^\*\*Oui/);
  });

  it.each([
    ['Je suis orthoptiste, y a-t-il des protocoles de coopération pour moi ?', /orthoptistes ont le rôle de délégué/],
    ['kiné en MSP, il existe des protocoles de coopération pour nous ?', /masseurs-kinésithérapeutes ont le rôle de délégué/],
    ['Is there any cooperation protocol for speech therapists?', /orthophonistes ont le rôle de délégué/],
  ])('« %s » : « pour moi », « pour nous », « is there » demandent les protocoles de la profession dite', async (question, listed) => {
    expect((await answer(question)).text).toMatch(listed);
  });

  it.each([
    ["Salut, kiné libéral depuis 9 ans, je viens d'intégrer une MSP à Millau avec 3 MG, 4 IDE et une orthophoniste. Je fais surtout du sport, jamais travaillé aux urgences. Quels protocoles de coopération je peux faire comme délégué ?", /masseurs-kinésithérapeutes ont le rôle de délégué/],
    ['Bonjour ! Je suis IDE libérale depuis 12 ans, installée dans une MSP à Rodez (on a signé l’ACI avec les 4 médecins). Je fais surtout du domicile. Quels protocoles de coopération je peux faire ?', /infirmiers ont le rôle de délégué/],
    ['Australian physiotherapist, registered in France since last year, working with two GPs in a health centre in Lyon. Which cooperation protocols can I join as a delegate?', /masseurs-kinésithérapeutes ont le rôle de délégué/],
    ["Je suis titulaire d'une officine en Ardèche, je travaille avec la MSP voisine et ses infirmières. Dans lesquels suis-je encore délégué aujourd'hui ?", /pharmaciens ont le rôle de délégué/],
    ['je suis kiné à Quimper, on me dit que je peux faire des trucs en plus grâce aux protocoles de coopération, lesquels ?', /masseurs-kinésithérapeutes ont le rôle de délégué/],
    ["Psychologue clinicienne salariée d'un centre de santé avec des médecins, je participe aux RCP. J'aimerais être déléguée dans un protocole de coopération : lesquels me sont ouverts ?", /psychologues ont le rôle de délégué[\s\S]*ne font pas partie des professions que l'article L4011-1/],
    ["Pharmacien titulaire dans une CPTS de l'Hérault. Je m'étais formé au protocole cystite en 2023 avec les médecins du secteur. Je peux toujours être délégué ou pas ?", /pharmaciens ont le rôle de délégué[\s\S]*retirés des délégués de : [^\n]*Cystite/],
  ])('« %s » : the asker’s own protocols, the profession they say is theirs (not a colleague’s)', async (question, listed) => {
    expect((await answer(question)).text).toMatch(listed);
  });

  it.each([
    "Je suis kiné en MSP : quels protocoles de coopération pour l'infiltration du genou ?",
    'Which cooperation protocol lets pharmacists treat ear infections in children? I am a pharmacist.',
    'Mon MG m’a parlé des protocoles : quels protocoles de coopération je peux faire pour les plaies chroniques ?',
  ])('« %s » : an act or a complaint asked is no list of the asker’s protocols', async (question) => {
    const reply = await ask(question);
    expect(reply?.text ?? '').not.toMatch(/ont le rôle de délégué\*\* :/);
  });

  it.each([
    ["Comment adhérer à l'Ordre des ergothérapeutes ?", /ergothérapeutes n'ont pas d'Ordre/],
    ["Comment s'inscrire à l'ordre des orthophonistes ?", /orthophonistes n'ont pas d'Ordre/],
    ["l'URPS des psychologues, on la contacte comment ?", /psychologues ne figurent pas parmi les 10 professions dotées d'une URPS/],
  ])('« %s » : l’organe d’une profession qui n’en a pas — le registre le dit', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });

  it("« Comment s'inscrire à l'Ordre des infirmiers ? » : un Ordre qui existe est laissé aux articles", async () => {
    expect(await ask("Comment s'inscrire à l'Ordre des infirmiers ?")).toBeNull();
  });

  it.each(['Can a hospital nurse use the heart failure protocol?', 'Can a nurse apply the heart failure protocol in private practice?'])(
    '« %s » : « use », « apply » the protocol name no act — the protocol applies there',
    async (question) => {
      expect((await answer(question)).text).toMatch(/^\*\*Oui, dans le cadre d'un protocole de coopération\*\*/);
    },
  );

  it('« Can a hospital nurse do echocardiograms under the heart failure protocol? » : an act the protocol does not list is said so', async () => {
    expect((await answer('Can a hospital nurse do echocardiograms under the heart failure protocol?')).text).toMatch(/^\*\*Le registre ne liste pas cet acte/);
  });

  it.each([
    ["PAERPA c'est l'acronyme de quoi ? je le vois partout dans nos vieux docs d'avant le DAC", /personnes âgées en risque de perte d'autonomie/i],
    ["ROR c'est le sigle de quoi ?", /ressources/],
  ])('« %s » : « l’acronyme / le sigle de quoi » demande le développement', async (question, expansion) => {
    expect((await answer(question)).text).toMatch(expansion);
  });

  it.each([
    ['What is the full name of the CNCI?', /Comité national des coopérations interprofessionnelles/],
    ['CNCI en toutes lettres ?', /Comité national des coopérations interprofessionnelles/],
    ['CNCI shows up in every French cooperation-protocol document I read. What is that committee called in full?', /Comité national des coopérations interprofessionnelles/],
  ])('« %s » : le nom complet demandé est le développement du sigle', async (question, expansion) => {
    expect((await answer(question)).text).toMatch(expansion);
  });

  it.each([
    'Les sages-femmes font-elles partie des professions qui peuvent y participer ?',
    'les orthophonistes sont parmi ceux qui peuvent participer à un protocole de coopération ?',
  ])('« %s » : « qui peuvent y participer » demande si la profession peut prendre part, pas un acte', async (question) => {
    expect((await answer(question)).text).toMatch(/^\*\*Oui\*\* : les (?:sages-femmes|orthophonistes) peuvent être délégants ou délégués/);
  });

  it.each([
    ['sage-femme c’est « paramédical » comme les infirmières ?', /^\*\*Non\*\* : les sages-femmes ne relèvent pas de la catégorie « auxiliaires médicaux »/],
    ['les kinés c’est du paramédical ?', /^\*\*Oui\*\* : les masseurs-kinésithérapeutes relèvent de la catégorie « auxiliaires médicaux »/],
    ['on a 2 MG et une psychologue, elle compte comme paramédicale ?', /^\*\*Non\*\* : les psychologues ne relèvent pas/],
  ])('« %s » : « paramédical » est la catégorie des auxiliaires médicaux', async (question, verdict) => {
    expect((await answer(question)).text).toMatch(verdict);
  });

  it.each([
    'On est deux généralistes avec un kiné. Par quoi commencer pour monter une MSP, et dans quel ordre faire les choses ?',
    'les étapes pour créer une MSP avec notre infirmière, dans le bon ordre ?',
    'In what order should a GP and a nurse do the steps to open an MSP?',
    "The lead nurse says it could become national. What's the procedure for a national protocol, from the idea to the ministerial order?",
    'Is the nurses’ protocol authorised by a ministerial order or by the ARS?',
    'The nurses run the sore-throat protocol. Which requirements did the March 2023 order drop?',
    'Was the 2020 order on the cystitis protocol replaced for nurses?',
  ])('« %s » : « dans quel ordre », « ministerial order » ne sont pas l’Ordre d’une profession', async (question) => {
    expect((await ask(question))?.text ?? '').not.toMatch(/ont un Ordre|n'ont pas d'Ordre/);
  });

  it.each([
    ["Le kiné de la MSP dit que oui. Est-ce qu'un psychologue peut être délégué ?", /^\*\*Non\*\* : les psychologues/],
    ["Une aide-soignante m'a posé la question. Est-ce qu'un assistant dentaire peut être délégué ?", /assistants dentaires/],
    ['Dans quel protocole le kiné peut-il prescrire un arrêt de travail ?', /Entorse[\s\S]*Lombalgie/],
    ['Which protocols have nurses as delegates?', /infirmiers ont le rôle de délégué/],
    ['In which protocols can a physiotherapist be the delegate?', /masseurs-kinésithérapeutes ont le rôle de délégué/],
  ])('« %s » : relu après la revue (est-ce que, quel protocole, delegates)', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });

  it.each(["L'ordre de mission des psychologues est-il obligatoire ?", "Quel est l'ordre d'intervention des psychologues dans la MSP ?"])(
    '« %s » : « l’ordre de … » n’est pas l’Ordre d’une profession',
    async (question) => {
      expect((await ask(question))?.text ?? '').not.toMatch(/n'ont pas d'Ordre/);
    },
  );

  it.each(["C'est quoi un protocole de coopération ? Je suis orthophoniste.", "What is a delegate? I'm a nurse."])(
    '« %s » : une définition demandée, quelle que soit la profession de qui la demande, n’est pas une liste du registre',
    async (question) => {
      expect(await ask(question)).toBeNull();
    },
  );

  it('« Je suis kiné en MSP. Quels protocoles de coopération existent ? » : la profession dite avant la question reste celle demandée', async () => {
    expect((await answer('Je suis kiné en MSP. Quels protocoles de coopération existent ?')).text).toMatch(/masseurs-kinésithérapeutes ont le rôle de délégué/);
  });

  it.each(['le kine peut prescrire quoi ?', 'quels médicaments le kiné peut prescrire ?'])(
    '« %s » : sans protocole nommé, les actes de chaque protocole de la profession',
    async (question) => {
      const { text } = await answer(question);
      expect(text).toMatch(/^\*\*Ce que le registre liste pour les masseurs-kinésithérapeutes\*\*, protocole par protocole/);
      expect(text).toMatch(/Entorse[\s\S]*Actes :[\s\S]*Lombalgie/);
    },
  );

  it.each([
    ['je suis IDE aux urgences, quels protocoles de cooperation me concernent ?', /infirmiers ont le rôle de délégué/],
    ['What cooperation protocols can a nurse working in a CPTS apply today?', /infirmiers ont le rôle de délégué/],
  ])('« %s » : « me concernent », « apply » demandent les protocoles de la profession', async (question, listed) => {
    expect((await answer(question)).text).toMatch(listed);
  });

  it.each([
    "Notre protocole local sur les plaies marche bien, les IDE aussi sont ravies. Est-ce qu'un protocole local peut devenir national ?",
    'Les IDE de la maison sont motivées. Est-ce qu’un protocole local peut servir à une autre équipe ?',
  ])('« %s » : une profession nommée dans le récit seulement n’est pas ce que demande une question qui se suffit', async (question) => {
    expect(await ask(question)).toBeNull();
  });

  it.each([
    ['Ma collègue est orthophoniste. A-t-on un Ordre ?', /orthophonistes n’ont pas d’Ordre|orthophonistes n'ont pas d'Ordre/],
    ['Nous les orthoptistes, on a une URPS ?', /orthoptistes/],
    ['Une amie orthoptiste me demande s’il existe des protocoles de coopération où elle peut être déléguée, tu sais ?', /orthoptistes/],
    ["L'ostéopathe de la MSP voudrait participer. Est-ce qu'un professionnel non réglementé peut être délégué dans un protocole ?", /ostéopathes ne peuvent être ni délégants ni délégués/u],
    ["Mon collègue m'a dit que le kiné peut prescrire un arrêt de travail de 15 jours dans le protocole lombalgie, c'est vrai ?", /^\*\*Non\*\* : .*moins de 5 jours/u],
  ])('« %s » : la question qui renvoie au récit le lit encore', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });

  it('ne tranche pas pour une profession que les sources citent avec les auxiliaires médicaux', async () => {
    expect((await answer('Les ambulanciers sont-ils des auxiliaires médicaux ?')).text).not.toMatch(/^\*\*(?:Oui|Non)\*\*/);
  });

  it.each([
    "Quels protocoles de coopération pour une IDE qui travaille à l'hôpital ?",
    'Which cooperation protocols can a nurse working in a hospital take part in?',
  ])('« %s » : les protocoles qui s’appliquent là où la personne exerce, les autres dits à part', async (question) => {
    const reply = await answer(question);
    expect(reply.text).toMatch(/voie veineuse centrale/i);
    expect(reply.text).toMatch(/urgences/); // a hospital's emergency service is in it
    expect(reply.text).toMatch(/Ne s'appliquent pas aujourd'hui dans un établissement de santé : [^\n]*Cystite/);
  });

  it('« Protocoles de coopération ouverts aux kinés en CPTS ? » : la liste, sans « quels »', async () => {
    const reply = await answer('Protocoles de coopération ouverts aux kinés en CPTS ?');
    expect(reply.text).toMatch(/^\*\*Aucun des protocoles où les masseurs-kinésithérapeutes ont le rôle de délégué ne s'applique aujourd'hui en CPTS\*\*/);
  });

  it('dit le rôle d’un protocole nommé, même quand la question cite une de ses professions', async () => {
    expect(await ask('Dans le protocole échographies pour les manips radio, qui est le délégant ?')).toBeNull();
  });

  it.each([
    "Dans le protocole radio de l'IOA, le délégant c'est le radiologue ?",
    "Le protocole insuffisance cardiaque, l'IDE déléguée fait quoi au quotidien, étape par étape ?",
  ])('« %s » : un rôle demandé d’un protocole nommé est laissé aux articles sur ce protocole', async (question) => {
    expect(await ask(question)).toBeNull();
  });

  it.each([
    ['Protocoles de coopération pour les manips radio ?', /manipulateurs d'électroradiologie médicale ont le rôle de délégué/u],
    ['Infirmière en CPTS, quels protocoles nationaux je peux appliquer aujourd’hui en tant que déléguée à domicile ?', /infirmiers ont le rôle de délégué/u],
  ])('« %s » : la liste, quand le nom de la profession ou la question de quels protocoles en nomme un', async (question, listed) => {
    expect((await answer(question)).text).toMatch(listed);
  });

  it.each([
    "On crée notre SISA avec deux médecins et moi, la kiné. On a envoyé les statuts à l'Ordre et à l'ARS hier. Ça passe ?",
    "Je suis infirmière, on a transmis le dossier aux Ordres la semaine dernière, c'est bon pour la suite ?",
  ])('« %s » : un Ordre à qui on envoie quelque chose n’est pas un fait demandé de la profession', async (question) => {
    expect(await ask(question)).toBeNull();
  });

  it("« Je suis kiné, je dois m'inscrire à l'Ordre ? » : l'inscription reste une question sur l'Ordre", async () => {
    expect((await answer("Je suis kiné, je dois m'inscrire à l'Ordre ?")).text).toMatch(/masseurs-kinésithérapeutes ont un Ordre/u);
  });

  it('un psychologue ne peut pas participer à un protocole de coopération', async () => {
    expect((await answer('Un psychologue peut-il participer à un protocole de coopération ?')).text).toMatch(/^\*\*Non\*\*/);
  });
});

describe('qui peut faire un acte, demandé par « quel professionnel »', () => {
  it.each([
    ['quels soignants peuvent suturer aux urgences par délégation ?', /Sutures de plaies simples/],
    ['Quel professionnel peut réaliser des échographies diagnostiques à la place du radiologue ?', /manipulateur/],
    ['Which professionals can renew hay fever treatment under a protocol?', /rhino-conjonctivite/],
  ])('« %s »', async (question, found) => {
    expect((await answer(question)).text).toMatch(found);
  });
});

describe('un acte que plusieurs protocoles délèguent', () => {
  it('garde celui que la plainte du patient nomme, avec ses actes', async () => {
    const text = (await answer("Un patient arrive avec un tour de reins depuis trois jours. Quel professionnel peut lui prescrire un court arrêt de travail à ma place ?")).text;
    expect(text).toMatch(/Douleur lombaire aiguë/u);
    expect(text).toMatch(/arrêt de travail de moins de 5 jours/u);
    expect(text).not.toMatch(/entorse/iu);
  });
});

describe('un acte demandé, vérifié dans la liste des actes du protocole', () => {
  it.each([
    ['Un kiné peut-il faire une infiltration dans le protocole lombalgie ?', /^\*\*Le registre ne liste pas cet acte\*\*/],
    ['le kiné peut-il prescrire une IRM dans le protocole entorse ?', /^\*\*Le registre ne liste pas cet acte\*\*/],
    ['Le kiné peut il prescrire un arret de travail de 7 jours dans le protocole lombalgie ?', /^\*\*Non\*\* : le protocole Lombalgie aiguë prévoit « arrêt de travail de moins de 5 jours »/],
    ['Le kiné peut-il prescrire un arrêt de travail de 3 jours dans le protocole lombalgie ?', /^\*\*Oui, dans le cadre d'un protocole de coopération\*\*[\s\S]*Actes : arrêt de travail de moins de 5 jours/],
    ['Un IDE peut-il poser une voie veineuse centrale en cabinet libéral ?', /^\*\*Non\*\* : ce protocole s'applique dans un établissement de santé, pas en ville/],
    ['Un IDE peut-il poser une voie veineuse centrale au CHU ?', /^\*\*Oui/],
    ["l'IDE peut-elle faire la télésurveillance dans le protocole insuffisance cardiaque ?", /^\*\*Oui/],
    ['Un manipulateur radio peut-il faire des échographies obstétricales ?', /^\*\*Non\*\*[^\n]*obstétricales, cardiaques et d'urgence exclues/],
    ['Un MERM peut-il faire une échographie cardiaque ?', /^\*\*Non\*\*/],
    ['Un MERM peut-il faire une échographie vasculaire ?', /^\*\*Oui/],
    ["l'IOA peut demander la radio direct via le protocole ?", /^\*\*Oui/],
    ['Un kiné peut-il prescrire un arrêt de travail pour une lombalgie aiguë par protocole ?', /^\*\*Oui/],
    ['Can a pharmacist renew hay fever treatment under a cooperation protocol?', /^\*\*Oui/],
    ['Un MERM peut-il faire une échographie obstétricale dans le protocole ?', /^\*\*Non\*\*/],
    ["l'IOA peut-elle directement demander une radiographie dans le protocole ?", /^\*\*Oui/],
    ["Un kiné peut-il faire une infiltration dans le cadre d'un protocole ?", /^Je ne trouve dans le registre aucun protocole de coopération pour l'acte demandé par les masseurs-kinésithérapeutes/],
    ['Existe-t-il un protocole de coopération pour la vaccination par le pharmacien ?', /^Je ne trouve dans le registre aucun protocole[^\n]*par les pharmaciens/],
    ['Les sages-femmes peuvent-elles participer à un protocole de coopération, en tant que profession médicale ?', /^\*\*Oui\*\* : les sages-femmes peuvent être délégants ou délégués/],
  ])('« %s »', async (question, lead) => {
    expect((await answer(question)).text).toMatch(lead);
  });
});

describe('an act asked in the first person, another profession named after it', () => {
  it('« Could I insert a central line … under the anaesthetist delegation protocol? » asks for the asker, a nurse', async () => {
    const { text } = await answer("I'm a self-employed nurse working from a practice in town. Could I insert a central venous line at my practice or at a patient's home under the anaesthetist delegation protocol?");
    expect(text).toMatch(/^\*\*Non\*\*.*établissement de santé/);
  });
});

describe('un acte demandé en mots de tous les jours, ou avec le patient décrit après lui', () => {
  it.each([
    "est ce que le kiné peut arrêter quelqu'un qui s'est tordu la cheville, dans le protocole ?",
    'dans le protocole lombalgie le kine peut donner un arret de travail ?',
    "Le kiné peut-il donner un arrêt de travail dans le protocole lombalgie ?",
    "Un kiné peut-il s'occuper d'une entorse de la cheville sans passer par le médecin ?",
    "Un infirmier peut-il suivre à domicile un patient âgé qui ne peut pas se déplacer au cabinet ?",
    "l'IOA peut-elle demander la radio avant le passage du médecin ?",
    "l'infirmière peut-elle le voir dans le cadre du protocole odynophagie ?",
  ])('« %s » → Oui, with the acts', async (question) => {
    expect((await answer(question)).text).toMatch(/^\*\*Oui/);
  });

  it.each([
    "Le kiné peut-il faire une infiltration à quelqu'un qui a une lombalgie, dans le protocole lombalgie ?",
    "le kiné peut-il prescrire une IRM à un patient qui s'est tordu la cheville, dans le protocole entorse ?",
    "l'IDE peut-elle donner un antibiotique dans le protocole sutures ?",
  ])('« %s » : an act the protocol does not list, the patient described after it', async (question) => {
    expect((await answer(question)).text).toMatch(/^\*\*Le registre ne liste pas cet acte\*\*/);
  });
});

describe('deux protocoles, deux professions comparés', () => {
  it.each([
    ["protocole entorse et protocole lombalgie, c'est quoi la diff pour le kiné ?", /Entorse de cheville[\s\S]*18 à 55 ans[\s\S]*Lombalgie aiguë[\s\S]*moins de 4 semaines/],
    ['Quelle différence entre le protocole IOA et le protocole sutures ?', /moins de 16 ans[\s\S]*tous âges/],
    ['lombalgie vs entorse : which protocol lets the physio order an X-ray?', /Ottawa/],
  ])('« %s » : point par point, chacun avec ses sources', async (question, points) => {
    const reply = await answer(question);
    expect(reply.text).toMatch(points);
    expect(reply.text).toMatch(/Actes : [\s\S]*Actes : /);
  });

  it('deux professions côte à côte : catégorie, Ordre, URPS, protocoles qui les nomment', async () => {
    const reply = await answer('orthoptiste et ophtalmologiste, quelle différence ?');
    expect(reply.text).toMatch(/\*\*Orthoptiste\*\* : auxiliaire médical[^\n]*Ordre : non[^\n]*délégué dans Bilan visuel/);
    // « médecin » alone in a protocol does not make the ophthalmologist its délégant.
    expect(reply.text).toMatch(/\*\*Ophtalmologiste\*\* : profession médicale[^\n]*délégant dans Bilan visuel par l'orthoptiste\./);
    expect((await answer('infirmier vs aide soignant, lequel a un ordre ?')).text).toMatch(/Infirmier[^\n]*Ordre : oui[\s\S]*Aide-soignant[^\n]*Ordre : non/);
  });

  it('dit de quels protocoles une profession a été retirée, et quand', async () => {
    for (const question of ["les pharmaciens peuvent etre délégués dans quels protocoles de coop maintenant ?", 'Protocoles de coopération pour les pharmaciens ?']) {
      const reply = await answer(question);
      expect(reply.text, question).toMatch(/Rhino-conjonctivite/);
      expect(reply.text, question).toMatch(/retirés des délégués de : Odynophagie \(mal de gorge\), Cystite[^\n]*\(le 17 juin 2024\)/);
    }
    expect((await answer('Protocoles de coopération pour les kinés ?')).text).not.toMatch(/retirés/);
  });

  it('compare deux professions seulement quand chaque côté n’est qu’une profession', async () => {
    for (const question of ["quelle différence entre le protocole cystite des IDE et celui des pharmaciens ?", "quelle différence entre une MSP d'infirmiers et une MSP de kinés ?"]) {
      expect(await ask(question), question).toBeNull();
    }
  });
});

describe('faits sur une forme d’exercice', () => {
  it('« combien de médecins pour une MSP ? »', async () => {
    expect((await answer('Combien de médecins pour une MSP ?')).text).toMatch(/deux médecins généralistes et un professionnel paramédical/);
  });

  it('« tailles de CPTS »', async () => {
    expect((await answer('Quelles sont les tailles de CPTS ?')).text).toMatch(/Taille 1 — moins de 40 000[\s\S]*Taille 4 — plus de 175 000/);
  });

  it('« que signifie MAIA ? »', async () => {
    expect((await answer('Que signifie MAIA ?')).text).toMatch(/MAIA[\s\S]*DAC/);
  });

  it.each(['RCP et ACI, ça veut dire quoi ?', 'Our MSP team keeps talking about RCP and ACI. What do these mean?', 'RCP, ACI et SISA, ça veut dire quoi ?'])('« %s » : chaque sigle demandé', async (question) => {
    const reply = await answer(question);
    expect(reply.text).toMatch(/\*\*RCP\*\* : Réunion de concertation pluridisciplinaire/u);
    expect(reply.text).toMatch(/\*\*ACI\*\* : Accord conventionnel interprofessionnel/u);
  });
});

describe('questions générales laissées à la recherche documentaire', () => {
  it.each([
    "Qu'est-ce qu'une CPTS ?",
    'Quels professionnels composent une MSP ?',
    "Qu'est-ce qu'un protocole de coopération ?",
    'Qui peut créer une CPTS ?',
    'Comment créer une MSP ?',
    'Un infirmier peut-il faire partie d’une MSP ?',
    'Comment s’inscrire à l’ordre des infirmiers ?',
    'Quelle est la recette de la tarte tatin ?',
  ])('%s → null', async (question) => {
    expect(await ask(question)).toBeNull();
  });
});

describe('questions d’évaluation captées', () => {
  const lines = readFileSync('/work/shared/eval/questions.jsonl', 'utf8').trim().split('\n');
  const fold = (text: string) => foldAccents(text).toLowerCase();
  it.each(lines.map((line) => JSON.parse(line) as { id: string; question: string; must: string[]; must_not: string[] }))(
    '$id respecte ses motifs',
    async ({ question, must, must_not }) => {
      const reply = await ask(question);
      if (!reply) return;
      expect(reply.text.length).toBeLessThanOrEqual(MAX_LOOKUP_CHARS);
      for (const pattern of must) expect(fold(reply.text)).toMatch(new RegExp(fold(pattern), 'i'));
      for (const pattern of must_not) expect(fold(reply.text)).not.toMatch(new RegExp(fold(pattern), 'i'));
    },
  );
});

describe('protocole local d’une équipe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coordo-local-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(KNOWLEDGE, 'registries'), join(dir, 'registries'), { recursive: true });
  writeFileSync(
    join(dir, 'protocoles-locaux.yml'),
    [
      'equipe: MSP test du Moulin',
      'protocoles:',
      '  - id: local-test-pansements',
      '    title: Protocole test — réfection des pansements simples par l’infirmier',
      '    delegants: [medecin-generaliste]',
      '    delegues: [infirmier]',
      '    patients: Patients test de l’équipe.',
      '    setting: MSP test du Moulin.',
      '    status: Déclaré (test).',
      '    sources: [Protocole écrit par l’équipe test]',
      '    keywords: [pansement, pansements]',
    ].join('\n'),
  );
  const local = createLookupHandler(loadRegistries(dir));

  it('apparaît dans les réponses, étiqueté « protocole local » avec son fichier', async () => {
    const reply = await answer('Qui peut refaire un pansement ?', local);
    expect(reply.text).toMatch(/\*\*protocole local\*\* — MSP test du Moulin/);
    expect(reply.citations[0]).toMatchObject({ path: 'protocoles-locaux.yml', section: 'Protocole local — MSP test du Moulin' });
    expect((await answer('Que peut-on déléguer à une infirmière ?', local)).text).toMatch(/protocole local/);
  });
});

describe('les protocoles d’un lieu', () => {
  it.each([
    ['Quels protocoles de coopération en CPTS ?', /^\*\*Protocoles de coopération qui s'appliquent aujourd'hui en CPTS\*\*/u, /Cystite/u, /Ne s'appliquent pas aujourd'hui en CPTS : .*Entorse de cheville/u],
    ['Which cooperation protocols apply in an emergency department?', /^\*\*Protocoles de coopération qui s'appliquent aujourd'hui dans un service d'urgence\*\*/u, /Sutures de plaies simples/u, /Ne s'appliquent pas aujourd'hui dans un service d'urgence : .*Cystite/u],
    ["quels protocoles de coop sont applicables en centre de santé aujourd'hui ?", /^\*\*Protocoles de coopération qui s'appliquent aujourd'hui en centre de santé\*\*/u, /Rhino-conjonctivite/u, /Sutures de plaies simples aux urgences/u],
  ])('« %s »', async (question, heading, listed, apart) => {
    const { text } = await answer(question);
    expect(text).toMatch(heading);
    expect(text.split('Le registre ne recense')[0]).toMatch(listed);
    expect(text).toMatch(apart);
  });

  it.each([
    "What does 'protocole de coopération' mean in French primary care?",
    'Quels protocoles de coopération en CPTS pour la cystite ?',
  ])('« %s » : no place list', async (question) => {
    expect((await ask(question))?.text ?? '').not.toMatch(/qui s'appliquent aujourd'hui/u);
  });

  it('a profession none of whose protocols applies where the asker works says so first, each with why', async () => {
    const { text } = await answer('je suis kiné dans une CPTS, quels protocoles de coop me concernent ?');
    expect(text).toMatch(/^\*\*Aucun des protocoles où les masseurs-kinésithérapeutes ont le rôle de délégué ne s'applique aujourd'hui en CPTS\*\*/u);
    expect(text).toMatch(/Entorse de cheville.*pas en CPTS : cette ouverture a pris fin le 31 août 2023/u);
  });
});

describe('l’inscription à l’Ordre demandée avec « inscrit »', () => {
  it.each(["faut etre inscrit a l'ordre pour bosser comme kiné ?", 'Faut-il être inscrit à l’Ordre pour exercer comme kiné ?', 'Une IDE doit-elle être inscrite à l’Ordre ?'])('« %s »', async (question) => {
    expect((await answer(question)).text).toMatch(/^\*\*Oui\*\* : les (?:masseurs-kinésithérapeutes|infirmiers) ont un Ordre, où l'inscription est obligatoire/u);
  });
});

describe('« je peux … » read as « <profession> peut … »', () => {
  it.each([
    ["conseillere en genetique, je peux etre deleguee dans un protocole ou c'est reservé aux paramedicaux ?", /^\*\*Oui, selon l'ARS Auvergne-Rhône-Alpes\*\*/u],
    ['Psychologue en MSP, je peux participer à un protocole de coopération ?', /^\*\*Non\*\* : les psychologues/u],
  ])('« %s »', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });
});

describe('the profession asked about, not the one it is compared with', () => {
  it.each([
    ['ma collègue pense que les orthophonistes ont un Ordre comme les kinés, elle a raison ?', /^\*\*Non\*\* : les orthophonistes n'ont pas d'Ordre/u],
    ['Les psychologues sont une profession réglementée comme les infirmières ?', /^\*\*Non\*\* : les psychologues ne relèvent pas d'une profession réglementée/u],
    ['Do speech therapists have an Order like physios do?', /^\*\*Non\*\* : les orthophonistes/u],
    ["faut etre inscrit a l'ordre pour bosser comme kiné ?", /masseurs-kinésithérapeutes ont un Ordre/u],
    ["L'inscription à l'Ordre est-elle obligatoire pour exercer comme kiné ?", /masseurs-kinésithérapeutes ont un Ordre/u],
  ])('« %s »', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });
});

describe('a claim checked: the profession the claim is about, not the one who holds it', () => {
  it.each([
    ["L'infirmière pense que les diététiciens ont un Ordre, c'est vrai ?", /^\*\*Non\*\* : les diététiciens/u],
    ["Mon kiné croit que les orthoptistes ont un Ordre, c'est vrai ?", /^\*\*Non\*\* : les orthoptistes/u],
    ['My GP thinks speech therapists have an order. Is that right?', /^\*\*Non\*\* : les orthophonistes/u],
  ])('« %s »', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });
});

describe('a category asked in English, or with the Ordre', () => {
  it.each([
    ['Is a nurse a medical profession in France?', /^\*\*Non\*\* : les infirmiers ne relèvent pas de la catégorie « professions médicales »/u],
    ['Are pharmacists a medical profession in France?', /^\*\*Non\*\* : les pharmaciens/u],
    ['Does a midwife count as a medical profession in France?', /^\*\*Oui\*\* : les sages-femmes relèvent de la catégorie « professions médicales »/u],
    ['Is a nurse a medical profession, and do they have an Ordre?', /^Les infirmiers ont un Ordre.* Les infirmiers ne relèvent pas de la catégorie « professions médicales »/u],
  ])('« %s »', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });
});

describe('a fact asked as a denial is said without « oui » or « non », which would answer it ambiguously', () => {
  it.each([
    ["kiné il parait qu'on a pas d'urps nous, c vrai ?", /^Les masseurs-kinésithérapeutes ont une URPS/u],
    ["Les infirmiers n'ont pas d'Ordre ?", /^Les infirmiers ont un Ordre/u],
    ["Les psychologues n'ont pas d'Ordre, c'est ça ?", /^Les psychologues n'ont pas d'Ordre propre/u],
    ["Is it true that physios don't have an Order?", /^Les masseurs-kinésithérapeutes ont un Ordre/u],
    ['Les sages-femmes n’ont plus d’URPS ?', /^Les sages-femmes ont une URPS/u],
  ])('« %s »', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });
});

describe('asked whether the Ordre is optional: the opposite of whether there is one', () => {
  it.each([
    ["L'inscription à l'Ordre est-elle facultative pour un kiné ?", /^\*\*Non\*\* : les masseurs-kinésithérapeutes ont un Ordre, où l'inscription est obligatoire/u],
    ["L'inscription à l'Ordre est-elle facultative pour un psychologue ?", /^Les psychologues n'ont pas d'Ordre propre/u],
    ['Les kinés ont-ils un Ordre ?', /^\*\*Oui\*\* : les masseurs-kinésithérapeutes ont un Ordre/u],
  ])('« %s »', async (question, said) => {
    expect((await answer(question)).text).toMatch(said);
  });
});
