import crypto from 'node:crypto';
import type { Engine } from '../../engine/engine.ts';
import { isHelpRequest } from '../../engine/help-handler.ts';
import { commandWord, helpText } from '../../workflows/questions/help.ts';
import { textReply, type Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { AnswerStore } from '../../store/answers.ts';
import type { SqliteOutbox } from '../../store/outbox.ts';
import type { OutboxWorker } from '../../store/outbox-worker.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { REPLY_EFFECT, ReplyEffectSchema, storedReply } from '../../core/reply-effect.ts';
import { AnswerDesk } from '../../workflows/questions/desk.ts';
import { statusOf, type MattermostClient } from './client.ts';
import type { MattermostEffectHandler } from './delivery.ts';
import type { ActionContext, ActionResponse, CommandContext, CommandResponse, MattermostFeature } from './feature.ts';
import { postHistory, type Bot } from './history.ts';
import { plainText } from './post-text.ts';
import { ACTION_SHARE, ACTION_SUGGESTION, renderReply, type ActionLinks, type RenderOptions } from './render.ts';
import { PostSchema, type MattermostPost, type PostedEvent } from './socket.ts';

const ERROR_TEXT = "Désolé, je n'ai pas pu répondre à cause d'une erreur technique. Réessayez dans un instant.";
/** What every Mattermost pending-question key starts with. */
export const QUESTION_KEY_PREFIX = 'mattermost:';
const questionKey = (postId: string) => `${QUESTION_KEY_PREFIX}${postId}`;

export const NOT_YET_ACTION = "Ce bouton ouvre une fonction qui n'est pas encore disponible dans Mattermost.";

/** A person's post: not Coordo's, not another bot's or a webhook's, not a system message. */
export function byPerson(post: MattermostPost, me: Bot): boolean {
  if (post.user_id === me.userId || post.type !== '') return false;
  return post.props?.from_bot !== 'true' && post.props?.from_webhook !== 'true';
}

export interface QuestionsDeps {
  engine: Engine;
  answers: AnswerStore;
  outbox: SqliteOutbox;
  logger: Logger;
  client: MattermostClient;
  links: ActionLinks;
  /** The other features: their sub-commands and help lines plug into `/coordo`. */
  features: readonly MattermostFeature[];
}

export interface Questions {
  feature: MattermostFeature;
  /** A `posted` event: answered when it is a mention or a direct message, once; a person's post is also given to each feature. */
  onPosted(event: PostedEvent): Promise<void>;
  /** The `/coordo` command (token already checked). */
  command(ctx: CommandContext & { text: string }): Promise<CommandResponse>;
  /** Once connected: the questions a crash left acknowledged but unanswered, read again and answered. */
  answerPending(): Promise<void>;
  use(bot: Bot, worker: OutboxWorker): void;
}

/**
 * The built-in Mattermost behaviour: answers @mentions in their thread and
 * direct messages (with the thread or conversation as context), routes
 * `/coordo` (sub-commands, `aide`, else a question answered ephemerally with a
 * share button), shares an ephemeral answer, asks a suggested question.
 */
export function createQuestions(deps: QuestionsDeps): Questions {
  const { engine, answers, logger, client, links } = deps;
  const desk = new AnswerDesk(answers, deps.outbox);
  let bot: Bot | undefined;
  let worker: OutboxWorker | undefined;
  const subcommands = new Map<string, (ctx: CommandContext) => Promise<CommandResponse>>();
  for (const feature of deps.features) {
    for (const [word, run] of Object.entries(feature.subcommands ?? {})) subcommands.set(commandWord(word), run);
  }
  const help = helpText(deps.features.flatMap((f) => f.help ?? []));

  /** Whether Coordo answers this post: a person's mention of the bot, or a direct message to it. */
  function addressed(event: PostedEvent, me: Bot): boolean {
    return byPerson(event.post, me) && (event.channelType === 'D' || event.mentions.includes(me.userId));
  }

  async function onPosted(event: PostedEvent): Promise<void> {
    const me = bot;
    if (!me || !byPerson(event.post, me)) return;
    for (const feature of deps.features) {
      await feature.onPersonPost?.(event, me).catch((error: unknown) => logger.error('mattermost.feature_post_failed', { feature: feature.name, error: errorName(error) }));
    }
    if (!addressed(event, me)) return;
    const { post } = event;
    const key = questionKey(post.id);
    const question: QuestionRef = { channel: post.channel_id, ts: post.id, ...(post.root_id ? { threadTs: post.root_id } : {}), userId: post.user_id, direct: event.channelType === 'D' };
    if (!desk.claim(key, question)) {
      logger.info('mattermost.duplicate_ignored', { channel: post.channel_id, post: post.id });
      return;
    }
    try {
      await answer(me, key, question, post);
    } finally {
      desk.done(key);
    }
  }

  async function answer(me: Bot, key: string, question: QuestionRef, post: MattermostPost): Promise<void> {
    const started = Date.now();
    const { channel, userId, direct } = question;
    // In a direct message Coordo answers in the conversation (or the thread it was asked in); elsewhere in the post's thread.
    const rootId = question.threadTs ?? (direct ? undefined : post.id);
    try {
      const history =
        question.threadTs || direct ? await postHistory(client, { rootId: question.threadTs, channelId: channel, before: { id: post.id, createAt: post.create_at } }, me, logger) : [];
      const reply = await engine.handle({
        text: plainText(post.message, me.username),
        conversation: { platform: 'mattermost', userId, channelId: channel, ...(rootId ? { threadId: rootId } : {}) },
        history,
        command: false,
      });
      const outboxKey = desk.recordAnswer(key, reply, { channelId: channel, userId, ...(rootId ? { threadId: rootId } : {}), direct, text: post.message });
      try {
        await worker?.drain();
      } finally {
        desk.forget(outboxKey);
      }
      logger.info('mattermost.answered', { channel, kind: reply.kind, citations: reply.citations.length, turns: history.length, ms: Date.now() - started });
    } catch (error) {
      logger.error('mattermost.answer_failed', { channel, error: errorName(error) });
      try {
        await client.createPost({ channel_id: channel, message: ERROR_TEXT, ...(rootId ? { root_id: rootId } : {}) });
      } catch (postError) {
        logger.error('mattermost.error_post_failed', { channel, error: errorName(postError) });
      }
    }
  }

  /** The reply effect as Mattermost delivers it: its files uploaded first, then the post (exactly once). */
  const deliverReply: MattermostEffectHandler = async (row, tools) => {
    const effect = ReplyEffectSchema.parse(row.effect);
    const reply = storedReply(effect);
    const channelId = await tools.channel();
    const threadId = row.target.kind === 'thread' ? row.target.threadId : undefined;
    const fileIds = reply.files?.length ? await client.uploadFiles(channelId, reply.files) : [];
    const options: RenderOptions = { channelId, answerId: effect.answerId, feedback: effect.answerId !== undefined, ...(threadId ? { threadId } : {}) };
    await tools.post({ ...renderReply(reply, links, options), fileIds });
    return { status: 'delivered' };
  };

  async function answerPending(): Promise<void> {
    const me = bot;
    if (!me) return;
    for (const question of desk.left(QUESTION_KEY_PREFIX)) {
      const key = questionKey(question.ts);
      if (!desk.claim(key, question)) continue;
      let post: MattermostPost;
      try {
        post = PostSchema.parse(await client.getPost(question.ts));
      } catch (error) {
        desk.done(key);
        // Deleted or unreadable: left pending for the next start.
        logger.warn('mattermost.pending_unreadable', { channel: question.channel, status: statusOf(error), error: errorName(error) });
        continue;
      }
      logger.info('mattermost.pending_answered', { channel: question.channel });
      try {
        await answer(me, key, question, post);
      } finally {
        desk.done(key);
      }
    }
  }

  function ephemeral(reply: Reply, options: RenderOptions): CommandResponse {
    const message = renderReply(reply, links, options);
    return { response_type: 'ephemeral', text: message.message, ...(message.props ? { attachments: message.props.attachments } : {}) };
  }

  async function answerCommand(text: string, ctx: CommandContext): Promise<CommandResponse> {
    const reply = await engine.handle({ text, conversation: { platform: 'mattermost', userId: ctx.userId, channelId: ctx.channelId }, command: true });
    const { answerId, shareable } = desk.privateAnswer(reply, { channelId: ctx.channelId, userId: ctx.userId });
    logger.info('mattermost.command_answered', { channel: ctx.channelId, kind: reply.kind, citations: reply.citations.length });
    return ephemeral(reply, { channelId: ctx.channelId, answerId, feedback: answerId !== undefined, share: shareable, askerId: ctx.userId });
  }

  async function command(ctx: CommandContext & { text: string }): Promise<CommandResponse> {
    const text = ctx.text.trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const word = commandWord(first);
    const sub = { ...ctx, args: rest.join(' ').trim() };
    try {
      if (isHelpRequest(word)) return ephemeral(textReply('help', help), { channelId: ctx.channelId });
      const run = subcommands.get(word);
      if (run) {
        logger.info('mattermost.subcommand', { name: word, user: ctx.userId });
        return await run(sub);
      }
      return await answerCommand(text, sub);
    } catch (error) {
      logger.error('mattermost.command_failed', { name: isHelpRequest(word) ? 'aide' : subcommands.has(word) ? word : 'question', error: errorName(error) });
      return { response_type: 'ephemeral', text: ERROR_TEXT };
    }
  }

  /** « Partager dans le canal »: the stored answer posted in its channel (the signed context already binds it to the asker). */
  async function share(ctx: ActionContext): Promise<ActionResponse> {
    const shared = desk.share(typeof ctx.payload.answerId === 'string' ? ctx.payload.answerId : '', ctx.channelId, ctx.userId);
    if (!shared.ok) return { ephemeral_text: shared.text };
    const { answer } = shared;
    const user = await client.getUser(ctx.userId).catch(() => null);
    const message = renderReply(answer.reply, links, { channelId: answer.channelId, answerId: answer.id, feedback: true, context: `@${user?.username ?? 'quelqu’un'} a partagé une réponse de Coordo` });
    try {
      await client.createPost({ channel_id: answer.channelId, ...message });
    } catch (error) {
      const status = statusOf(error);
      logger.warn('mattermost.share_failed', { channel: answer.channelId, status, error: errorName(error) });
      return { ephemeral_text: status === 403 ? "Je ne peux pas écrire dans ce canal : ajoutez-moi au canal (`/invite @coordo`), puis cliquez à nouveau sur « Partager dans le canal »." : "Le partage a échoué à cause d'une erreur technique. Réessayez dans un instant." };
    }
    logger.info('mattermost.shared', { channel: answer.channelId, answer: answer.id });
    return { update: { message: '_Réponse partagée dans le canal._', props: { attachments: [] } } };
  }

  /** A « Voulez-vous dire » button: the question asked for whoever pressed it, in the thread it was shown in (else in place of the ephemeral answer). */
  async function askSuggestion(ctx: ActionContext): Promise<ActionResponse> {
    const question = typeof ctx.payload.question === 'string' ? ctx.payload.question : '';
    const threadId = typeof ctx.payload.threadId === 'string' ? ctx.payload.threadId : undefined;
    if (!question) return { ephemeral_text: ERROR_TEXT };
    const reply = await engine.handle({ text: question, conversation: { platform: 'mattermost', userId: ctx.userId, channelId: ctx.channelId, ...(threadId ? { threadId } : {}) }, command: !threadId });
    logger.info('mattermost.suggestion_asked', { channel: ctx.channelId, kind: reply.kind });
    if (!threadId) {
      const { answerId, shareable } = desk.privateAnswer(reply, { channelId: ctx.channelId, userId: ctx.userId });
      const message = renderReply(reply, links, { channelId: ctx.channelId, answerId, feedback: answerId !== undefined, share: shareable, askerId: ctx.userId });
      return { update: { message: message.message, props: message.props ?? { attachments: [] } } };
    }
    const key = `suggestion:${ctx.postId}:${crypto.createHash('sha256').update(question).digest('hex').slice(0, 16)}:${ctx.userId}`;
    desk.recordInThread(key, reply, { channelId: ctx.channelId, userId: ctx.userId, threadId });
    await worker?.drain();
    return {};
  }

  return {
    feature: {
      name: 'questions',
      effects: { [REPLY_EFFECT]: deliverReply },
      actions: { [ACTION_SHARE]: share, [ACTION_SUGGESTION]: askSuggestion },
    },
    onPosted,
    command,
    answerPending,
    use(me, appWorker) {
      bot = me;
      worker = appWorker;
    },
  };
}
