import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../../src/engine/engine.ts';
import type { Handler } from '../../src/engine/handler.ts';
import type { IncomingMessage } from '../../src/engine/message.ts';
import type { Citation } from '../../src/engine/reply.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../src/adapters/slack/app.ts';
import type { ChatFeature } from '../../src/adapters/shared/chat-core.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import type { SlackTarget } from '../support/slack-requests.ts';

export const CITATIONS: Citation[] = [
  { title: 'CPTS', section: 'Définition', source: 'https://example.org/cpts', path: 'structures/cpts.md' },
  { title: 'Code de la santé publique', section: 'Article L1434-12', source: 'CSP L1434-12', path: 'textes/csp.md' },
];

/**
 * A small real handler: answers with citations, throws on « panne », and on
 * « longue » waits for `slow()` before answering. Records what it was asked.
 */
export function testHandler(seen: IncomingMessage[], slow: () => Promise<unknown> = async () => {}): Handler {
  return {
    name: 'test-answer',
    async handle(message) {
      seen.push(message);
      if (message.text.includes('panne')) throw new Error('handler exploded');
      if (message.text.includes('longue')) await slow();
      return { kind: 'answer', text: '**Une CPTS** regroupe les professionnels d’un territoire.\n\n- missions de santé publique', citations: CITATIONS, confident: true };
    },
  };
}

export interface Harness {
  fake: FakeSlackApi;
  target: SlackTarget;
  slack: SlackApp;
  db: Db;
  dbFile: string;
  /** Every message the test handler received (empty with a custom engine). */
  seen: IncomingMessage[];
  /** Log lines at info level and above. */
  logs: string[];
  close(): Promise<void>;
}

export const SIGNING_SECRET = 'test-signing-secret';

/** Fake Slack API + real Bolt app (HTTP mode, port 0) + real SQLite in a temp dir. */
export async function startHarness(
  options: { features?: ChatFeature[]; fake?: FakeSlackApi; dbFile?: string; engine?: (logger: Logger) => Engine } = {},
): Promise<Harness> {
  const fake = options.fake ?? (await startFakeSlackApi());
  const dbFile = options.dbFile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-slack-')), 'coordo.sqlite');
  const db = openDatabase(dbFile, conversationMigrations);
  const seen: IncomingMessage[] = [];
  const logs: string[] = [];
  const logger = createLogger('info', (line) => logs.push(line));
  // « longue » questions answer only once the "working" reaction is shown.
  const engine = options.engine?.(logger) ?? new Engine([testHandler(seen, () => fake.waitFor('reactions.add'))], logger);
  const slack = createSlackApp({
    config: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
    engine,
    db,
    features: options.features ?? [],
    logger,
  });
  const started = await slack.start();
  const target = { url: `http://127.0.0.1:${started.port}${SLACK_EVENTS_PATH}`, signingSecret: SIGNING_SECRET };
  return {
    fake,
    target,
    slack,
    db,
    dbFile,
    seen,
    logs,
    async close() {
      await slack.stop();
      db.close();
      if (!options.fake) await fake.close();
    },
  };
}
