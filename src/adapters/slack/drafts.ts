import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../engine/reply.ts';
import { truncate } from '../../text/truncate.ts';
import { draftChat, type DraftChatDeps } from '../../workflows/drafts/chat.ts';
import { startInThread } from '../../workflows/drafts/start.ts';
import { notInChannelError } from './errors.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { MessageEventSchema } from './message-event.ts';
import { plainText } from './message-text.ts';
import { SLACK_INVITE, slackFormat } from './markup.ts';
import { postReply } from './post-reply.ts';
import { renderReply } from './render.ts';

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
      by: async () => slackFormat.mention(userId),
      async postRoot(written) {
        // Written in mrkdwn here (not through renderReply, which escapes « < »): the mention names who started it.
        const text = truncate(written, 3000);
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
    filesNotDelivered: drafts.filesNotDelivered,
    subcommands: { protocole: startFromCommand },
    register(app: App) {
      app.message(async ({ message, body, client, context }) => {
        const parsed = MessageEventSchema.safeParse(message);
        if (!parsed.success) return;
        const { user, thread_ts: threadTs, ...event } = parsed.data;
        // Plain user replies in channel threads; direct messages go through the questions feature.
        if (!user || !threadTs || event.channel_type === 'im' || event.bot_id !== undefined || event.subtype !== undefined) return;
        if (context.botUserId && event.text.includes(`<@${context.botUserId}>`)) return; // answered as app_mention
        const key = { platform: 'slack' as const, channelId: event.channel, threadId: threadTs };
        const text = plainText(event.text, context.botUserId).trim();
        const reply = await drafts.threadReply({ key, userId: user, text, written: event.text, claim: `draft-reply:${event.channel}:${event.ts}`, eventId: body.event_id });
        if (reply) await postInThread(client, reply, { channel: event.channel, threadTs, user });
      });
    },
  };
}
