import { firstReply, type Handler } from '../engine/handler.ts';
import { withContext, type IncomingMessage } from '../engine/message.ts';
import type { Reply } from '../engine/reply.ts';
import { analyseQuestion } from '../knowledge/question-analysis.ts';
import type { Retriever } from '../knowledge/retriever.ts';
import { terms } from '../text/french.ts';
import { selectPassages } from './extractive-composer.ts';
import { askedDetails, lacksAsked } from '../knowledge/asked-details.ts';

/**
 * A registry lookup and the knowledge articles can both answer « combien d'associés pour une SISA, et depuis
 * quand peut-elle salarier ? »: the lookup knows the SISA's composition, an article knows both. The lookup's
 * answer is kept unless the best article passage holds more of what is asked (the lookup wins ties: its facts
 * are structured), or the lookup found nothing and an article answers. Only then are the article handlers
 * asked, so that a lookup never costs a model call.
 */
/**
 * How much more of the question an article passage must hold to replace a lookup: the lookup's facts are
 * structured, and an article shares words with a question more easily than it answers it.
 */
const LOOKUP_MARGIN = 0.2;

export function createBestAnswerHandler(lookup: Handler, articles: readonly Handler[], retriever: Retriever): Handler {
  return {
    name: 'best-answer',
    async handle(message: IncomingMessage) {
      const found = await lookup.handle(message);
      // A lookup without the detail asked (« combien de temps pour répondre » answered with a tariff) is no answer.
      const fromLookup = found && lacksAsked(askedDetails(message.text), found.text) ? null : found;
      if (!fromLookup) return firstReply(articles, message);
      if (fromLookup.kind !== 'lookup') return fromLookup;
      const best = selectPassages(await retriever.retrieve(withContext(message)))[0];
      if (!best) return fromLookup;
      const asked = askedTerms(message.text);
      // A lookup quotes the act or the question it answers (« … pour « suturer une plaie » ») : quotes do not count.
      if (fromLookup.confident && share(asked, best.chunk.text) <= LOOKUP_MARGIN + share(asked, `${withoutQuotes(fromLookup.text)} ${fromLookup.covers ?? ''}`)) return fromLookup;
      const fromArticles = await firstReply(articles, message);
      // An honest lookup (« le registre ne contient aucun… ») is kept over an article's « je ne sais pas ».
      return fromArticles && fromArticles.kind !== 'unknown' ? fromArticles : fromLookup;
    },
  };
}


/** The terms of what is asked (the asker's situation left out). */
function askedTerms(text: string): Set<string> {
  const analysed = analyseQuestion(text);
  return new Set(analysed.clauses.filter((c) => c.weight === 1).flatMap((c) => terms(c.text)));
}

function withoutQuotes(text: string): string {
  return text.replace(/«[^»]*»/g, ' ');
}

/** Share of the asked terms a text holds. */
function share(asked: ReadonlySet<string>, text: string): number {
  if (asked.size === 0) return 0;
  const have = new Set(terms(text));
  let found = 0;
  for (const term of asked) if (have.has(term)) found++;
  return found / asked.size;
}
