import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { detectLookup } from '../../src/domain/lookup-intent.ts';
import { unknownProtocolAnswer } from '../../src/domain/unknown-protocol.ts';
import { lookupAnswer } from '../../src/domain/lookup-answers.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const detect = (text: string) => detectLookup(registries, text);
const subject = (text: string) => {
  const query = detect(text);
  if (!query) return null;
  if (query.kind === 'status') return `${query.kind}:${query.protocol.id}`;
  return 'profession' in query && query.profession ? `${query.kind}:${query.profession.id}` : query.kind;
};

describe('a profession’s protocols, however the question is put', () => {
  it('finds the profession as délégué in pronouns, English, the asker’s own job and statements', () => {
    expect(subject('Le manip radio, on peut lui déléguer quoi ?')).toBe('delegue:manipulateur-electroradiologie');
    expect(subject('What can an orthoptist be delegated under a cooperation protocol?')).toBe('delegue:orthoptiste');
    expect(subject('What can be delegated to a pharmacist today under national protocols?')).toBe('delegue:pharmacien');
    expect(subject('How many national protocols exist for radiographers (MERM)?')).toBe('delegue:manipulateur-electroradiologie');
    expect(subject('je suis kiné en MSP, quels protocoles de coop existent pour moi ?')).toBe('delegue:masseur-kinesitherapeute');
    expect(subject("Notre orthoptiste demande s'il existe des protocoles de coopération pour lui en CPTS.")).toBe('delegue:orthoptiste');
    expect(subject('What can a GP delegate under a cooperation protocol?')).toBe('delegant:medecin-generaliste');
    expect(subject('Quels protocoles de coopération concernent ma profession ? je suis infirmière')).toBe('delegue:infirmier');
    expect(subject('je suis infirmière, quels protocoles de coopération concernent ma profession ?')).toBe('delegue:infirmier');
    expect(subject('quels protocoles pour mon métier ? je suis pharmacien')).toBe('delegue:pharmacien');
    expect(subject('Je suis kiné, quels protocoles je peux faire comme délégué ?')).toBe('delegue:masseur-kinesitherapeute');
  });

  it('reads a team of one profession asking, without a question mark, whatever it says of itself first', () => {
    const asked =
      "nous sommes trois infirmières rattachées à une CPTS dans la Drôme et on voudrait savoir quels protocoles nationaux de coopération nous pouvons encore appliquer aujourd'hui dans le cadre de la CPTS, parce qu'on a lu que certains n'y étaient plus ouverts depuis 2023.";
    expect(subject(asked)).toBe('delegue:infirmier');
    expect(subject('Which cooperation protocols can a physio in a CPTS still use now, end of 2026?')).toBe('delegue:masseur-kinesitherapeute');
  });

  it('says when each protocol stopped applying where the asker works', () => {
    const query = detect('on est deux infirmières en CPTS et on voudrait savoir quels protocoles de coopération nous pouvons appliquer');
    const text = query ? lookupAnswer(registries, query, '2026-12-01').text : '';
    expect(text).toMatch(/Ne s'appliquent pas aujourd'hui en CPTS : .*Rhino-conjonctivite allergique saisonnière \(ouverture close le 31 août 2023\)/u);
  });

  it('reads « un protocole pour que l’IDE suive … » as an act, not the list of the IDE’s protocols', () => {
    expect(subject("Existe-t-il un protocole de coopération pour que l'IDE suive les patients sous anticoagulants (AVK) ?")).toBe('act:infirmier');
    expect(subject('des protocoles pour les kinés en MSP ?')).toBe('delegue:masseur-kinesitherapeute');
    expect(subject("Quels protocoles de coopération pour une IDE qui travaille à l'hôpital, hors urgences ?")).toBe('delegue:infirmier');
  });

  it.each([
    ['les anesthésistes ils délèguent quoi aux IDE avec un protocole de coop ?', 'delegue:infirmier', /Pose de voie veineuse centrale/u, /IOA|Cystite/u],
    ['les cardiologues délèguent quoi aux infirmiers ?', 'delegue:infirmier', /Insuffisance cardiaque/u, /Cystite/u],
    ['le radiologue il peut deleguer quoi et a qui ?', 'delegant:radiologue', /chographies/u, /Cystite/u],
    ['les médecins délèguent quoi aux kinés ?', 'delegue:masseur-kinesitherapeute', /Lombalgie|Entorse/u, /Cystite/u],
  ])('« %s » : a conjugated « déléguer » names who delegates to whom; a specialty keeps the protocols that name it', (question, expected, listed, notListed) => {
    expect(subject(question)).toBe(expected);
    const query = detect(question);
    const text = query ? lookupAnswer(registries, query, '2026-12-01').text : '';
    // The protocols listed (those naming only the parent profession may be said apart, in a sentence).
    const list = text.split('\n').filter((line) => line.startsWith('- ')).join('\n');
    expect(list).toMatch(listed);
    expect(list).not.toMatch(notListed);
  });

  it.each([
    "Entre la télésurveillance confiée à l'infirmière et les visites chez les personnes âgées qui ne peuvent plus venir au cabinet, qui est le délégant dans chaque cas ?",
    "Pour les patients qui peuvent se déplacer, l'infirmière fait quoi ?",
  ])('« %s » : the verb of a relative clause is no « <profession> peut … »', (question) => {
    expect(subject(question)).not.toBe('profession:infirmier');
  });

  it('leaves a question naming an act to the act lookups and the articles (it may not be in the registry)', () => {
    expect(subject('Quel est le protocole de coopération qui permet à la sage-femme de poser un DIU ?')).not.toBe('delegue:sage-femme');
    expect(subject('Il existe un protocole kiné pour les cervicalgies ou le torticolis ?')).not.toBe('delegue:masseur-kinesitherapeute');
  });
});

describe('a profession’s facts', () => {
  it('answers bare questions made of the profession and the facts asked, on the profession named first', () => {
    expect(subject('Psychomotricien : Ordre ? URPS ?')).toBe('profession:psychomotricien');
    expect(subject('opticien-lunetier : ordre ou pas ?')).toBe('profession:opticien-lunetier');
    expect(subject("psychomotricienne dans notre CPTS : elle doit s'inscrire à un Ordre comme les kinés ?")).toBe('profession:psychomotricien');
    expect(subject('Do pedicure-podiatrists have both an Ordre and a URPS?')).toBe('profession:pedicure-podologue');
  });

  it('does not take a question on something else about the same body for one', () => {
    expect(detect("Qui est le président de l'URPS médecins d'Occitanie ?")).toBeNull();
    expect(detect("Comment sont composés les trois collèges de l'URPS médecins ?")).toBeNull();
  });
});

describe('a protocol’s status', () => {
  const lead = (text: string) => {
    const query = detect(text);
    return query ? lookupAnswer(registries, query, '2026-12-01').text.split('\n')[0] : null;
  };

  it('says whether the one protocol named is national, and what it is otherwise', () => {
    expect(lead('asalée c un protocole national comme les autres ?')).toMatch(/^\*\*Non\*\* : Asalée.*dispositif antérieur/);
    expect(lead('Le dossier PC 145 sur les midlines est-il autorisé ?')).toMatch(/^\*\*Statut non confirmé\*\*.*autorisation n'a pas été trouvée/);
    expect(lead('le protocole insuffisance cardiaque est-il national ou local ?')).toMatch(/^\*\*Protocole national autorisé/);
    expect(lead('Le protocole cystite est-il toujours en vigueur ?')).toMatch(/^\*\*Oui\*\*.*protocole national autorisé/);
    expect(lead('Asalée c’est un protocole national autorisé par arrêté ministériel ?')).toMatch(/^\*\*Non\*\* : Asalée.*dispositif antérieur/);
    expect(lead('Is Asalée a national cooperation protocol authorised by ministerial order, like the 2020 ones?')).toMatch(/^\*\*Non\*\* : Asalée/);
  });

  it('is no answer to a question that asks more than the status', () => {
    expect(subject('le protocole cystite est-il autorisé pour les pharmaciens ?') ?? '').not.toMatch(/^status/);
    expect(subject("l'échographie par le MERM est-elle reconnue par l'Assurance maladie ?") ?? '').not.toMatch(/^status/);
    expect(subject("L'arrêté de 2025 qui autorise les kinés à prescrire des radios du genou, il dit quoi ?") ?? '').not.toMatch(/^status/);
  });
});

describe('a protocol the base does not hold', () => {
  const vocabulary = { isKnown: (term: string) => !['asthma', 'ecg', 'antidepress', 'should'].includes(term) };
  const unknown = (text: string) => unknownProtocolAnswer(registries, text, vocabulary) !== null;

  it('is told by what it would let someone do, in French and English', () => {
    expect(unknown("Y a-t-il un protocole national où l'IDE fait et interprète l'ECG aux urgences ?")).toBe(true);
    expect(unknown("I heard there's a cooperation protocol letting midwives prescribe antidepressants postpartum")).toBe(true);
    expect(unknown('Is there an asthma protocol for nurses?')).toBe(true);
    expect(unknown('On voudrait appliquer le protocole national « plaies chroniques et ulcères » par l’IDE libérale')).toBe(true);
  });

  it.each([
    "Protocole IOA bilan biologique : l'infirmière d'accueil peut prescrire la prise de sang avant le médecin ?",
    'le protocole lombalgie chronique, quelles conditions ?',
    'Existe-t-il un protocole de coopération pour la prise en charge de la conjonctivite bactérienne par le pharmacien ?',
  ])('« %s » : a variant, qualified otherwise than the protocol the base holds', (question) => {
    expect(unknown(question)).toBe(true);
  });

  it.each([
    'le protocole lombalgie aiguë, quelles conditions ?',
    'protocole bilan radiologique de l’IOA : qui est délégant ?',
    'le protocole rhino-conjonctivite allergique saisonnière, pour qui ?',
    'un protocole pour la prise en charge de la lombalgie aiguë par le kiné ?',
    'protocole entorse récente : le kiné peut-il la voir ?',
    'elle veut un arrêt : protocole lombalgie aiguë jouable ?',
    'protocole lombalgie aiguë faisable pour elle ?',
    'Which hospital promoted the national nurse protocol for heart failure telemonitoring and titration?',
    'dans notre protocole local, la partie « processus de prise en charge » faut y mettre quoi ?',
    "protocole cystite pr une patiente de 34 ans, c'est ok ?",
    'protocole angine enfant',
    'protocole sutures enfant 3 ans ?',
    'protocole eruption bebe 2 ans',
    'le protocole sutures aux urgences ça marche aussi pour les gamins ?',
  ])('« %s » : the protocol as the base qualifies it, or unqualified there', (question) => {
    expect(unknown(question)).toBe(false);
  });

  it.each([
    ['a délégant no protocol has', "Le protocole qui permet à l'IDE de poser un implant sur délégation de la sage-femme, vous l'avez ?"],
    ['a site no protocol about it covers, said after who does the act', 'Le protocole national où le kiné prend en charge les entorses du genou, il faut quelle formation ?'],
    ['a variant quoted before « protocole »', 'Il paraît qu’il y a une version « lombalgie chronique » du protocole kiné : quelles conditions ?'],
    ['a word the base never uses, before the patient', 'protocole ECG enfant 6 ans ?'],
    ['a word the base never uses, after a patient noun', 'le protocole ECG pour les patients de plus de 60 ans, il existe ?'],
    ['the population it is about', "le protocole national où l'IDE renouvelle les ordonnances des patients chroniques, il existe ?"],
    ['a name quoted before the protocol it names', 'On me parle de « ECG de repos » comme protocole : il existe ?'],
    ['what it delegates', "Le protocole national qui délègue à l'IDE la prise de l'ECG, il date de quand ?"],
    ['a profession no protocol involves', 'Quel est le protocole national de coopération sage-femme / médecin pour le suivi de la contraception ?'],
  ])('is told by %s', (_how, question) => {
    expect(unknown(question)).toBe(true);
  });

  it('is not claimed of the protocols a profession no protocol involves may join (the lookups answer it)', () => {
    expect(unknown('Y a-t-il des protocoles de coopération où peuvent entrer les chirurgiens-dentistes ?')).toBe(false);
    expect(unknown('protocole de coopération pour les sages-femmes ?')).toBe(false);
  });

  it('is not claimed of a protocol the asker means to write', () => {
    expect(unknown('They want to start a local cooperation protocol on wound dressings: what are the steps?')).toBe(false);
    expect(unknown('On veut rédiger un protocole local sur les plaies : quelles démarches ?')).toBe(false);
  });

  it('is not claimed for the protocols the registry holds, however they are named', () => {
    expect(unknown("Le protocole où l'IDE pose une voie veineuse centrale sur délégation de l'anesthésiste, il date de quand ?")).toBe(false);
    expect(unknown('Le protocole où le kiné prend en charge les entorses de la cheville, quelle formation ?')).toBe(false);
    expect(unknown('Le protocole entorse de cheville, ça marche comment ?')).toBe(false);
    expect(unknown('protocole mal de gorge : qui peut faire le TROD ?')).toBe(false);
    expect(unknown("Un protocole qui permet à l'IDE de suturer une plaie aux urgences, ça existe ?")).toBe(false);
    expect(unknown('Les protocoles de coopération rapportent-ils quelque chose à la MSP ?')).toBe(false);
    expect(unknown('ado de 14 ans avec des brulures en urinant, protocole cystite possible ?')).toBe(false);
  });
});

describe('a specialty’s protocols', () => {
  it('lists those naming the specialty, and those naming only its profession apart', () => {
    const query = detect('Quels protocoles de coopération ont un cardiologue comme délégant ?');
    expect(query?.kind).toBe('delegant');
    const text = query ? lookupAnswer(registries, query, '2026-12-01').text : '';
    const [listed, apart] = text.split('Le registre ne recense');
    expect(listed).toMatch(/Insuffisance cardiaque/);
    expect(listed).not.toMatch(/IOA/);
    expect(apart).toMatch(/sans préciser de spécialité : .*Sutures/);
  });
});

describe('a place’s protocols', () => {
  it.each([
    "Quels protocoles de coopération peuvent tourner dans un service d'urgences ?",
    'Which cooperation protocols can run in an emergency department?',
    'Quels protocoles de coopération existent aux urgences ?',
  ])('« %s » asks the protocols that apply there', (question) => {
    expect(subject(question)).toBe('place');
  });

  it('reads an act said with the place as no list of the place’s protocols', () => {
    expect(subject('Quels protocoles pour les sutures aux urgences ?')).not.toBe('place');
  });
});

describe('several professions asked in one role', () => {
  it('lists each profession’s protocols, one after the other, with the citations numbered across them', () => {
    const query = detect("Dans quels protocoles le cardiologue ou l'anesthésiste est délégant ?");
    expect(query?.kind).toBe('delegant');
    const reply = query ? lookupAnswer(registries, query, '2026-12-03') : null;
    expect(reply?.text).toMatch(/Insuffisance cardiaque[\s\S]*Pose de voie veineuse centrale/u);
    const cited = [...(reply?.text ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(Math.max(...cited)).toBe(reply?.citations.length);
  });

  it.each([
    'Which national cooperation protocols have a cardiologist or an anaesthetist as the delegating doctor?',
    'Quels protocoles nationaux ont pour délégant le cardiologue ou l’anesthésiste ?',
  ])('« %s » : the professions named together are asked in one role', (question) => {
    const query = detect(question);
    expect(query?.kind).toBe('delegant');
    expect(query && 'also' in query ? query.also?.map((profession) => profession.id) : undefined).toEqual(['medecin-anesthesiste']);
  });

  it('reads the professions of the asker’s story apart from the one asked', () => {
    const query = detect("On se répartit les soins avec les infirmières, la pharmacienne et le kiné. Quels protocoles pour les infirmiers ?");
    expect(query && 'also' in query ? query.also : undefined).toBeUndefined();
  });
});
