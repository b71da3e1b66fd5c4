import type { App, RespondFn } from '@slack/bolt';
import type { ChatFeature } from '../shared/chat-core.ts';
import type { WebClient } from '@slack/web-api';
import { textReply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { REPLY_EFFECT } from '../../core/reply-effect.ts';
import type { Questions } from '../../workflows/questions/questions.ts';
import { whileSlow } from '../shared/progress.ts';
import { questionMessage } from '../shared/question-message.ts';
import { replyDelivery } from '../shared/reply-delivery.ts';
import { slashCommands } from '../shared/slash-command.ts';
import { classify, type DeliveryTools, type SlackEffectHandler } from './delivery.ts';
import { MessageEventSchema, type MessageEvent } from './message-event.ts';
import { plainText } from './message-text.ts';
import { renderReply } from './render.ts';
import type { Handle } from './router-listeners.ts';
import { conversationHistory, messageText, threadHistory, type BotIdentity } from './thread-history.ts';

/** Reaction shown on a question while Coordo works on it, when the answer is not immediate. */
const WORKING_REACTION = 'hourglass_flowing_sand';
const PROGRESS_DELAY_MS = 700;

const FILES_NOT_DELIVERED = "Les fichiers de cette réponse n'ont pas pu être envoyés dans Slack (droit « files:write » ou erreur passagère). Réessayez dans un instant.";

/** What a `/coordo` command gives once acknowledged. */
interface Typed {
  userId: string;
  channelId: string;
  triggerId: string;
  client: WebClient;
  respond: RespondFn;
}

export interface QuestionsDeps {
  questions: Questions;
  logger: Logger;
  /** The other features: their replies' files are released when not delivered. */
  features: readonly ChatFeature[];
  /** The app's router behind Slack (what runs every interaction and its effects), and its command words. */
  handle: Handle;
  commandWords: readonly string[];
}

export interface SlackQuestions {
  /** The outbox effect of the answers owed. */
  effects: Readonly<Record<string, SlackEffectHandler>>;
  /** Its Bolt listeners: mentions, direct messages, `/coordo`. */
  register(app: App): void;
  /** Once connected: the questions a crash left acknowledged but unanswered, read again and answered. */
  answerPending(): Promise<void>;
}

/**
 * Questions in Slack: mentions and direct messages become message
 * interactions (with a reader of their thread), `/coordo` goes to a feature's
 * sub-command or to the router; answers owed in the outbox are posted, then their files.
 */
export function questionsSlack(deps: QuestionsDeps): SlackQuestions {
  const { questions, logger, handle } = deps;
  const { desk } = questions;
  let client: WebClient | undefined;

  async function react(client: WebClient, method: 'add' | 'remove', channel: string, timestamp: string): Promise<void> {
    await client.reactions[method]({ channel, timestamp, name: WORKING_REACTION }).catch((error: unknown) => logger.debug('slack.reaction_failed', { method, error: errorName(error) }));
  }

  /** The question routed, the "working" reaction shown once it has waited {@link PROGRESS_DELAY_MS} (no flicker on quick answers), and taken back. */
  async function ask(client: WebClient, bot: BotIdentity, question: QuestionRef, text: string, event?: { id?: string; retry?: number }): Promise<void> {
    const { channel, ts, threadTs } = question;
    const history = () => (threadTs ? threadHistory(client, { channel, threadTs, beforeTs: ts }, bot, logger) : conversationHistory(client, { channel, beforeTs: ts }, bot, logger));
    const interaction = questionMessage('slack', question, plainText(text, bot.userId), history, event);
    const sign = { show: () => react(client, 'add', channel, ts), hide: () => react(client, 'remove', channel, ts) };
    await whileSlow(() => handle(interaction, { client, userId: interaction.actor.userId }), sign, PROGRESS_DELAY_MS);
  }

  function onMessage(client: WebClient, bot: BotIdentity, event: MessageEvent, eventId: string | undefined, retry?: number): Promise<void> {
    if (!event.user || event.bot_id || event.subtype === 'bot_message') return Promise.resolve();
    const question: QuestionRef = { channel: event.channel, ts: event.ts, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}), userId: event.user, direct: event.channel_type === 'im' };
    return ask(client, bot, question, event.text, { id: eventId, retry });
  }

  /** The reply effect as Slack delivers it: the message, then its files uploaded in its thread. */
  const deliverReply = replyDelivery<DeliveryTools>(desk, {
    platform: 'slack',
    async post(reply, effect, _row, tools) {
      await tools.post({ ...renderReply(reply, { answerId: effect.answerId, feedback: effect.answerId !== undefined }), ephemeralTo: effect.ephemeralTo });
    },
    // Slack will never take this answer (invalid blocks…): the asker gets a plain French error instead.
    refusal: {
      matches: (error) => classify(error).status === 'failed',
      postText: async (text, effect, tools) => void (await tools.post({ text, ephemeralTo: effect.ephemeralTo })),
    },
    files: {
      async upload(reply, row, tools) {
        const channel = await tools.channel();
        for (const file of reply.files ?? []) {
          const upload = { channel_id: channel, file: file.content, filename: file.name };
          await tools.client.filesUploadV2(row.target.kind === 'thread' ? { ...upload, thread_ts: row.target.threadId } : upload);
        }
      },
      notice: (reply) => deps.features.map((f) => f.filesNotDelivered?.(reply) ?? null).find((r) => r !== null) ?? textReply('error', FILES_NOT_DELIVERED),
      async tell(asker, notice, row, tools) {
        const threadTs = row.target.kind === 'thread' ? row.target.threadId : undefined;
        await tools.client.chat.postEphemeral({ channel: await tools.channel(), user: asker, thread_ts: threadTs, ...renderReply(notice) });
      },
    },
  }, logger);

  /** On start: the questions a crash left acknowledged but unanswered, read again from Slack (never stored) and answered. */
  async function answerPending(client: WebClient): Promise<void> {
    let bot: BotIdentity | undefined;
    const read = async (question: QuestionRef) => (await messageText(client, question, logger)) ?? undefined;
    // Unreadable or deleted: left pending, for a Slack retry (which carries the text) or the next start.
    await questions.answerLeft('slack', read, async (question, text) => {
      if (!bot) {
        const auth = await client.auth.test();
        bot = { userId: auth.user_id, botId: auth.bot_id };
      }
      await ask(client, bot, question, text);
    });
  }

  const command = slashCommands<Typed, void>({
    platform: 'slack',
    logger,
    commandWords: deps.commandWords,
    route: (interaction, ctx) =>
      handle(interaction, { client: ctx.client, userId: ctx.userId, triggerId: ctx.triggerId, respond: (m) => ctx.respond({ response_type: 'ephemeral', ...m }) }),
    failed: async (text, ctx) => void (await ctx.respond({ response_type: 'ephemeral', text })),
  });

  return {
    effects: { [REPLY_EFFECT]: deliverReply },
    async answerPending() {
      if (client) await answerPending(client);
    },
    register(app) {
      client = app.client;
      app.event('app_mention', async ({ event, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(event);
        if (!parsed.success) return logger.warn('slack.event_unreadable', { type: 'app_mention' });
        await onMessage(client, { userId: context.botUserId, botId: context.botId }, parsed.data, body.event_id, context.retryNum);
      });

      app.message(async ({ message, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(message);
        if (!parsed.success) return logger.debug('slack.message_skipped', { reason: 'unreadable' });
        const event = parsed.data;
        // Direct messages only (channels go through app_mention); plain user messages only.
        if (event.channel_type !== 'im' || (event.subtype !== undefined && event.subtype !== 'thread_broadcast')) return;
        await onMessage(client, { userId: context.botUserId, botId: context.botId }, event, body.event_id, context.retryNum);
      });

      app.command('/coordo', async ({ command: slash, ack, respond, client }) => {
        await ack();
        await command(slash.text, { userId: slash.user_id, channelId: slash.channel_id, triggerId: slash.trigger_id, client, respond });
      });
    },
  };
}
