import { escapeRegExp } from '../text/escape-regexp.ts';
import { oncePer } from '../text/memo.ts';
import { normalizeForMatch, terms } from '../text/french.ts';
import { withoutPhrases } from './phrase-match.ts';
import { analyseQuestion, asksSomething, ASKS_FOR_CONTENT, clausesAbove, CONTENT_WORDS, namesNothing, ONLY_ASKING_WHETHER, SITUATION_WEIGHT, TOPIC_WEIGHT, WHICH_WORDS, wordsPattern } from '../knowledge/question-analysis.ts';
import { COOPERATION_WORDS, frameTerms, framesCooperation, ownProtocol } from './cooperation-frame.ts';
import { askerProfession, findForm, findProfession, firstProfession, lastProfession, matchDatedFacts, matchProtocolsByActs, namesOfLineage, professionsJoined, protocolsForDelegant, protocolsForDelegue } from './lookups.ts';
import { isWordLikeAcronym } from './thesaurus.ts';
import { PLACE_NAMES, placesIn, type Place } from './places.ts';
import { describePatient } from './patient-description.ts';
import { namesOf, type Protocol, type DatedFact, type GlossaryEntry, type PracticeForm, type Profession, type ProfessionCategory, type Registries } from './registry.ts';

/**
 * Recognises the lookup questions the registries answer. Conservative on
 * purpose: general questions ("Qu'est-ce qu'une CPTS ?") are not lookups and go
 * on to free-text retrieval.
 */
export type FormAspect = 'composition' | 'sizes' | 'legalForm' | 'validatedBy' | 'funding' | 'steps' | 'missions';
export type ProfessionAspect = 'ordre' | 'urps' | 'ordre-urps' | 'categorie' | 'reglementee' | 'cooperation';

export type LookupQuery =
  /** Who may do an act (optionally: may this profession do it). */
  | {
      kind: 'act';
      act: string;
      profession?: Profession;
      explicit: boolean;
      /** The act is the whole question (« mal de dos : qui peut le prendre en charge ? »): it cannot be checked against a protocol's acts. */
      wholeQuestion?: boolean;
      /** With `wholeQuestion`, the act the question's verb says (« prescrire une IRM »), checked against the protocol's acts. */
      verbAct?: string;
      /** « l'IDE peut prescrire quoi ? », « quels médicaments le kiné peut prescrire ? »: which acts, not whether. */
      which?: boolean;
      /** The protocols the whole question names by their keywords (« un tour de reins… qui peut prescrire un arrêt ? »). */
      situated?: string[];
      /** Where the asker works, said outside the act (« IDE libérale… je peux poser une VVC ? »). */
      places?: Place[];
    }
  /** `also`: the other professions asked with it, in the same role (« le cardiologue ou l'anesthésiste »). */
  | { kind: 'delegue'; profession: Profession; delegant?: Profession; places?: Place[]; also?: Profession[] }
  | { kind: 'delegant'; profession: Profession; places?: Place[]; also?: Profession[] }
  | { kind: 'compared-protocols'; protocols: [Protocol, Protocol] }
  | { kind: 'compared-professions'; professions: [Profession, Profession] }
  /**
   * `optional`: asked whether its Ordre is optional (« l'inscription est-elle facultative ? »), the opposite of whether
   * it has one. `denied`: asked as a denial (« on n'a pas d'URPS, c'est vrai ? »), which « oui » or « non » would answer
   * ambiguously.
   */
  | { kind: 'profession'; profession: Profession; aspect: ProfessionAspect; askedCategory?: ProfessionCategory; optional?: boolean; denied?: boolean }
  | { kind: 'professions-with'; aspect: 'ordre' | 'urps' }
  | { kind: 'category'; category: ProfessionCategory }
  | { kind: 'form'; form: PracticeForm; aspect: FormAspect }
  | { kind: 'acronym'; entries: [GlossaryEntry, ...GlossaryEntry[]] }
  /** Whether something the glossary says was merged or replaced still exists (« les PTA existent-elles encore ? »). */
  | { kind: 'ended'; entry: GlossaryEntry }
  /**
   * A tariff, threshold or opening that changes on given days. `whether`: asked whether it is open where the question
   * says (« Is a CPTS allowed to run the cystitis protocol? »), which the opening of today answers by yes or no.
   */
  | { kind: 'dated'; facts: DatedFact[]; whether?: Place[] }
  /** Whether one named protocol is national (authorised), and what it is otherwise; `eitherOr`: « national ou local ? ». */
  | { kind: 'status'; protocol: Protocol; eitherOr: boolean }
  /** Which protocols apply in these places (« quels protocoles en CPTS ? »). */
  | { kind: 'place'; places: Place[] };

const has = (text: string, pattern: RegExp) => pattern.test(text);

const CATEGORY_PHRASES: readonly [ProfessionCategory, RegExp][] = [
  ['medicale', /\bprofessions? medicales?\b|\bmedical professions?\b/],
  ['pharmacie', /\bprofessions? de (?:la )?pharmacie\b|\bpharmacy professions?\b/],
  ['auxiliaire-medical', /\bauxiliaires? medica(?:l|ux)\b|\bparamedica(?:l|ux|le|les)\b|\ballied health\b/],
  ['non-reglementee', /\bprofessions? (?:de sante )?non reglementees?\b/],
];

/** Words showing a clinical act, so a "qui peut … ?" without match deserves an explicit "none". */
const ACT_HINT =
  /\b(?:sutur\w*|prescri\w*|renouvel\w*|vaccin\w*|infiltr\w*|ponction\w*|pansements?|perfus\w*|sond\w*|diagnosti\w*|soign\w*|trait\w*|prendre en charge|prise en charge|examin\w*|depist\w*|pos(?:e|er)|inject\w*|echograph\w*|radio\w*|bilan|tests?|soins?|actes?|ordonnances?|arret de travail|consultations?|suivre|suivi)\b/;

const QUESTION_YES_NO =
  /\b(?:ont|ont ils|ont elles|a t il|a t elle|on a|a t on|j ai|ai je|nous avons|avons nous|existe t il|y a t il|disposent|dispose t il|possedent|possede t il|est il|est elle|sont ils|sont elles|quelle categorie|de quelle categorie|quel ordre|quelle urps|doit (?:il|elle )?s inscrire|doivent (?:ils |elles )?s inscrire|(?:dois|dois je|devons|devons nous) (?:m|me|nous) inscrire|inscription|(?:etre|s etre) inscrite?s?|do|does|have|has|is|are)\b/;

export function detectLookup(registries: Registries, text: string): LookupQuery | null {
  const query = withoutPatient(askedFirst(registries, text), text);
  // « … pour une IDE qui travaille à l'hôpital »: a profession's protocols where the asker works.
  const places = placesIn(text);
  // What the question says besides the act (« un tour de reins ») may name the protocol.
  if (query?.kind === 'act') {
    const around = normalizeForMatch(text).replace(query.act, ' ');
    const placed = placesIn(query.act).length === 0 && places.length > 0 ? { places } : {};
    return { ...query, situated: matchProtocolsByActs(registries, around).map((protocol) => protocol.id), ...placed };
  }
  // « Dans Asalée, le généraliste délègue quoi à l'infirmière ? » asks about the protocol named, not for a list.
  // « Dans le protocole radio de l'IOA, le délégant c'est le radiologue ? », « the heart failure protocol… so the GP is
  // the delegating doctor there? »: any question on a role that names the protocol is about that protocol.
  if ((query?.kind === 'delegue' || query?.kind === 'delegant') && namesProtocol(registries, text, query.profession)) return null;
  if (!query || (query.kind !== 'delegue' && query.kind !== 'delegant')) return query;
  const placed = places.length > 0 ? { ...query, places } : query;
  return withOthersJoined(registries, placed, text);
}

/**
 * Does what is asked, or its topic, name a protocol, besides the profession (« manip radio » names no radiology
 * protocol) and the asker's story (« j'avais commencé les TROD angine… dans quels protocoles je peux encore… »)?
 */
function namesProtocol(registries: Registries, text: string, profession: Profession): boolean {
  const asked = normalizeForMatch(clausesAbove(analyseQuestion(text).clauses, SITUATION_WEIGHT) || text);
  // « quels protocoles je peux appliquer… à domicile ? », « entre odynophagie et rhino, dans lequel… ? » ask for the list.
  if (ASKS_WHICH_PROTOCOLS.test(asked)) return false;
  return matchProtocolsByActs(registries, withoutNames(registries, asked, profession)).length === 1;
}

/** Asking which protocols (accent-folded). */
const ASKS_WHICH_PROTOCOLS = /\b(?:quels?|quelles?|lesquels|which|what) (?:\w+ )?(?:protocoles?|protocols?)\b|\b(?:dans lequel|lequel|laquelle|which one)\b/;

/** « Dans quels protocoles le cardiologue ou l'anesthésiste est délégant ? »: the other professions asked in the same role. */
function withOthersJoined<Q extends Extract<LookupQuery, { kind: 'delegue' | 'delegant' }>>(registries: Registries, query: Q, text: string): Q {
  if (query.kind === 'delegue' && query.delegant) return query;
  // In what is asked, not in the asker's story (« … avec les infirmières, la pharmacienne et le kiné de la maison »).
  const asking = clausesAbove(analyseQuestion(text).clauses, TOPIC_WEIGHT) || text;
  const joined = professionsJoined(registries, normalizeForMatch(asking));
  const also = joined.filter((profession) => profession.id !== query.profession.id);
  return joined.some((profession) => profession.id === query.profession.id) && also.length > 0 ? { ...query, also } : query;
}

/**
 * « Ma voisine de 70 ans… l'infirmière peut la suivre avec le protocole ? » asks whether a patient fits a protocol,
 * not whether the profession may take part in one: that reading is dropped when a patient is described.
 */
function withoutPatient(query: LookupQuery | null, text: string): LookupQuery | null {
  if (query?.kind !== 'profession' || query.aspect !== 'cooperation') return query;
  const patient = describePatient(text);
  return patient.age !== undefined || patient.sex !== undefined ? null : query;
}

/** The asker, or their job, named in words that point to them (« pour moi », « ma profession »; accent-folded). */
const THE_ASKER = 'moi|nous|me|us|ma profession|mon metier|mon job|my profession|my job';
/** « des protocoles pour moi / pour mon équipe / pour ma profession ». */
const FOR_THE_ASKER = new RegExp(String.raw`^(?:${THE_ASKER}|mon equipe|notre equipe)\b`);

/**
 * A question told with its context (« Je suis oncologue… Une collègue dit que c'est réservé aux généralistes… Est-ce
 * qu'un oncologue peut être délégant ? ») is read in the clauses that ask first; the whole text only when they alone
 * say nothing the registries answer (« je suis kiné. Quels protocoles pour moi ? »).
 */
function askedFirst(registries: Registries, text: string): LookupQuery | null {
  // « L'infirmière pense que les diététiciens ont un Ordre, c'est vrai ? »: what is asked is the claim; « c'est vrai ? »
  // checks it, and points back to nothing else.
  const asking = clausesAbove(
    analyseQuestion(text).clauses.filter((clause) => !namesNothing(clause.text)),
    TOPIC_WEIGHT,
  );
  const standsAlone = asking !== '' && asking.length < text.length && !REFERS_BACK.test(normalizeForMatch(asking));
  const asker = askerProfession(registries, text);
  const alone = standsAlone ? detectQuery(registries, asking, asker) : null;
  // « C'est quoi un protocole de coopération ? Je suis orthophoniste. » asks a definition, whoever asks it.
  if (!alone && standsAlone && analyseQuestion(asking).kind === 'definition') return null;
  // « Notre protocole local… les IDE aussi… Est-ce qu'un protocole local peut devenir national ? »: a question that
  // stands alone and is not the asker's own is not about what its story names.
  const whole = detectQuery(registries, text, asker);
  const wholeText = whole && standsAlone && ofTheStory(registries, whole, asking) ? null : whole;
  return alone ?? askerProtocolsQuery(registries, asking || text, text, asker) ?? wholeText ?? placeProtocolsQuery(registries, asking || text, text);
}

/** A first-person subject a few words before the end (« je peux toujours être », « can i still be »). */
const SAID_OF_ME = /\b(?:je|j|i)\b(?: \S+){0,4} $/;

/** First-person words in what is asked (« je peux », « pour moi », « nous pouvons », « can I », « me sont ouverts »). */
const FIRST_PERSON = /\b(?:je|j|me|m|moi|nous|i|my|we|us|our)\b/;
/** « lesquels me sont ouverts ? » points back to the protocols named before it. */
const WHICH_ONES_BACK = /\b(?:lesquels|lesquelles|which ones)\b/;

/**
 * « Kiné libéral depuis 9 ans, je viens d'intégrer une MSP avec 3 MG… Quels protocoles de coopération je peux faire
 * comme délégué ? »: what is asked is the asker's own protocols and says nothing else (no act, no complaint); the
 * profession is the one the asker names as theirs, not a colleague's.
 */
function askerProtocolsQuery(registries: Registries, asking: string, text: string, asker: Profession | undefined): LookupQuery | null {
  const n = normalizeForMatch(asking);
  const onProtocols = COOPERATION_WORDS.test(n) || (WHICH_ONES_BACK.test(n) && COOPERATION_WORDS.test(normalizeForMatch(text)));
  // « … accessibles aux infirmières de ville comme moi ? » names the asker's own profession.
  const named = findProfession(registries, n);
  const which = ASKS_WHICH.exec(n);
  if (!onProtocols || !which || !FIRST_PERSON.test(n) || (named && named !== asker)) return null;
  // « nous sommes trois infirmières rattachées à une CPTS dans la Drôme et on voudrait savoir quels protocoles… »:
  // what comes before the asking word tells who asks.
  const asked = n.slice(which.index);
  if (!framesOnly(named ? withoutNames(registries, asked, named) : asked)) return null;
  return asker ? roleOf(registries, asker, n) : null;
}

/**
 * « Quels protocoles de coopération en CPTS ? », « which protocols apply in an emergency department? »: which
 * protocols, asked of a place and of nothing else (no profession, no act, no subject).
 */
function placeProtocolsQuery(registries: Registries, asking: string, text: string): LookupQuery | null {
  const n = normalizeForMatch(asking);
  // « quels protocoles en CPTS ? », and « une ESP peut-elle appliquer des protocoles ? » (the list says which, so whether).
  const asks = ASKS_WHICH.test(n) || MAY_APPLY.test(n);
  // « on est une ESP, on a le droit de faire des protocoles ? »: the place said before what is asked.
  const here = placesIn(asking);
  const places = here.length > 0 ? here : placesIn(text);
  if (places.length === 0 || !COOPERATION_WORDS.test(n) || !asks || findProfession(registries, normalizeForMatch(text))) return null;
  // « What does 'protocole de coopération' mean in French primary care? » asks a definition.
  if (analyseQuestion(text).kind === 'definition') return null;
  return framesOnly(n) ? { kind: 'place', places } : null;
}

/** Whether protocols (in the plural) may be applied somewhere (« peut-elle appliquer des protocoles », « on a le droit de faire des protocoles »). */
const MAY_APPLY = /\b(?:peut|peuvent|peux|pouvons|pourrait|possible|droit|autorise\w*|faire|appliquer|can|may|allowed)\b.*\b(?:des|les|de) (?:protocoles|protocols)\b|\b(?:can|may) (?:\w+ ){1,4}(?:apply|run|use) (?:cooperation )?protocols\b/;

/** Nothing but words that frame a question on protocols, and places (accent-folded): no act, no subject. */
const framesOnly = (n: string) => terms(withoutPhrases(n, PLACE_NAMES)).every(framesCooperation);

/**
 * Words that point back to something said before (« elle doit s'inscrire… », « s'ils ont un Ordre », « un protocole
 * pour ça ? », « pour moi ? »): the clause does not stand alone. A pronoun after its verb repeats a subject the clause
 * names (« un oncologue peut-il… »), unless the verb starts it (« a-t-elle… »); « est-ce que » points back to nothing.
 */
const REFERS_BACK = new RegExp(
  String.raw`(?:^(?:\w+ (?:t )?)?|\b(?:qu|que|si|s|et|mais|ou|car|donc|quand|parce qu)\s)(?:il|elle|ils|elles)\b|\b(?:ca|cela|celui|celle|ceux|celles|c|(?<!\best )ce|cet|cette|ces|son|sa|ses|leur|leurs|y(?! a\b)|${THE_ASKER}|it|its|they|them|their|this|that|these|those)\b`,
);

/**
 * Is a profession read from the whole text only named in its story, while what is asked stands alone, is not the
 * asker's own and says what it is about (« Notre protocole local… les IDE aussi… Est-ce qu'un protocole local peut
 * devenir national ? »)?
 */
function ofTheStory(registries: Registries, query: LookupQuery, asking: string): boolean {
  const n = normalizeForMatch(asking);
  if (!['profession', 'delegue', 'delegant', 'act'].includes(query.kind) || FIRST_PERSON.test(n) || /\bon\b/.test(n) || findProfession(registries, n)) return false;
  // « L'ostéopathe voudrait participer. Un professionnel non réglementé peut-il être délégué ? »: « un professionnel »,
  // « un délégué » stand for the one the story names.
  if (STANDS_FOR_A_PROFESSIONAL.test(n)) return false;
  // « liste rapide svp », « tu sais ? » say too little to stand alone.
  const said = terms(n);
  return said.length >= 4 && said.some((term) => !framesCooperation(term) && !ASPECT_FRAME_TERMS.has(term) && !ASKING_TERMS.has(term));
}

/** The words that ask, in a lookup question (« quel », « est-ce que », « which »). */
const ASKING_TERMS = frameTerms('quel quelle quels quelles qui quoi combien est-ce what which who how many is are does do lequel laquelle');

/** Words that name a professional without saying which (accent-folded). */
const STANDS_FOR_A_PROFESSIONAL = /\b(?:un|une|des|a|an)(?: \w+)? (?:professionnels?|soignants?|delegues?|deleguees?|delegants?|professionals?|delegates?|clinicians?)\b/;

/** The readings of a question, in order; `asker` is the profession the asker says is theirs, when the question is about them. */
function detectQuery(registries: Registries, text: string, asker?: Profession): LookupQuery | null {
  const n = normalizeForMatch(text);
  // « dans quel ordre faire les choses » names no Ordre.
  const unordered = n.replace(SEQUENCE, ' ').replace(ORDRE_AS_RECIPIENT, '$1');
  return (
    comparedQuery(registries, text) ??
    endedQuery(registries, text, n) ??
    acronymQuery(registries, text, n) ??
    delegationQuery(registries, n, asker) ??
    statusQuery(registries, text, n) ??
    actQuery(registries, n, asker) ??
    datedQuery(registries, text, n) ??
    categoryQuery(n) ??
    professionsWithQuery(registries, n) ??
    formQuery(registries, n) ??
    missingBodyQuery(registries, unordered) ??
    professionQuery(registries, unordered, asksSomething(text), asker) ??
    protocolsOfProfessionQuery(registries, n, asksSomething(text))
  );
}

/**
 * « protocole entorse et protocole lombalgie, c'est quoi la diff ? », « orthoptiste et ophtalmologiste, quelle
 * différence ? »: each side names one protocol, or one profession.
 */
function comparedQuery(registries: Registries, text: string): LookupQuery | null {
  const { kind, sides } = analyseQuestion(text);
  if (kind !== 'comparison' || !sides) return null;
  const [firstProtocol, secondProtocol] = sides.map((side) => matchProtocolsByActs(registries, side)[0]);
  if (firstProtocol && secondProtocol && firstProtocol !== secondProtocol) return { kind: 'compared-protocols', protocols: [firstProtocol, secondProtocol] };
  // Each side a profession and nothing more (« une MSP d'infirmiers » is a practice form).
  const [first, second] = sides.map((side) => {
    const profession = findProfession(registries, side);
    return profession && terms(withoutNames(registries, normalizeForMatch(side), profession)).length === 0 ? profession : undefined;
  });
  return first && second && first !== second ? { kind: 'compared-professions', professions: [first, second] } : null;
}

/** Interrogative words asking for content rather than a yes or a no (« il dit quoi ? », « quel arrêté ? »). */
const ASKS_CONTENT = wordsPattern([...CONTENT_WORDS, 'que dit', 'quand', 'when']);

/** Words asking whether a protocol is national, authorised, in force. */
const ASKS_STATUS = /\b(?:nationa(?:l|ux|le|les)|autorise\w*|en vigueur|valide\w*|officiel\w*|reconnu\w*|authori[sz]ed|official)\b/;

/**
 * « asalée c'est un protocole national comme les autres ? », « le dossier PC 145 est-il autorisé ? »: a yes-or-no
 * question on the status of the one protocol it names (several named: not this kind of question).
 */
function statusQuery(registries: Registries, text: string, n: string): LookupQuery | null {
  if (!ASKS_STATUS.test(n) || !asksSomething(text) || ASKS_CONTENT.test(n) || !['yes-no', 'open'].includes(analyseQuestion(text).kind)) return null;
  const named = matchProtocolsByActs(registries, n);
  const protocol = named.length === 1 ? named[0] : undefined;
  // Only status is asked: « … autorisé pour les pharmaciens ? », « … reconnue par l'Assurance maladie ? » ask more.
  if (!protocol) return null;
  const ownWords = new Set(terms([protocol.title, protocol.short ?? ''].join(' ')));
  // « … autorisé par arrêté ministériel, comme ceux de 2020 ? »: a year says when, not what.
  if (terms(withoutPhrases(n, protocol.keywords)).some((term) => !STATUS_FRAME_TERMS.has(term) && !ownWords.has(term) && !/^\d{4}$/.test(term))) return null;
  return { kind: 'status', protocol, eitherOr: /\b(?:national|nationaux|nationale) ou (?:local|locaux|locale|regional)\b|\b(?:local|locale) ou nationa/.test(n) };
}

/** The words of a question on a protocol's status, besides the protocol's own name. */
const STATUS_FRAME_TERMS = new Set(
  terms(
    `protocole protocoles protocol coopération cooperation coop délégation national nationaux nationale local locaux locale régional
     autorisé autorisée autorisés authorised authorized vigueur valide validé officiel officielle reconnu reconnue official
     toujours encore still aujourd'hui today maintenant now vraiment bien comme autres autre other others ou pas or not vrai true
     dispositif dossier dossiers arrêté arrêtés ministériel ministérielle ministerial order orders decree décret like ones`,
  ),
);

/** Words asking which ones. */
const WHICH_ONES = wordsPattern(WHICH_WORDS);

/** Words asking for a list or a count. */
const ASKS_WHICH = wordsPattern([...WHICH_WORDS, 'que', 'quoi', 'combien', 'liste', 'existe\\w*', 'y a t il', 'il y a', 'how many', 'list', 'any', 'is there', 'are there']);
/** The profession named is the one who delegates (« … comme délégant », « what can a GP delegate? »). */
const DELEGATING = /\bdelegants?\b|\bdelegante?s?\b|\bas (?:the )?delegat(?:or|ing)|(?<!\b(?:as|the|a|be|are|being) )\bdelegates?\b(?! to)/;

/**
 * « je suis kiné en MSP, quels protocoles de coop existent pour moi ? », « How many national protocols exist for
 * radiographers? », « What can an orthoptist be delegated? »: a question on protocols that names a profession and no
 * act asks for the protocols of that profession: as délégué, unless it is said to delegate (or never is délégué).
 */
function protocolsOfProfessionQuery(registries: Registries, n: string, asks: boolean): LookupQuery | null {
  // « Protocoles de coopération ouverts aux kinés ? » asks which as much as « quels protocoles… »: nothing else is said.
  if (!COOPERATION_WORDS.test(n) || !(ASKS_WHICH.test(n) || asks)) return null;
  const profession = findProfession(registries, n);
  if (!profession || namesMoreThanFrame(registries, n, profession)) return null;
  return !ASKS_WHICH.test(n) && JOINS.test(n) ? { kind: 'profession', profession, aspect: 'cooperation' } : roleOf(registries, profession, n);
}

/**
 * Does the text say more than the profession (and those it is named with: « a cardiologist or an anaesthetist »), places
 * and the words framing a question on protocols?
 */
function namesMoreThanFrame(registries: Registries, n: string, profession: Profession): boolean {
  const joined = professionsJoined(registries, n).filter((other) => other.id !== profession.id);
  return !framesOnly(joined.reduce((text, other) => withoutNames(registries, text, other), withoutNames(registries, n, profession)));
}

/** The profession's protocols as délégué, unless it is said to delegate (or never is délégué: « protocoles pour les cardiologues »). */
function roleOf(registries: Registries, profession: Profession, n: string): LookupQuery {
  const delegates = DELEGATING.test(n) || (protocolsForDelegue(registries, profession.id).length === 0 && protocolsForDelegant(registries, profession.id).length > 0);
  return { kind: delegates ? 'delegant' : 'delegue', profession };
}

/** Does the text name a clinical act besides the profession (« une infiltration », « vacciner »), not only how it takes part? */
function namesAnAct(registries: Registries, n: string, profession: Profession): boolean {
  return ACT_HINT.test(withoutNames(registries, n, profession));
}

/**
 * The text without the profession's names (a name such as « manip radio » is no act), nor those of the profession it
 * is a specialty of (« a cardiologist as the delegating doctor » names one profession).
 */
function withoutNames(registries: Registries, n: string, profession: Profession): string {
  return withoutPhrases(n, namesOfLineage(registries, profession));
}

/** Words that ask for a sigle's full name (accent-folded): « en toutes lettres », « what is the full name of », « called in full ». */
const FULL_NAME = String.raw`(?:nom complet|en toutes lettres|en entier|full name|spelled out|in full)`;
const ASKS_FULL_NAME = new RegExp(String.raw`\b${FULL_NAME}\b`);

/**
 * « TROD, ça signifie quoi ? », « c'est quoi le sigle ACI », « que veut dire GCS ? », « what does CPTS stand for? »:
 * the sigle stands right before or right after the words that ask what it means (not « ça signifie quoi pour l'IDE »).
 */
const MEANING = String.raw`(?:signifie|signifient|veut dire|veulent dire|signification|designe|(?:(?:l|le|un|une) )?(?:acronyme|sigle|abreviation) de quoi|stands? for|means?|meaning|${FULL_NAME})`;
const SIGLE_BEFORE = new RegExp(String.raw`(?:^|\s)([a-z0-9]+)(?: ca| cela| c est| au juste)?(?: qu est ce que ca)? ${MEANING}\b`);
// « what does HAS stand for », not « who does the MSP sign it with ».
const SIGLE_AFTER = new RegExp(
  String.raw`\b(?:${MEANING}|sigle|acronyme|abreviation|acronym|abbreviation|meaning of|what does)(?: (?:le|la|les|l|du|de|d|des|the|of|sigle|acronyme))* ([a-z0-9]+)\b`,
);

/** Words that ask what a sigle means, anywhere in the question (accent-folded). */
const ASKS_MEANING = new RegExp(String.raw`\b(?:${MEANING}|sigle|acronyme|abreviation|acronym|abbreviation|short for)\b`);
/** A word in capitals (« CNCI », « MSSanté » not), as typed. */
const CAPITAL_WORD = /(?<![\p{L}\d])\p{Lu}{2,}(?![\p{L}\d])/gu;
/** A sigle set in quotes (« l'IOA », 'MERM', "FINESS"), as typed. */
const QUOTED_SIGLE = /[«“"'‘]\s*(?:l['’]|le |la |les |the )?([\p{L}\d]{2,10})\s*[»”"'’]/u;

function acronymQuery(registries: Registries, text: string, n: string): LookupQuery | null {
  // « on me dit que je vais faire « l'IOA » : ça veut dire quoi ce sigle ? »: the quoted sigle, asked what it means.
  const quoted = ASKS_MEANING.test(n) ? QUOTED_SIGLE.exec(text)?.[1] : undefined;
  // « CNCI shows up everywhere. What is that committee called in full? »: the one sigle in capitals, its full name asked
  // (in a question that asks nothing else: « CNCI, le nom complet ? et quel décret… » asks two things).
  const capitals = ASKS_FULL_NAME.test(n) && !analyseQuestion(text).parts ? [...new Set(text.match(CAPITAL_WORD) ?? [])] : [];
  const written = capitals.length === 1 ? capitals[0] : undefined;
  const candidates = [SIGLE_BEFORE.exec(n)?.[1], SIGLE_AFTER.exec(n)?.[1], quoted && normalizeForMatch(quoted), written && normalizeForMatch(written)].filter(
    (word): word is string => typeof word === 'string' && word !== '',
  );
  const byName = siglesByName(registries);
  const sigleOf = (word: string) => {
    const entry = byName.get(word);
    // « has », « ami », « clic » are words too: as sigles they must be written in capitals.
    return entry && (!isWordLikeAcronym(entry.term) || new RegExp(String.raw`(?<!\p{L})${entry.term}(?!\p{L})`, 'u').test(text)) ? entry : undefined;
  };
  const entry = candidates.map(sigleOf).find((found) => found !== undefined);
  const pointsBack = ASKS_MEANING.test(n) && POINTS_TO_SIGLES.test(n);
  if (!entry && !pointsBack) return null;
  // « RCP et ACI, ça veut dire quoi ? », « RCP, ACI et SISA ? », « … RCP and ACI. What do these mean? »: sigles named
  // one after the other, each asked, in the order said.
  const runs = sigleRuns(n.split(' '), sigleOf);
  const run = entry ? runs.find((one) => one.includes(entry)) : runs.find((one) => one.length > 1);
  if (run && run.length > 1) return { kind: 'acronym', entries: [run[0] as GlossaryEntry, ...run.slice(1)] };
  return entry ? { kind: 'acronym', entries: [entry] } : null;
}

const sigleNames = oncePer<Registries, ReadonlyMap<string, GlossaryEntry>>();

/** The glossary's one-word sigles by each of their names, normalised (the first entry of a name, as the glossary orders them). */
function siglesByName(registries: Registries): ReadonlyMap<string, GlossaryEntry> {
  return sigleNames(registries, () => {
    const byName = new Map<string, GlossaryEntry>();
    for (const entry of registries.glossary.filter((one) => !one.term.includes(' '))) {
      for (const name of [entry.term, ...entry.variants]) if (!byName.has(normalizeForMatch(name))) byName.set(normalizeForMatch(name), entry);
    }
    return byName;
  });
}

/** The glossary sigles named one after the other, with only joining words between them (« rcp aci et sisa »). */
function sigleRuns(words: readonly string[], sigleOf: (word: string) => GlossaryEntry | undefined): GlossaryEntry[][] {
  const runs: GlossaryEntry[][] = [];
  let current: GlossaryEntry[] = [];
  let gap = 0;
  for (const word of words) {
    const entry = sigleOf(word);
    if (entry) {
      if (!current.includes(entry)) current.push(entry);
      gap = 0;
    } else if (current.length > 0 && SIGLE_JOINERS.has(word) && gap < 2) {
      gap += 1;
    } else {
      if (current.length > 0) runs.push(current);
      current = [];
      gap = 0;
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** « what do these mean », « ces sigles veulent dire quoi » (normalised text). */
const POINTS_TO_SIGLES = /\b(?:these|those|ces sigles|ces acronymes|ces abreviations)\b/;

/** Words between sigles named together (a comma is gone from normalised text). */
const SIGLE_JOINERS: ReadonlySet<string> = new Set(['et', 'and', 'ou', 'or', 'l', 'le', 'la', 'les', 'the', 'des', 'du']);

/** Asked whether something still exists (accent-folded): « existent-elles encore », « do MAIA still exist », « ça existe toujours ». */
const STILL_EXISTS = /\b(?:existe\w*|exist|exists|existing)\b.*\b(?:encore|toujours|still|aujourd hui|today|now|maintenant|(?:19|20)\d\d)\b|\b(?:encore|toujours|still)\b.*\b(?:existe\w*|exist|exists)\b/;
/** A glossary definition saying it is gone (« fusionné dans les DAC »). */
const MERGED = /\b(?:fusionne\w*|remplace\w*|supprime\w*|disparu\w*|integre\w* (?:dans|aux?)|merged|replaced|abolished)\b/;

/**
 * « Les PTA existent-elles encore ? », « Do MAIA still exist in 2026? »: one sigle of the glossary, whose definition says
 * it was merged or replaced, asked whether it still exists.
 */
function endedQuery(registries: Registries, text: string, n: string): LookupQuery | null {
  if (!STILL_EXISTS.test(n)) return null;
  const named = registries.glossary.filter(
    (entry) => !entry.term.includes(' ') && [entry.term, ...entry.variants].some((name) => new RegExp(String.raw`(?<!\p{L})${escapeRegExp(name)}s?(?!\p{L})`, 'u').test(text)),
  );
  const [entry] = named;
  return named.length === 1 && entry?.definition && MERGED.test(normalizeForMatch(entry.definition)) ? { kind: 'ended', entry } : null;
}

/** Whom a delegating verb delegates to: « (t-il) (quoi) à / aux … », « (up to three words) to … ». */
const TO_WHOM_WORDS = String.raw`(?:\s*(?:t (?:il|elle|on)\s+)?(?:(?:quoi|que)\s+)?(?:a|au|aux)|(?:\s+\w+){0,3}?\s+to)\b`;
const TO_WHOM = new RegExp(String.raw`^${TO_WHOM_WORDS}(.*)$`);
const DELEGATING_VERB = new RegExp(String.raw`^(.*?)\b(?:deleguer|deleguent|deleguons|deleguez|(?:delegue|delegate|delegates|delegating)(?=${TO_WHOM_WORDS}))\b(.*)$`);

/** "Que peut-on déléguer à un kiné ?", "Que peut déléguer un médecin ?", "Dans quels protocoles l'IDE est-il délégué ?" */
function delegationQuery(registries: Registries, n: string, asker?: Profession): LookupQuery | null {
  // The infinitive, a form no noun shares (« délègue » folds to « délégué »), or one followed by whom it delegates
  // to (« l'urgentiste délègue-t-il aux IDE », « to delegate work to a nurse »).
  const split = DELEGATING_VERB.exec(n);
  if (split) {
    const before = split[1] ?? '';
    const after = split[2] ?? '';
    // « … déléguer aux IDE », « ils délèguent quoi aux IDE ? », « delegate tasks to a nurse »
    const toWhom = TO_WHOM.exec(after);
    if (toWhom) {
      // The one named right after « à » (« aux IDE dans les protocoles, nous les médecins urgentistes »).
      const delegue = firstProfession(registries, toWhom[1] ?? '');
      if (!delegue) return null;
      // « As a cardiologist, which protocol could I use to delegate work to a nurse? »: the asker delegates.
      const delegant = findProfession(registries, before) ?? (FIRST_PERSON.test(before) ? asker : undefined);
      return delegant ? { kind: 'delegue', profession: delegue, delegant } : { kind: 'delegue', profession: delegue };
    }
    // « le manip radio, on peut lui déléguer quoi ? », « quels actes un kiné peut-il se voir déléguer ? »: the profession named before receives.
    if (/\b(?:lui|leur|se voir|se faire|etre)\s*$/.test(before)) {
      const delegue = findProfession(registries, before);
      return delegue ? { kind: 'delegue', profession: delegue } : null;
    }
    // « que peut déléguer un médecin ? », « le radiologue peut déléguer quoi ? »
    if (/\b(?:que|quoi|quels?|quelles?)\b/.test(before) || /^\s*quoi\b/.test(after)) {
      const delegant = findProfession(registries, before) ?? findProfession(registries, after);
      return delegant ? { kind: 'delegant', profession: delegant } : null;
    }
    return null;
  }
  const role = /\bprotocoles?\b.*\b(delegue|delegues|deleguee|deleguees|delegant|delegants|delegante)\b/.exec(n);
  if (role) {
    // « dans le protocole échographies des manips radio, qui est le délégant ? », « c'est à qui de déclarer notre protocole
    // cystite : au médecin délégant ? » ask about the protocol named, not the profession's protocols.
    if (/\bqui\b/.test(n) && matchProtocolsByActs(registries, n).length > 0) return null;
    // « … je peux toujours être délégué ? »: the asker, whoever else the question names (not « comment je fais pour être délégué ? »).
    const mine = asker && SAID_OF_ME.test(n.slice(0, role.index + role[0].length - (role[1]?.length ?? 0))) && ['yes-no', 'open'].includes(analyseQuestion(n).kind);
    const profession = (mine ? asker : undefined) ?? findProfession(registries, n.replace(/\bdelegu\w*|\bdelegant\w*/g, ' '));
    if (!profession) return null;
    return role[1]?.startsWith('delegant') ? { kind: 'delegant', profession } : { kind: 'delegue', profession };
  }
  return null;
}

/** The act itself: « être délégué pour une entorse » → « entorse » (the answer quotes it). */
function bareAct(act: string): string {
  return act.replace(/^(?:etre |se voir )?(?:delegue|deleguee|delegues|deleguees|confie|confiee|confies|confiees|charge)s? (?:pour |de |d |a |au |aux )?(?:la |le |les |l |un |une |des |du )?/, '') || act;
}

function actQuery(registries: Registries, n: string, asker?: Profession): LookupQuery | null {
  // « combien de séances le kiné peut-il prescrire ? » asks how many, which the list of a protocol's acts does not say.
  if (HOW_MANY_ASKED.test(n)) return null;
  const protocolFor =
    /\b(?:protocoles?|delegations?)(?: de cooperation)?(?: nationa(?:l|ux)| loca(?:l|ux))? (?:pour|sur|concernant|contre|en cas d|en cas de) (?:la |le |les |l |un |une |des |du |d )?(.+)$/.exec(n);
  if (protocolFor?.[1] && !ownProtocol(n, protocolFor.index, protocolFor[0])) {
    const target = protocolFor[1];
    // « je suis orthoptiste, y a-t-il des protocoles pour moi ? »: the asker's own profession.
    const asker = FOR_THE_ASKER.test(target) ? findProfession(registries, n) : undefined;
    if (asker) return roleOf(registries, asker, n);
    if (findForm(registries, target)) return null;
    // « protocoles pour les manips radio »: a profession, whose name (« radio ») names no act.
    const profession = findProfession(registries, target);
    if (profession && matchProtocolsByActs(registries, withoutNames(registries, target, profession)).length === 0) {
      // « pour la vaccination par le pharmacien » names an act besides the profession; « pour que l'IDE suive les
      // patients sous AVK » says what the profession would do (not « pour une IDE qui travaille à l'hôpital »).
      const whatItDoes = /^(?:que|qu) /.test(target) && namesMoreThanFrame(registries, target, profession);
      return namesAnAct(registries, target, profession) || whatItDoes ? { kind: 'act', act: target, profession, explicit: true } : roleOf(registries, profession, target);
    }
    return { kind: 'act', act: target, explicit: true };
  }
  const who = /\b(?:qui (?:peut|peuvent|pourrait|a le droit de|est autorise a|est habilite a)|quels? (?:professionnels?|professions?|soignants?)(?: de sante)? (?:peut|peuvent|pourrait)|who (?:can|may|is authori[sz]ed to|has the right to)|who (?:is|are)(?= (?!(?:the|a|an|responsible|in|eligible|delegant|delegate|requerant|requis)\b)\w+ (?:an?|the)\b)|which (?:professionals?|professions?) (?:can|may)) (.+)$/.exec(n);
  if (who?.[1]) {
    // « … fait-elle partie des professions qui peuvent y participer ? » asks whether it may take part, names no act.
    if (!JOINING.test(who[1])) return { kind: 'act', act: bareAct(who[1]), explicit: false };
    const named = findProfession(registries, n);
    return named ? { kind: 'profession', profession: named, aspect: 'cooperation' } : null;
  }
  // Not a relative clause's verb (« … les personnes âgées qui ne peuvent plus venir au cabinet »).
  const can = /^(?:est ce qu (?:e )?)?(.+?) (?<!\bqui (?:ne |n )?)(?:peut|peuvent|pourrait|pourraient|peux)(?: (?:il|elle|ils|elles))? (.+)$/.exec(n);
  if (can?.[1] && can[2]) {
    const profession = findProfession(registries, can[1]);
    // « quels protocoles de coop je peux faire chez nous aux urg ? »: which protocols, the verb saying only that they apply.
    if (profession && COOPERATION_WORDS.test(can[1]) && WHICH_ONES.test(can[1]) && framesOnly(can[2])) return roleOf(registries, profession, n);
    return whatCanDo(registries, profession, can[2], WHICH_ACTS.test(n));
  }
  // « can a speech therapist be a delegate…? »: the profession is named among the words after the verb, first (the
  // subject: « can the triage nurse order the X-ray before the doctor sees her? »).
  const canEnglish = /^(?:can|could|may) (.+)$/.exec(n);
  const subject = canEnglish?.[1];
  const named = subject ? (asker && /^(?:i|we)\b/.test(subject) ? asker : firstProfession(registries, subject)) : undefined;
  return subject && named ? whatCanDo(registries, named, withoutNames(registries, subject, named), false) : null;
}

/** Asking how many or how much (accent-folded). */
const HOW_MANY_ASKED = /\b(?:combien|how many|how much|quel nombre|what number)\b/;

/** « … prescrire quoi ? », « quels médicaments … ? »: which acts (not « dans quel protocole … ? »). */
const WHICH_ACTS = /\bquoi\b|\b(?:quels?|quelles?|which|what) (?:actes?|medicaments?|traitements?|examens?|soins?|prescriptions?|acts?|drugs?|medicines?|treatments?|tests?)\b/;

/** Taking part, and nothing more (« y participer », « en faire partie », « take part »). */
const JOINING_VERBS = String.raw`(?:participer|prendre part|entrer|faire partie|etre partie prenante|take part|participate|join)\b`;
const JOINING = new RegExp(String.raw`^(?:y |en )?${JOINING_VERBS}(?: (?:a|au|aux|dans|in|to) (?:un |une |des |le |la |les |a |the )?(?:protocoles?|protocols?|cooperation)\b(?: de cooperation)?)?\s*$`);
/** « can they take part in a protocol in France? »: whether, not which. */
const JOINS = new RegExp(String.raw`\b${JOINING_VERBS}`);

/** Words on how a profession takes part in cooperation rather than on an act (« … être délégant ? », « … a protocol? »). */
const TAKING_PART = /\bprotocoles?\b|\bprotocols?\b|\bcooperation\b|\bcoop\b|\bdelegu\w*|\bdelegant\w*|\bdelegat\w*/;

/** What « <profession> peut … » asks: an act, the list of its protocols, or whether it may take part at all. */
function whatCanDo(registries: Registries, profession: Profession | undefined, rest: string, which: boolean): LookupQuery | null {
  if (!profession) return null;
  const asksWhich = which ? { which: true } : {};
  if (has(rest, TAKING_PART) && matchProtocolsByActs(registries, rest).length === 0) {
    // « … faire une infiltration dans le cadre d'un protocole ? » asks about an act; « … peuvent être délégués dans
    // quels protocoles ? » for the list; « … peuvent participer à un protocole ? », « … être délégant ? » whether.
    if (namesAnAct(registries, rest, profession)) return { kind: 'act', act: bareAct(rest), profession, explicit: true, ...asksWhich };
    return has(rest, WHICH_ONES) ? roleOf(registries, profession, rest) : { kind: 'profession', profession, aspect: 'cooperation' };
  }
  return { kind: 'act', act: bareAct(rest), profession, explicit: false, ...asksWhich };
}

/** Words asking for each aspect of a dated fact; thresholds first, as « combien d'actes » is not a price. */
const DATED_ASPECTS: readonly [DatedFact['aspect'], RegExp][] = [
  ['seuil', /\bplafon\w*|\bmaxim\w*|\blimit\w*|\bseuils?\b|\bpar an\b|\bcombien (?:d|de) (?:actes?|fois|teleexpertises?)\b/],
  ['tarif', /\btarif\w*|\bprix\b|\bcout\w*|\bremuner\w*|\bpaye\w*|\beuros?\b|\bmontants?\b|\bcotation\w*|\b(?:touche|rapporte|rembourse\w*|facture\w*) combien\b|\bcombien (?:ca )?(?:coute|rapporte|touche|paye|est paye|est rembourse)\w*/],
  ['ouverture', /\bouver\w*|\bouvri\w*|\bcpts\b/],
];

/**
 * A closed question on today (« … est ouvert aux CPTS ? », « Is a CPTS allowed…? »), not one asking since when, until
 * when or which, nor of another time (« Was it open to CPTS in 2021? »).
 */
function asksWhether(n: string): boolean {
  return ['yes-no', 'open'].includes(analyseQuestion(n).kind) && !ASKS_CONTENT.test(n) && !OTHER_TIME.test(n);
}

/** Since when, until when, a year, a past tense (accent-folded). */
const OTHER_TIME = /\b(?:depuis|jusqu|since|until|(?:19|20)\d\d|was|were|etait|etaient|a ete|ont ete|avait|avaient|used to)\b/;

/**
 * What is asked names only the opening, the places and the protocols it is of (not « faut-il toujours un logiciel
 * partagé… ? », « je voulais me déclarer délégué… c'est encore possible ? »).
 */
function asksOnlyOpening(text: string, fact: DatedFact): boolean {
  const asking = normalizeForMatch(clausesAbove(analyseQuestion(text).clauses, TOPIC_WEIGHT) || text);
  const named = withoutPhrases(withoutPhrases(asking, fact.keywords.map(normalizeForMatch)), PLACE_NAMES);
  return terms(named).every((term) => framesCooperation(term) || ONLY_ASKING_WHETHER.has(term) || OPENING_TERMS.has(term));
}

/** Words that ask whether something is open or allowed, besides those framing a question on protocols. */
const OPENING_TERMS = frameTerms('ouvert ouverts ouverte ouvertes ouverture permis autorisé autorisée allowed permitted implement start démarrer lancer faire encore toujours still');

/** "Combien est payée une téléexpertise ?", "Quel plafond pour la téléexpertise ?" */
function datedQuery(registries: Registries, text: string, n: string): LookupQuery | null {
  for (const [aspect, pattern] of DATED_ASPECTS) {
    if (!has(n, pattern)) continue;
    const facts = matchDatedFacts(registries, n, aspect);
    if (facts.length === 0) continue;
    // « … is a CPTS allowed to do that? », « le protocole cystite est ouvert aux CPTS ? »: whether, of one opening, where.
    const places = placesIn(n);
    const [fact] = facts;
    const whether = aspect === 'ouverture' && fact && facts.length === 1 && places.length > 0 && asksWhether(n) && asksOnlyOpening(text, fact);
    return whether ? { kind: 'dated', facts, whether: places } : { kind: 'dated', facts };
  }
  return null;
}

/** "Quelles professions appartiennent aux professions de la pharmacie ?" */
function categoryQuery(n: string): LookupQuery | null {
  if (!/^(?:quels?|quelles?|liste|lister|qui sont|citez?)\b/.test(n)) return null;
  for (const [category, pattern] of CATEGORY_PHRASES) if (has(n, pattern)) return { kind: 'category', category };
  return null;
}

/** "Quelles professions ont une URPS ?" */
function professionsWithQuery(registries: Registries, n: string): LookupQuery | null {
  if (!/^(?:quels?|quelles?|liste|lister|qui)\b/.test(n) || !/\bprofession\w*\b/.test(n)) return null;
  if (findProfession(registries, n)) return null;
  if (has(n, /\burps\b|\bunions? regionales?\b/)) return { kind: 'professions-with', aspect: 'urps' };
  if (has(n, /\bordres?\b/)) return { kind: 'professions-with', aspect: 'ordre' };
  return null;
}

const FORM_ASPECTS: readonly [FormAspect, RegExp][] = [
  ['sizes', /\btailles?\b|\bhabitants?\b/],
  ['legalForm', /\b(?:forme|statut|structure|structuration) juridiques?\b|\bpersonne morale\b/],
  ['validatedBy', /\bqui (?:valide|autorise|approuve)\b|\bvalid(?:e|ee|es|ees|er|ation)\b/],
  ['funding', /\bfinanc\w*|\bsubventions?\b|\bbudget\b|\bmontants?\b/],
  ['steps', /\betapes?\b/],
  ['missions', /\bmissions?\b/],
];

/** "Combien de médecins pour une MSP ?", "Tailles de CPTS". */
function formQuery(registries: Registries, n: string): LookupQuery | null {
  const form = findForm(registries, n);
  if (!form) return null;
  // « MSP vs ESP niveau financement » compares two forms: each side is answered on its own, not the first one alone.
  const other = findForm(registries, withoutPhrases(n, namesOf(form)));
  if (other && other !== form && analyseQuestion(n).kind === 'comparison') return null;
  const howMany = /\b(?:combien de|combien d|nombre (?:minimum |minimal )?de|minimum de|au moins combien de) (.+)$/.exec(n);
  if (howMany?.[1] && (findProfession(registries, howMany[1]) || /^(?:professionnel|membre|personne|paramedica|associe)/.test(howMany[1]))) {
    return form.composition ? { kind: 'form', form, aspect: 'composition' } : null;
  }
  if (/\b(?:composition|nombre) minim\w*\b/.test(n)) return form.composition ? { kind: 'form', form, aspect: 'composition' } : null;
  for (const [aspect, pattern] of FORM_ASPECTS) {
    if (!has(n, pattern)) continue;
    const present = aspect === 'funding' ? form.funding.length > 0 : form[aspect] !== undefined;
    return present ? { kind: 'form', form, aspect } : null;
  }
  return null;
}

/** The words of a bare question on a profession's facts, besides the profession. */
/** « l'Ordre des ergothérapeutes », « l'URPS des psychologues »: a profession's own body, named. */
const BODY_OF = /\b(ordres?|urps|unions? regionales?)(?: nationa\w*| regiona\w*| departementa\w*)? (?:des|du|de la|de l|de|d) (.+)$/;

/**
 * « Comment adhérer à l'Ordre des ergothérapeutes ? »: a body the profession does not have is no matter of how to
 * join it — the registry says it has none. A body it has is left to the other readings.
 */
function missingBodyQuery(registries: Registries, n: string): LookupQuery | null {
  const named = BODY_OF.exec(n);
  const profession = named?.[2] ? firstProfession(registries, named[2]) : undefined;
  if (!named?.[1] || !profession) return null;
  const urps = !named[1].startsWith('ordre');
  return (urps ? profession.urps : profession.ordre) ? null : { kind: 'profession', profession, aspect: urps ? 'urps' : 'ordre' };
}

/**
 * « dans quel ordre », « l'ordre de mission », « in what order », « the ministerial order », « the March 2023 order » (an
 * arrêté): an order, not a profession's Ordre (« l'Ordre des … ») (normalised text).
 */
const SEQUENCE = /\b(?:dans|en|par|selon|in) (?:quel |le bon |l |the right |what |which )?ordre\b|\b(?:ministerial|ministry|government|prefectoral) orders?\b|\b(?:(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|november|december) orders?\b|\bordres? (?:chronologique|de|d) \w+|\b(?:what|which|right) order\b|\b(?:to|can|may|could|might|must|should|will|would|i|we|they|you|nurses?|doctors?) orders?\b/g;

/**
 * « on a envoyé les statuts à l'Ordre et à l'ARS », « transmis aux Ordres »: an Ordre something is sent to is where a
 * procedure goes, not a fact asked of a profession (normalised text; what is sent is kept).
 */
const ORDRE_AS_RECIPIENT = /\b((?:envoy|transmi|transmet|adress|depos|send|sent|submit)\w*(?: \w+){0,4}) (?:a|aux|to) (?:l |les |the )?ordres?\b/g;

/** A subject pronoun (« elle compte… », « a-t-elle… »), not an impersonal one (« il y a », « il faut »), on normalised text. */
const SUBJECT_PRONOUN = /\b(?:il|elle|ils|elles)\b(?! (?:y a|faut|existe)\b)/;

const ASPECT_FRAME_TERMS = frameTerms('ordre ordres order urps union régionale catégorie category profession professions réglementée regulated ou pas or not oui non moi nous aussi too');

/** Words naming a fact of a profession the registry holds. */
const PROFESSION_ASPECT = /\b(?:ordres?|orders?|urps|unions? regionales?|categories?|reglemente\w*|regulated)\b/;

/** "Les orthophonistes ont-ils un ordre ?", « Psychomotricien : Ordre ? URPS ? », "Un ambulancier est-il un professionnel de santé réglementé ?" */
function professionQuery(registries: Registries, n: string, asks: boolean, asker?: Profession): LookupQuery | null {
  let rest = withoutComparedProfession(registries, n);
  for (const [, pattern] of CATEGORY_PHRASES) rest = rest.replace(pattern, ' ');
  // « on a 2 MG et une psychologue, elle compte comme paramédicale ? »: a pronoun that asks points to the profession named just before it.
  // A pronoun first (a follow-up, its earlier question after it) points to that question's last profession.
  const pronoun = SUBJECT_PRONOUN.exec(rest);
  const before = pronoun ? rest.slice(0, pronoun.index) : undefined;
  // « Je suis orthoptiste… est-ce que je dois m'inscrire à un Ordre comme les kinés ? »: the asker's own profession.
  const mine = asker && ASKER_SUBJECT.test(rest) ? asker : undefined;
  const pointed = before !== undefined ? lastProfession(registries, terms(before).length > 0 ? before : rest) : undefined;
  const profession = pointed ?? mine ?? firstProfession(registries, rest);
  if (!profession) return null;
  // Without a question form, only a question made of the profession and the facts asked (« Psychomotricien : Ordre ? URPS ? »).
  // Where the asker works (« ergothérapeute en centre de santé, j'ai une URPS ? ») says nothing more about the profession.
  const bare = asks && terms(withoutPhrases(withoutNames(registries, rest, profession), PLACE_NAMES)).every((term) => ASPECT_FRAME_TERMS.has(term));
  // « … médicale ou paramédicale ? », « … ne sont pas des professions médicales ? » are no plain yes/no: the category is said, without a verdict.
  const either = /\bou\b(?! (?:pas|non|not)\b)/.test(n) || /\b(?:ne|n) (?:\w+ ){0,2}pas\b/.test(n);
  const named = CATEGORY_PHRASES.find(([, pattern]) => has(n, pattern))?.[0];
  const asked = either ? undefined : named;
  // « les sages-femmes sont classées dans les professions médicales ? »: a profession and a category, asked whether.
  if (named && asks && !ASKS_FOR_CONTENT.test(n) && !has(n, /\b(?:ordres?|order|urps|reglemente\w*)\b/)) {
    return { kind: 'profession', profession, aspect: 'categorie', ...(asked ? { askedCategory: asked } : {}) };
  }
  if (!has(n, QUESTION_YES_NO) && !(bare && has(n, PROFESSION_ASPECT))) return null;
  const urps = has(n, /\burps\b|\bunions? regionales?\b/);
  const ordre = has(n, /\bordres?\b|\border\b/);
  const denied = has(n, DENIED_ASPECT) ? { denied: true } : {};
  if (urps || ordre) {
    const aspect = urps && ordre ? 'ordre-urps' : urps ? 'urps' : 'ordre';
    // « Are midwives a medical profession, and do they have an order? »: the category asked with it is said too.
    const category = asked ? { askedCategory: asked } : {};
    return { kind: 'profession', profession, aspect, ...category, ...(aspect === 'ordre' && has(n, OPTIONAL) ? { optional: true } : denied) };
  }
  if (has(n, /\b(?:reglemente\w*|regulated)\b/)) return { kind: 'profession', profession, aspect: 'reglementee', ...denied };
  if (asked) return { kind: 'profession', profession, aspect: 'categorie', askedCategory: asked };
  if (has(n, /\bcategorie\b/)) return { kind: 'profession', profession, aspect: 'categorie' };
  return null;
}

/**
 * « les orthophonistes ont un Ordre comme les kinés ? », « regulated like nurses? »: the profession compared with is
 * not the one asked about.
 */
function withoutComparedProfession(registries: Registries, n: string): string {
  const without = n.replace(COMPARED_WITH, (phrase, named: string) => (findProfession(registries, named) ? ' ' : phrase));
  // « Une profession comme les orthophonistes a-t-elle un Ordre ? »: with no other profession named, it is an example of what is asked.
  return findProfession(registries, without) ? without : n;
}

/** Not « exercer comme kiné », « work as a nurse »: the role someone works in. */
const COMPARED_WITH =
  /(?<!\b(?:exercer|exerce|exercent|exercant|travailler|travaille|travaillent|bosser|bosse|installe|installer|inscrit|inscrite|embauche|work|works|working|practise|practice|practising|employed|hired) )\b(?:comme|au meme titre que|like|as do|as with|the same as) (?:les |le |la |l |un |une |des |the |a |an )?([a-z]+(?:[ -][a-z]+)?)/g;

/** The asker as the subject of what is asked (« je dois », « dois-je », « on a », « nous avons », « do we », « I need », accent-folded). */
const ASKER_SUBJECT = /\b(?:je|j|nous|on|i|we)(?: (?:ne|n))? (?:dois|devons|doit|ai|avons|a|suis|sommes|est|need|must|have|am|are)\b|\b(?:dois|ai|suis) je\b|\b(?:avons|devons|sommes) nous\b|\b(?:a|doit) t on\b|\b(?:do|must|should|can) (?:i|we)\b/;

/** « on a pas d'URPS », « n'ont pas d'Ordre », « pas réglementée », « don't have an Order », « not regulated » (accent-folded). */
const DENIED_ASPECT = /\b(?:pas|(?<!\ben )plus|aucun|aucune|sans|no|not|without|dont|doesnt|isnt|arent|(?:don|doesn|isn|aren) t)\s+(?:\w+\s+){0,2}?(?:(?:d|de|du|des|un|une|a|an|any|own)\s+)?(?:ordres?|order|urps|unions? regionales?|reglemente\w*|regulated)\b/;

/** « facultative », « pas obligatoire », « pas besoin », « optional », « not required » (accent-folded). */
const OPTIONAL = /\b(?:facultati\w*|optionnel\w*|optional|(?:pas|plus|non) (?:obligatoire|necessaire|indispensable)s?|pas besoin|not (?:required|mandatory|compulsory|needed)|no need)\b/;

/** True when a "qui peut … ?" act without any match still clearly asks for a protocol (so "none" is the answer). */
export function looksLikeClinicalAct(registries: Registries, act: string): boolean {
  return ACT_HINT.test(normalizeForMatch(act)) && !findForm(registries, act);
}
