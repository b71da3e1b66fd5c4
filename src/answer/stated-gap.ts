import type { Handler } from '../engine/handler.ts';
import type { Reply } from '../engine/reply.ts';
import { analyseQuestion, clausesAbove, SITUATION_WEIGHT, TOPIC_WEIGHT } from '../knowledge/question-analysis.ts';
import { normalizeForMatch, terms } from '../text/french.ts';
import { splitSentences } from '../text/sentences.ts';

/**
 * « Comment sont composés les trois collèges de l'URPS des médecins ? » answered by a passage that says « les sources
 * de la base ne détaillent pas la composition de ces collèges »: the base says it lacks what is asked. The answer
 * then leads with that, and is not confident (a partial answer, not a made-up one). What the sentence says is
 * missing must be what the question asks: the head of its object (« la composition ») among the asked terms.
 */
export function withStatedGap(handler: Handler): Handler {
  return {
    name: handler.name,
    async handle(message) {
      const reply = await handler.handle(message);
      if (!reply || reply.kind !== 'answer' || !reply.confident) return reply;
      const gap = statedGap(message.text, reply.text);
      return gap ? withGapFirst(reply, gap) : reply;
    },
  };
}

/**
 * The sentence of the answer that says the sources lack what the question asks, if one does: what it says is missing
 * is asked (« la composition » for « comment sont composés »), or it lacks something of what it names (« n'en »), and
 * it names what the question is about where the rest of the answer does not (« Depuis 2023, un nouveau modèle est
 * utilisé ; les sources n'en détaillent pas le contenu » for « le nouveau modèle utilisé depuis 2023 »).
 */
export function statedGap(question: string, answer: string): string | null {
  const { clauses } = analyseQuestion(question);
  const asked = terms(clausesAbove(clauses, TOPIC_WEIGHT));
  const topical = terms(clausesAbove(clauses, SITUATION_WEIGHT));
  const sentences = splitSentences(answer);
  return (
    sentences.find((sentence) => {
      // « La date de l'arrêté national n'a pas été trouvée dans les sources »: what was not found is what is asked, every
      // word of it (not « la date de l'arrêté de l'ARS »).
      const unfound = UNFOUND.exec(normalizeForMatch(sentence))?.[1];
      if (unfound !== undefined) return terms(unfound).every((term) => topical.some((one) => sameWord(one, term)));
      const lacked = LACKED.exec(normalizeForMatch(sentence));
      const object = lacked?.[2];
      if (object === undefined) return false;
      const head = terms(object)[0];
      if (head !== undefined && asked.some((term) => sameWord(term, head))) return true;
      // « n'en détaillent pas le contenu »: what is lacked is of the thing the sentence names before.
      if (lacked?.[1] === undefined) return false;
      const own = new Set(terms(sentence));
      const elsewhere = new Set(terms(sentences.filter((other) => other !== sentence).join(' ')));
      return topical.some((term) => own.has(term) && !elsewhere.has(term));
    }) ?? null
  );
}

/** « composés » and « composition », « actes » and « acte »: one word, by their first letters (a short term, « dat », by itself). */
function sameWord(one: string, other: string): boolean {
  if (one === other) return true;
  const shared = Math.min(one.length, other.length, SAME_PREFIX);
  return shared >= MIN_PREFIX && one.slice(0, shared) === other.slice(0, shared);
}

const SAME_PREFIX = 6;
const MIN_PREFIX = 4;

/** « les sources ne détaillent pas X », « la base ne précise pas X », « n'en détaillent pas X » (accent-folded): X, what is lacked. */
const LACKED = /\b(?:sources?|base|textes?|extraits?)\b(?: \w+){0,3} (?:ne|n)( en| y)? (?:detaill|precis|donn|indiqu|mentionn|fix)\w* pas (.+)$/;

/** « X n'a pas été trouvé(e) dans les sources / la base » (accent-folded): X, what was not found. */
const UNFOUND = /^(.+?) (?:n a|n ont) pas ete (?:re)?trouve\w* dans (?:les |la )?(?:sources?|base)\b/;

/** The gap said first; not twice when the answer opens with it. */
function withGapFirst(reply: Reply, gap: string): Reply {
  const text = reply.text.startsWith(gap) ? reply.text : `${gap}\n\n${reply.text}`;
  return { ...reply, text: `**Je ne trouve pas ce détail dans la base** : ${text}`, confident: false };
}
