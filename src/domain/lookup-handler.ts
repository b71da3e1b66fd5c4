import { COOPERATION_FRAME_WORDS } from './cooperation-frame.ts';
import { namesOfPlaces } from './places.ts';
import type { Handler } from '../engine/handler.ts';
import { isoDay } from './dated.ts';
import { lookupAnswer } from './lookup-answers.ts';
import { unknownProtocolAnswer, type Vocabulary } from './unknown-protocol.ts';
import { detectLookup, looksLikeClinicalAct, type LookupQuery } from './lookup-intent.ts';
import { findProfession, matchProtocolsByActs } from './lookups.ts';
import { inForce, namesOf, type Protocol, type Registries } from './registry.ts';
import type { ReplyButton } from '../engine/reply.ts';
import { withContext } from '../engine/message.ts';
import { withoutNegatedMentions } from '../knowledge/question-analysis.ts';

/**
 * Answers the lookup questions from the registries (who may do an act, what
 * can be delegated to a profession, profession and practice-form facts,
 * acronyms). Returns null for every other question, which then goes to
 * free-text retrieval; says so explicitly when a clear protocol lookup has no
 * match in the registry.
 */
export function createLookupHandler(registries: Registries, options: LookupHandlerOptions = {}): Handler {
  return {
    name: 'lookup',
    async handle(message) {
      const text = withoutNegatedMentions(withContext(message));
      // Only what this message says: an earlier question's protocol is no reason to say it is unknown again.
      const unknown = options.vocabulary ? unknownProtocolAnswer(registries, message.text, options.vocabulary) : null;
      if (unknown) return unknown;
      let query = detectLookup(registries, text);
      if (!query) return null;
      // « et pour un kiné ? » after « qui peut suturer ? »: the follow-up names the profession asked about.
      const followUpProfession = message.context ? findProfession(registries, message.text) : undefined;
      if (query.kind === 'act' && followUpProfession) query = { ...query, profession: followUpProfession };
      let protocols = query.kind === 'act' ? matchProtocolsByActs(registries, query.act) : [];
      if (query.kind === 'act' && protocols.length === 0) {
        // « mal de dos : qui peut le prendre en charge ? » names the act before « qui peut »: try the whole question.
        const whole = matchProtocolsByActs(registries, text);
        if (whole.length > 0) {
          // « Dans le protocole entorse, le kiné peut-il prescrire une IRM ? »: the protocol named, the act still checked.
          query = { ...query, act: actBeforeQuestion(text), wholeQuestion: true, verbAct: query.act };
          protocols = whole;
        }
      }
      if (query.kind === 'act' && !query.explicit && protocols.length === 0 && !looksLikeClinicalAct(registries, query.act)) {
        return null;
      }
      const reply = { ...lookupAnswer(registries, query, isoDay(options.today?.() ?? new Date())), covers: coveredWords(query) };
      const first = protocols.find(inForce);
      if (reply.confident && first && options.offerRequest) reply.buttons = [options.offerRequest(first)];
      return reply;
    },
  };
}

/** The categories of the health professions, as a question names them. */
const CATEGORY_WORDS = 'professions médicales auxiliaires médicaux paramédicaux professions de la pharmacie réglementées classées classement';

/** What a lookup answers of the question, besides the words of its text: the names of what it is about and its aspect. */
function coveredWords(query: LookupQuery): string {
  switch (query.kind) {
    case 'delegue':
    case 'delegant':
      // The places the list is for (« à l'hôpital ») are answered too.
      return `${namesOf(query.profession).join(' ')} ${COOPERATION_FRAME_WORDS} ${namesOfPlaces(query.places ?? []).join(' ')}`;
    case 'profession':
      // The category answers which of them the profession is in (« médicale ou auxiliaire médical ? »).
      return `${namesOf(query.profession).join(' ')} profession ordre urps catégorie${query.aspect === 'categorie' ? ` ${CATEGORY_WORDS}` : ''}`;
    case 'form':
      return namesOf(query.form).join(' ');
    case 'status':
      return `${query.protocol.keywords.join(' ')} protocole national autorisé`;
    case 'acronym':
      return query.entries.flatMap((entry) => [entry.term, ...entry.variants]).join(' ');
    case 'compared-professions':
      return `${query.professions.flatMap((profession) => namesOf(profession)).join(' ')} profession différence comparaison ordre urps catégorie`;
    case 'compared-protocols':
      return `${query.protocols.flatMap((protocol) => protocol.keywords).join(' ')} protocole différence comparaison patients actes délégant délégué âge`;
    default:
      return '';
  }
}

/** « mal de dos : qui peut le prendre en charge ? » → « mal de dos » (the words before the question, to quote). */
function actBeforeQuestion(text: string): string {
  const before = text.split(/\s*[:,–-]?\s*\b(?:qui|who)\b/iu)[0]?.replace(/[\s?!.:]+$/u, '').trim();
  return before || text.replace(/[\s?!.]+$/u, '');
}

export interface LookupHandlerOptions {
  /** A button offering to open a delegation request under the protocol an act lookup found (chat platforms). */
  offerRequest?: (protocol: Protocol) => ReplyButton;
  /** The knowledge base's vocabulary, to tell a protocol the base does not know from one it does. */
  vocabulary?: Vocabulary;
  /** The clock answers are worded against (dated facts, statuses); defaults to the real one. */
  today?: () => Date;
}
