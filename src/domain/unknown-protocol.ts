import type { Reply } from '../engine/reply.ts';
import { normalizeForMatch, terms } from '../text/french.ts';
import { REGISTRY_FILES } from './load.ts';
import type { Protocol, Registries } from './registry.ts';

/**
 * « le protocole varicelle », « protocole de coopération sur la dyslexie », « the asthma protocol »: the words
 * right after « protocole » (past « de coopération », « national », « local » and a linking word) name it.
 * A name that opens with an article (« un protocole pour une MSP ») is a description, not a name.
 */
const NAMED =
  /\bprotocoles? (?:de cooperation |national |nationaux |local |locaux )*(?:sur |pour |de |du |des |d |concernant |relatif a |about |on |for )?((?!(?:un|une|le|la|les|l|mon|ma|mes|notre|nos|votre|vos|ce|cette|ces|son|sa|ses|leur|leurs|a|au|aux|dans|en|avec|chez|qui|que|est|et|ou)\b)[a-z0-9]+)/;
const ENGLISH_NAMED = /\b([a-z0-9]+) (?:cooperation )?protocol\b/;

/**
 * A named protocol the base does not know: its first content word appears in no protocol of the registries
 * (title, acts, keywords, patients, id) and is not one of the base's common words (« modèle », « type »…
 * are frequent: `isCommonTerm` says so). The answer says it is not in the base rather than describe another one.
 */
export function unknownProtocolAnswer(registries: Registries, text: string, isCommonTerm: (term: string) => boolean): Reply | null {
  const n = normalizeForMatch(text);
  const named = NAMED.exec(n)?.[1] ?? ENGLISH_NAMED.exec(n)?.[1];
  const term = named ? terms(named)[0] : undefined;
  if (!named || !term || isCommonTerm(term)) return null;
  if (registries.protocols.some((protocol) => protocolTerms(protocol).has(term))) return null;
  return {
    kind: 'unknown',
    text:
      `Le protocole « ${named} » n'est pas dans ma base : je ne peux rien en dire de fiable, et je ne veux pas vous décrire un autre protocole à sa place. ` +
      "Le registre de Coordo ne recense que les protocoles trouvés dans ses sources. Pour vérifier qu'il existe (protocole national autorisé par arrêté, ou protocole local déclaré), rapprochez-vous de votre ARS (agence régionale de santé).",
    citations: [{ title: 'Registre des protocoles de coopération', section: 'Protocole introuvable', source: REGISTRY_FILES.protocols, path: REGISTRY_FILES.protocols }],
    confident: false,
  };
}

const termsByProtocol = new WeakMap<Protocol, Set<string>>();

function protocolTerms(protocol: Protocol): Set<string> {
  let found = termsByProtocol.get(protocol);
  if (!found) {
    found = new Set(terms([protocol.id.replace(/-/g, ' '), protocol.title, protocol.patients, ...protocol.acts, ...protocol.keywords].join(' ')));
    termsByProtocol.set(protocol, found);
  }
  return found;
}
