import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { createMattermostApp } from '../adapters/mattermost/app.ts';
import type { Engine } from '../engine/engine.ts';
import { silentLogger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { startFakeMattermost } from '../../test/support/fake-mattermost.ts';
import { freePort } from '../../test/support/net.ts';
import { percentile, round } from './stats.ts';

export const MattermostBenchResultSchema = z.object({
  events: z.number(),
  concurrency: z.number(),
  eventsPerSecond: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  missing: z.number(),
  duplicates: z.number(),
  exactlyOnce: z.boolean(),
});
export type MattermostBenchResult = z.infer<typeof MattermostBenchResultSchema>;

const QUESTIONS = ["@coordo qu'est-ce qu'une CPTS ?", '@coordo comment créer une MSP ?', "@coordo c'est quoi un DAC ?", '@coordo qui a un Ordre ?'];
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * The Mattermost adapter under load, offline: the real Client4 and
 * WebSocketClient against the fake server on 127.0.0.1 (same process),
 * concurrent senders each posting a mention once the previous one is answered.
 * Latency: `posted` event sent → the answer post received by the fake server.
 */
export async function runMattermostBench(engine: Engine, events = 400, concurrency = 20): Promise<MattermostBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-mm-bench-'));
  const fake = await startFakeMattermost();
  const db = openDatabase(path.join(dir, 'bench.sqlite'), []);
  const port = await freePort();
  const app = createMattermostApp({
    config: { url: fake.url, token: fake.token, port, callbackUrl: `http://127.0.0.1:${port}`, commandToken: 'bench' },
    engine,
    db,
    logger: silentLogger,
  });
  const answers = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  fake.onBotPost((post) => {
    answers.set(post.root_id, (answers.get(post.root_id) ?? 0) + 1);
    waiting.get(post.root_id)?.();
  });
  try {
    await app.start();
    const user = fake.user('alice').id;
    const ask = (i: number) =>
      new Promise<number | null>((resolve) => {
        const started = performance.now();
        const timer = setTimeout(() => resolve(null), ANSWER_TIMEOUT_MS);
        const post = fake.userPosts({ channelId: `benchchannel${i % concurrency}`, userId: user, message: QUESTIONS[i % QUESTIONS.length]! });
        waiting.set(post.id, () => {
          clearTimeout(timer);
          waiting.delete(post.id);
          resolve(performance.now() - started);
        });
      });
    for (let i = 0; i < concurrency * 3; i++) await ask(i); // warm-up
    answers.clear();
    const latencies: number[] = [];
    let missing = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < events) {
          const ms = await ask(next++);
          if (ms === null) missing += 1;
          else latencies.push(ms);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const duplicates = [...answers.values()].filter((n) => n > 1).length;
    return {
      events,
      concurrency,
      eventsPerSecond: round(events / seconds),
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      missing,
      duplicates,
      exactlyOnce: missing === 0 && duplicates === 0,
    };
  } finally {
    await app.stop();
    db.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
