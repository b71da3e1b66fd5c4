import { z } from 'zod';
import type { App, BlockAction, ButtonAction, Context, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Engine } from '../../engine/engine.ts';
import { textReply, type Reply, type ReplyKind } from '../../engine/reply.ts';
import { isHelpRequest } from '../../engine/help-handler.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { slackErrorCode } from './errors.ts';
import { foldAccents } from '../../text/french.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import type { AnswerStore } from './answers.ts';
import { messageKey, type EventDedup } from './dedup.ts';
import { plainText } from './message-text.ts';
import { ACTION_ASK_SUGGESTION, ACTION_SHARE, renderReply } from './render.ts';
import { threadHistory } from './thread-history.ts';

/** Reaction shown on a question while Coordo works on it, when the answer is not immediate. */
const WORKING_REACTION = 'hourglass_flowing_sand';
const PROGRESS_DELAY_MS = 700;
/** Replies worth a 👍/👎. */
const RATED: ReadonlySet<ReplyKind> = new Set(['answer', 'lookup', 'unknown']);
/** Replies worth sharing from an ephemeral answer. */
const SHAREABLE: ReadonlySet<ReplyKind> = new Set(['answer', 'lookup']);

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
  dedup: EventDedup;
  logger: Logger;
  /** The other features: their sub-commands and help lines plug into `/coordo`. */
  features: readonly SlackFeature[];
  /** How long a question waits before the "working" reaction shows (default 700 ms: no flicker on quick answers). */
  progressDelayMs?: number;
}

/** Normalised sub-command word: lowercase, no accents. */
const commandWord = (word: string) => foldAccents(word.toLowerCase());

/** `/coordo aide`: the questions Coordo answers and every sub-command. */
export function helpText(features: readonly SlackFeature[]): string {
  const lines = [
    '**Coordo** répond aux questions des équipes de soins coordonnés (MSP, CPTS, ESP, centres de santé, DAC…), en citant ses sources.',
    '',
    'Mentionnez-moi dans un canal (@Coordo), écrivez-moi en message direct, ou tapez `/coordo <question>`. Exemples :',
    '- comment créer une MSP ?',
    '- qui a un Ordre ?',
    "- c'est quoi un DAC ?",
    '- qui peut suturer une plaie ?',
    '',
    'Je ne réponds pas aux questions cliniques sur un patient. Dans un fil, je tiens compte des messages précédents.',
    '',
    '**Commandes**',
    '- `/coordo <question>` : réponse visible de vous seul, avec un bouton pour la partager dans le canal',
    '- `/coordo aide` : cette aide',
    ...features.flatMap((f) => f.help ?? []).map((line) => `- ${line}`),
  ];
  return lines.join('\n');
}

/**
 * The built-in Slack behaviour: answers @mentions and direct messages in their
 * thread (with the thread as context), routes `/coordo` (sub-commands of the
 * features, `aide`, else a question answered ephemerally) and shares an
 * ephemeral answer in the channel.
 */
export function questionsFeature(deps: QuestionsDeps): SlackFeature {
  const { engine, answers, dedup, logger } = deps;
  const progressDelayMs = deps.progressDelayMs ?? PROGRESS_DELAY_MS;
  const subcommands = new Map<string, (ctx: SlashContext) => Promise<void>>();
  for (const feature of deps.features) {
    for (const [word, run] of Object.entries(feature.subcommands ?? {})) subcommands.set(commandWord(word), run);
  }
  const help = helpText(deps.features);

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

  async function answerMessage(client: WebClient, context: Context, event: MessageEvent, eventId: string | undefined): Promise<void> {
    if (!event.user || event.bot_id || event.subtype === 'bot_message') return;
    if (!dedup.claim(messageKey(event.channel, event.ts), eventId)) {
      logger.info('slack.duplicate_ignored', { channel: event.channel, event: eventId, retry: context.retryNum });
      return;
    }
    const started = Date.now();
    const threadTs = event.thread_ts ?? event.ts;
    const progress = showProgress(client, event.channel, event.ts);
    try {
      const history = event.thread_ts
        ? await threadHistory(client, { channel: event.channel, threadTs, beforeTs: event.ts }, { userId: context.botUserId, botId: context.botId }, logger)
        : [];
      const reply = await engine.handle({
        text: plainText(event.text, context.botUserId),
        conversation: { platform: 'slack', userId: event.user, channelId: event.channel, threadId: threadTs },
        history,
        command: false,
      });
      await postReply(client, reply, { channel: event.channel, user: event.user, threadTs, direct: event.channel_type === 'im' });
      logger.info('slack.answered', { channel: event.channel, kind: reply.kind, citations: reply.citations.length, turns: history.length, ms: Date.now() - started });
    } catch (error) {
      logger.error('slack.answer_failed', { channel: event.channel, error: errorName(error) });
      try {
        await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: ERROR_TEXT });
      } catch (postError) {
        logger.error('slack.error_post_failed', { channel: event.channel, error: errorName(postError) });
      }
    } finally {
      await progress.done();
    }
  }

  async function postReply(client: WebClient, reply: Reply, where: { channel: string; user: string; threadTs: string; direct: boolean }): Promise<void> {
    const answerId = RATED.has(reply.kind) ? answers.save(reply, { channelId: where.channel, userId: where.user, threadTs: where.threadTs }) : undefined;
    const message = renderReply(reply, { answerId, feedback: answerId !== undefined });
    if (reply.ephemeral && !where.direct) {
      await client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, ...message });
    } else {
      await client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, unfurl_links: false, unfurl_media: false, ...message });
    }
    try {
      for (const file of reply.files ?? []) {
        await client.filesUploadV2({ channel_id: where.channel, thread_ts: where.threadTs, file: file.content, filename: file.name });
      }
    } catch (error) {
      logger.warn('slack.files_not_delivered', { channel: where.channel, files: reply.files?.length ?? 0, error: errorName(error) });
      const notice = deps.features.map((f) => f.filesNotDelivered?.(reply) ?? null).find((r) => r !== null) ?? textReply('error', FILES_NOT_DELIVERED);
      await client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, ...renderReply(notice) });
    }
  }

  async function answerCommand(text: string, ctx: SlashContext): Promise<void> {
    const reply = await engine.handle({
      text,
      conversation: { platform: 'slack', userId: ctx.userId, channelId: ctx.channelId },
      command: true,
    });
    const answerId = RATED.has(reply.kind) ? answers.save(reply, { channelId: ctx.channelId, userId: ctx.userId }) : undefined;
    const message = renderReply(reply, { answerId, feedback: answerId !== undefined, share: SHAREABLE.has(reply.kind) });
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
        const answerId = RATED.has(reply.kind) ? answers.save(reply, { channelId, userId: body.user.id }) : undefined;
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply, { answerId, feedback: answerId !== undefined, share: SHAREABLE.has(reply.kind) }) });
      } else {
        await postReply(client, reply, { channel: channelId, user: body.user.id, threadTs, direct: body.channel?.name === 'directmessage' });
      }
      logger.info('slack.suggestion_asked', { channel: channelId, kind: reply.kind });
    } catch (error) {
      logger.error('slack.suggestion_failed', { channel: channelId, error: errorName(error) });
      await respond({ response_type: 'ephemeral', replace_original: false, text: ERROR_TEXT });
    }
  }

  async function share(body: BlockAction, action: ButtonAction, client: WebClient, respond: RespondFn): Promise<void> {
    const answer = answers.get(action.value ?? '');
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!answer || answer.channelId !== channelId) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: "Je ne retrouve pas cette réponse : reposez la question avec `/coordo`." });
      return;
    }
    if (answer.userId !== body.user.id) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'Seule la personne qui a posé la question peut partager cette réponse.' });
      return;
    }
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
    register(app: App) {
      app.event('app_mention', async ({ event, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(event);
        if (!parsed.success) return logger.warn('slack.event_unreadable', { type: 'app_mention' });
        await answerMessage(client, context, parsed.data, body.event_id);
      });

      app.message(async ({ message, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(message);
        if (!parsed.success) return logger.debug('slack.message_skipped', { reason: 'unreadable' });
        const event = parsed.data;
        // Direct messages only (channels go through app_mention); plain user messages only.
        if (event.channel_type !== 'im' || (event.subtype !== undefined && event.subtype !== 'thread_broadcast')) return;
        await answerMessage(client, context, event, body.event_id);
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
