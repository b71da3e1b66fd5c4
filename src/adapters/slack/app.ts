import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions } from '@slack/bolt';
import type { SlackConfig } from '../../config/env.ts';
import type { Engine } from '../../engine/engine.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { SqliteOutbox } from '../../store/outbox.ts';
import { OutboxWorker, type RetryPolicy } from '../../store/outbox-worker.ts';
import { slackSender, type SlackEffectHandler } from './delivery.ts';
import { AnswerStore } from './answers.ts';
import { boltLogger } from './bolt-logger.ts';
import { slackErrorCode } from './errors.ts';
import type { SlackFeature } from './feature.ts';
import { FeedbackStore, feedbackFeature } from './feedback.ts';
import { slackMigrations } from './migrations.ts';
import { questionsFeature } from './questions.ts';

export interface SlackAppDeps {
  config: SlackConfig;
  engine: Engine;
  /** Opened database; the Slack tables are migrated here if needed. */
  db: Db;
  /** Extra features (delegation requests, protocol drafts…): their actions, views and `/coordo` sub-commands. */
  features?: readonly SlackFeature[];
  logger: Logger;
  /** Retry schedule of the outbox (default {@link DEFAULT_RETRY}). */
  outboxRetry?: RetryPolicy;
}

export interface SlackAppStarted {
  mode: 'http' | 'socket';
  /** HTTP mode: the port actually listened on (useful with port 0). */
  port?: number;
}

export interface SlackApp {
  app: App;
  /** Check the bot token with Slack (auth.test, once: it also gives the bot's ids), then listen (HTTP) or connect (Socket Mode). */
  start(): Promise<SlackAppStarted>;
  stop(): Promise<void>;
}

/** Path Slack posts events, commands and interactions to, in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Thrown by start() when Slack refuses the bot token. */
export class SlackStartError extends Error {}

/** Web API calls retried on network errors and 429 (WebClient waits Retry-After), with exponential backoff. */
const RETRY_CONFIG = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true };

/**
 * The Bolt app with Coordo's behaviour: Socket Mode when an app token is set,
 * else HTTP on `config.port` at /slack/events, verifying the signing secret
 * (Bolt rejects unsigned, forged and over-5-minute-old requests).
 */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, engine, db, logger } = deps;
  const features = deps.features ?? [];
  migrate(db, slackMigrations);
  const answers = new AnswerStore(db);

  const common: AppOptions = {
    token: config.botToken,
    logger: boltLogger(logger),
    // No conversation context store: Coordo reads thread history from Slack itself.
    convoStore: false,
    // auth.test runs in start() (app.init()), where a refused token becomes a clear error.
    deferInitialization: true,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
      retryConfig: RETRY_CONFIG,
    },
  };
  const socketMode = config.appToken !== undefined;
  const app = socketMode
    ? new App({ ...common, appToken: config.appToken, socketMode: true })
    : new App({
        ...common,
        signingSecret: config.signingSecret,
        port: config.port,
        endpoints: SLACK_EVENTS_PATH,
        // Ack events at once (Slack wants an answer within 3 s); listeners ack commands and actions first thing.
        processBeforeResponse: false,
        customRoutes: [
          {
            path: '/health',
            method: ['GET'],
            handler: (_req, res) => {
              res.writeHead(200, { 'content-type': 'text/plain' });
              res.end('ok');
            },
          },
        ],
      });

  app.error(async (error) => {
    logger.error('slack.listener_failed', { code: error.code, error: errorName(error.original ?? error) });
  });

  const outbox = new SqliteOutbox(db);
  const builtIn = [
    questionsFeature({ engine, answers, outbox, logger, features }),
    feedbackFeature({ answers, feedback: new FeedbackStore(db), logger }),
  ];
  const all = [...builtIn, ...features];
  const handlers = new Map<string, SlackEffectHandler>(all.flatMap((feature) => Object.entries(feature.effects ?? {})));
  const worker = new OutboxWorker({ outbox, send: slackSender(app.client, handlers, logger), logger, retry: deps.outboxRetry });
  for (const feature of all) feature.register(app, worker);

  /** Once connected, in the background: what a feature left pending must not hold the start. */
  const startFeatures = () => {
    for (const feature of all) {
      feature.start?.().catch((error: unknown) => logger.error('slack.feature_start_failed', { feature: feature.name, error: errorName(error) }));
    }
  };

  return {
    app,
    async start() {
      try {
        await app.init();
      } catch (error) {
        const code = slackErrorCode(error);
        throw new SlackStartError(
          `Slack refuse la connexion (${code ?? (error instanceof Error ? error.message : 'erreur inconnue')}) : vérifiez SLACK_BOT_TOKEN${config.apiUrl ? ' et SLACK_API_URL' : ''}.`,
        );
      }
      // What a crash left in the outbox goes out first; pending questions are answered.
      worker.start();
      if (socketMode) {
        await app.start();
        startFeatures();
        logger.info('slack.started', { mode: 'socket' });
        return { mode: 'socket' };
      }
      const server = (await app.start(config.port)) as Server;
      startFeatures();
      const port = (server.address() as AddressInfo).port;
      logger.info('slack.started', { mode: 'http', port, path: SLACK_EVENTS_PATH });
      return { mode: 'http', port };
    },
    async stop() {
      await app.stop();
      await worker.stop();
      logger.info('slack.stopped');
    },
  };
}
