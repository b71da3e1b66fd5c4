import type { Handler } from '../engine/handler.ts';
import { lookupAnswer } from './lookup-answers.ts';
import { detectLookup, looksLikeClinicalAct } from './lookup-intent.ts';
import { matchProtocolsByActs } from './lookups.ts';
import type { Registries } from './registry.ts';

/**
 * Answers the lookup questions from the registries (who may do an act, what
 * can be delegated to a profession, profession and practice-form facts,
 * acronyms). Returns null for every other question, which then goes to
 * free-text retrieval; says so explicitly when a clear protocol lookup has no
 * match in the registry.
 */
export function createLookupHandler(registries: Registries): Handler {
  return {
    name: 'lookup',
    async handle(message) {
      const query = detectLookup(registries, message.text);
      if (!query) return null;
      if (
        query.kind === 'act' &&
        !query.explicit &&
        matchProtocolsByActs(registries, query.act).length === 0 &&
        !looksLikeClinicalAct(registries, query.act)
      ) {
        return null;
      }
      return lookupAnswer(registries, query);
    },
  };
}
