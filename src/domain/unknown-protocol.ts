import type { Reply } from '../engine/reply.ts';
import { foldAccents, terms, words } from '../text/french.ts';
import { COOPERATION_FRAME_TERMS } from './cooperation-frame.ts';
import { REGISTRY_FILES } from './load.ts';
import { professionById } from './lookups.ts';
import { namesOf, type Protocol, type Registries } from './registry.ts';

/**
 * « le protocole varicelle », « protocole de coopération sur la dyslexie », « le protocole national pour le suivi
 * des patients sous anticoagulants », « the asthma protocol »: the words after « protocole » (past « de
 * coopération », « national », « local » and a linking word) up to the end of the clause describe it.
 */
const NAMED =
  /\bprotocoles? (?:de cooperation |national |nationaux |local |locaux )*(?:(?:sur|pour|de|du|des|d|concernant|relatif a|about|on|for)(?: (?:le|la|les|l))? )?((?!(?:un|une|le|la|les|l|mon|ma|mes|notre|nos|votre|vos|ce|cette|ces|son|sa|ses|leur|leurs|a|au|aux|dans|en|avec|chez|qui|que|qu|est|sont|et|ou|vs|versus|on|il|elle)\b)[^?!.;:,()]+)/;
const ENGLISH_NAMED = /\b(?:the|a|an|any) ((?!(?:cooperation|national|local|same|new|this|that)\b)[a-z0-9]+) protocol\b/;
/** Where a description stops: a linking word, a comparison, or a verb put before its subject (« permet-il »). */
const DESCRIPTION_END =
  /\s(?:vs|versus|et|ou|and|or|par|by|chez|avec|dans|en|à|au|aux|qui|que|est|sont|pour|for|with|in|at|c|c'est|quel|quelle|quels|quelles|quand|combien|comment|possible|existe|ok|is|does|exists?)(?:\s.*)?$|\s\S+-(?:t-)?(?:il|elle|on|ils|elles)\b.*$/;

/**
 * A protocol the base does not know: no protocol of the registries (title, acts, keywords, patients, id) holds the
 * first telling words of its description (« conjonctivite bactérienne » is not « rhino-conjonctivite allergique »).
 * The answer says it is not in the base rather than describe another one.
 */
export function unknownProtocolAnswer(registries: Registries, text: string, vocabulary: Vocabulary): Reply | null {
  // Matched accent-folded, read with its accents (folding keeps the length of NFC text): « rédigé » is a participle.
  const lowered = text.normalize('NFC').toLowerCase().replace(/[«»"“”'’]/g, ' ').replace(/\s+/g, ' ');
  const folded = foldAccents(lowered);
  const match = NAMED.exec(folded) ?? ENGLISH_NAMED.exec(folded);
  const start = match?.[1] === undefined ? -1 : match.index + match[0].length - match[1].length;
  const described = match?.[1] === undefined ? undefined : lowered.slice(start, start + match[1].length).replace(DESCRIPTION_END, '').trim();
  if (!described) return null;
  const first = words(described)[0] ?? '';
  if (ABOUT_A_PROTOCOL.test(first)) return null;
  // Words the base never uses (« asthme », « antigrippale ») tell an unknown protocol; short words and abbreviations
  // of the base's own words (« coop », « kiné », « ophtalmo ») do not.
  // Adverbs and participles (« finalement refusé », « rédigé hier ») say what became of a protocol, not which one.
  const content = words(described)
    .filter((word) => !ABOUT_A_PROTOCOL.test(word))
    .flatMap((word) => terms(word))
    .filter((term) => term.length >= MIN_TELLING_CHARS && !/^\d+$/.test(term) && !COOPERATION_FRAME_TERMS.has(term));
  const unknownWords = content.filter((term) => !vocabulary.isKnown(term));
  // Words the base never uses tell an unknown protocol; else, for one protocol named (« le protocole plaies
  // chroniques »), the head of its description must belong to one protocol of the registry.
  const singular = !/^protocoles\b/.test(match?.[0] ?? '');
  const telling = unknownWords.length > 0 ? unknownWords : singular && content.length >= 2 ? content.slice(0, HEAD_TERMS) : [];
  if (telling.length === 0) return null;
  if (registries.protocols.some((protocol) => telling.every((term) => holds(protocolTerms(registries, protocol), term)))) return null;
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

/** What the knowledge base says of a term: does it use it, or a word it abbreviates (« coop » for « coopération »)? */
export interface Vocabulary {
  isKnown(term: string): boolean;
}

const MIN_TELLING_CHARS = 3;
/** Below this length a term is no abbreviation of another (« an » of « ans » is no start of « antigrippal »). */
const MIN_PREFIX_CHARS = 4;
/** How many first terms of a description made of the base's words must all belong to one protocol. */
const HEAD_TERMS = 4;
/** Adverbs (-ment), past participles (-é, -ée, -és, -ées) and infinitives (-er): what became of a protocol, not its name. */
const ABOUT_A_PROTOCOL = /(?:ment|é|ée|és|ées|er)$/u;

/** A protocol's term, or one it abbreviates (« ic » is too short to count; « cardio » abbreviates « cardiaqu »). */
function holds(have: ReadonlySet<string>, term: string): boolean {
  if (have.has(term)) return true;
  for (const word of have) if (word.length >= MIN_PREFIX_CHARS && term.length >= MIN_PREFIX_CHARS && (word.startsWith(term) || term.startsWith(word))) return true;
  return false;
}

const termsByProtocol = new WeakMap<Protocol, Set<string>>();

function protocolTerms(registries: Registries, protocol: Protocol): Set<string> {
  let found = termsByProtocol.get(protocol);
  if (!found) {
    const professions = [...protocol.delegants, ...protocol.delegues].flatMap((id) => {
      const profession = professionById(registries, id);
      return profession ? namesOf(profession) : [];
    });
    found = new Set(terms([protocol.id.replace(/-/g, ' '), protocol.title, protocol.patients, ...protocol.acts, ...protocol.keywords, ...professions].join(' ')));
    termsByProtocol.set(protocol, found);
  }
  return found;
}
