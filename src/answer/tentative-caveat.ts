import type { Handler } from '../engine/handler.ts';
import type { Reply } from '../engine/reply.ts';

/** Said before an answer that rests on a passage ranking weakly for the question. */
export const TENTATIVE_CAVEAT = "**À vérifier** : c'est ce que la base dit de plus proche de votre question, sans certitude que cela y réponde.";

/**
 * An answer resting on a weakly ranked passage is shown as the nearest the base has, not as the answer: led by a
 * caveat, and not confident. Applied once the whole reply is made (its parts joined, its verdict given), so that
 * a tentative part still counts as an answer while it is put together.
 */
export function withTentativeCaveat(handler: Handler): Handler {
  return {
    name: handler.name,
    async handle(message) {
      const reply = await handler.handle(message);
      return reply?.tentative ? caveated(reply) : reply;
    },
  };
}

function caveated({ tentative: _tentative, ...reply }: Reply): Reply {
  return { ...reply, text: `${TENTATIVE_CAVEAT}\n\n${reply.text}`, confident: false };
}
