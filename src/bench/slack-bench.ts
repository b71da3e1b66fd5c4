import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSlackApp, SLACK_EVENTS_PATH } from '../adapters/slack/app.ts';
import { slackMigrations } from '../adapters/slack/migrations.ts';
import type { Engine } from '../engine/engine.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { startFakeSlackApi } from '../../test/support/fake-slack-api.ts';
import { mentionEvent, sendEvent } from '../../test/support/slack-requests.ts';

export interface SlackBenchOptions {
  engine: Engine;
  /** Measured events (default 400). */
  events?: number;
  /** Concurrent senders, each sending its next event once the previous one is answered (default 20). */
  concurrency?: number;
  /** Questions sent in turn (default: a few common ones). */
  questions?: readonly string[];
  /** Longest wait for one answer before counting it missing (default 10 s). */
  answerTimeoutMs?: number;
  logger?: Logger;
}

export interface SlackBenchResult {
  events: number;
  concurrency: number;
  durationMs: number;
  /** Answered events per second over the whole run. */
  eventsPerSecond: number;
  /** Signed event sent → chat.postMessage received by the fake Slack API. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Events that got no answer within the timeout. */
  missing: number;
  /** Answers beyond the first for one event. */
  duplicates: number;
  /** Every event got exactly one answer. */
  exactlyOnce: boolean;
}

const DEFAULT_QUESTIONS = ["Qu'est-ce qu'une CPTS ?", 'Comment créer une MSP ?', "C'est quoi un DAC ?", 'Qui a un Ordre ?'];
const SIGNING_SECRET = 'bench-signing-secret';
const WARM_UP_ROUNDS = 3;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The Slack adapter under load, offline: the real Bolt app in HTTP mode, fed
 * correctly signed `app_mention` events by concurrent senders, answering to a
 * fake Slack Web API on 127.0.0.1. Measures throughput and the latency from
 * sending an event to the fake API receiving its chat.postMessage, and checks
 * that every event got exactly one answer.
 */
export async function runSlackBench(options: SlackBenchOptions): Promise<SlackBenchResult> {
  const total = options.events ?? 400;
  const concurrency = options.concurrency ?? 20;
  const questions = options.questions ?? DEFAULT_QUESTIONS;
  const timeoutMs = options.answerTimeoutMs ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-slack-bench-'));
  const fake = await startFakeSlackApi();
  const db = openDatabase(path.join(dir, 'bench.sqlite'), slackMigrations);
  const slack = createSlackApp({
    config: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
    engine: options.engine,
    db,
    logger: options.logger ?? silentLogger,
  });
  try {
    const { port } = await slack.start();
    const target = { url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, signingSecret: SIGNING_SECRET };
    const sent: string[] = [];
    const latencies: number[] = [];
    let missing = 0;

    const ask = async (n: number, measured: boolean) => {
      const event = mentionEvent({ text: `<@${fake.bot.userId}> ${questions[n % questions.length]}`, channel: `CBENCH${n % concurrency}` });
      const ts = String(event.ts);
      const startedAt = performance.now();
      await sendEvent(target, event);
      try {
        const post = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === ts && c.params.channel === event.channel, timeoutMs);
        if (measured) latencies.push(post.at - startedAt);
      } catch {
        if (measured) missing += 1;
      }
      if (measured) sent.push(`${String(event.channel)}:${ts}`);
    };

    /** `concurrency` senders, each sending its next event once the previous one is answered. */
    const load = async (count: number, first: number, measured: boolean) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < count) await ask(first + next++, measured);
        }),
      );
    };

    // Warm up connections and compiled paths under the same concurrency, then measure.
    await load(WARM_UP_ROUNDS * concurrency, 0, false);
    fake.reset();
    const began = performance.now();
    await load(total, WARM_UP_ROUNDS * concurrency, true);
    const durationMs = performance.now() - began;

    const answers = new Map<string, number>();
    for (const call of fake.callsTo('chat.postMessage')) {
      const key = `${String(call.params.channel)}:${String(call.params.thread_ts)}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }
    const duplicates = sent.reduce((sum, key) => sum + Math.max(0, (answers.get(key) ?? 0) - 1), 0);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      events: total,
      concurrency,
      durationMs: Math.round(durationMs),
      eventsPerSecond: round((latencies.length / durationMs) * 1000),
      p50Ms: round(percentile(sorted, 0.5)),
      p95Ms: round(percentile(sorted, 0.95)),
      maxMs: round(sorted.at(-1) ?? Number.NaN),
      missing,
      duplicates,
      exactlyOnce: missing === 0 && duplicates === 0 && sent.length === total,
    };
  } finally {
    await slack.stop();
    db.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
