import path from 'node:path';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../src/adapters/slack/app.ts';
import { delegationFeature } from '../../src/adapters/shared/delegation-feature.ts';
import { createDelegation } from '../../src/workflows/delegation/create.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { loadConfig } from '../../src/config/env.ts';
import { loadRegistries } from '../../src/domain/load.ts';
import { Engine } from '../../src/engine/engine.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import type { DelegationFieldsReader } from '../../src/workflows/delegation/prefill.ts';
import { DelegationService } from '../../src/workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../src/workflows/delegation/sqlite-repository.ts';
import { qualifyMember } from '../../src/config/profession-groups.ts';

/**
 * A real Bolt app in HTTP mode with the delegation feature, on a real SQLite
 * file, talking to a (fake) Slack Web API. Used in-process by the Slack tests
 * and as a child process by the kill test:
 *
 *   COORDO_DB_PATH=… SLACK_BOT_TOKEN=xoxb-… SLACK_SIGNING_SECRET=… SLACK_API_URL=… PORT=0 \
 *     node --import tsx test/support/delegation-server.ts
 *
 * reads the usual Coordo settings (COORDO_REQUESTS_CHANNEL, COORDO_PROFESSION_GROUPS…)
 * and prints one line `{"port":N}` on stdout once it listens.
 */
export interface DelegationServerOptions {
  dbFile: string;
  apiUrl: string;
  signingSecret: string;
  port?: number;
  requestsChannel?: string;
  professionGroups?: Record<string, string[]>;
  knowledgeDir?: string;
  logger?: Logger;
  /** The model step pre-filling the form from a message (default: none, offline). */
  fieldsReader?: DelegationFieldsReader;
}

export interface DelegationServer {
  slack: SlackApp;
  db: Db;
  service: DelegationService;
  port: number;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_KNOWLEDGE_DIR = path.resolve(import.meta.dirname, '../../knowledge');

export async function startDelegationServer(options: DelegationServerOptions): Promise<DelegationServer> {
  const logger = options.logger ?? createLogger('silent');
  // As the configuration reads them: bare ids are Slack's.
  const groups = Object.fromEntries(Object.entries(options.professionGroups ?? {}).map(([p, members]) => [p, members.map(qualifyMember)]));
  const db = openDatabase(options.dbFile, conversationMigrations);
  const registries = loadRegistries(options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR);
  const feature = delegationFeature(createDelegation({ db, registries, config: { requestsChannel: options.requestsChannel, professionGroups: groups }, logger, fieldsReader: options.fieldsReader }));
  const slack = createSlackApp({
    config: { botToken: 'xoxb-test', signingSecret: options.signingSecret, apiUrl: options.apiUrl, port: options.port ?? 0 },
    engine: new Engine([], logger),
    db,
    features: [feature],
    logger,
  });
  // A second view on the same file, for the tests' assertions (it owes nothing: no outbox).
  const service = new DelegationService({ repository: new SqliteDelegationRepository(db), groups });
  const started = await slack.start();
  const port = started.port ?? 0;
  return {
    slack,
    db,
    service,
    port,
    url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
    async close() {
      await slack.stop();
      db.close();
    },
  };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const config = loadConfig(process.env);
  if (!config.slack?.signingSecret || !config.slack.apiUrl) {
    process.stderr.write('delegation-server: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, COORDO_DB_PATH (PORT, COORDO_REQUESTS_CHANNEL, COORDO_PROFESSION_GROUPS)\n');
    process.exit(2);
  }
  const server = await startDelegationServer({
    dbFile: config.dbPath,
    apiUrl: config.slack.apiUrl,
    signingSecret: config.slack.signingSecret,
    port: config.slack.port,
    requestsChannel: config.requestsChannel,
    professionGroups: config.professionGroups,
    knowledgeDir: config.knowledgeDir,
    logger: createLogger(config.logLevel),
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
}
