import { errorName } from '../../log/logger.ts';
import { REPLY_EFFECT } from '../../core/reply-effect.ts';
import { questionsIntake, type ChatQuestions, type PersonMessage, type QuestionsDeps as SharedDeps } from '../shared/questions-intake.ts';
import { threadOf } from '../shared/outbox-sender.ts';
import { replyDelivery } from '../shared/reply-delivery.ts';
import { answerButtonsOf } from '../../workflows/questions/answer-layout.ts';
import { slashCommands, type Typed as CommandPlace } from '../shared/slash-command.ts';
import { statusOf, type MattermostClient } from './client.ts';
import type { Outcome, Scene } from './core-routes.ts';
import type { DeliveryTools } from './delivery.ts';
import type { CommandResponse } from './callbacks.ts';
import { postHistory, type Bot } from './history.ts';
import { plainText } from './post-text.ts';
import { renderReply, type ActionLinks } from './render.ts';
import { PostSchema, type MattermostPost, type PostedEvent } from './socket.ts';

export const NOT_YET_ACTION = "Ce bouton ouvre une fonction qui n'est pas encore disponible dans Mattermost.";

/** A person's post: not Coordo's, not another bot's or a webhook's, not a system message. */
export function byPerson(post: MattermostPost, me: Bot): boolean {
  if (post.user_id === me.userId || post.type !== '') return false;
  return post.props?.from_bot !== 'true' && post.props?.from_webhook !== 'true';
}

export interface QuestionsDeps extends SharedDeps<Scene, Outcome> {
  client: MattermostClient;
  links: ActionLinks;
}

/** A post heard: in a direct message or not, the users it mentions (none given for a question read again: it was addressed). */
interface Heard {
  post: MattermostPost;
  direct: boolean;
  mentions?: readonly string[];
}

/** Who typed `/coordo`, where, and the trigger a form opens with. */
type Typed = CommandPlace & { triggerId: string };

export interface QuestionsAdapter extends ChatQuestions<Bot, DeliveryTools> {
  /** A `posted` event: a mention or a direct message is routed as a message, a person's other reply in a thread as a thread message. */
  onPosted(event: PostedEvent): Promise<void>;
  /** The `/coordo` command (token already checked). */
  command(ctx: Typed & { text: string }): Promise<CommandResponse>;
}

/**
 * Questions in Mattermost: posts addressed to Coordo become message
 * interactions (with a reader of their thread or conversation), `/coordo` goes
 * to a feature's sub-command or to the router; answers owed in the outbox are
 * posted with their files.
 */
export function questionsMattermost(deps: QuestionsDeps): QuestionsAdapter {
  const { questions, logger, client, links } = deps;

  /** A post as the router takes it: to Coordo in a direct message or where it is mentioned, else a person's reply in its thread. */
  function read({ post, direct, mentions }: Heard, me: Bot): PersonMessage<Scene> | null {
    if (!byPerson(post, me)) return null;
    const question = { channel: post.channel_id, ts: post.id, ...(post.root_id ? { threadTs: post.root_id } : {}), userId: post.user_id, direct };
    const history = () => postHistory(client, { rootId: post.root_id || undefined, channelId: post.channel_id, before: { id: post.id, createAt: post.create_at } }, me, logger);
    const addressed = direct || !mentions || mentions.includes(me.userId);
    const scene = { userId: post.user_id, channelId: post.channel_id };
    return { question, written: post.message, text: plainText(post.message, me.username), addressed, key: `mattermost:${post.id}`, history, scene };
  }

  const intake = questionsIntake<Heard, Bot, Scene>({
    ...deps,
    platform: 'mattermost',
    read,
    // A post read again; undefined (left pending for the next start) when deleted or unreadable.
    async reread(question) {
      try {
        return { post: PostSchema.parse(await client.getPost(question.ts)), direct: question.direct };
      } catch (error) {
        logger.warn('mattermost.pending_unreadable', { channel: question.channel, status: statusOf(error), error: errorName(error) });
        return undefined;
      }
    },
  });

  /** The reply effect as Mattermost delivers it: its files uploaded first, then the post that attaches them (exactly once). */
  const deliverReply = replyDelivery<DeliveryTools>(questions.desk, {
    platform: 'mattermost',
    async post(reply, effect, row, tools) {
      const channelId = await tools.channel();
      const threadId = threadOf(row);
      const fileIds = reply.files?.length ? await client.uploadFiles(channelId, reply.files) : [];
      await tools.post({ ...renderReply(reply, links, { channelId, ...answerButtonsOf(effect), ...(threadId ? { threadId } : {}) }), fileIds });
    },
  }, logger);

  const command = slashCommands<Typed, CommandResponse>({
    ...deps,
    platform: 'mattermost',
    async route(interaction, ctx) {
      const out = await deps.handle(interaction, { userId: ctx.userId, channelId: ctx.channelId, triggerId: ctx.triggerId });
      return { response_type: 'ephemeral', text: out.ephemeral.join('\n\n'), ...(out.attachments.length ? { attachments: out.attachments } : {}) };
    },
    failed: async (text) => ({ response_type: 'ephemeral', text }),
  });

  return {
    effects: { [REPLY_EFFECT]: deliverReply },
    onPosted: (event) => intake.take({ post: event.post, direct: event.channelType === 'D', mentions: event.mentions }),
    command: ({ text, ...ctx }) => command(text, ctx),
    answerPending: intake.answerPending,
    use: intake.use,
  };
}
