import { firstReply, type Handler } from '../engine/handler.ts';
import { withContext, type IncomingMessage } from '../engine/message.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { selectPassages } from './extractive-composer.ts';
import { askedDetails, lacksAsked } from '../knowledge/asked-details.ts';
import { analyseQuestion, clausesAbove, SITUATION_WEIGHT } from '../knowledge/question-analysis.ts';
import { normalizeForMatch } from '../text/french.ts';

/**
 * A registry lookup and the knowledge articles can both answer « combien d'associés pour une SISA, et depuis
 * quand peut-elle salarier ? »: the lookup knows the SISA's composition, an article knows both. The lookup's
 * answer is kept unless the best article passage holds more of what is asked, weighted by how telling each word
 * is (the lookup wins ties: its facts are structured), the question asks more than the lookup sums up of what an
 * article answering it says in more detail (« les étapes pour monter une SISA » and a SISA's composition), or the lookup found nothing and an article answers. A lookup's verdict on a yes/no question
 * (« **Non** : les ostéopathes ne relèvent pas… ») is kept: no article passage gives one. Only then are the article handlers
 * asked, so that a lookup never costs a model call.
 */
/**
 * How much more of the question an article passage must hold to replace a lookup: the lookup's facts are
 * structured, and an article shares words with a question more easily than it answers it.
 */
const LOOKUP_MARGIN = 0.15;

export function createBestAnswerHandler(lookup: Handler, articles: readonly Handler[], retriever: Retriever): Handler {
  return {
    name: 'best-answer',
    async handle(message: IncomingMessage) {
      const found = await lookup.handle(message);
      // A lookup without the detail asked (« combien de temps pour répondre » answered with a tariff) is no answer; an
      // honest one (« le protocole que vous citez n'est pas dans ma base ») is, whatever was asked of it.
      const asking = clausesAbove(analyseQuestion(message.text).clauses, SITUATION_WEIGHT);
      const fromLookup = found?.confident && lacksAsked(askedDetails(message.text, asking), found.text) ? null : found;
      if (!fromLookup) return firstReply(articles, message);
      // « Dans quels protocoles suis-je délégant ? » asks for the registry's list: an article gives one of them.
      if (fromLookup.kind !== 'lookup' || fromLookup.verdict || ASKS_WHICH_PROTOCOLS.test(normalizeForMatch(asking))) return fromLookup;
      const best = selectPassages(await retriever.retrieve(withContext(message)))[0];
      if (!best) return fromLookup;
      // A lookup quotes the act or the question it answers (« … pour « suturer une plaie » ») : quotes do not count.
      const shareOf = retriever.answeredShare(message.text);
      const lookupShare = shareOf(`${withoutQuotes(fromLookup.text)} ${fromLookup.covers ?? ''}`);
      const articleShare = shareOf(`${best.chunk.section} ${best.chunk.text}`);
      const asksMoreThanSummary = fromLookup.summaryOf !== undefined && shareOf(fromLookup.summaryOf) < 1;
      if (fromLookup.confident && !asksMoreThanSummary && articleShare <= LOOKUP_MARGIN + lookupShare) return fromLookup;
      const fromArticles = await firstReply(articles, message);
      // An honest lookup (« je ne trouve dans le registre aucun… ») is kept over an article's « je ne sais pas ».
      return fromArticles && fromArticles.kind !== 'unknown' ? fromArticles : fromLookup;
    },
  };
}

/** « quels protocoles », « dans lesquels des protocoles », « which national protocols » (accent-folded). */
const ASKS_WHICH_PROTOCOLS = /\b(?:quels|lesquels|which|what)(?: \S+){0,3} protocol(?:es|s)\b/;

function withoutQuotes(text: string): string {
  return text.replace(/«[^»]*»/g, ' ');
}

