import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { SlackConfig } from '../../config/env.ts';
import { errorName } from '../../log/logger.ts';
import { OutboxWorker } from '../../store/outbox-worker.ts';
import { slackSender } from './delivery.ts';
import { boltLogger } from './bolt-logger.ts';
import { slackErrorCode } from './errors.ts';
import { singleAttemptClient } from './single-attempt.ts';
import { chatCore, type ChatAppDeps } from '../shared/chat-core.ts';
import { chatLifecycle } from '../shared/chat-lifecycle.ts';
import { featureEffects } from '../shared/planned-effects.ts';
import { slackPlans } from './planned-effects.ts';
import { questionsSlack } from './questions.ts';
import { slackPeople } from './people.ts';
import { GuardedReceiver } from './receiver.ts';
import { routerListeners } from './router-listeners.ts';
import { slackEffectRunner } from './run-effects.ts';
import type { BotIdentity } from './thread-history.ts';

export type SlackAppDeps = ChatAppDeps<SlackConfig>;

export type SlackAppStarted = {
  mode: 'http' | 'socket';
  /** HTTP mode: the port actually listened on (useful with port 0). */
  port?: number;
};

export interface SlackApp {
  app: App;
  /** Check the bot token with Slack (auth.test, once: it also gives the bot's ids), then listen (HTTP) or connect (Socket Mode). */
  start(): Promise<SlackAppStarted>;
  stop(): Promise<void>;
}

/** Path Slack posts events, commands and interactions to, in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Thrown by start() when Slack cannot be reached or refuses the bot token. */
export class SlackStartError extends Error {}

/** Why auth.test failed, in French: Slack out of reach (network, HTTP error) or the token refused. */
function startFailure(error: unknown, apiUrl: string | undefined): string {
  const code = slackErrorCode(error);
  if (code !== undefined) return `Slack refuse la connexion (${code}) : vérifiez SLACK_BOT_TOKEN${apiUrl ? ' et SLACK_API_URL' : ''}.`;
  const where = apiUrl ? `SLACK_API_URL (${apiUrl})` : 'https://slack.com';
  return `Slack injoignable (${errorName(error)}) : vérifiez la connexion réseau et ${where}.`;
}

/** How long the start check waits for auth.test. */
const START_CHECK_TIMEOUT_MS = 10_000;

/** Web API calls retried on network errors and 429 (WebClient waits Retry-After), with exponential backoff. */
const RETRY_CONFIG = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true };

/**
 * The Bolt app with Coordo's behaviour: Socket Mode when an app token is set,
 * else HTTP on `config.port` at /slack/events behind {@link GuardedReceiver}
 * (unsigned, forged, stale, future-dated and malformed requests are refused).
 */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, engine, db, logger } = deps;
  const features = deps.features ?? [];

  const slackLogger = boltLogger(logger);
  const socketMode = config.appToken !== undefined;
  const receiver = () => new GuardedReceiver({ signingSecret: config.signingSecret ?? '', port: config.port, path: SLACK_EVENTS_PATH, logger, boltLogger: slackLogger });
  const app = new App({
    token: config.botToken,
    logger: slackLogger,
    // No conversation context store: Coordo reads thread history from Slack itself.
    convoStore: false,
    // auth.test runs in start() (app.init()), where a refused token becomes a clear error.
    deferInitialization: true,
    // The WebClient adds the address's final slash; without one, https://slack.com/api/.
    clientOptions: { slackApiUrl: config.apiUrl, retryConfig: RETRY_CONFIG },
    ...(socketMode ? { appToken: config.appToken, socketMode: true } : { receiver: receiver() }),
  });

  app.error(async (error) => {
    logger.error('slack.listener_failed', { code: error.code, error: errorName(error.original ?? error) });
  });

  // One directory of Slack accounts for every feature.
  const { outbox, questions, router } = chatCore({ platform: 'slack', db, engine, logger, features, people: slackPeople(app.client, logger) });
  const handle = routerListeners(app, router, slackEffectRunner(logger, () => worker.drain()));
  const asked = questionsSlack(app, { questions, logger, features, handle, commandWords: router.commandWords() });
  // The answers owed, and the features' planned deliveries as Block Kit.
  const handlers = featureEffects(features, slackPlans, asked.effects);
  const worker = new OutboxWorker({ outbox, send: slackSender(app.client, handlers, logger), logger, retry: deps.outboxRetry });

  const { start, stop } = chatLifecycle<BotIdentity, SlackAppStarted>({
    platform: 'slack',
    logger,
    questions: asked,
    async identify() {
      // One quick attempt first: an unreachable Slack or a refused token is reported at once, not after the retries.
      const auth = await singleAttemptClient(config.botToken, config.apiUrl, START_CHECK_TIMEOUT_MS).auth.test();
      await app.init();
      return { userId: auth.user_id, botId: auth.bot_id };
    },
    startError: (error) => new SlackStartError(startFailure(error, config.apiUrl)),
    worker: () => worker,
    async listen() {
      if (socketMode) {
        await app.start();
        return { started: { mode: 'socket' } };
      }
      const server = (await app.start(config.port)) as Server;
      return { started: { mode: 'http', port: (server.address() as AddressInfo).port }, logged: { path: SLACK_EVENTS_PATH } };
    },
    close: async () => void (await app.stop()),
  });
  return { app, start, stop };
}
