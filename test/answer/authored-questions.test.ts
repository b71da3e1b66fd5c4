import { describe, expect, it } from 'vitest';
import { useOfflineCore } from '../support/offline-core.ts';
import { isClinicalQuestion } from '../../src/answer/clinical-guard.ts';
import { unknownProtocolAnswer } from '../../src/domain/unknown-protocol.ts';

/**
 * The questions the articles say they answer (front matter `questions`, about 20 a section, in users' voices):
 * a large set of organisational questions the base does hold, on which the guards' false alarms are measured.
 */
const { core } = useOfflineCore();

describe('the base’s own authored questions', () => {
  it('are almost never refused as clinical, nor said to name a protocol the base does not hold', () => {
    const { retriever, registries } = core();
    const questions = [...new Set(retriever.chunks.flatMap((chunk) => chunk.questions ?? []))];
    expect(questions.length).toBeGreaterThan(2000);
    const clinical = questions.filter((q) => isClinicalQuestion(q));
    const unknown = questions.filter((q) => unknownProtocolAnswer(registries, q, retriever) !== null);
    expect(clinical.length / questions.length, clinical.join('\n')).toBeLessThanOrEqual(0.002);
    expect(unknown.length / questions.length, unknown.join('\n')).toBeLessThanOrEqual(0.002);
  });
});
