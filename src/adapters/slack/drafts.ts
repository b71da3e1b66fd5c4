import { z } from 'zod';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { checkText } from '../../engine/engine.ts';
import { IncomingMessageSchema } from '../../engine/message.ts';
import type { Reply } from '../../engine/reply.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { conversationMigrations } from '../../store/conversation-migrations.ts';
import { EventDedup } from '../../store/handled-events.ts';
import { truncate } from '../../text/truncate.ts';
import type { Author, Draft } from '../../workflows/drafts/draft.ts';
import type { DraftHandler } from '../../workflows/drafts/handler.ts';
import { draftInteractions } from '../../workflows/drafts/interactions.ts';
import { openStarted, START_FAILED } from '../../workflows/drafts/start.ts';
import { draftPeople } from '../../workflows/drafts/people.ts';
import type { DraftWorkflow } from '../../workflows/drafts/workflow.ts';
import { withDeleteAdvice } from '../../core/reply-effect.ts';
import { slackFeatureOf } from './core-feature.ts';
import { slackErrorCode } from './errors.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { plainText } from './message-text.ts';
import { postReply } from './post-reply.ts';
import { escapeMrkdwn, renderReply } from './render.ts';

/** A plain user reply in a channel thread (mentions go through app_mention). */
const ThreadReplySchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string(),
  ts: z.string().min(1),
  thread_ts: z.string().min(1),
  channel_type: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

export interface DraftsFeatureDeps {
  workflow: DraftWorkflow;
  handler: DraftHandler;
  /** The database the Slack app was created with (its handled-events table). */
  db: Db;
  logger: Logger;
}


/**
 * Protocol drafts on Slack: `/coordo protocole <titre>` posts a root message and
 * opens the draft in its thread; plain replies in a draft thread fill sections
 * without mentioning Coordo. The buttons and forms are the neutral feature
 * (src/workflows/drafts/interactions.ts) behind the Slack translator.
 */
export function draftsFeature({ workflow, handler, db, logger }: DraftsFeatureDeps): SlackFeature {
  const { service } = workflow;
  migrate(db, conversationMigrations);
  const dedup = new EventDedup(db);
  const interactions = draftInteractions({ workflow, dedup: () => dedup, logger });
  const slack = slackFeatureOf(interactions, { logger });

  /** A reply in the draft's thread (an ephemeral one only to `user`); an export whose files do not get through is released. */
  function postInThread(client: WebClient, reply: Reply, draft: Pick<Draft, 'key'>, user: string): Promise<void> {
    const where = { channel: draft.key.channelId, threadTs: draft.key.threadId, user };
    return postReply(client, where, reply, async () => {
      logger.warn('drafts.export_not_delivered', {});
      await client.chat.postEphemeral({ channel: where.channel, user, thread_ts: where.threadTs, text: workflow.exportFailed(reply).text });
    });
  }

  async function startFromCommand(ctx: SlashContext): Promise<void> {
    const title = ctx.args.trim();
    const author: Author = { userId: ctx.userId };
    // Checked once, before anything is posted: a refused start leaves nothing in the channel.
    const check = await workflow.checkStart(title, author, 'slack');
    if (!check.ok) {
      await ctx.respond({ response_type: 'ephemeral', ...renderReply(check.reply) });
      return;
    }
    let rootTs: string;
    try {
      // Written in mrkdwn here (not through renderReply, which escapes « < »): the mention names who started it.
      const text = `📝 *Protocole local en préparation : ${escapeMrkdwn(title)}*\n\nLancé par <@${ctx.userId}>. L’équipe le rédige dans le fil de ce message.`;
      const root = await ctx.client.chat.postMessage({
        channel: ctx.channelId,
        text: truncate(text, 3000),
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }],
      });
      if (!root.ts) throw new Error('no ts');
      rootTs = root.ts;
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn('drafts.root_post_failed', { channel: ctx.channelId, error: errorName(error) });
      const text =
        code === 'not_in_channel' || code === 'channel_not_found'
          ? 'Je ne peux pas écrire dans ce canal : invitez-moi avec `/invite @Coordo`, puis relancez `/coordo protocole <titre>`.'
          : START_FAILED;
      await ctx.respond({ response_type: 'ephemeral', text });
      return;
    }
    const { draft, reply } = await openStarted(check, { platform: 'slack', channelId: ctx.channelId, threadId: rootTs }, logger);
    if (!draft) {
      // No draft behind the root message: take it back rather than leave an empty « en préparation » in the channel.
      await ctx.client.chat.delete({ channel: ctx.channelId, ts: rootTs }).catch((error: unknown) => {
        logger.warn('drafts.root_delete_failed', { channel: ctx.channelId, error: errorName(error) });
      });
      await ctx.respond({ response_type: 'ephemeral', ...renderReply(reply) });
      return;
    }
    await postInThread(ctx.client, reply, draft, ctx.userId);
    logger.info('drafts.started', { draftId: draft.id, platform: 'slack' });
    await ctx.respond({ response_type: 'ephemeral', text: `Brouillon « ${escapeMrkdwn(title)} » ouvert : la suite se passe dans le fil du message que je viens de poster.` });
  }

  return {
    ...slack,
    filesNotDelivered: (reply) => (workflow.holdsExport(reply) ? workflow.exportFailed(reply) : null),
    subcommands: { protocole: startFromCommand },
    register(app: App, delivery, router, people) {
      // The engine's draft handler shares this workflow: guests are refused there too, and names are resolved.
      workflow.usePeople('slack', draftPeople(people));
      slack.register(app, delivery, router, people);
      app.message(async ({ message, body, client, context }) => {
        const parsed = ThreadReplySchema.safeParse(message);
        if (!parsed.success) return;
        const event = parsed.data;
        // Plain user replies in channel threads; direct messages go through the questions feature.
        if (event.channel_type === 'im' || event.bot_id !== undefined || event.subtype !== undefined) return;
        if (context.botUserId && event.text.includes(`<@${context.botUserId}>`)) return; // answered as app_mention
        const input = IncomingMessageSchema.safeParse({
          text: plainText(event.text, context.botUserId).trim(),
          conversation: { platform: 'slack', userId: event.user, channelId: event.channel, threadId: event.thread_ts },
        });
        if (!input.success || checkText(input.data.text) !== null) return;
        const draft = service.find({ platform: 'slack', channelId: event.channel, threadId: event.thread_ts });
        if (!draft) return;
        if (!dedup.claim(`draft-reply:${event.channel}:${event.ts}`, body.event_id)) return;
        const handled = await handler.handleThreadReply(input.data);
        if (!handled) return;
        // A refused identifier stays visible in the channel's thread: its author is told to delete the message.
        await postInThread(client, withDeleteAdvice(handled, event.text), draft, event.user);
      });
    },
  };
}
