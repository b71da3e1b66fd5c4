import type { Handler } from '../engine/handler.ts';
import { analyseQuestion, asksSomething, ASKS_FOR_CONTENT, clausesAbove, SITUATION_WEIGHT, TOPIC_WEIGHT, type AnalysedQuestion, type QuestionKind } from '../knowledge/question-analysis.ts';
import type { Reply } from '../engine/reply.ts';
import { frenchDay, isoDay, type IsoDay } from './dated.ts';
import { compose, protocolBlock } from './lookup-answers.ts';
import { askerProfession, findProfession, matchProtocolsByActs, professionById, professionCovers } from './lookups.ts';
import { PLACE_NAMES, placeConfirmation, placeRefusal, placesDenied, placesDeniedRefusal, placesIn, type Place } from './places.ts';
import { containsPhrase, matchWords, withoutPhrases } from './phrase-match.ts';
import { COOPERATION_FRAME_TERMS, COOPERATION_WORDS, framesCooperation } from './cooperation-frame.ts';
import { unknownProtocolAnswer, type Vocabulary } from './unknown-protocol.ts';
import { askerPractice, checkRequirements, describesPractice, type AskerPractice } from './delegate-requirements.ts';
import { bodySitesIn, bodySitesLabel } from './body-sites.ts';
import { foldAccents, normalizeForMatch, terms } from '../text/french.ts';
import { frenchList } from '../text/listing.ts';
import { escapeRegExp } from '../text/escape-regexp.ts';
import { oncePer } from '../text/memo.ts';
import { conditionMention, describePatient, mentionsCondition, PREGNANCY, scoreSaid, temperatureSaid, type PatientDescription } from './patient-description.ts';
import { namesOf, type Population, type Profession, type Protocol, type Registries } from './registry.ts';

/** Eligibility questions, answered from the protocols' populations before any other lookup or article. */
export function createEligibilityHandler(registries: Registries, today: () => Date = () => new Date(), vocabulary?: Vocabulary): Handler {
  return {
    name: 'eligibility',
    // « un protocole maison pour les plaies chroniques » is not the sutures protocol: an unknown protocol is no patient's.
    handle: async (message) => (vocabulary && unknownProtocolAnswer(registries, message.text, vocabulary) ? null : eligibilityAnswer(registries, message.text, isoDay(today()))),
  };
}

export type Verdict = 'oui' | 'non' | 'depend';

/** A patient checked against a protocol: what excludes them, what cannot be told from the question. */
export interface Eligibility {
  verdict: Verdict;
  /** Why not (verdict « non »). */
  fails: string[];
  /** What decides it and the question does not say (verdict « depend »). */
  unsure: string[];
  /** The patient's conditions the question says are met, with its figures (« à 28 ans, dans la tranche d'âge du protocole (de 15 à 50 ans) »). */
  met: string[];
  /** The asker's: their profession a délégué, their years and share of time against the minimums. */
  askerMet: string[];
}

const VERDICT_LABEL: Record<Verdict, string> = { oui: 'Oui', non: 'Non', depend: 'Ça dépend' };
/** Terms of a message typed as notes, without a question's words or mark. */
const TELEGRAPHIC_TERMS = 8;

/**
 * « L'IOA peut-elle demander une radio pour un enfant de 12 ans ? »: when a question describes a patient (an
 * age, an excluding condition, or a sex the protocol does not take) and names the acts of a protocol, the patient
 * is checked against that protocol's population and délégués. Null when the question is not of that kind.
 */
export function eligibilityAnswer(registries: Registries, text: string, today: IsoDay): Reply | null {
  // « cystite femme 70ans protocole ide »: a patient with an age and a protocol typed fast ask whether one fits the other.
  const notes = !asksSomething(text);
  if (notes && !(terms(text).length <= TELEGRAPHIC_TERMS && /\bprotocol/u.test(normalizeForMatch(text)))) return null;
  // The question read once: its kind, and the clauses that ask (not the asker's situation).
  const analysed = analyseQuestion(text);
  const asking = clausesAbove(analysed.clauses, TOPIC_WEIGHT);
  const protocol = askedProtocol(registries, asking, text);
  if (!protocol) return null;
  const patient = describePatient(text);
  if ((notes && patient.age === undefined) || !asksWhetherApplies(text, analysed, patient)) return null;
  // « je suis pharmacienne … on faisait le protocole cystite avec les médecins du coin. Je peux toujours être déléguée ? »:
  // the profession the question asks of (not the délégant who would delegate: « le médecin peut-il me déléguer … »),
  // else the asker's own, else any it names.
  const named = asking ? findProfession(registries, asking) : undefined;
  const askedOf = named && !protocol.delegants.some((id) => professionCovers(registries, id, named.id)) ? named : undefined;
  const profession = askedOf ?? askerProfession(registries, text) ?? findProfession(registries, text);
  const practice = askerPractice(text, profession !== undefined);
  // Without a patient to check, only the asker's place or practice can rule the protocol out (« kiné dans une CPTS »),
  // in a question about applying a protocol (not « le projet immobilier de la future MSP »).
  const aboutPatient = protocol.population !== undefined && describesPatientFor(protocol, protocol.population, patient, text);
  // « je peux être déléguée dans le protocole domicile ? », « can a pharmacist still be a delegate in it? »: a profession's role in it.
  const aboutAsker = describesPractice(protocol.requirements, practice) || (profession !== undefined && ROLE_ASKED.test(normalizeForMatch(text)));
  const places = askedPlaces(asking, text);
  const ruledOutThere = placeRefusal(protocol.places, places, today) ?? placesDeniedRefusal(protocol.places, placesDenied(text), today);
  const where = placeConfirmation(protocol.places, places, today);
  // « Nous sommes un centre de santé. Peut-on mettre en place le protocole cystite ? »: whether it applies there, and nothing else.
  const placeAsked = where !== null && asksOnlyWhetherItApplies(registries, protocol, asking || text);
  // « le manip radio peut-il faire les échos de grossesse dans le protocole ? »: an act it leaves out rules it out.
  const actsLeftOut = excludedActsAsked(protocol, text);
  if (!aboutPatient && !(COOPERATION_WORDS.test(normalizeForMatch(text)) && (aboutAsker || ruledOutThere !== null || placeAsked || actsLeftOut.length > 0))) return null;
  const result = checkEligibility(registries, protocol, patient, text, { profession, practice, ruledOutThere, aboutPatient, actsLeftOut });
  // « … un arrêt de travail de 8 jours : je peux le prescrire ? » asks about an act's figure, which the populations do not hold.
  if (result.verdict !== 'non' && asksAboutAFigure(analysed)) return null;
  const why = result.verdict === 'non' ? result.fails : result.unsure;
  const patientFits = result.met.length > 0 ? result.met : aboutPatient ? ['ce patient correspond au public du protocole tel que la question le décrit'] : [];
  const reasons = [...patientFits, ...result.askerMet, ...(where ? [where] : [])];
  const fits = (reasons.length > 0 ? reasons : ['ce que la question décrit remplit les conditions chiffrées du protocole']).join(' ; ');
  const lead = `**${VERDICT_LABEL[result.verdict]}**${why.length > 0 ? ` : ${why.join(' ; ')}` : ` : ${fits}`}.`;
  const check = result.verdict === 'non' ? '' : ' Vérifiez aussi les autres critères du protocole ci-dessous et ses critères d\'exclusion complets.';
  // The acts delegated too: what is asked may be one (« le kiné peut-il prescrire un arrêt ? »), with its limits.
  return compose(`${lead}${check}`, [protocolBlock(registries, protocol, today, { acts: true })], true);
}

/**
 * Where the act is asked to be done: the places the asking clauses name (« … 2 ans aux urgences avant de venir ici…
 * je peux suturer à la MSP ? »), else those of the whole question (« on est une MSP… c'est applicable chez nous ? »).
 */
function askedPlaces(asking: string, text: string): Place[] {
  const there = asking === '' ? [] : placesIn(asking);
  return there.length > 0 ? there : placesIn(text);
}

/**
 * « Est-ce que les ESP peuvent faire le protocole cystite depuis 2023 ? », « le protocole cystite s'applique en ESP ? »:
 * what is asked is only whether the protocol may be applied (its name, places, professions and the words of applying
 * it), not a fact about it (« en MSP, faut-il une formation ? », « l'IDE peut prescrire quoi ? »).
 */
function asksOnlyWhetherItApplies(registries: Registries, protocol: Protocol, asking: string): boolean {
  const n = normalizeForMatch(asking);
  if (!APPLIES.test(n)) return false;
  const names = [...protocol.keywords, ...PLACE_NAMES, ...registries.professions.flatMap((profession) => namesOf(profession))];
  // « the cystitis protocol »: a word naming it in another language names it too.
  const namesIt = (word: string) => matchProtocolsByActs(registries, word).some((matched) => matched.id === protocol.id);
  return withoutPhrases(n, names)
    .split(' ')
    .filter((word) => terms(word).length > 0 && !namesIt(word))
    .every((word) => terms(word).every((term) => framesCooperation(term) || APPLYING_TERMS.has(term)));
}

/**
 * Words of applying a protocol, or of being allowed to, besides those framing any question on protocols (« mettre en
 * place », « lancer », « allowed to »).
 */
const APPLYING_TERMS = new Set(
  terms(
    'mettre mis mise place oeuvre œuvre lancer démarrer commencer possible depuis encore toujours autorisé autorisée autorisés droit ' +
      'implement start run launch allowed permitted authorised authorized',
  ),
);

/** « infirmiers et pharmaciens ». */
function pluralNames(registries: Registries, ids: readonly string[]): string {
  const plurals = ids.map((id) => professionById(registries, id)?.plural ?? id);
  return frenchList(plurals);
}

/** The protocol the question names; among several, one where the profession it names is délégué. */
/**
 * The protocol the question names, first those the asking clauses name too (« … diabétique … : peut-il entrer dans le
 * protocole de suivi à domicile ? » is not about a diabetes protocol); of several, the one the profession named is
 * délégué of.
 */
function askedProtocol(registries: Registries, asking: string, text: string): Protocol | undefined {
  // « la MSP voisine a rédigé un protocole local pour le suivi des plaies chroniques »: a local protocol, none of the
  // national ones whose acts it shares.
  const local = NAMES_LOCAL_PROTOCOL.test(normalizeForMatch(text));
  const named = matchProtocolsByActs(registries, text).filter((protocol) => !local || protocol.status.kind === 'local');
  const inAsking = new Set(asking === '' ? [] : matchProtocolsByActs(registries, asking));
  const found = [...named.filter((protocol) => inAsking.has(protocol)), ...named.filter((protocol) => !inAsking.has(protocol))];
  const profession = findProfession(registries, text);
  const own = profession ? found.find((p) => p.delegues.some((id) => professionCovers(registries, id, profession.id))) : undefined;
  return own ?? found[0];
}

/** « un protocole local », « leur propre protocole », « protocole maison », « our own local protocol » (accent-folded). */
const NAMES_LOCAL_PROTOCOL = /\bprotocoles? (?:de cooperation )?(?:locaux|local|maison)\b|\b(?:notre|leur|son|votre|nos|leurs) propres? protocoles?\b|\b(?:own|local) (?:local )?(?:cooperation )?protocols?\b/;

/** « … (domicile du patient ; infirmier de ville, y compris en SSIAD) », when the question names where as the protocol's setting does (« IDE en SSIAD »). */
function settingSaid(protocol: Protocol, text: string): string {
  const asked = new Set(terms(text));
  const shared = terms(protocol.setting).some((term) => asked.has(term) && !COOPERATION_FRAME_TERMS.has(term));
  return shared ? ` (${protocol.setting.replace(/\.$/u, '')})` : '';
}

/** Asked whether someone may be délégué or délégant (« déléguée possible ? », « comme délégué »), or take part (accent-folded); not an act « délégué au manipulateur ». */
const ROLE_ASKED =
  /\b(?:etre|devenir|rester|be|become|remain|still) (?:un |une |a |an )?(?:delegue|deleguee|delegues|deleguees|delegant|delegante|delegate|delegates|delegating)\b(?! (?:a|au|aux|to)\b)|\b(?:delegue|deleguee|delegues|deleguees|delegant|delegante) (?:possible|ok|autorisee?s?)\b|\b(?:comme|as a|as) (?:delegue|deleguee|delegate)\b|\b(?:participer|take part)\b/;

/**
 * Words asking whether something may be done or the conditions are met (« je peux », « ça rentre dans », « c'est
 * possible », « ça marche en MSP », « je remplis les conditions », « can I », « do I meet »).
 */
const APPLIES =
  /\b(?:peux|puis|peut|peuvent|pouvons|pourrait|pourrais|possible|rentre\w*|entre(?:r)? dans|eligible\w*|inclu\w*|prendre (?:en charge|dans)|autorise\w*|le droit|ok|faisable|envisageable|marche|fonctionne|applicable|s applique|appliquer|rempli\w*|satisfai\w*|can|could|may|allowed|eligible|fit|qualif\w*|apply|applies|run|meet|meets|fulfil\w*)\b/;

/** Steps asked as how something goes (« comment ça se passe », « how does it work »), accent-folded. */
const HOW_IT_GOES = /\b(?:se passe|se passent|se deroule|se deroulent|marche|marchent|fonctionne|fonctionnent|work|happen|go)\b/;

/** Kinds of question that ask for something else than a yes or no (a number, steps, a comparison…). */
const NOT_YES_NO: ReadonlySet<QuestionKind> = new Set(['number', 'steps', 'comparison', 'definition', 'who']);

/**
 * Does the question ask whether a protocol applies (to a patient, here, to me), rather than for a fact about it? A
 * patient described, then a protocol, with no verb (« Femme de 25 ans, brûlures, pas de fièvre : protocole cystite
 * IDE ? ») asks it too.
 */
function asksWhetherApplies(text: string, { kind, kindWords = '' }: AnalysedQuestion, patient: PatientDescription): boolean {
  if (kind === 'yes-no') return true;
  // « Un enfant de 10 ans avec une entorse, comment ça se passe dans le protocole kiné ? »: how it goes for a patient
  // described starts with whether the protocol takes them.
  const describedPatient = patient.age !== undefined || patient.sex !== undefined;
  if (kind === 'steps' && describedPatient && HOW_IT_GOES.test(kindWords)) return true;
  if (NOT_YES_NO.has(kind)) return false;
  const n = normalizeForMatch(text);
  // « …, patient de 30 ans, quels actes le kiné peut faire ? » asks what, not whether.
  if (ASKS_FOR_CONTENT.test(n)) return false;
  return APPLIES.test(n) || (kind === 'open' && (patient.age !== undefined || patient.sex !== undefined));
}

/**
 * What is asked holds a figure that is no age nor how long a complaint has lasted (« un arrêt de travail de 8 jours :
 * je peux le prescrire ? »).
 */
function asksAboutAFigure(analysed: AnalysedQuestion): boolean {
  const asked = analysed.clauses.filter((clause) => clause.weight > SITUATION_WEIGHT && !clause.earlier);
  return asked.some((clause) => ACT_FIGURE.test(normalizeForMatch(clause.text)));
}

/** An act and its figure (« un arrêt de travail de 8 jours », « 10 séances », « une prescription de 3 mois »); not the visits a patient had. */
const ACT_FIGURE =
  /\b(?:arrets?|prescriptions?|ordonnances?|seances?|renouvellements?|traitements?|consultations?|examens?|actes?|sick leave|sessions?|prescriptions?)\b(?: \w+){0,4}? (?:de |d |of )?\d+|\b\d+ (?:seances?|sessions?|consultations?|actes?)\b/;

function describesPatientFor(protocol: Protocol, population: Population, patient: PatientDescription, text: string): boolean {
  if (patient.age !== undefined) return true;
  if (population.onset && patient.onsetDays !== undefined) return true;
  if (population.homeVisits && patient.homeVisits !== undefined) return true;
  if (population.homeVisits?.score && scoreSaid(text, population.homeVisits.score.words) !== undefined) return true;
  if (population.sex && patient.sex && patient.sex !== population.sex) return true;
  // A site the protocol does not cover (« une entorse du poignet » for the ankle protocol) describes a patient outside it.
  const site = population.site;
  if (site && bodySitesIn(withoutProtocolName(protocol, text)).some((one) => !site.sites.includes(one))) return true;
  return population.excluded.some((condition) => mentionsCondition(text, condition.words));
}

/**
 * The acts the protocol leaves out that the question asks it to cover (« le MERM peut-il faire une écho cardiaque
 * dans le protocole ? »): not when they ask whether it leaves them out (« le protocole exclut-il… ? », its answer is
 * no « Non »), nor when they name an act it delegates (« l'échographie vasculaire prescrite après une
 * échocardiographie »).
 */
function excludedActsAsked(protocol: Protocol, asked: string): Protocol['excludedActs'] {
  const n = normalizeForMatch(asked);
  if (ASKS_OF_EXCLUSION.test(n)) return [];
  const left = protocol.excludedActs.filter((act) => conditionMention(asked, act.words) === 'said');
  if (left.length === 0) return [];
  const named = matchWords(withoutPhrases(n, left.flatMap((act) => act.words)));
  const delegatedNamed = protocol.keywords.some((keyword) => keyword.includes(' ') && containsPhrase(named, keyword, false));
  return delegatedNamed ? [] : left;
}

/** « exclut-il », « sont-elles exclues », « does it exclude », « exclusions » (accent-folded). */
const ASKS_OF_EXCLUSION = /\b(?:exclu\w*|exclud\w*|exclusions?)\b/;

/** What the question says of the asker, and the acts it asks that the protocol leaves out, read once by the handler. */
interface AskerReading {
  profession: Profession | undefined;
  practice: AskerPractice;
  /** Why the protocol does not apply where the asker works or says they do not work, or null. */
  ruledOutThere: string | null;
  /** Whether the question describes a patient to check against the population. */
  aboutPatient: boolean;
  /** The acts asked that the protocol leaves out. */
  actsLeftOut: Protocol['excludedActs'];
}

function checkEligibility(registries: Registries, protocol: Protocol, patient: PatientDescription, text: string, asker: AskerReading): Eligibility {
  const fails: string[] = [];
  const unsure: string[] = [];
  const met: string[] = [];
  const askerMet: string[] = [];
  const { profession, practice, ruledOutThere, aboutPatient } = asker;
  const takesPart = (ids: readonly string[]) => profession !== undefined && ids.some((id) => professionCovers(registries, id, profession.id));
  if (profession && !takesPart(protocol.delegues) && !takesPart(protocol.delegants)) {
    const former = protocol.formerDelegues.find((one) => professionCovers(registries, one.profession, profession.id));
    const since = former ? ` (retirés des délégués le ${frenchDay(former.until)}${former.since ? ` ; ${former.since.text}` : ''})` : '';
    fails.push(`ce protocole délègue ces actes aux ${pluralNames(registries, protocol.delegues)}, pas aux ${profession.plural}${since}`);
  } else if (profession && takesPart(protocol.delegues)) {
    askerMet.push(`les ${profession.plural} sont délégués de ce protocole${settingSaid(protocol, text)}`);
  }
  if (ruledOutThere) fails.push(ruledOutThere);
  fails.push(...asker.actsLeftOut.map((act) => `ce protocole exclut les ${act.label}`));
  const requirements = checkRequirements(protocol.requirements, practice);
  fails.push(...requirements.missing);
  askerMet.push(...requirements.met);
  // A question about the asker alone (« je peux être déléguée dans le protocole domicile ? ») checks no patient.
  if (aboutPatient) checkPopulation(protocol, patient, text, { fails, unsure, met });
  const verdict: Verdict = fails.length > 0 ? 'non' : unsure.length > 0 ? 'depend' : 'oui';
  return { verdict, fails, unsure, met, askerMet };
}

/** The patient described against the protocol's population: age, onset, sex, site, home visits, exclusions. */
function checkPopulation(protocol: Protocol, patient: PatientDescription, text: string, findings: Findings): void {
  const { fails, unsure, met } = findings;
  const population = protocol.population ?? { ages: [], excluded: [] };
  // « … dans le protocole personnes âgées ou handicapées » names the protocol, not the patient's handicap.
  if (!(population.otherwise && mentionsCondition(withoutProtocolName(protocol, text), population.otherwise.words))) checkAge(population, patient, findings);
  if (population.onset && patient.onsetDays !== undefined && patient.onsetDays > population.onset.maxDays) {
    fails.push(`ce protocole concerne une ${population.onset.label} ; la question décrit une plainte qui dure depuis plus longtemps`);
  }
  if (population.sex) {
    const reserved = `ce protocole est réservé aux ${population.sex === 'femme' ? 'femmes' : 'hommes'}`;
    // « patient de 30 ans » (or a question naming both sexes) does not say which: it depends.
    if (patient.sex && patient.sex !== population.sex) fails.push(reserved);
    else if (!patient.sex) unsure.push(`le sexe du patient n'est pas précisé ; ${reserved}`);
    else met.push(`${population.sex === 'femme' ? 'une patiente' : 'un patient'} : ${reserved}`);
  }
  checkSite(population, withoutProtocolName(protocol, text), findings);
  const visits = population.homeVisits;
  if (visits) checkHomeVisits(visits, patient, text, findings);
  for (const condition of population.excluded) {
    // A temperature given decides a fever, whatever words go with it (« elle a 38,5 », « température 37,8 »).
    const temperature = condition.temperatureFrom === undefined ? undefined : temperatureSaid(text);
    const fever = temperature !== undefined && condition.temperatureFrom !== undefined ? (temperature >= condition.temperatureFrom ? 'said' : 'absent') : undefined;
    const mention = fever ?? conditionMention(text, condition.words, condition.unless);
    if (mention === 'said') fails.push(`ce protocole exclut les ${condition.label}${temperature === undefined ? '' : ` (${String(temperature).replace('.', ',')} °C d'après la question)`}`);
    else if (mention === 'doubtful') unsure.push(`ce protocole exclut les ${condition.label} : à vérifier`);
    else if (mention === 'qualified') met.push(`ce protocole exclut les ${condition.label}, pas ce que la question décrit`);
  }
  // A pregnant patient, where the sources say nothing of pregnancy: not a Oui.
  const pregnancyKnown = population.excluded.some((condition) => condition.words.some((word) => PREGNANCY.includes(word)));
  if (!pregnancyKnown && conditionMention(text, PREGNANCY) !== 'absent') unsure.push('les sources ne disent pas si ce protocole concerne les femmes enceintes');
}

/**
 * The question without the protocol named by its keywords (« via le protocole lombalgie », « under the ankle sprain
 * protocol »): what it says of the patient, lowercase and accent-folded, its punctuation kept (it parts what is said of
 * the patient).
 */
function withoutProtocolName(protocol: Protocol, text: string): string {
  const named = protocolNamePattern(protocol);
  return named ? foldAccents(text.toLowerCase()).replace(named, ' ') : text;
}

const namePatterns = oncePer<Protocol, RegExp | null>(1000);
/** What stands between two words of a name in lowercase text (« d'ordonnance », « rhino-conjonctivite »). */
const BETWEEN_WORDS = String.raw`[\s'’-]+`;

/** « protocole lombalgie », « ankle sprain protocol »: the protocol named by its short name or a keyword (null: it has none). */
function protocolNamePattern(protocol: Protocol): RegExp | null {
  return namePatterns(protocol, () => {
    const names = [protocol.short ?? '', ...protocol.keywords]
      .map(normalizeForMatch)
      .filter((name) => name !== '')
      .map((name) => escapeRegExp(name).replace(/ /g, BETWEEN_WORDS))
      .join('|');
    // « le protocole personnes âgées ou handicapées »: a word joined to a keyword names the protocol with it.
    const named = String.raw`(?:${names})(?:\s+(?:ou|or)\s+(?:${names}|\w+))?`;
    return names === '' ? null : new RegExp(String.raw`\bprotocoles?(?:${BETWEEN_WORDS}(?:de|du|des|d|la|le|l|sur|pour))*${BETWEEN_WORDS}${named}\b|\b${named}\s+protocols?\b`, 'g');
  });
}

/** « une entorse du poignet » for the ankle protocol: a site the protocol does not cover; another one besides, to check. */
function checkSite(population: Population, text: string, { fails, unsure, met }: Findings): void {
  const site = population.site;
  if (!site) return;
  const named = bodySitesIn(text);
  const outside = named.filter((one) => !site.sites.includes(one));
  if (outside.length === 0) {
    if (named.length > 0) met.push(`ce protocole concerne ${site.label}`);
    return;
  }
  if (outside.length === named.length) fails.push(`ce protocole concerne ${site.label}, pas ${bodySitesLabel(outside)}`);
  else unsure.push(`ce protocole concerne ${site.label} ; la question nomme aussi ${bodySitesLabel(outside)} : à vérifier`);
}

/** What a check finds, each list of reasons to add to. */
interface Findings {
  fails: string[];
  unsure: string[];
  met: string[];
}

/** « le médecin est venu 4 fois l'an dernier », or else « score IADL de déplacement à 0 ». */
function checkHomeVisits(visits: NonNullable<Population['homeVisits']>, patient: PatientDescription, text: string, { unsure, met }: Findings): void {
  const score = visits.score ? scoreSaid(text, visits.score.words) : undefined;
  if (visits.score && score !== undefined && score < visits.score.below) {
    met.push(`${visits.score.label} à ${score} : le protocole l'admet sous ${visits.score.below}, à défaut de ${visits.min} visites à domicile du médecin (les sources disent « et/ou »)`);
  } else if (patient.homeVisits !== undefined && patient.homeVisits >= visits.min) {
    met.push(`${patient.homeVisits} visites à domicile du médecin l'année précédente : le protocole en demande au moins ${visits.min}`);
  } else if (patient.homeVisits !== undefined) {
    unsure.push(`le protocole demande au moins ${visits.min} visites à domicile du médecin l'année précédente, sauf si ${visits.otherwise}`);
  }
}

function checkAge(population: Population, patient: PatientDescription, { fails, unsure, met }: Findings): void {
  if (population.ages.length === 0) return;
  const ranges = population.ages.map(rangeLabel);
  if (patient.age === undefined) {
    unsure.push(`l'âge n'est pas précisé ; le protocole concerne les patients ${ranges.join(' ou ')}`);
    return;
  }
  const age = patient.age;
  const fits = population.ages.map(({ min, max }) => (min === undefined || age >= min) && (max === undefined || age <= max));
  if (fits.every(Boolean)) {
    met.push(`à ${ageLabel(age)}, dans la tranche d'âge du protocole (${[...new Set(ranges)].join(' ou ')})`);
    return;
  }
  if (!fits.some(Boolean)) {
    const otherwise = population.otherwise ? `, ou ${population.otherwise.label}` : '';
    const under = population.ages.every(({ min }) => min !== undefined && age < min);
    const min = population.ages[0]?.min ?? 0;
    const excluded = min === ADULT_AGE ? 'les mineurs (moins de 18 ans)' : `les moins de ${ageLabel(min)}`;
    // « les moins de 65 ans sont exclus » is not said of a protocol that takes some of them otherwise (« handicap reconnu »).
    const why = under && !population.otherwise && population.ages.every(({ max }) => max === undefined) ? ` ; ${excluded} sont exclus` : '';
    fails.push(`à ${ageLabel(age)}, le patient est hors de la tranche d'âge du protocole, qui concerne les patients ${[...new Set(ranges)].join(' ou ')}${otherwise}${why}`);
    return;
  }
  const sources = population.ages.map((range, i) => `${ranges[i]}${range.source ? ` selon ${range.source}` : ''}`);
  unsure.push(`les sources divergent sur la tranche d'âge (${sources.join(', ')}) : à ${ageLabel(age)}, vérifiez la version du protocole appliquée par votre équipe`);
}

/** The age of majority: a protocol for adults excludes « les mineurs ». */
const ADULT_AGE = 18;

function rangeLabel({ min, max }: { min?: number; max?: number }): string {
  if (min !== undefined && max !== undefined) return `de ${ageLabel(min)} à ${ageLabel(max)}`;
  if (min !== undefined) return `d'au moins ${ageLabel(min)}`;
  return `de ${ageLabel(max ?? 0)} au plus`;
}

function ageLabel(years: number): string {
  if (years > 0 && years < 1 / 12) return `${Math.round(years * 52)} semaines`;
  if (years > 0 && years < 2) return `${Math.round(years * 12)} mois`;
  return `${Math.round(years * 10) / 10} ans`;
}
