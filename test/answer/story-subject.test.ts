import { describe, expect, it } from 'vitest';
import { useOfflineCore } from '../support/offline-core.ts';

/**
 * A question that names nothing of its own (« Combien d'heures faut-il pour ce protocole ? »), after a story that
 * names what it is about: what is asked is looked for in the sections about that thing, the story's words aside.
 */
describe('a question after a story that names its subject', () => {
  const { ask } = useOfflineCore();

  it.each([
    [
      "Julien, le kiné de notre MSP, est formé au protocole lombalgie depuis l'an dernier. Son associé voudrait s'y mettre aussi, mais il a entendu au congrès régional qu'il fallait maintenant 20 heures de formation, et il hésite à bloquer autant de temps. Combien d'heures faut-il réellement pour ce protocole ?",
      /10 heures/u,
    ],
    [
      "Je suis manipulatrice radio depuis 18 mois dans un cabinet d'imagerie à Tours et mon radiologue voudrait me confier des échographies vasculaires dans le cadre du protocole national. Combien d'années d'expérience faut-il, et quel diplôme est demandé ?",
      /2 ans d'expérience/u,
    ],
  ])('« %s »', async (question, fact) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(fact);
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});
