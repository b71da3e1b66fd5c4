import type { Handler } from '../engine/handler.ts';
import type { Reply } from '../engine/reply.ts';
import { analyseQuestion, askingSentences, ASKS_FOR_CONTENT, clausesAbove, SITUATION_WEIGHT, TOPIC_WEIGHT } from '../knowledge/question-analysis.ts';
import { normalizeForMatch, terms } from '../text/french.ts';
import { splitSentences } from '../text/sentences.ts';
import { NUMBER_WORDS_PATTERN, numberValue } from '../text/number-words.ts';

/** How much of a closed question a sentence covers (1: every word asked, or an equivalent of it). */
export type AnsweredShare = (question: string) => (text: string) => number;

/**
 * The article handler's answers to a closed question (« une SISA peut-elle salarier des professionnels de santé ? »),
 * led by **Oui** or **Non** when one sentence of the answer says what the question asks, word for word or by an
 * equivalent, plainly (« … une SISA peut en outre employer des professionnels de santé salariés ») or negated (« l'ESP
 * n'a pas de structure juridique propre »); a sentence that limits what it says (« uniquement », « certains ») that
 * the question does not, by **Oui, dans certaines limites**. Anything less is left without a verdict: a sentence that
 * excludes (« sauf », « hors »), a question that asks between two things, negates, or quantifies what the sentence
 * does not, a question about someone its situation names (« sa profession »).
 */
export function withPassageVerdict(handler: Handler, answeredShare: AnsweredShare): Handler {
  return {
    name: handler.name,
    async handle(message) {
      const reply = await handler.handle(message);
      // A partial answer (« je ne trouve pas ce détail… ») gets none.
      if (!reply || reply.kind !== 'answer' || !reply.confident || LEADS_WITH_VERDICT.test(reply.text)) return reply;
      // A part asked after another (« C'est quoi la PDSA et est-ce que la CPTS doit l'organiser ? ») says yes or no of
      // what the earlier part names too: the sentence must say that as well.
      const share: AnsweredShare = message.context ? (question) => answeredShare(`${question} ${message.context ?? ''}`) : answeredShare;
      const verdict = passageVerdict(message.text, reply.text, share, reply.citations[0]?.section);
      return verdict ? withVerdict(reply, verdict) : reply;
    },
  };
}

export interface PassageVerdict {
  said: 'Oui' | 'Oui, dans certaines limites' | 'Non';
  /** The sentence of the answer that says it. */
  sentence: string;
}

/**
 * `about`: what the answer is about (its section's heading), which each sentence speaks of without naming it
 * (« Sa gestion est à but non lucratif. » of a centre de santé, « Le protocole déroge… » of a protocole de coopération).
 */
export function passageVerdict(question: string, answer: string, answeredShare: AnsweredShare, about = ''): PassageVerdict | null {
  const analysed = analyseQuestion(question);
  if (analysed.kind !== 'yes-no' && analysed.kind !== 'open') return null;
  const asked = normalizeForMatch(clausesAbove(analysed.clauses, TOPIC_WEIGHT));
  if (!isClosed(asked) || NEGATED.test(asked) || EITHER_OR.test(asked)) return null;
  const aboutSituation = analysed.clauses.some((clause) => clause.weight === SITUATION_WEIGHT) && POINTS_OUTSIDE.test(asked);
  if (aboutSituation || new Set(terms(asked)).size < MIN_TERMS) return null;
  const share = answeredShare(question);
  // A sentence says what it says of its section's subject (« Le protocole déroge… », « Sa gestion… »); a sentence
  // about the base says what the base holds.
  // A list item is one of what its lead lists: being there says it « fait partie » of it, « is among » it. It says so of
  // what is asked, not of the asker's story.
  const askedClauses = clausesAbove(analysed.clauses, TOPIC_WEIGHT);
  const shareOfMember = MEMBERSHIP.test(askedClauses) ? answeredShare(askedClauses.replace(MEMBERSHIP_EVERYWHERE, ' ')) : undefined;
  // Only a list of the passage `about` heads (the answer's first), under a lead that does not set it apart from what is
  // asked (« En plus de ses missions socles, … : »), and an item that says the figures asked (« un an » is not « 2 ans »).
  const firstPassage = answer.split(PASSAGE_END)[0] ?? answer;
  // Read in the sentences that ask, as written: a claim's figures (« un arrêt de 15 jours, c'est vrai ? ») are what
  // it checks, though they are not searched for.
  const figuresAsked = figuresOf(normalizeForMatch(askingSentences(question).join(' ') || question));
  const isMember = ({ text, lead = '' }: ReadSentence) =>
    firstPassage.includes(text) &&
    !BESIDES.test(normalizeForMatch(lead)) &&
    shareOfMember !== undefined &&
    shareOfMember(`${about} ${lead} ${text}`) > FULL &&
    shareOfMember(`${about} ${lead}`) < FULL;
  const saysFigures = ({ text }: ReadSentence) => figuresAsked.every((figure) => figuresOf(normalizeForMatch(text)).includes(figure));
  const says = (read: ReadSentence) => saysFigures(read) && (read.lead === undefined || !shareOfMember ? share(`${about} ${read.text}`) > FULL : isMember(read));
  const sentence = readSentences(answer).find((read) => !OF_THE_BASE.test(read.text) && says(read) && quantifiersKept(asked, normalizeForMatch(read.text)))?.text;
  if (!sentence) return null;
  const said = normalizeForMatch(sentence);
  if (EXCLUDING.test(said)) return null;
  const denied = NEGATED.test(said) || deniesWhatIsAsked(said, asked);
  const limited = limitsMoreThanAsked(said, asked);
  if (denied && limited) return null;
  return { said: denied ? 'Non' : limited ? 'Oui, dans certaines limites' : 'Oui', sentence };
}

/** A sentence of the answer; a list item with the sentence that leads to its list. */
interface ReadSentence {
  text: string;
  lead?: string;
}

/**
 * The answer's sentences that can say something plainly. A list item says what it says under its lead sentence: under
 * a plain one (« Trois autres outils sont cités : - la MSSanté, qui permet… ») it does; under one that denies, excludes,
 * limits or speaks of the base (« … leur autorisation n'a pas été retrouvée : - PC 161… ») it does not.
 */
function readSentences(answer: string): ReadSentence[] {
  const read: ReadSentence[] = [];
  let lead = '';
  for (const text of splitSentences(answer)) {
    if (!LIST_ITEM.test(text)) {
      lead = text;
      read.push({ text });
    } else if (plainLead(lead)) read.push({ text, lead });
  }
  return read;
}

function plainLead(lead: string): boolean {
  const said = normalizeForMatch(lead);
  return lead.trimEnd().endsWith(':') && !OF_THE_BASE.test(lead) && !NEGATED.test(said) && !EXCLUDING.test(said) && !LIMITING_LEAD.test(said);
}

/** A limit the sentence sets (« uniquement », « certains », « à condition ») that the question does not ask about. */
function limitsMoreThanAsked(said: string, asked: string): boolean {
  const askedWords = new Set(asked.split(' '));
  return [...said.matchAll(LIMITING)].some(([limit]) => !askedWords.has(limit.split(' ')[0] ?? limit));
}

/**
 * « à but non lucratif » answers « peut-il être à but lucratif ? » by no; « soins non programmés » said in both is a
 * name, no denial.
 */
function deniesWhatIsAsked(said: string, asked: string): boolean {
  const deniedIn = (text: string) => new Set([...text.matchAll(/\b(?:non|not) (\w+)/g)].flatMap(([, word = '']) => terms(word)));
  const askedTerms = new Set(terms(asked));
  const askedDenied = deniedIn(asked);
  return [...deniedIn(said)].some((term) => askedTerms.has(term) && !askedDenied.has(term));
}

/** The verdict first; the sentence that says it after it when it is not the answer's first. */
function withVerdict(reply: Reply, { said, sentence }: PassageVerdict): Reply {
  const quoted = LIST_ITEM.test(sentence) ? sentence.replace(LIST_ITEM, '').replace(/\s*[;,]\s*$/u, '.') : sentence;
  const lead = reply.text.startsWith(sentence) ? `**${said}** : ${reply.text}` : `**${said}** : ${quoted}\n\n${reply.text}`;
  return { ...reply, text: lead };
}

/** A share this close to 1 is all of it (floating-point sums). */
const FULL = 0.999;
/** A closed question asks at least a subject and what is said of it. */
const MIN_TERMS = 2;

const LEADS_WITH_VERDICT = /^\*\*(?:Oui|Non|Ça dépend)\b/u;

/** Interrogative words that ask for content, not a yes or a no (accent-folded). */
const OPEN_WORDS = /\b(?:qui|quand|ou|que|qu|quoi|lequel|laquelle|lesquels|lesquelles|who|when|where)\b/;

/** Of those, the ones that also open a relative or time clause (« le patient qu'on suit », « quand il est pris en charge »). */
const SUBORDINATING = /\b(?:qui|quand|ou|que|qu|who|when|where)\b/g;

/** An inverted verb (« doit-il », « peut-elle », « a-t-on »), on accent-folded text. */
const INVERTED_VERB = String.raw`\b\w+ t (?:il|elle|on|ils|elles)\b|\b(?:peut|peuvent|doit|doivent|faut|est|sont|a|ont|existe|existent|compte|comptent|puis|dois|peux|fait|font|figure|figurent|concerne|concernent) (?:il|elle|on|ils|elles|je|tu|nous|vous)\b`;
/** An English auxiliary first (« Can the… », « Is it… »). */
const AUXILIARY_FIRST = String.raw`^(?:is|are|can|does|do|did|should|must|has|have|was|were|will|could)\b`;

/**
 * The verb of a question that is closed whatever follows: inverted, « est-ce que » opening the question, or an
 * English auxiliary first.
 */
const INVERTED = new RegExp(`${INVERTED_VERB}|^est ce qu|${AUXILIARY_FIRST}`);

/**
 * A closed question has its verb: inverted (« peut-elle », « a-t-il »), after « est-ce que », an English auxiliary
 * first, or a common verb before the question mark (« une sisa peut avoir des salariés ? »). « loi HPST = ? » has none.
 */
const CLOSED = new RegExp(
  String.raw`${INVERTED_VERB}|\best ce qu|${AUXILIARY_FIRST}|\b(?:est|sont|etait|peut|peuvent|peux|doit|doivent|dois|faut|existe|existent|reste|restent|compte|comptent|sert|servent|permet|permettent|rapporte|rapportent|ouvre|ouvrent|change|changent|ya)\b`,
);

function isClosed(asked: string): boolean {
  return CLOSED.test(asked) && !ASKS_FOR_CONTENT.test(asked) && !OPEN_WORDS.test(withoutSubordinates(asked).replace(/\best ce qu\w*/g, ' '));
}

/** After a closed question's verb, « qui », « quand », « qu' » open a clause of it, not a question. */
function withoutSubordinates(asked: string): string {
  const verb = INVERTED.exec(asked);
  if (!verb) return asked;
  const after = verb.index + verb[0].length;
  return asked.slice(0, after) + asked.slice(after).replace(SUBORDINATING, ' ');
}

/**
 * A negation (« n'a pas », « ne … plus », « ne font donc partie d'aucune », « not », « never »), on accent-folded text;
 * not « ne … que », which restricts (« n'est ouvert qu'aux plus de 18 ans »), nor the French « dont ».
 */
const NEGATED = /\b(?:ne|n) (?:(?!qu |que )\S+ ){0,4}?(?:pas|plus|jamais|aucun|aucune|ni|rien)\b|\b(?:not|never|no longer|cannot|cant|isnt|arent|doesnt)\b/;

/** A sentence that excludes something: neither « oui » nor « non » says what it does. */
const EXCLUDING = /\b(?:exclu|exclus|exclue|exclues|sauf|hors|interdit|interdite|sans|except)\b/;

/** A sentence that limits what it says: « oui » then says more than it, unless the limit is said with it. */
const LIMITING =
  /\b(?:uniquement|seulement|exclusivement|reserve|reservee|reserves|reservees|certains|certaines|parfois|sous reserve|a condition|only|some|sometimes)\b/g;

/** A lead that limits its list (« sauf si », « uniquement »): its items say nothing plainly either. */
const LIMITING_LEAD = new RegExp(LIMITING.source);

/** A sentence about the base or its sources (« La base ne contient pas… »): it says what is known, not what is. */
const OF_THE_BASE = /^\s*(?:la base|le registre|les sources|ses sources|coordo)\b/iu;

/** A list item (« - PC 161 : … », « 2. le taux de reprise… »). */
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s/u;

/** Words that ask whether something is one of a list: « fait partie de », « figure parmi », « is among ». */
const MEMBERSHIP = /(?<![\p{L}\p{N}])(?:(?:fait|font|faire|fasse|fassent)(?:[- ](?:t[- ])?(?:il|elle|ils|elles|on))?(?: \p{L}+)? partie|parmi|figurer?|figurent|inclus|incluse|incluses|among|part of|included)(?![\p{L}\p{N}])/iu;

const MEMBERSHIP_EVERYWHERE = new RegExp(MEMBERSHIP.source, 'giu');

/** Where the answer's first passage ends: its citation marker. */
const PASSAGE_END = /(?<=\[\d+\])\s*\n/u;

/** A lead that lists what is besides something else (accent-folded). */
const BESIDES = /\b(?:en plus|outre|hors|sauf|autres que|besides|in addition|apart from|other than)\b/;

/** The figures a text says, as numbers (« un an » → 1, « 2 ans » → 2), on accent-folded text. */
function figuresOf(n: string): number[] {
  return [...n.matchAll(FIGURE_WORD)].map(([word]) => numberValue(word));
}

const FIGURE_WORD = new RegExp(String.raw`\b(?:\d+|${NUMBER_WORDS_PATTERN})\b(?= (?:ans?|annees?|mois|jours?|semaines?|heures?|h|years?|months?|days?|weeks?|hours?)\b)`, 'g');

/** « … ou … ? » asks between two things. */
const EITHER_OR = /\b(?:ou|or)\b/;

/** « sa profession », « leur équipe »: someone the question names elsewhere. */
const POINTS_OUTSIDE = /\b(?:sa|son|ses|leur|leurs|his|her|their)\b/;

/** Words that say how much or which: the sentence must say them too (« ouverte à tous les patients »). */
const QUANTIFIERS = ['autre', 'autres', 'tous', 'toutes', 'tout', 'toute', 'seul', 'seule', 'seuls', 'seules', 'chaque', 'meme', 'memes', 'toujours', 'encore', 'any', 'all', 'every', 'other', 'same', 'always', 'still'];

/**
 * « … maintenant ? », « does … now? » ask whether it holds today: a sentence that says since when it does (« depuis
 * l'ordonnance du 12 mai 2021 ») or that it does now answers; one that only says it once was (« les PTA, prestations
 * existantes… » of a text that has them merged since) does not.
 */
const NOW = ['maintenant', 'actuellement', 'desormais', 'aujourd', 'now', 'currently', 'today', 'nowadays'];
const SINCE = [...NOW, 'depuis', 'since'];

function quantifiersKept(asked: string, sentence: string): boolean {
  const words = new Set(sentence.split(' '));
  const askedWords = asked.split(' ');
  const asksNow = askedWords.some((word) => NOW.includes(word));
  return askedWords.every((word) => !QUANTIFIERS.includes(word) || words.has(word)) && (!asksNow || SINCE.some((word) => words.has(word)));
}
