import type { MattermostConfig } from '../../config/env.ts';
import { errorName } from '../../log/logger.ts';
import { OutboxWorker } from '../../store/outbox-worker.ts';
import { MattermostClient, statusOf } from './client.ts';
import { mattermostSender } from './delivery.ts';
import type { ActionContext, ActionResponse, DialogContext, DialogResponse } from './callbacks.ts';
import { coreRoutes } from './core-routes.ts';
import { MattermostListener, type Answer, type ActionRequest, type DialogRequest } from './listener.ts';
import type { Bot } from './history.ts';
import { NOT_YET_ACTION, questionsMattermost } from './questions.ts';
import { chatCore, type ChatAppDeps } from '../shared/chat-core.ts';
import { chatLifecycle } from '../shared/chat-lifecycle.ts';
import { featureEffects } from '../shared/planned-effects.ts';
import { mattermostPlans } from './planned-effects.ts';
import { mattermostPeople } from './people.ts';
import { ActionLinks } from './render.ts';
import { Signer, type Verified } from './signing.ts';
import { EventSocket, type Backoff } from './socket.ts';

export interface MattermostAppDeps extends ChatAppDeps<MattermostConfig> {
  /** Reconnection schedule of the WebSocket (tests use tiny delays). */
  socketBackoff?: Backoff;
  /** Clock of the signatures (tests). */
  now?: () => number;
}

export interface MattermostApp {
  /** Check the token (GET /users/me), listen for callbacks, connect the WebSocket; the port listened on. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
  /** The WebSocket, for tests (connections counted). */
  readonly socket: EventSocket;
}

/** Thrown by start() when Mattermost cannot be reached or refuses the token. */
export class MattermostStartError extends Error {}

const REFUSALS: Record<Exclude<Verified, { ok: true }>['reason'], { status: number; text: string }> = {
  unsigned: { status: 403, text: "Ce bouton n'a pas été créé par Coordo : action refusée." },
  forged: { status: 403, text: "Ce bouton a été modifié : action refusée." },
  expired: { status: 200, text: 'Ce bouton a expiré : reposez la question à Coordo.' },
  other_channel: { status: 403, text: "Ce bouton appartient à un autre canal : action refusée." },
  other_user: { status: 200, text: 'Seule la personne qui a posé la question peut utiliser ce bouton.' },
};

/**
 * Coordo on a Mattermost server: the bot account through Client4 (REST) and
 * the WebSocket (events), the listener for the slash command, buttons and
 * dialogs, the outbox delivering every answer, and the features.
 */
export function createMattermostApp(deps: MattermostAppDeps): MattermostApp {
  const { config, engine, db, logger } = deps;
  const client = new MattermostClient(config.url, config.token);
  // The signing key derives from the bot token: a secret Coordo keeps, the same for every process serving the bot.
  const signer = new Signer(config.token, deps.now);
  const links = new ActionLinks(config.callbackUrl, signer);
  const extra = deps.features ?? [];
  let runtime: { botUserId: string; worker: OutboxWorker } | undefined;
  // One router for every neutral feature; their buttons and dialogs come back on one signed route each.
  // One directory of Mattermost accounts for every feature.
  const { outbox, questions: core, router } = chatCore({ platform: 'mattermost', db, engine, logger, features: extra, people: mattermostPeople(client, logger) });
  const routes = coreRoutes({ router, client, links, logger, runtime: () => runtime });
  const questions = questionsMattermost({ questions: core, logger, client, links, handle: routes.handle, commandWords: router.commandWords() });
  const actions = new Map(Object.entries(routes.actions));
  const dialogs = new Map(Object.entries(routes.dialogs));
  // The answers owed, and the features' planned deliveries as posts.
  const effects = featureEffects(extra, mattermostPlans(links), questions.effects);

  const socket = new EventSocket({
    url: config.url,
    token: config.token,
    logger,
    backoff: deps.socketBackoff,
    onPosted: (event) => {
      questions.onPosted(event).catch((error: unknown) => logger.error('mattermost.posted_failed', { error: errorName(error) }));
    },
  });

  function refused(verified: Exclude<Verified, { ok: true }>, kind: string): Answer {
    const refusal = REFUSALS[verified.reason];
    logger.warn('mattermost.action_refused', { kind, reason: verified.reason });
    return { status: refusal.status, body: { ephemeral_text: refusal.text } };
  }

  const listener = new MattermostListener(
    {
      async command(request) {
        const body = await questions.command({ text: request.text, userId: request.user_id, channelId: request.channel_id, triggerId: request.trigger_id });
        return { status: 200, body: { ...body } };
      },
      async action(name: string, request: ActionRequest) {
        const verified = signer.verify(name, request.context, { userId: request.user_id, channelId: request.channel_id });
        if (!verified.ok) return refused(verified, 'action');
        const run = actions.get(name);
        if (!run) return { status: 200, body: { ephemeral_text: NOT_YET_ACTION } };
        const ctx: ActionContext = { payload: verified.payload, userId: request.user_id, channelId: request.channel_id, postId: request.post_id, triggerId: request.trigger_id, client, links };
        const response: ActionResponse = await run(ctx);
        return { status: 200, body: { ...response } };
      },
      async dialog(name: string, request: DialogRequest) {
        const verified = signer.verifyState(name, request.state, { userId: request.user_id, channelId: request.channel_id });
        if (!verified.ok) return refused(verified, 'dialog');
        const run = dialogs.get(name);
        if (!run) return { status: 404, body: { text: 'Formulaire inconnu.' } };
        const ctx: DialogContext = { payload: verified.payload, submission: request.submission ?? {}, cancelled: request.cancelled, userId: request.user_id, channelId: request.channel_id, client, links };
        const response: DialogResponse = await run(ctx);
        return { status: 200, body: { ...response } };
      },
    },
    config.commandToken,
    logger,
  );

  const { start, stop } = chatLifecycle<Bot, { port: number }>({
    platform: 'mattermost',
    logger,
    questions,
    async identify() {
      const me = await client.getMe();
      return { userId: me.id, username: me.username };
    },
    startError(error) {
      const status = statusOf(error);
      return new MattermostStartError(
        status === 401 || status === 403
          ? `Mattermost refuse le jeton du bot (${status}) : vérifiez MATTERMOST_TOKEN.`
          : `Mattermost injoignable (${errorName(error)}${status ? `, ${status}` : ''}) : vérifiez MATTERMOST_URL (${config.url}).`,
      );
    },
    worker(bot) {
      const worker = new OutboxWorker({ outbox, send: mattermostSender(client, bot.userId, effects, logger), logger, retry: deps.outboxRetry });
      runtime = { botUserId: bot.userId, worker };
      return worker;
    },
    async listen() {
      const port = await listener.start(config.port);
      await socket.connect();
      return { started: { port } };
    },
    async close() {
      socket.close();
      await listener.stop();
    },
  });
  return { socket, start, stop };
}
