import type { WebClient } from '@slack/web-api';
import type { Effect } from '../../core/effect.ts';
import type { Place } from '../../core/interaction.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { truncate } from '../../text/truncate.ts';
import { formEffects } from '../shared/form-effects.ts';
import { postThreadReply } from '../shared/post-reply.ts';
import { effectRunner, type ThreadRoots } from '../shared/run-effects.ts';
import { shareAnswer, type ChannelAccess } from '../shared/share.ts';
import { answerButtonsOf, sharedBy } from '../../workflows/questions/answer-layout.ts';
import { openDirectMessage, uploadFiles } from './delivery.ts';
import { notInChannelError, slackErrorCode } from './errors.ts';
import { SLACK_INVITE, slackFormat } from './markup.ts';
import { MAX_SECTION_CHARS, renderReply, section, textSections, type SlackMessage } from './render.ts';
import { cardBlocks } from './render-card.ts';
import { modalOf } from './render-form.ts';
import { openView } from './single-attempt.ts';

/** Where an interaction came from, to run its effects: who, the trigger of a form, how to answer privately. */
export interface Scene {
  client: WebClient;
  userId: string;
  triggerId?: string;
  /** The open modal the interaction came from: its id, and its hash (the version a replacement must name). */
  view?: { id: string; hash?: string };
  /** A reply only the actor sees; without it, a direct message. */
  respond?: (message: SlackMessage) => Promise<unknown>;
  /** Take back the message (only the actor saw it) the interaction came from. */
  dismiss?: () => Promise<unknown>;
}

/** Runs the router's effects in Slack. */
export function slackEffectRunner(logger: Logger, drain: () => Promise<unknown>) {
  const access: ChannelAccess = { notInChannel: notInChannelError, invite: SLACK_INVITE };

  /** A plain text to a user in a direct message; a failure is logged (`failure`), never thrown. */
  async function tellInDm(client: WebClient, userId: string, text: string, failure: string): Promise<void> {
    const told = openDirectMessage(client, userId).then((channel) => client.chat.postMessage({ channel, text, unfurl_links: false }));
    await told.catch((error: unknown) => logger.warn(failure, { user: userId, error: errorName(error) }));
  }

  /** To the actor alone: in `place` (its thread), else as the interaction answers privately, else in a direct message. */
  async function privately(scene: Scene, { text, blocks = [] }: SlackMessage, place?: Place): Promise<void> {
    const message = { text, ...(blocks.length > 0 ? { blocks } : {}) };
    if (place?.conversationId) await scene.client.chat.postEphemeral({ channel: place.conversationId, user: scene.userId, thread_ts: place.threadId, ...message });
    else if (scene.respond) await scene.respond(message);
    else await tellInDm(scene.client, scene.userId, text, 'slack.dm_failed');
  }

  /** Forms as modals: opened within the trigger's life, replaced in place by their hash. */
  const forms = formEffects<Scene, NonNullable<Scene['view']>>({
    platform: 'slack',
    async open(form, scene) {
      if (!scene.triggerId) throw new Error('no trigger to open a form');
      const opened = await openView(scene.client, { trigger_id: scene.triggerId, view: modalOf(form) });
      return opened.view?.id ? { id: opened.view.id, hash: opened.view.hash } : null;
    },
    async replace(view, form, scene) {
      const updated = await scene.client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: modalOf(form) });
      return { id: view.id, hash: updated.view?.hash };
    },
    tell: (text, scene, place) => privately(scene, { text }, place),
    expired: (error) => slackErrorCode(error) === 'expired_trigger_id',
  }, logger, (scene) => scene.view);

  /** An engine reply in its thread: a message, then its files uploaded in the thread. */
  function post(effect: Extract<Effect, { kind: 'post' }>, scene: Scene): Promise<void> {
    const { place, reply } = effect;
    const { conversationId: channel, threadId: thread_ts } = place;
    return postThreadReply(effect, {
      ephemeral: () => privately(scene, renderReply(reply), place),
      async withFiles() {
        await scene.client.chat.postMessage({ channel, thread_ts, unfurl_links: false, unfurl_media: false, ...renderReply(reply) });
        await uploadFiles(scene.client, channel, thread_ts, reply.files);
      },
      async tell(text) {
        logger.warn('slack.export_not_delivered', {});
        await privately(scene, { text });
      },
    });
  }

  /** A shared answer, posted for the channel; the private original taken back. */
  function share(effect: Extract<Effect, { kind: 'share' }>, scene: Scene): Promise<void> {
    const message = renderReply(effect.reply, { ...answerButtonsOf(effect), context: sharedBy(slackFormat.mention(scene.userId)) });
    return shareAnswer(effect, {
      post: () => scene.client.chat.postMessage({ channel: effect.conversationId, unfurl_links: false, unfurl_media: false, ...message }),
      ...access,
      tell: (text) => privately(scene, { text }),
      shared: async () => scene.dismiss?.(),
    }, 'slack', logger);
  }

  /** A thread's root, written in mrkdwn (not through renderReply, which escapes « < »): the mention names who started it. */
  const roots: ThreadRoots<Scene> = {
    by: async (scene) => slackFormat.mention(scene.userId),
    async post(channel, written, scene) {
      const text = truncate(written, MAX_SECTION_CHARS);
      const root = await scene.client.chat.postMessage({ channel, text, blocks: [section(text)] });
      if (!root.ts) throw new Error('no ts');
      return root.ts;
    },
    remove: async (channel, ts, scene) => void (await scene.client.chat.delete({ channel, ts })),
    ...access,
  };

  return effectRunner<Scene>(
    {
      async reply(effect, scene) {
        const blocks = [...(effect.card ? cardBlocks(effect.card) : []), ...(effect.sections ?? []).flatMap(textSections)];
        const channel = effect.place?.conversationId;
        if (effect.visibility === 'private' || !channel) return privately(scene, { text: effect.text, blocks }, effect.place);
        await scene.client.chat.postMessage({ channel, thread_ts: effect.place?.threadId, text: effect.text, ...(blocks.length > 0 ? { blocks } : {}) });
      },
      answer: (effect, scene) => privately(scene, renderReply(effect.reply, answerButtonsOf(effect))),
      share,
      ...forms,
      post,
      notice: (effect, scene) => tellInDm(scene.client, effect.to.userId, effect.text, 'slack.notice_failed'),
      // Answered with the submission's acknowledgement.
      form_errors: async () => {},
    },
    roots,
    { drain, logger, failed: 'slack.delivery_failed' },
  );
}
