import { normalizeForMatch, terms } from '../text/french.ts';

/**
 * The terms of a list of words, as written and as normalised: questions are often read without their accents, and
 * « reglementee » does not stem as « réglementée » does.
 */
export function frameTerms(words: string): Set<string> {
  return new Set([...terms(words), ...terms(normalizeForMatch(words))]);
}

/** Words of a protocole de coopération or a delegation (normalised text). */
export const COOPERATION_WORDS = /\b(?:protocoles?|protocols?|deleg\w*|cooperation|coop)\b/;

/** « protocole maison », « protocole de coopération maison » (normalised text). */
const HOUSE_PROTOCOL = String.raw`\bprotocoles? (?:de cooperation )?maison\b`;

/**
 * A protocol said to be a team's own (normalised text): « maison », « notre (propre) », « in-house », « our own »; not
 * « un protocole local pour la vaccination », which may exist somewhere.
 */
const OWN_PROTOCOL = new RegExp(
  String.raw`${HOUSE_PROTOCOL}|\b(?:notre|nos|leur|leurs|son|sa|ses|votre|vos) (?:propres? )?(?:\w+ )?protocoles?\b|\b(?:in house|home grown|homegrown|own|our|their) (?:multiprofessional |cooperation |local |\w+ )?protocols?\b`,
);

/**
 * A team's own protocol named as such, whatever it is for (normalised text): « notre protocole maison », « notre propre
 * protocole », « our in-house protocol »; a possessive alone (« notre protocole cystite ») may name a national one.
 */
export const OWN_UNNAMED = new RegExp(String.raw`${HOUSE_PROTOCOL}|\bpropres? protocoles?\b|\b(?:in house|home grown|homegrown|own) (?:local )?protocols?\b`);

/**
 * Is the protocol named at `index` (`named`, its words) a team's own (« notre protocole local sur les plaies »,
 * « their in-house protocol »)? No registry lists it: what is asked of it is what the base says of local protocols.
 */
export function ownProtocol(n: string, index: number, named: string): boolean {
  return OWN_PROTOCOL.test(`${n.slice(Math.max(0, index - OWN_REACH), index)}${named}`);
}

/** How far before a protocol's name (in characters) the words saying whose it is are read. */
const OWN_REACH = 30;

/**
 * Words that frame a question about protocols without saying which one (« les protocoles nationaux existants »,
 * « quels protocoles pour moi ? »). In a question on a profession's protocols, any other word than these, a
 * profession and a practice form names an act or a subject (« poser un DIU », « les cervicalgies »); a list of a
 * profession's protocols answers all of them.
 */
export const COOPERATION_FRAME_WORDS = `protocole protocoles protocol protocols coopération coop cooperation délégation déléguer délégué délégués déléguée délégant délégants
     delegate delegated delegates delegating delegation france français french national nationaux nationale local locaux autorisé autorisés authorised authorized existe existent exist
     exists moi nous suis sommes exerce travaille dispose actes acte activités peux pouvons faire participer liste list many
     actuellement aujourd'hui maintenant désormais toujours fin today currently now still end encore quels lesquels disponibles available under cadre via comme what which any
     msp cpts esp centre santé maison équipe as demande demandé voudrait aimerait cherche savoir wonder wonders asks asked
     ouvert ouverts ouverte ouvertes accessible accessibles applicable applicables appliquer open take part work working
     implique impliquent impliquant concerne concernent concernant inclut incluent involve involves involving concern concerns include includes
     use using utiliser apply applying porter portent porte tourner tourne tournent fonctionner fonctionne fonctionnent run runs running operate setting settings profession professions métier métiers job join joindre rejoindre tâche tâches task tasks
     moment truc trucs chose choses thing things stuff grâce extra supplémentaire supplémentaires
     retiré retirés retirée retirées retrait removed withdrawn`;

export const COOPERATION_FRAME_TERMS = frameTerms(COOPERATION_FRAME_WORDS);

/** « en 2026 », « depuis 2024 »: when, not what. */
const YEAR = /^(?:19|20)\d\d$/;

/** Does a term only frame a question on protocols (a frame word, or a year)? */
export function framesCooperation(term: string): boolean {
  return COOPERATION_FRAME_TERMS.has(term) || YEAR.test(term);
}
