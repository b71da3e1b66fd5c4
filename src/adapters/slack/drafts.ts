import { z } from 'zod';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { checkText } from '../../engine/engine.ts';
import { IncomingMessageSchema } from '../../engine/message.ts';
import type { Reply } from '../../engine/reply.ts';
import type { Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { conversationMigrations } from '../../store/conversation-migrations.ts';
import { EventDedup } from '../../store/handled-events.ts';
import { truncate } from '../../text/truncate.ts';
import type { Draft } from '../../workflows/drafts/draft.ts';
import type { DraftHandler } from '../../workflows/drafts/handler.ts';
import { draftInteractions } from '../../workflows/drafts/interactions.ts';
import { START_FAILED, startInThread } from '../../workflows/drafts/start.ts';
import { draftPeople } from '../../workflows/drafts/people.ts';
import type { DraftWorkflow } from '../../workflows/drafts/workflow.ts';
import { withDeleteAdvice } from '../../core/reply-effect.ts';
import { slackFeatureOf } from './core-feature.ts';
import { slackErrorCode } from './errors.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { plainText } from './message-text.ts';
import { slackFormat } from './markup.ts';
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
    const { client, channelId: channel, userId } = ctx;
    const started = await startInThread(workflow, { title: ctx.args.trim(), author: { userId }, key: { platform: 'slack', channelId: channel } }, {
      async postRoot() {
        // Written in mrkdwn here (not through renderReply, which escapes « < »): the mention names who started it.
        const text = truncate(`📝 *Protocole local en préparation : ${escapeMrkdwn(ctx.args.trim())}*\n\nLancé par <@${userId}>. L’équipe le rédige dans le fil de ce message.`, 3000);
        const root = await client.chat.postMessage({ channel, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
        if (!root.ts) throw new Error('no ts');
        return root.ts;
      },
      removeRoot: async (ts) => void (await client.chat.delete({ channel, ts })),
      postInThread: (ts, reply) => postInThread(client, reply, { key: { platform: 'slack', channelId: channel, threadId: ts } }, userId),
      rootFailed: (error) => {
        const code = slackErrorCode(error);
        return code === 'not_in_channel' || code === 'channel_not_found'
          ? 'Je ne peux pas écrire dans ce canal : invitez-moi avec `/invite @Coordo`, puis relancez `/coordo protocole <titre>`.'
          : START_FAILED;
      },
    }, slackFormat, logger);
    await ctx.respond({ response_type: 'ephemeral', ...('reply' in started ? renderReply(started.reply) : { text: started.text }) });
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
