import type { Reply } from '../engine/reply.ts';
import { foldAccents, normalizeForMatch, splitLigatures, termOf, terms, words } from '../text/french.ts';
import { oncePer } from '../text/memo.ts';
import { bodySiteNames, bodySitesIn } from './body-sites.ts';
import { PERSON } from './patient-description.ts';
import { COOPERATION_FRAME_TERMS, OWN_UNNAMED, ownProtocol } from './cooperation-frame.ts';
import { REGISTRY_FILES } from './load.ts';
import { findProfession, firstProfession, lastProfession, matchProtocolsByActs, professionById, protocolsForDelegant, protocolsForDelegue } from './lookups.ts';
import { namesOf, type Protocol, type Registries } from './registry.ts';
import { createThesaurus } from './thesaurus.ts';
import { askingSentences, ONLY_ASKING_WHETHER } from '../knowledge/question-analysis.ts';

/**
 * « le protocole varicelle », « protocole de coopération sur la dyslexie », « le protocole national pour le suivi
 * des patients sous anticoagulants », « the asthma protocol »: the words after « protocole » (past « de
 * coopération », « national », « local » and a linking word) up to the end of the clause describe it.
 */
const NAMED =
  /\bprotocoles? (?:de cooperation |national |nationaux |local |locaux )*(?:(?:sur|pour|de|du|des|d|concernant|relatif a|about|on|for)(?: (?:le|la|les|l))? )?((?!(?:un|une|le|la|les|l|mon|ma|mes|notre|nos|votre|vos|ce|cette|ces|son|sa|ses|leur|leurs|a|au|aux|dans|en|avec|chez|qui|que|qu|est|sont|et|ou|vs|versus|on|il|elle)\b)[^?!.;:,()]+)/d;
const ENGLISH_NAMED = /\b(?:the|a|an|any) ((?!(?:cooperation|national|local|same|new|this|that)\b)[a-z0-9]+) protocol\b/d;
/**
 * « un protocole national où l'IDE fait et interprète l'ECG », « un protocole qui permet à la sage-femme de poser un
 * DIU », « a protocol letting midwives prescribe… », « the national protocol for shoulder pain »: the clause after
 * the protocol says what it does, up to where the act is placed or timed (« aux urgences », « avant le médecin »).
 */
const RELATIVE_NAMED =
  /\b(?:protocoles? (?:de cooperation |national |nationaux |local |locaux )*(?:ou|qui (?:permet\w*|autorise\w*|delegue\w*|confie\w*)|permettant|autorisant|deleguant|confiant|pour que)|(?:cooperation |national |local )*protocols? (?:allowing|letting|that (?:lets|allows|authori[sz]es)|for|where)) (?:a |au |aux |l |la |le |les )?([^?!.;:,()]+)/d;
const RELATIVE_END = /\s(?:—|–|par|by|chez|avant|apres|après|before|after|dans|à|au|aux|in|at|when|quand|which|what|quel|quelle|ou|or)\s.*$|\s\S+-(?:t-)?(?:il|elle|on|ils|elles)\b.*$/;
/**
 * « un protocole maison pour les plaies chroniques », « the protocol on ear infections »: what the protocol is for,
 * past the words that qualify it.
 */
const FOR_NAMED = /\bprotocol(?:e|es|s)? (?:[a-z/-]+ ){0,8}?(?:pour|sur|concernant|for|on|about|covering|regarding) (?:le |la |les |l |un |une |des |du |the |a |an )?([^?!.;:,()]+)/d;
/** Where a description stops: a linking word, a comparison, or a verb put before its subject (« permet-il »). */
const DESCRIPTION_END =
  /\s(?:vs|versus|et|ou|and|or|par|by|chez|avec|dans|en|à|au|aux|qui|que|est|sont|pour|for|with|in|at|c|c'est|quel|quelle|quels|quelles|quand|combien|comment|possible|existe|ok|is|does|exists?|faut|peut|peuvent|doit|doivent|marche|fonctionne|permet|concerne|arrêté|arrete|décret|decret|jo|loi|article|date)(?:\s.*)?$|\s\S+-(?:t-)?(?:il|elle|on|ils|elles)\b.*$/;

/**
 * A protocol the base does not know: no protocol of the registries (title, acts, keywords, patients, id) holds the
 * first telling words of its description (« conjonctivite bactérienne » is not « rhino-conjonctivite allergique »).
 * The answer says it is not in the base rather than describe another one.
 */
export function unknownProtocolAnswer(registries: Registries, text: string, vocabulary: Vocabulary): Reply | null {
  // Matched accent-folded, read with its accents (folding keeps the length of NFC text once ligatures are split):
  // « rédigé » is a participle. « un protocole pour la prise en charge de la conjonctivite bactérienne », « où le kiné
  // prend en charge les entorses » are about what is taken in charge.
  const lowered = splitLigatures(text.normalize('NFC').toLowerCase()).replace(/[«»"“”'’]/g, ' ').replace(/\s+/g, ' ').replace(TAKING_IN_CHARGE, '');
  const folded = foldAccents(lowered);
  const asking = askingSentences(text).map(normalizeForMatch);
  const descriptions = DESCRIPTIONS.flatMap(([pattern, end]) => {
    const match = pattern.exec(folded);
    const at = match?.indices?.[1];
    // « they want to start a local protocol on wound dressings »: one to be written is not said to exist.
    // « notre protocole maison sur les plaies, on doit le déclarer ? » asks what the rules say of a team's own protocol;
    // « … il a été déclaré quand ? », « ses critères d'exclusion ? » ask facts of it, which no registry holds.
    if (!match || !at || TO_BE_WRITTEN.test(folded.slice(0, match.index)) || (ownProtocol(folded, match.index, match[0]) && !asksFactOf(asking, match[0]))) return [];
    return [{ text: lowered.slice(at[0], at[1]).replace(end, '').trim(), singular: !/\bprotocoles\b/.test(match[0]) }];
  });
  // « le protocole sutures aux urgences, ça marche pour les gamins ? »: whom a protocol is asked for names none.
  const described = [...descriptions.filter(({ text: said }) => !ONLY_A_PERSON.test(foldAccents(said))), ...quotedNames(text)];
  // « Dans notre protocole maison, c'est quoi les critères d'exclusion ? »: a fact asked of a team's own protocol, named
  // by no description.
  const ownUnnamed = asksOfOwnProtocol(asking) && matchProtocolsByActs(registries, folded).length === 0 && !asksWhatToDo(asking);
  if (!ownUnnamed && !described.some((description) => isUnknown(registries, description, vocabulary, text)) && !namesAProfessionOfNone(registries, described)) return null;
  // The user's own words are not repeated: they could name a patient.
  return {
    kind: 'unknown',
    text:
      "Le protocole que vous citez n'est pas dans ma base : je ne peux rien en dire de fiable, et je ne veux pas vous décrire un autre protocole à sa place. " +
      "Le registre de Coordo ne recense que les protocoles trouvés dans ses sources. Pour vérifier qu'il existe (protocole national autorisé par arrêté, ou protocole local déclaré), rapprochez-vous de votre ARS (agence régionale de santé).",
    citations: [{ title: 'Registre des protocoles de coopération', section: 'Protocole introuvable', source: REGISTRY_FILES.protocols, path: REGISTRY_FILES.protocols }],
    confident: false,
  };
}

/**
 * « protocole angine enfant », « protocole cystite pr une patiente de 34 ans »: the patient the protocol is asked for
 * follows its name, and is no part of it (a description that opens with one keeps it).
 */
function withoutPatient(description: string): string {
  const patient = PATIENT_AFTER_NAME.exec(foldAccents(description));
  return patient ? description.slice(0, patient.index) : description;
}

/** A description that is someone, no protocol's name (« les gamins », « une patiente »). */
const ONLY_A_PERSON = new RegExp(String.raw`^(?:(?:les|des|une|un|la|le|l|the|a|an|mes|nos|ses|leurs)\s+)?${PERSON}$`, 'u');

/** A patient after the name, not the population it is about (« le protocole de suivi des patients sous AVK »). */
const PATIENT_AFTER_NAME = new RegExp(String.raw`(?<=\S)(?<!\b(?:des|les|aux|du|de la|de l|of|for))\s+(?:${PERSON}|\d+\s*(?:ans?|mois|years?|months?))\b`, 'u');

/** A verb of writing a protocol, a few words before it (accent-folded). */
const TO_BE_WRITTEN =
  /\b(?:start|starting|create|creating|write|writing|draft|drafting|set up|setting up|launch|launching|develop|developing|ecrire|ecrive|ecrivions|rediger|redige|redigeons|redigions|creer|cree|monter|monte|mettre en place|lancer|lance|elaborer|elabore|construire)\s+(?:[\w-]+\s+){0,4}$/u;

/**
 * Does a sentence that asks (`asking`, accent-folded) name a team's own protocol (« notre protocole maison »), not one
 * to be written?
 */
function asksOfOwnProtocol(asking: readonly string[]): boolean {
  return asking.some((sentence) => {
    const own = OWN_UNNAMED.exec(sentence);
    return own !== null && !TO_BE_WRITTEN.test(sentence.slice(0, own.index));
  });
}

/**
 * Is a fact asked of the protocol named (« notre protocole maison sur les plaies, il a été déclaré quand ? »): in a
 * sentence that asks, and not what may or must be done with it (« on doit le déclarer ? », « can it become national »)?
 */
function asksFactOf(asking: readonly string[], named: string): boolean {
  const naming = asking.filter((sentence) => sentence.includes(normalizeForMatch(named)));
  return naming.length > 0 && !asksWhatToDo(naming);
}

function asksWhatToDo(sentences: readonly string[]): boolean {
  return sentences.some((sentence) => WHAT_TO_DO.test(sentence));
}

const WHAT_TO_DO =
  /\b(?:doit|doivent|dois|devons|devez|faut|faudra|faudrait|peut|peuvent|peux|pouvons|pouvez|possible|comment|demarches?|procedure|etapes?|how|can|could|should|must|need|needs|have to|has to|allowed)\b/;

const QUOTED_NAME = /[«“"]\s*([^«»“”"]{3,60}?)\s*[»”"]/gu;
/** A protocol (or a version of one) a few words before a quote, or after it (lowercase). */
const PROTOCOL_BEFORE = /\b(?:protocoles?|protocols?|version)(?:\s+[^\s«»“”"]+){0,2}\s*$/u;
const PROTOCOL_AFTER = /^\s*(?:[^\s«»“”"]+\s+){0,2}(?:protocoles?|protocols?)\b/u;

/**
 * « une version « lombalgie chronique » du protocole kiné », « le protocole « plaies chroniques » »: a name quoted next
 * to a protocol; not a part of one (« dans notre protocole local, la partie « processus de prise en charge » »).
 */
function quotedNames(text: string): { text: string; singular: boolean }[] {
  const lowered = text.normalize('NFC').toLowerCase();
  return [...lowered.matchAll(QUOTED_NAME)]
    .filter((match) => PROTOCOL_BEFORE.test(lowered.slice(0, match.index)) || PROTOCOL_AFTER.test(lowered.slice(match.index + match[0].length)))
    .map(([, name = '']) => ({ text: name.trim(), singular: true }));
}

const TAKING_IN_CHARGE = /\b(?:la |le )?(?:prise|prend|prennent|prendre|prenne) en charge (?:de la |de l |du |des |de |d |la |le |les |l )?/gu;

/** The ways a question describes a protocol, each with where its description stops. */
const DESCRIPTIONS: readonly [RegExp, RegExp][] = [
  [RELATIVE_NAMED, RELATIVE_END],
  [NAMED, DESCRIPTION_END],
  [ENGLISH_NAMED, DESCRIPTION_END],
  [FOR_NAMED, DESCRIPTION_END],
];

/**
 * Words the base never uses (« asthme », « antigrippale ») tell an unknown protocol; short words and abbreviations
 * of the base's own words (« coop », « kiné », « ophtalmo ») do not. Else, for one protocol named (« le protocole
 * plaies chroniques »), the head of its description must belong to one protocol of the registry. Adverbs and
 * participles (« finalement refusé », « rédigé hier ») say what became of a protocol, not which one; who does the
 * act does not say which protocol it is.
 */
function isUnknown(registries: Registries, description: { text: string; singular: boolean }, vocabulary: Vocabulary, text: string): boolean {
  // Who does the act is no participle (« le kiné prend en charge… »).
  const first = words(description.text).find((word) => !terms(word).some((term) => professionTerms(registries).has(term))) ?? '';
  // « le protocole doit-il préciser… » goes on with a verb, not a name.
  if (!first || ABOUT_A_PROTOCOL.test(first) || /^\S+-(?:t-)?(?:il|elle|on|ils|elles)\b/u.test(description.text)) return false;
  const content = contentTerms(registries, description.text);
  // « protocole lombalgie aiguë jouable ? » asks whether; « telemonitoring » is a word the lexicon translates.
  const translated = new Set(createThesaurus(registries).expansions(description.text).flatMap(({ trigger }) => terms(trigger)));
  const unknownWords = content.filter((term) => !vocabulary.isKnown(term) && !translated.has(term) && !ONLY_ASKING_WHETHER.has(term));
  // The head: the words of the description that name what protocols are about (not « encore », « ouvert »), before the
  // patient it is asked for (« protocole angine enfant »).
  const head = contentTerms(registries, withoutPatient(description.text))
    .filter((term) => holds(protocolVocabulary(registries), term))
    .slice(0, HEAD_TERMS);
  const telling = unknownWords.length > 0 ? unknownWords : description.singular && head.length >= 2 ? head : [];
  if (namesAVariant(registries, description.text) || namesAnotherSite(registries, description.text, content, text) || namesAnotherDelegant(registries, description.text)) return true;
  return telling.length > 0 && !registries.protocols.some((protocol) => telling.every((term) => holds(protocolTerms(registries, protocol), term)));
}

/** The terms of a description that say what the protocol is about: not who does it, nor the words framing any protocol. */
function contentTerms(registries: Registries, description: string): string[] {
  return words(description)
    .filter((word) => !ABOUT_A_PROTOCOL.test(word))
    .flatMap((word) => terms(word))
    .filter((term) => term.length >= MIN_TELLING_CHARS && !/^\d+$/.test(term) && !COOPERATION_FRAME_TERMS.has(term) && !professionTerms(registries).has(term));
}

/**
 * « le protocole de coopération sage-femme / médecin pour le suivi de la contraception »: one protocol described by what
 * it is about and by a profession that no protocol of the registry involves, as délégant or délégué.
 */
function namesAProfessionOfNone(registries: Registries, described: readonly { text: string; singular: boolean }[]): boolean {
  // « des protocoles où peuvent entrer les chirurgiens-dentistes ? » asks which there are: the lookups answer it.
  if (!described.some(({ text, singular }) => singular && contentTerms(registries, text).length > 0)) return false;
  const named = described.flatMap(({ text }) => [firstProfession(registries, text), lastProfession(registries, text)]);
  return named.some((profession) => profession !== undefined && protocolsForDelegant(registries, profession.id).length === 0 && protocolsForDelegue(registries, profession.id).length === 0);
}

/** Endings of French adjectives that qualify a complaint or an exam (« chronique », « bactérienne », « biologique », « récidivante »). */
const QUALIFIER = /(?:ique|iques|aire|aires|al|ale|ales|aux|el|els|elle|elles|if|ifs|ive|ives|euse|euses|ienne|iennes|ante|antes|ent|ente|entes)$/u;

/**
 * « le protocole lombalgie chronique », « protocole IOA bilan biologique », « conjonctivite bactérienne »: a word a
 * protocol is about, qualified by an adjective that no protocol about it uses (« aiguë », « radiologique »,
 * « allergique »), names a variant the base does not hold.
 */
function namesAVariant(registries: Registries, description: string): boolean {
  return qualifiedTerms(description).some(({ head, qualifier }) => {
    const about = registries.protocols.filter((protocol) => protocolTerms(registries, protocol).has(head));
    // Each protocol about it qualifies it otherwise (« lombalgie aiguë »), not never (« insuffisance cardiaque chronique »).
    return about.length > 0 && about.every((protocol) => {
      const own = protocolQualifiers(registries, protocol).get(head);
      return own !== undefined && !own.has(qualifier) && !holds(protocolTerms(registries, protocol), qualifier);
    });
  });
}

/**
 * « le protocole kiné pour douleur de l'épaule »: a complaint at a site that none of the protocols about it covers
 * (the low back pain protocol is for the low back).
 */
function namesAnotherSite(registries: Registries, description: string, content: readonly string[], text: string): boolean {
  const sites = bodySitesIn(description);
  if (sites.length === 0) return false;
  const siteTerms = new Set(sites.flatMap((site) => terms(bodySiteNames(site).join(' '))));
  const about = content.filter((term) => !siteTerms.has(term));
  // The protocols the description is about, and those the question names elsewhere (« le protocole IOA pour … »).
  const named = new Set(matchProtocolsByActs(registries, text));
  const protocols = registries.protocols.filter((protocol) => named.has(protocol) || about.some((term) => holds(protocolTerms(registries, protocol), term)));
  return protocols.length > 0 && protocols.every((protocol) => {
    // A protocol that names no site (« mal de gorge ») covers none of these.
    const covered = protocol.population?.site?.sites ?? [];
    return !sites.some((site) => covered.includes(site));
  });
}

/** « sur délégation de la sage-femme », « délégué par l'ophtalmologiste », « on delegation from the midwife » (accent-folded). */
const DELEGATED_BY =
  /\b(?:sur delegation|par delegation|delegues? par|deleguees? par|delegated by|on delegation from|delegation from)\s+(?:(?:de|du|des|d)\s+)?(?:(?:la|le|les|l|un|une|the|a|an)\s+)?([^,;:.!?]{2,40})/u;

/** « le protocole où l'IDE pose un DIU sur délégation de la sage-femme »: a délégant no protocol of the registry has. */
function namesAnotherDelegant(registries: Registries, description: string): boolean {
  const named = DELEGATED_BY.exec(foldAccents(description))?.[1];
  const delegant = named ? findProfession(registries, named) : undefined;
  return delegant !== undefined && protocolsForDelegant(registries, delegant.id).length === 0;
}

/** The terms of a text each followed by an adjective (« lombalgie chronique » → lombalgi, chroniqu). */
function qualifiedTerms(text: string): { head: string; qualifier: string }[] {
  const said = words(text);
  return said.flatMap((word, i) => {
    const next = said[i + 1] ?? '';
    const head = termOf(word);
    const qualifier = termOf(next);
    return head && qualifier && QUALIFIER.test(foldAccents(next.toLowerCase())) ? [{ head, qualifier }] : [];
  });
}

const qualifiersByProtocol = oncePer<Protocol, Map<string, Set<string>>>(1000);

/** How a protocol's own texts qualify its terms (« douleur lombaire aiguë », « bilan radiologique »). */
function protocolQualifiers(registries: Registries, protocol: Protocol): Map<string, Set<string>> {
  return qualifiersByProtocol(protocol, () => {
    const found = new Map<string, Set<string>>();
    for (const { head, qualifier } of qualifiedTerms([protocol.title, protocol.short ?? '', protocol.patients, ...protocol.keywords].join(' . '))) {
      found.set(head, (found.get(head) ?? new Set()).add(qualifier));
    }
    return found;
  });
}

/** What the knowledge base says of a term: does it use it, or a word it abbreviates (« coop » for « coopération »)? */
export interface Vocabulary {
  isKnown(term: string): boolean;
}

const MIN_TELLING_CHARS = 3;
/** Below this length a term is no abbreviation of another (« an » of « ans » is no start of « antigrippal »). */
const MIN_PREFIX_CHARS = 4;
/** How many first terms of a description made of the base's words must all belong to one protocol. */
const HEAD_TERMS = 4;
/** Adverbs (-ment) and past participles (-é, -ée, -és, -ées): what became of a protocol, not its name. */
const ABOUT_A_PROTOCOL = /(?:ment|é|ée|és|ées)$/u;

/** A protocol's term, or one it abbreviates (« ic » is too short to count; « cardio » abbreviates « cardiaqu »). */
function holds(have: ReadonlySet<string>, term: string): boolean {
  if (have.has(term)) return true;
  for (const word of have) if (word.length >= MIN_PREFIX_CHARS && term.length >= MIN_PREFIX_CHARS && (word.startsWith(term) || term.startsWith(word))) return true;
  return false;
}

const termsOfProfessions = oncePer<Registries, Set<string>>();

/** The terms of every profession's names: who does the act does not tell which protocol it is. */
function professionTerms(registries: Registries): Set<string> {
  return termsOfProfessions(registries, () => new Set(registries.professions.flatMap((profession) => namesOf(profession).flatMap((name) => terms(name)))));
}

const vocabularies = oncePer<Registries, Set<string>>();

/** Every term of every protocol of the registries. */
function protocolVocabulary(registries: Registries): Set<string> {
  return vocabularies(registries, () => new Set(registries.protocols.flatMap((protocol) => [...protocolTerms(registries, protocol)])));
}

const termsByProtocol = oncePer<Protocol, Set<string>>(1000);

function protocolTerms(registries: Registries, protocol: Protocol): Set<string> {
  return termsByProtocol(protocol, () => {
    const professions = [...protocol.delegants, ...protocol.delegues].flatMap((id) => {
      const profession = professionById(registries, id);
      return profession ? namesOf(profession) : [];
    });
    return new Set(terms([protocol.id.replace(/-/g, ' '), protocol.title, protocol.patients, ...protocol.acts, ...protocol.keywords, ...professions].join(' ')));
  });
}
