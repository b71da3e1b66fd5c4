import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvalFile } from '../../src/eval/questions.ts';
import { scoreAnswer } from '../../src/eval/score.ts';
import { SHARED_EVAL, runCli } from '../support/cli.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-cli-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('CLI contract', () => {
  it('answers the shared evaluation set through `ask --json --batch` (≥ 14/15)', async () => {
    const questions = await readEvalFile(SHARED_EVAL);
    const result = await runCli(['ask', '--json', '--batch'], {
      env: { COORDO_DATA_DIR: dataDir },
      input: questions.map((q) => q.question).join('\n') + '\n',
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(questions.length);
    let passed = 0;
    lines.forEach((line, i) => {
      expect(Object.keys(line).sort()).toEqual(['answer', 'citations', 'confident', 'ms']);
      const citations = line.citations as { title: string; section: string; source: string; path: string }[];
      for (const c of citations) expect(Object.keys(c).sort()).toEqual(['path', 'section', 'source', 'title']);
      if (scoreAnswer(questions[i]!, { text: String(line.answer), citations: citations.length }).passed) passed++;
    });
    expect(passed).toBeGreaterThanOrEqual(14);
  });

  it('prints a readable answer with its sources for `ask "question"`', async () => {
    const result = await runCli(['ask', "Qu'est-ce qu'une CPTS ?"], { env: { COORDO_DATA_DIR: dataDir } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/communaut[ée] professionnelle territoriale de sant[ée]/i);
    expect(result.stdout).toMatch(/Sources :\n\[1\] /);
  });

  it('says plainly when the base has nothing, and refuses clinical questions', async () => {
    const unknown = await runCli(['ask', '--json', 'Quelle est la recette de la tarte tatin ?'], { env: { COORDO_DATA_DIR: dataDir } });
    const u = JSON.parse(unknown.stdout) as { answer: string; confident: boolean; citations: unknown[] };
    expect(u.confident).toBe(false);
    expect(u.citations).toEqual([]);
    expect(u.answer).toMatch(/Je ne trouve pas d'information fiable/);

    const clinical = await runCli(['ask', '--json', "Quelle dose d'amoxicilline pour un enfant de 20 kg ?"], {
      env: { COORDO_DATA_DIR: dataDir },
    });
    const c = JSON.parse(clinical.stdout) as { answer: string; confident: boolean };
    expect(c.confident).toBe(false);
    expect(c.answer).toMatch(/avis clinique/);
  });

  it('scores a question file with `eval` and prints the pass rate', async () => {
    const result = await runCli(['eval', SHARED_EVAL], { env: { COORDO_DATA_DIR: dataDir } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Réussite : \d+\/15/);
  });

  it('gives a clear French message for bad input, without crashing', async () => {
    const env = { COORDO_DATA_DIR: dataDir };
    const empty = await runCli(['ask', '--json', '   '], { env });
    expect(JSON.parse(empty.stdout).answer).toMatch(/message est vide/);
    const long = await runCli(['ask', '--json', 'a'.repeat(50_000)], { env });
    expect(JSON.parse(long.stdout).answer).toMatch(/trop long \(50.000 caractères\)/);
    const binary = await runCli(['ask', '--json', '\u0001\u0002\u0003\u00ff\u0004binaire'], { env });
    expect(JSON.parse(binary.stdout).answer).toMatch(/caractères illisibles/);
    const badConfig = await runCli(['ask', 'test'], { env: { ...env, SLACK_BOT_TOKEN: 'pas-un-jeton' } });
    expect(badConfig.code).not.toBe(0);
    // Every problem at once, one line each: the token's form, and the signing secret it needs in HTTP mode.
    expect(badConfig.stderr.trim().split('\n')).toEqual([
      'Configuration invalide (2 problèmes) :',
      '  - SLACK_BOT_TOKEN — SLACK_BOT_TOKEN doit commencer par « xoxb- »',
      '  - SLACK_SIGNING_SECRET manquant (requis en mode HTTP ; ou SLACK_APP_TOKEN pour le Socket Mode)',
    ]);
  });
});
