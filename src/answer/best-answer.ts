import type { Handler } from '../engine/handler.ts';
import type { IncomingMessage } from '../engine/message.ts';
import type { Reply } from '../engine/reply.ts';
import { analyseQuestion } from '../knowledge/question-analysis.ts';
import { terms } from '../text/french.ts';

/**
 * A registry lookup and the knowledge articles can both answer « combien d'associés pour une SISA, et depuis
 * quand peut-elle salarier ? »: the lookup knows the SISA's composition, an article knows both. Both are asked,
 * and the answer that holds more of what is asked wins; the lookup wins ties (its facts are structured). A lookup
 * that found nothing gives way to a confident article answer.
 */
export function createBestAnswerHandler(lookup: Handler, articles: readonly Handler[]): Handler {
  return {
    name: 'best-answer',
    async handle(message: IncomingMessage) {
      const fromLookup = await lookup.handle(message);
      if (fromLookup && fromLookup.kind !== 'lookup') return fromLookup;
      const fromArticles = await firstReply(articles, message);
      if (!fromLookup) return fromArticles;
      if (!fromArticles || fromArticles.kind !== 'answer') return fromLookup;
      if (!fromLookup.confident) return fromArticles;
      const asked = askedTerms(message.text);
      return answered(asked, fromArticles) > answered(asked, fromLookup) ? fromArticles : fromLookup;
    },
  };
}

async function firstReply(handlers: readonly Handler[], message: IncomingMessage): Promise<Reply | null> {
  for (const handler of handlers) {
    const reply = await handler.handle(message);
    if (reply) return reply;
  }
  return null;
}

/** The terms of what is asked (the asker's situation left out). */
function askedTerms(text: string): Set<string> {
  const analysed = analyseQuestion(text);
  return new Set(analysed.clauses.filter((c) => c.weight === 1).flatMap((c) => terms(c.text)));
}

/** Share of the asked terms a reply holds. */
function answered(asked: ReadonlySet<string>, reply: Reply): number {
  if (asked.size === 0) return 0;
  const have = new Set(terms(reply.text));
  let found = 0;
  for (const term of asked) if (have.has(term)) found++;
  return found / asked.size;
}
