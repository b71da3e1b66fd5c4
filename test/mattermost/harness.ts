import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import type { IncomingMessage } from '../../src/engine/message.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { createMattermostApp, type MattermostApp } from '../../src/adapters/mattermost/app.ts';
import type { ChatFeature } from '../../src/adapters/shared/chat-core.ts';
import { startFakeMattermost, type FakeMattermost } from '../support/fake-mattermost.ts';
import { freePort } from '../support/net.ts';
import { testHandler } from '../slack/harness.ts';

export const COMMAND_TOKEN = 'mm-command-token';

export interface MattermostHarness {
  fake: FakeMattermost;
  app: MattermostApp;
  db: Db;
  /** Base of Coordo's listener (`http://127.0.0.1:PORT`). */
  base: string;
  commandUrl: string;
  seen: IncomingMessage[];
  logs: string[];
  /** Resolves once `count` log lines hold `event`. */
  waitForLog(event: string, count?: number): Promise<void>;
  close(): Promise<void>;
}

/** Fake Mattermost + the real adapter (real Client4 and WebSocketClient, listener on a free port) + real SQLite. */
export async function startMattermostHarness(
  options: { features?: ChatFeature[]; withFeatures?: (db: Db) => ChatFeature[]; engine?: (logger: Logger) => Engine; now?: () => number } = {},
): Promise<MattermostHarness> {
  const fake = await startFakeMattermost();
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-mm-')), 'coordo.sqlite'), []);
  const seen: IncomingMessage[] = [];
  const logs: string[] = [];
  const logWaiters = new Set<() => void>();
  const logger = createLogger('info', (line) => {
    logs.push(line);
    for (const waiter of [...logWaiters]) waiter();
  });
  const engine = options.engine?.(logger) ?? new Engine([testHandler(seen)], logger);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = createMattermostApp({
    config: { url: fake.url, token: fake.token, port, callbackUrl: base, commandToken: COMMAND_TOKEN },
    engine,
    db,
    features: [...(options.features ?? []), ...(options.withFeatures?.(db) ?? [])],
    logger,
    socketBackoff: { baseMs: 5, maxMs: 50 },
    outboxRetry: { baseMs: 5, maxMs: 50, maxAttempts: 5 },
    ...(options.now ? { now: options.now } : {}),
  });
  await app.start();
  const count = (event: string) => logs.filter((l) => l.includes(`"event":"${event}"`)).length;
  return {
    fake,
    app,
    db,
    base,
    commandUrl: `${base}/mattermost/command`,
    seen,
    logs,
    waitForLog: (event, wanted = 1) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (count(event) < wanted) return;
          logWaiters.delete(check);
          resolve();
        };
        logWaiters.add(check);
        check();
      }),
    async close() {
      await app.stop();
      db.close();
      await fake.close();
    },
  };
}
