import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../adapters/slack/app.ts';
import { conversationMigrations } from '../store/conversation-migrations.ts';
import type { Engine } from '../engine/engine.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { BIN } from '../config/paths.ts';
import { z } from 'zod';
import { LoadResultSchema, ReadySchema, type LoadRequest } from './slack-load.ts';


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

/** Throughput, latency (signed event sent → chat.postMessage received by the fake API) and exactly-once check. */
export const SlackBenchResultSchema = LoadResultSchema.omit({ type: true });
export type SlackBenchResult = z.infer<typeof SlackBenchResultSchema>;

const DEFAULT_QUESTIONS = ["Qu'est-ce qu'une CPTS ?", 'Comment créer une MSP ?', "C'est quoi un DAC ?", 'Qui a un Ordre ?'];
const SIGNING_SECRET = 'bench-signing-secret';
const WARM_UP_ROUNDS = 3;


/**
 * The Slack adapter under load, offline: the real Bolt app in HTTP mode, fed
 * correctly signed `app_mention` events by concurrent senders, answering to a
 * fake Slack Web API on 127.0.0.1. Measures throughput and the latency from
 * sending an event to the fake API receiving its chat.postMessage, and checks
 * that every event got exactly one answer.
 */
export async function runSlackBench(options: SlackBenchOptions): Promise<SlackBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-slack-bench-'));
  const load = fork(BIN, ['bench-part', 'slack-load'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const message = () => once(load, 'message').then(([m]: unknown[]) => m);
  const db = openDatabase(path.join(dir, 'bench.sqlite'), conversationMigrations);
  let slack: SlackApp | undefined;
  try {
    const { apiUrl } = ReadySchema.parse(await message());
    slack = createSlackApp({
      config: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, apiUrl, port: 0 },
      engine: options.engine,
      db,
      logger: options.logger ?? silentLogger,
    });
    const { port } = await slack.start();
    const request: LoadRequest = {
      type: 'run',
      url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
      signingSecret: SIGNING_SECRET,
      events: options.events ?? 400,
      concurrency: options.concurrency ?? 20,
      warmUpRounds: WARM_UP_ROUNDS,
      questions: [...(options.questions ?? DEFAULT_QUESTIONS)],
      answerTimeoutMs: options.answerTimeoutMs ?? 10_000,
    };
    load.send(request);
    const { type: _type, ...result } = LoadResultSchema.parse(await message());
    return result;
  } finally {
    load.kill();
    await slack?.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
