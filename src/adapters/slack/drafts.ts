import { z } from 'zod';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../engine/reply.ts';
import { truncate } from '../../text/truncate.ts';
import { draftChat, type DraftChatDeps } from '../../workflows/drafts/chat.ts';
import { startInThread } from '../../workflows/drafts/start.ts';
import { notInChannelError } from './errors.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { plainText } from './message-text.ts';
import { SLACK_INVITE, slackFormat } from './markup.ts';
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

/**
 * Protocol drafts on Slack: `/coordo protocole <titre>` posts a root message and
 * opens the draft in its thread; plain replies in a draft thread fill sections
 * without mentioning Coordo. The buttons and forms are the neutral feature
 * (src/workflows/drafts/chat.ts) behind the Slack translator.
 */
export function draftsFeature(deps: DraftChatDeps): SlackFeature {
  const { workflow, logger } = deps;
  const drafts = draftChat(deps);

  /** A reply in the draft's thread (an ephemeral one only to `user`); an export whose files do not get through is released. */
  function postInThread(client: WebClient, reply: Reply, where: { channel: string; threadTs: string; user: string }): Promise<void> {
    return postReply(client, where, reply, async () => {
      await client.chat.postEphemeral({ channel: where.channel, user: where.user, thread_ts: where.threadTs, text: drafts.exportNotDelivered(reply) });
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
      postInThread: (ts, reply) => postInThread(client, reply, { channel, threadTs: ts, user: userId }),
      notInChannel: notInChannelError,
      invite: SLACK_INVITE,
    }, slackFormat, logger);
    await ctx.respond({ response_type: 'ephemeral', ...('reply' in started ? renderReply(started.reply) : { text: started.text }) });
  }

  return {
    name: 'drafts',
    core: drafts.feature,
    filesNotDelivered: (reply) => (workflow.holdsExport(reply) ? workflow.exportFailed(reply) : null),
    subcommands: { protocole: startFromCommand },
    register(app: App) {
      app.message(async ({ message, body, client, context }) => {
        const parsed = ThreadReplySchema.safeParse(message);
        if (!parsed.success) return;
        const event = parsed.data;
        // Plain user replies in channel threads; direct messages go through the questions feature.
        if (event.channel_type === 'im' || event.bot_id !== undefined || event.subtype !== undefined) return;
        if (context.botUserId && event.text.includes(`<@${context.botUserId}>`)) return; // answered as app_mention
        const key = { platform: 'slack' as const, channelId: event.channel, threadId: event.thread_ts };
        const text = plainText(event.text, context.botUserId).trim();
        const reply = await drafts.threadReply({ key, userId: event.user, text, written: event.text, claim: `draft-reply:${event.channel}:${event.ts}`, eventId: body.event_id });
        if (reply) await postInThread(client, reply, { channel: event.channel, threadTs: event.thread_ts, user: event.user });
      });
    },
  };
}
