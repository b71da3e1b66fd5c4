import { firstReply, type Handler } from '../engine/handler.ts';
import type { IncomingMessage } from '../engine/message.ts';
import { joinCited, type Reply } from '../engine/reply.ts';
import { analyseQuestion, clausesAbove, SITUATION_WEIGHT } from '../knowledge/question-analysis.ts';
import { hasReferringSubject, standsAlone } from './follow-up.ts';
import { joinSentences, sentencesOf } from '../text/sentences.ts';
import { MAX_ANSWER_CHARS } from './extractive-composer.ts';

/** Said for the part of a two-part question the base does not answer (the user's words are not repeated). */
const PART_MISSING = ['Pour la première partie de la question', 'Pour la seconde partie de la question'].map(
  (part) => `${part}, je n'ai pas trouvé d'information fiable dans ma base.`,
);

/**
 * « Ma Santé 2022 c'est quoi, et il y a combien d'axes ? », « URPS kiné : ça existe ? et les représentants sont élus
 * ou désignés ? »: each part is answered on its own by whatever answers it best (a registry lookup or the articles),
 * the second with what the first asks as its context (it often names the subject only once) unless it stands alone. A part
 * the base does not answer is said to be missing. When neither part is answered, or both come down to the same
 * source, the question is answered whole. The handlers are asked in order for each part (eligibility, then the best
 * of lookups and articles).
 */
export function createTwoPartHandler(handlers: readonly Handler[]): Handler {
  const inner: Handler = { name: 'answers', handle: (message) => firstReply(handlers, message) };
  return {
    name: 'two-part',
    async handle(message: IncomingMessage) {
      const parts = analyseQuestion(message.text).parts;
      if (!parts) return inner.handle(message);
      const [first, second] = parts;
      const alone = standsAlone(second);
      const context = alone ? {} : { context: contextFor(second, first) };
      const firstReply = await inner.handle({ ...message, text: first });
      // « Il existe un protocole national pour les AVK ? c'est quel arrêté ? »: what the first part names is not in the
      // base, so nothing can be said of it in the second either.
      if (!alone && firstReply && saysTheBaseLacksIt(firstReply)) return firstReply;
      // « Is there a protocol for X? When was it authorised? »: what the second part's pronoun stands for is unknown when
      // the first part is not answered.
      const unknownReferent = !alone && !firstReply?.confident && hasReferringSubject(second);
      const secondReply = unknownReferent ? null : await inner.handle({ ...message, text: second, ...context });
      const replies = [firstReply, secondReply];
      const answered = replies.filter((reply): reply is Reply => reply !== null && reply.confident);
      if (answered.length === 0) return inner.handle(message);
      if (sameSources(answered)) {
        // The source both parts come down to answers the question whole — unless the whole reads as something else
        // (« …, et les pharmaciens y sont-ils délégués ? » as the pharmacists' list): then that source's answer.
        const whole = await inner.handle(message);
        const [part] = answered;
        return whole && part && citeAlike(whole, part) ? whole : (part ?? whole);
      }
      return joined(replies.map((reply) => (reply?.confident ? reply : null)));
    },
  };
}

/** « Le protocole que vous citez n'est pas dans ma base »: an unknown reply that cites where it looked (a general « je ne trouve pas » cites nothing). */
function saysTheBaseLacksIt(reply: Reply): boolean {
  return reply.kind === 'unknown' && reply.citations.length > 0;
}

/** A subject pronoun opening the second part (« elle compte comme paramédicale ? ») may stand for the asker's situation. */
const PRONOUN_SUBJECT = /^\s*(?:et\s+)?(?:il|elle|ils|elles|it|they|he|she)\b/iu;

/** An object pronoun after the subject (« et qui l'organise ? », « on le déclare où ? ») may stand for the asker's situation too. */
const OBJECT_PRONOUN = /\b(?:qui|on|il|elle|ils|elles|je|j|nous|vous)\s+(?:ne\s+|n['’])?(?:l['’]|le\s|la\s|les\s|en\s|y\s)\s*\p{L}/iu;

/**
 * The first part as the second's context: what it asks and its topic, not the asker's situation that opens it
 * (« je viens de rejoindre une MSP en Bretagne… »), unless the second part's subject, or its object, is a pronoun that may stand for it.
 */
function contextFor(second: string, first: string): string {
  if (PRONOUN_SUBJECT.test(second) || OBJECT_PRONOUN.test(second)) return first;
  return clausesAbove(analyseQuestion(first).clauses, SITUATION_WEIGHT);
}

/**
 * Both parts answered from a same source, the same way: that source answers the question whole. A registry list
 * and an article passage that share a source answer different parts (« la tranche d'âge, et les pharmaciens y
 * sont-ils délégués ? »).
 */
function sameSources(replies: readonly Reply[]): boolean {
  const [a, b] = replies;
  return a !== undefined && b !== undefined && a.kind === b.kind && citeAlike(a, b);
}

/** Do the two replies cite a same section? */
function citeAlike(a: Reply, b: Reply): boolean {
  const cited = new Set(b.citations.map((c) => `${c.path}#${c.section}`));
  return a.citations.some((c) => cited.has(`${c.path}#${c.section}`));
}

/**
 * The parts' answers one after the other, each cut to its share of the answer's length (what a shorter one leaves goes
 * to the other), and the citations renumbered in the order the joined text cites them.
 */
function joined(replies: readonly (Reply | null)[]): Reply {
  const said = replies.map((reply, index) => reply?.text ?? PART_MISSING[index] ?? PART_MISSING[1] ?? '');
  const budgets = shares(said.map((text) => text.length + 2));
  const { text, citations } = joinCited(
    replies.map((reply, index) => (reply ? { text: within(reply.text, (budgets[index] ?? 0) - 2), citations: reply.citations } : { text: said[index] ?? '', citations: [] })),
  );
  const buttons = replies.flatMap((reply) => reply?.buttons ?? []);
  const tentative = replies.some((reply) => reply?.tentative === true);
  return { kind: 'answer', text, citations, confident: true, ...(buttons.length > 0 ? { buttons } : {}), ...(tentative ? { tentative } : {}) };
}

/** Each of the lengths' share of the answer's length: an equal one, and what a shorter length leaves to the others. */
function shares(lengths: readonly number[]): number[] {
  const equal = Math.floor(MAX_ANSWER_CHARS / lengths.length);
  const left = lengths.reduce((sum, length) => sum + Math.max(0, equal - length), 0);
  const over = lengths.filter((length) => length > equal).length;
  return lengths.map((length) => (length > equal ? equal + Math.floor(left / over) : length));
}

const TRAILING_MARKERS = /(?:\s*\[\d+\])+\s*$/;

/** The text's first paragraphs within `budget` characters; a first paragraph too long keeps its first sentences and its markers. */
function within(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const kept: string[] = [];
  let used = 0;
  for (const paragraph of text.split('\n\n')) {
    if (used + paragraph.length + 2 > budget) {
      if (kept.length === 0) kept.push(firstSentences(paragraph, budget));
      break;
    }
    kept.push(paragraph);
    used += paragraph.length + 2;
  }
  return kept.join('\n\n');
}

function firstSentences(paragraph: string, budget: number): string {
  const markers = TRAILING_MARKERS.exec(paragraph)?.[0] ?? '';
  const sentences = sentencesOf(paragraph.slice(0, paragraph.length - markers.length));
  const kept = [];
  let used = markers.length;
  for (const sentence of sentences) {
    if (kept.length > 0 && used + sentence.text.length + 1 > budget) break;
    kept.push(sentence);
    used += sentence.text.length + 1;
  }
  return `${joinSentences(kept)}${markers}`;
}
