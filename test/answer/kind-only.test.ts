import { describe, expect, it } from 'vitest';
import { useOfflineCore } from '../support/offline-core.ts';

/** A question made only of the words that say how it is asked names nothing the base could answer about. */
describe('a question of asking words only', () => {
  const { ask } = useOfflineCore();

  it.each(['Quelle est la procédure ?', 'dans quel ordre ?', 'par quoi on commence ?', 'Quelles sont les étapes ?'])('« %s » on its own is not answered', async (question) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('unknown');
    expect(reply.confident).toBe(false);
  });

  it('is answered as a follow-up, about what the thread asked', async () => {
    const reply = await ask('par quoi on commence ?', [
      { role: 'user', text: 'On voudrait monter une MSP avec deux médecins et une infirmière.' },
      { role: 'assistant', text: 'Une MSP réunit des professionnels autour d’un projet de santé.' },
    ]);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/MSP/u);
  });
});
