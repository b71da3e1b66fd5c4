import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useOfflineCore } from '../support/offline-core.ts';
import { evalQuestions } from '../../src/adapters/cli/eval-command.ts';
import { OWN_EVAL_DIR } from '../../src/config/paths.ts';
import { readEvalFile } from '../../src/eval/questions.ts';
import { foldAccents } from '../../src/text/french.ts';

/**
 * The project's own question sets (development and held-out), through the real offline core: a ratchet on
 * answer quality, so that a change that makes Coordo less right, or more confidently wrong, fails here.
 */
const { core } = useOfflineCore();

describe('answer quality on the project’s own sets', () => {
  it.each([
    ['dev.jsonl', 0.91, 0.065],
    ['holdout.jsonl', 0.92, 0.07],
    ['dev-b.jsonl', 0.85, 0.09],
    ['holdout-b.jsonl', 0.82, 0.12],
    ['dev-c.jsonl', 0.88, 0.07],
    ['dev-d.jsonl', 0.94, 0.035],
    ['holdout-d.jsonl', 0.86, 0.1],
    ['dev-e.jsonl', 0.77, 0.18],
    ['holdout-e.jsonl', 0.88, 0.09],
    ['dev-f.jsonl', 0.92, 0.05],
    ['holdout-f.jsonl', 0.87, 0.09],
    ['dev-g.jsonl', 0.92, 0.06],
    ['holdout-g.jsonl', 0.87, 0.08],
    ['dev-h.jsonl', 0.85, 0.1],
    ['holdout-h.jsonl', 0.84, 0.1],
    ['dev-i.jsonl', 0.87, 0.065],
    ['holdout-i.jsonl', 0.83, 0.13],
    ['dev-j.jsonl', 0.89, 0.075],
    ['holdout-j.jsonl', 0.75, 0.12],
    ['dev-k.jsonl', 0.88, 0.065],
    ['holdout-k.jsonl', 0.84, 0.105],
    ['dev-l.jsonl', 0.85, 0.08],
    ['holdout-l.jsonl', 0.85, 0.105],
    ['dev-m.jsonl', 0.86, 0.085],
    ['holdout-m.jsonl', 0.8, 0.09],
    ['dev-n.jsonl', 0.89, 0.06],
    ['holdout-n.jsonl', 0.86, 0.065],
    ['dev-o.jsonl', 0.83, 0.075],
    ['holdout-o.jsonl', 0.85, 0.055],
    ['dev-p.jsonl', 0.82, 0.075],
    ['holdout-p.jsonl', 0.86, 0.07],
    ['holdout-q.jsonl', 0.85, 0.06],
    ['dev-q.jsonl', 0.86, 0.07],
    ['holdout-r.jsonl', 0.78, 0.095],
    ['dev-r.jsonl', 0.82, 0.075],
    ['dev-s.jsonl', 0.8, 0.075],
    ['holdout-s.jsonl', 0.8, 0.08],
    ['dev-t.jsonl', 0.77, 0.09],
    ['holdout-t.jsonl', 0.71, 0.115],
    ['dev-u.jsonl', 0.8, 0.085],
    ['holdout-u.jsonl', 0.87, 0.08],
  ])('%s: pass rate ≥ %s, confidently wrong ≤ %s', async (file, minPass, maxWrong) => {
    const questions = await readEvalFile(path.join(OWN_EVAL_DIR, file));
    expect(questions.length).toBeGreaterThanOrEqual(97);
    const { figures } = await evalQuestions(core(), questions);
    expect(figures.passed / figures.total).toBeGreaterThanOrEqual(minPass);
    expect(figures.confidentlyWrong / figures.total).toBeLessThanOrEqual(maxWrong);
  });
});

describe('the same questions as typed without accents', () => {
  it.each([
    ['dev.jsonl', 0.91, 0.065],
    ['holdout-d.jsonl', 0.77, 0.16],
  ])('%s without accents: pass rate ≥ %s, confidently wrong ≤ %s', async (file, minPass, maxWrong) => {
    const questions = (await readEvalFile(path.join(OWN_EVAL_DIR, file))).map((q) => ({ ...q, question: foldAccents(q.question) }));
    const { figures } = await evalQuestions(core(), questions);
    expect(figures.passed / figures.total).toBeGreaterThanOrEqual(minPass);
    expect(figures.confidentlyWrong / figures.total).toBeLessThanOrEqual(maxWrong);
  });
});
