import { z } from 'zod';
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Engine } from '../../engine/engine.ts';
import { textReply } from '../../engine/reply.ts';
import { isHelpRequest } from '../../engine/help-handler.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { slackErrorCode } from './errors.ts';
import type { SlackDelivery, SlackFeature, SlashContext } from './feature.ts';
import type { AnswerStore } from '../../store/answers.ts';
import { MESSAGE_KEY_PREFIX, messageKey } from '../../store/handled-events.ts';
import type { SqliteOutbox } from '../../store/outbox.ts';
import { classify, type SlackEffectHandler } from './delivery.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { AnswerDesk } from '../../workflows/questions/desk.ts';
import { commandWord, helpText } from '../../workflows/questions/help.ts';
import { REPLY_EFFECT, ReplyEffectSchema, storedReply } from '../../core/reply-effect.ts';
import { plainText } from './message-text.ts';
import { ACTION_ASK_SUGGESTION, ACTION_SHARE, renderReply } from './render.ts';
import { conversationHistory, messageText, threadHistory, type BotIdentity } from './thread-history.ts';

/** Reaction shown on a question while Coordo works on it, when the answer is not immediate. */
const WORKING_REACTION = 'hourglass_flowing_sand';
const PROGRESS_DELAY_MS = 700;

const ERROR_TEXT = "Désolé, je n'ai pas pu répondre à cause d'une erreur technique. Réessayez dans un instant.";
const FILES_NOT_DELIVERED = "Les fichiers de cette réponse n'ont pas pu être envoyés dans Slack (droit « files:write » ou erreur passagère). Réessayez dans un instant.";

/** The fields of a message or app_mention event Coordo uses (everything else is ignored). */
const MessageEventSchema = z.object({
  type: z.string(),
  channel: z.string().min(1),
  user: z.string().min(1).optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  channel_type: z.string().optional(),
});
type MessageEvent = z.infer<typeof MessageEventSchema>;

export interface QuestionsDeps {
  engine: Engine;
  answers: AnswerStore;
  /** The app's outbox: answers are written there with the question's « answered » mark. */
  outbox: SqliteOutbox;
  logger: Logger;
  /** The other features: their sub-commands and help lines plug into `/coordo`. */
  features: readonly SlackFeature[];
  /** How long a question waits before the "working" reaction shows (default 700 ms: no flicker on quick answers). */
  progressDelayMs?: number;
}

/**
 * The built-in Slack behaviour: answers @mentions and direct messages in their
 * thread (with the thread as context), routes `/coordo` (sub-commands of the
 * features, `aide`, else a question answered ephemerally) and shares an
 * ephemeral answer in the channel.
 */
export function questionsFeature(deps: QuestionsDeps): SlackFeature {
  const { engine, answers, logger } = deps;
  const desk = new AnswerDesk(answers, deps.outbox);
  let delivery: SlackDelivery | undefined;
  let client: WebClient | undefined;
  const progressDelayMs = deps.progressDelayMs ?? PROGRESS_DELAY_MS;
  const subcommands = new Map<string, (ctx: SlashContext) => Promise<void>>();
  for (const feature of deps.features) {
    for (const [word, run] of Object.entries(feature.subcommands ?? {})) subcommands.set(commandWord(word), run);
  }
  const help = helpText(deps.features.flatMap((f) => f.help ?? []));

  async function react(client: WebClient, method: 'add' | 'remove', channel: string, timestamp: string): Promise<void> {
    try {
      await client.reactions[method]({ channel, timestamp, name: WORKING_REACTION });
    } catch (error) {
      logger.debug('slack.reaction_failed', { method, error: errorName(error) });
    }
  }

  /** Put the "working" reaction on a question once it has waited `progressDelayMs`; `done()` removes it if it was put. */
  function showProgress(client: WebClient, channel: string, timestamp: string): { done(): Promise<void> } {
    let added: Promise<void> | undefined;
    const timer = setTimeout(() => {
      added = react(client, 'add', channel, timestamp);
    }, progressDelayMs);
    return {
      async done() {
        clearTimeout(timer);
        if (!added) return;
        await added;
        await react(client, 'remove', channel, timestamp);
      },
    };
  }

  /** Answer a question that is still pending (first delivery, a Slack retry of an unanswered one, or a restart). */
  async function answerMessage(client: WebClient, bot: BotIdentity, event: MessageEvent, eventId: string | undefined, retryNum?: number): Promise<void> {
    if (!event.user || event.bot_id || event.subtype === 'bot_message') return;
    const key = messageKey(event.channel, event.ts);
    const question: QuestionRef = { channel: event.channel, ts: event.ts, threadTs: event.thread_ts, userId: event.user, direct: event.channel_type === 'im' };
    if (!desk.claim(key, question, eventId)) {
      logger.info('slack.duplicate_ignored', { channel: event.channel, eventId, retry: retryNum });
      return;
    }
    try {
      await answer(client, bot, key, question, event.text);
    } finally {
      desk.done(key);
    }
  }

  async function answer(client: WebClient, bot: BotIdentity, key: string, question: QuestionRef, rawText: string): Promise<void> {
    const started = Date.now();
    const { channel, userId, direct } = question;
    // In a 1:1 direct message the conversation is the thread; elsewhere Coordo answers in the message's thread.
    const threadTs = question.threadTs ?? (direct ? undefined : question.ts);
    const progress = showProgress(client, channel, question.ts);
    try {
      const history = question.threadTs
        ? await threadHistory(client, { channel, threadTs: question.threadTs, beforeTs: question.ts }, bot, logger)
        : direct
          ? await conversationHistory(client, { channel, beforeTs: question.ts }, bot, logger)
          : [];
      const reply = await engine.handle({
        text: plainText(rawText, bot.userId),
        conversation: { platform: 'slack', userId, channelId: channel, threadId: threadTs },
        history,
        command: false,
      });
      desk.recordAnswer(key, reply, { channelId: channel, userId, threadId: threadTs, direct, text: rawText });
      await delivery?.drain();
      logger.info('slack.answered', { channel, kind: reply.kind, citations: reply.citations.length, turns: history.length, ms: Date.now() - started });
    } catch (error) {
      logger.error('slack.answer_failed', { channel, error: errorName(error) });
      try {
        await client.chat.postMessage({ channel, thread_ts: threadTs, text: ERROR_TEXT });
      } catch (postError) {
        logger.error('slack.error_post_failed', { channel, error: errorName(postError) });
      }
    } finally {
      await progress.done();
    }
  }

  /** The reply effect as Slack delivers it: the message (exactly once), then its files; files that fail are reported to the asker. */
  const deliverReply: SlackEffectHandler = async (row, tools) => {
    const effect = ReplyEffectSchema.parse(row.effect);
    const original = desk.original(row.key);
    const reply = original ?? storedReply(effect);
    const message = renderReply(reply, { answerId: effect.answerId, feedback: effect.answerId !== undefined });
    try {
      await tools.post({ ...message, ephemeralTo: effect.ephemeralTo });
    } catch (error) {
      if (classify(error).status !== 'failed') throw error;
      // Slack will never take this answer (invalid blocks…): the asker gets a plain French error instead.
      logger.error('slack.answer_refused', { error: errorName(error) });
      await tools.post({ text: ERROR_TEXT, ephemeralTo: effect.ephemeralTo });
      return { status: 'delivered' };
    }
    const threadTs = row.target.kind === 'thread' ? row.target.threadId : undefined;
    const channel = await tools.channel();
    try {
      for (const file of reply.files ?? []) {
        const upload = { channel_id: channel, file: file.content, filename: file.name };
        await tools.client.filesUploadV2(threadTs ? { ...upload, thread_ts: threadTs } : upload);
      }
    } catch (error) {
      logger.warn('slack.files_not_delivered', { channel, files: reply.files?.length ?? 0, error: errorName(error) });
      const notice = deps.features.map((f) => f.filesNotDelivered?.(reply) ?? null).find((r) => r !== null) ?? textReply('error', FILES_NOT_DELIVERED);
      const asker = effect.asker;
      if (asker) await tools.client.chat.postEphemeral({ channel, user: asker, thread_ts: threadTs, ...renderReply(notice) });
    } finally {
      desk.forget(row.key);
    }
    return { status: 'delivered' };
  };

  /** On start: the questions a crash left acknowledged but unanswered, read again from Slack and answered. */
  async function answerPending(client: WebClient): Promise<void> {
    const left = desk.left(MESSAGE_KEY_PREFIX);
    if (left.length === 0) return;
    const auth = await client.auth.test();
    const bot: BotIdentity = { userId: auth.user_id, botId: auth.bot_id };
    for (const question of left) {
      const key = messageKey(question.channel, question.ts);
      const text = await messageText(client, question, logger);
      // Unreadable or deleted: left pending, for a Slack retry (which carries the text) or the next start.
      if (text === undefined || text === null || !desk.claim(key, question)) continue;
      logger.info('slack.pending_answered', { channel: question.channel });
      try {
        await answer(client, bot, key, question, text);
      } finally {
        desk.done(key);
      }
    }
  }

  async function answerCommand(text: string, ctx: SlashContext): Promise<void> {
    const reply = await engine.handle({
      text,
      conversation: { platform: 'slack', userId: ctx.userId, channelId: ctx.channelId },
      command: true,
    });
    const { answerId, shareable } = desk.privateAnswer(reply, { channelId: ctx.channelId, userId: ctx.userId });
    const message = renderReply(reply, { answerId, feedback: answerId !== undefined, share: shareable });
    await ctx.respond({ response_type: 'ephemeral', ...message });
    logger.info('slack.command_answered', { channel: ctx.channelId, kind: reply.kind, citations: reply.citations.length });
  }

  /** A « Voulez-vous dire » button: the question is asked for whoever pressed it, where the suggestion was shown. */
  async function askSuggestion(body: BlockAction, action: ButtonAction, client: WebClient, respond: RespondFn): Promise<void> {
    const channelId = body.channel?.id ?? body.container?.channel_id;
    const question = action.value ?? '';
    if (!channelId || !question) return;
    try {
      const ephemeral = body.container?.is_ephemeral === true || !body.message;
      const threadTs = body.message ? (body.message.thread_ts ?? body.message.ts) : undefined;
      const reply = await engine.handle({
        text: question,
        conversation: { platform: 'slack', userId: body.user.id, channelId, ...(threadTs ? { threadId: threadTs } : {}) },
        command: ephemeral,
      });
      if (ephemeral || !threadTs) {
        const { answerId, shareable } = desk.privateAnswer(reply, { channelId, userId: body.user.id });
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply, { answerId, feedback: answerId !== undefined, share: shareable }) });
      } else {
        desk.recordInThread(`suggestion:${channelId}:${action.action_ts}`, reply, { channelId, userId: body.user.id, threadId: threadTs });
        await delivery?.drain();
      }
      logger.info('slack.suggestion_asked', { channel: channelId, kind: reply.kind });
    } catch (error) {
      logger.error('slack.suggestion_failed', { channel: channelId, error: errorName(error) });
      await respond({ response_type: 'ephemeral', replace_original: false, text: ERROR_TEXT });
    }
  }

  async function share(body: BlockAction, action: ButtonAction, client: WebClient, respond: RespondFn): Promise<void> {
    const shared = desk.share(action.value ?? '', body.channel?.id ?? body.container?.channel_id, body.user.id);
    if (!shared.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: shared.text });
      return;
    }
    const { answer } = shared;
    const message = renderReply(answer.reply, { answerId: answer.id, feedback: true, context: `<@${body.user.id}> a partagé une réponse de Coordo` });
    try {
      await client.chat.postMessage({ channel: answer.channelId, unfurl_links: false, unfurl_media: false, ...message });
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn('slack.share_failed', { channel: answer.channelId, error: errorName(error) });
      const text =
        code === 'not_in_channel' || code === 'channel_not_found'
          ? "Je ne peux pas écrire dans ce canal : invitez-moi avec `/invite @Coordo`, puis cliquez à nouveau sur « Partager dans le canal »."
          : "Le partage a échoué à cause d'une erreur technique. Réessayez dans un instant.";
      await respond({ response_type: 'ephemeral', replace_original: false, text });
      return;
    }
    logger.info('slack.shared', { channel: answer.channelId, answer: answer.id });
    await respond({ delete_original: true });
  }

  return {
    name: 'questions',
    effects: { [REPLY_EFFECT]: deliverReply },
    async start() {
      if (client) await answerPending(client);
    },
    register(app: App, appDelivery: SlackDelivery) {
      delivery = appDelivery;
      client = app.client;
      app.event('app_mention', async ({ event, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(event);
        if (!parsed.success) return logger.warn('slack.event_unreadable', { type: 'app_mention' });
        await answerMessage(client, { userId: context.botUserId, botId: context.botId }, parsed.data, body.event_id, context.retryNum);
      });

      app.message(async ({ message, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(message);
        if (!parsed.success) return logger.debug('slack.message_skipped', { reason: 'unreadable' });
        const event = parsed.data;
        // Direct messages only (channels go through app_mention); plain user messages only.
        if (event.channel_type !== 'im' || (event.subtype !== undefined && event.subtype !== 'thread_broadcast')) return;
        await answerMessage(client, { userId: context.botUserId, botId: context.botId }, event, body.event_id, context.retryNum);
      });

      app.command('/coordo', async ({ command, ack, respond, client }) => {
        await ack();
        const text = command.text.trim();
        const [first = '', ...rest] = text.split(/\s+/);
        const word = commandWord(first);
        const ctx: SlashContext = { args: rest.join(' ').trim(), userId: command.user_id, channelId: command.channel_id, triggerId: command.trigger_id, client, respond };
        try {
          if (isHelpRequest(word)) {
            await respond({ response_type: 'ephemeral', ...renderReply(textReply('help', help)) });
            return;
          }
          const sub = subcommands.get(word);
          if (sub) {
            logger.info('slack.subcommand', { name: word, user: command.user_id });
            await sub(ctx);
            return;
          }
          await answerCommand(text, ctx);
        } catch (error) {
          logger.error('slack.command_failed', { name: logName(word, subcommands), error: errorName(error) });
          await respond({ response_type: 'ephemeral', text: ERROR_TEXT });
        }
      });

      app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION_ASK_SUGGESTION}_\\d+$`), async ({ ack, body, action, client, respond }) => {
        await ack();
        await askSuggestion(body, action, client, respond);
      });

      app.action<BlockAction<ButtonAction>>(ACTION_SHARE, async ({ ack, body, action, client, respond }) => {
        await ack();
        await share(body, action, client, respond);
      });
    },
  };
}

/** The sub-command name for logs: the word when it is a known sub-command, else "question" (never the text). */
function logName(word: string, subcommands: ReadonlyMap<string, unknown>): string {
  if (isHelpRequest(word)) return 'aide';
  return subcommands.has(word) ? word : 'question';
}
