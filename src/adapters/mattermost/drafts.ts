import type { Reply } from '../../engine/reply.ts';
import { draftChat, type DraftChatDeps } from '../../workflows/drafts/chat.ts';
import { startInThread } from '../../workflows/drafts/start.ts';
import { statusOf, type MattermostClient } from './client.ts';
import type { CommandContext, CommandResponse, MattermostFeature } from './feature.ts';
import { MATTERMOST_INVITE, mattermostFormat } from './markup.ts';
import { postReply, type ThreadPlace } from './post-reply.ts';
import { plainText } from './post-text.ts';
import { renderReply, type ActionLinks } from './render.ts';

/**
 * Protocol drafts in Mattermost: `/coordo protocole <titre>` posts a root
 * message and opens the draft in its thread (`root_id`); plain replies in a
 * draft thread fill sections without mentioning Coordo (only draft commands
 * act). Buttons and dialogs are the neutral feature behind the app's router;
 * the Mattermost directory tells guests (read only) and display names.
 */
export function draftsMattermostFeature(deps: DraftChatDeps): MattermostFeature {
  const { workflow, logger } = deps;
  const drafts = draftChat(deps);
  let tools: { client: MattermostClient; links: ActionLinks } | undefined;

  /** A reply in the draft's thread; an export whose files do not get through is released, and its asker told. */
  function postInThread(client: MattermostClient, links: ActionLinks, where: ThreadPlace, reply: Reply): Promise<void> {
    return postReply(client, links, where, reply, async () => {
      await client.createPostEphemeral(where.userId, { channel_id: where.channelId, root_id: where.threadId, message: drafts.exportNotDelivered(reply) });
    });
  }

  const refusal = (reply: Reply, ctx: CommandContext): CommandResponse => ({ response_type: 'ephemeral', text: renderReply(reply, ctx.links, { channelId: ctx.channelId }).message });

  async function start(ctx: CommandContext): Promise<CommandResponse> {
    const { client, channelId, userId } = ctx;
    const started = await startInThread(workflow, { title: ctx.args.trim(), author: { userId }, key: { platform: 'mattermost', channelId } }, {
      async by() {
        const user = await client.getUser(userId).catch(() => null);
        return user ? `@${user.username}` : 'un membre de l’équipe';
      },
      postRoot: async (message) => (await client.createPost({ channel_id: channelId, message })).id,
      removeRoot: async (rootId) => void (await client.deletePost(rootId)),
      postInThread: (threadId, reply) => postInThread(client, ctx.links, { channelId, threadId, userId }, reply),
      notInChannel: (error) => statusOf(error) === 403,
      invite: MATTERMOST_INVITE,
    }, mattermostFormat, logger);
    return 'reply' in started ? refusal(started.reply, ctx) : { response_type: 'ephemeral', text: started.text };
  }

  return {
    name: 'drafts',
    core: drafts.feature,
    subcommands: { protocole: start },
    plug({ client, links }) {
      tools = { client, links };
      return {};
    },
    async onPersonPost(event, bot) {
      const { post } = event;
      // Plain replies in channel threads; mentions and direct messages are questions.
      if (!tools || !post.root_id || event.channelType === 'D' || event.mentions.includes(bot.userId)) return;
      const key = { platform: 'mattermost' as const, channelId: post.channel_id, threadId: post.root_id };
      const reply = await drafts.threadReply({ key, userId: post.user_id, text: plainText(post.message, bot.username), written: post.message, claim: `draft-reply:mattermost:${post.id}` });
      if (reply) await postInThread(tools.client, tools.links, { channelId: post.channel_id, threadId: post.root_id, userId: post.user_id }, reply);
    },
  };
}
