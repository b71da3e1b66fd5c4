import { describe, expect, it } from 'vitest';
import { ExtractiveComposer, restsOnWeakPassage } from '../../src/answer/extractive-composer.ts';
import { TENTATIVE_CAVEAT, withTentativeCaveat } from '../../src/answer/tentative-caveat.ts';
import type { Handler } from '../../src/engine/handler.ts';
import type { IncomingMessage } from '../../src/engine/message.ts';
import type { Reply } from '../../src/engine/reply.ts';
import type { Passage } from '../../src/knowledge/passage.ts';
import { useOfflineCore } from '../support/offline-core.ts';

const passage = (score: number): Passage => ({
  chunk: { id: 'articles/sisa.md#0', path: 'articles/sisa.md', title: 'SISA', section: 'Créer une SISA', text: 'Une SISA compte au moins deux médecins et un auxiliaire médical.', sources: ['https://exemple.test'], tags: [] },
  score,
  coverage: 0.8,
});

const replying = (reply: Reply): Handler => ({ name: 'fixed', handle: async () => reply });
const ANSWER: Reply = { kind: 'answer', text: 'Une SISA compte au moins deux médecins. [1]', citations: [], confident: true };
const message: IncomingMessage = { text: 'combien de médecins dans une SISA ?', conversation: { platform: 'cli', userId: 'u', channelId: 'c' }, history: [], command: false };

describe('an answer resting on a weakly ranked passage', () => {
  it('is tentative when its best passage ranks low, sure when it ranks well', async () => {
    expect(restsOnWeakPassage([passage(0.051)])).toBe(true);
    expect(restsOnWeakPassage([passage(0.07)])).toBe(false);
    const composer = new ExtractiveComposer();
    expect((await composer.compose({ text: message.text, history: [] }, [passage(0.051)])).tentative).toBe(true);
    expect((await composer.compose({ text: message.text, history: [] }, [passage(0.07)])).tentative).toBeUndefined();
  });

  it('goes out led by the caveat, not confident, once the reply is made', async () => {
    const reply = await withTentativeCaveat(replying({ ...ANSWER, tentative: true })).handle(message);
    expect(reply?.text.startsWith(`${TENTATIVE_CAVEAT}\n\n`)).toBe(true);
    expect(reply?.text).toContain(ANSWER.text);
    expect(reply?.confident).toBe(false);
    expect(reply?.tentative).toBeUndefined();
  });

  it('leaves a sure answer as it is', async () => {
    expect(await withTentativeCaveat(replying(ANSWER)).handle(message)).toEqual(ANSWER);
  });
});

describe('the caveat in the offline engine', () => {
  const { ask } = useOfflineCore();

  it('leads a two-part answer one of whose parts rests on a weak passage, and is absent from a well-ranked one', async () => {
    const weak = await ask('CNCI, le nom complet ? et quel décret organise sa composition ?');
    expect(weak.text.startsWith(TENTATIVE_CAVEAT)).toBe(true);
    expect(weak.confident).toBe(false);
    expect(weak.citations.length).toBeGreaterThan(0);
    const sure = await ask("Qu'est-ce qu'une maison de santé pluriprofessionnelle ?");
    expect(sure.text).not.toContain(TENTATIVE_CAVEAT);
    expect(sure.confident).toBe(true);
  });
});
