import { z } from 'zod';
import type { App } from '@slack/bolt';
import type { ChatFeature } from '../shared/chat-core.ts';
import type { WebClient } from '@slack/web-api';
import { errorName } from '../../log/logger.ts';
import type { QuestionRef } from '../../store/pending-questions.ts';
import { REPLY_EFFECT } from '../../core/reply-effect.ts';
import { questionsIntake, type ChatQuestions, type PersonMessage, type QuestionsDeps as SharedDeps } from '../shared/questions-intake.ts';
import { threadOf } from '../shared/outbox-sender.ts';
import { replyDelivery } from '../shared/reply-delivery.ts';
import { answerButtonsOf } from '../../workflows/questions/answer-layout.ts';
import { slashCommands, type Typed as CommandPlace } from '../shared/slash-command.ts';
import { permanent, uploadFiles, type DeliveryTools } from './delivery.ts';
import { plainText } from './message-text.ts';
import { renderReply } from './render.ts';
import type { Scene } from './run-effects.ts';
import { messageText, slackHistory, type BotIdentity } from './thread-history.ts';

/** Reaction shown on a question while Coordo works on it, when the answer is not immediate. */
const WORKING_REACTION = 'hourglass_flowing_sand';

const FILES_NOT_DELIVERED = "Les fichiers de cette réponse n'ont pas pu être envoyés dans Slack (droit « files:write » ou erreur passagère). Réessayez dans un instant.";

/** The fields of a message or app_mention event Coordo uses (everything else is ignored). */
const MessageEventSchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1).optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  channel_type: z.string().optional(),
});

/** A message event as Bolt gave it: its client, whether it came as app_mention, its event's id and retry. */
interface Heard {
  event: z.infer<typeof MessageEventSchema>;
  client: WebClient;
  mention: boolean;
  id?: string;
  retry?: number;
}

/** What Coordo reads of Bolt's arguments to an event listener (app_mention, message). */
type EventArgs = { event: unknown; body: { event_id: string }; client: WebClient; context: { retryNum?: number } };

/** A `/coordo` command once acknowledged: where it was typed, and its scene (it answers privately through its response URL). */
type Typed = CommandPlace & Scene & Required<Pick<Scene, 'respond'>>;

export interface QuestionsDeps extends SharedDeps<Scene, void> {
  /** The other features: their replies' files are released when not delivered. */
  features: readonly ChatFeature[];
}

/** Before connecting, who Coordo is (from auth.test); once connected, the questions a crash left; the outbox effect of the answers owed. */
export type SlackQuestions = ChatQuestions<BotIdentity, DeliveryTools>;

/**
 * Questions in Slack (src/adapters/shared/questions-intake.ts): mentions and
 * direct messages are questions (with a reader of their thread), a person's
 * plain reply in a channel thread a thread message (what only its author may
 * read posted to them alone, in the thread), `/coordo` goes to the router;
 * answers owed in the outbox are posted, then their files.
 */
export function questionsSlack(app: App, deps: QuestionsDeps): SlackQuestions {
  const { questions, logger, handle } = deps;
  const { desk } = questions;

  async function react(client: WebClient, method: 'add' | 'remove', channel: string, timestamp: string): Promise<void> {
    await client.reactions[method]({ channel, timestamp, name: WORKING_REACTION }).catch((error: unknown) => logger.debug('slack.reaction_failed', { method, error: errorName(error) }));
  }

  /** A person's message; in a channel, a mention comes as app_mention (its message event is left out) and a plain one counts in a thread only. */
  function read({ event, client, mention, id, retry }: Heard, bot: BotIdentity): PersonMessage<Scene> | null {
    const { channel, ts, thread_ts: threadTs, user } = event;
    if (!user || event.bot_id || event.subtype === 'bot_message') return null;
    const direct = event.channel_type === 'im';
    const addressed = mention || (direct && (event.subtype === undefined || event.subtype === 'thread_broadcast'));
    if (!addressed && (direct || event.subtype !== undefined || (bot.userId && event.text.includes(`<@${bot.userId}>`)))) return null;
    const question: QuestionRef = { channel, ts, ...(threadTs ? { threadTs } : {}), userId: user, direct };
    const respond: Scene['respond'] = (m) => client.chat.postEphemeral({ channel, user, thread_ts: threadTs, ...m });
    return {
      question,
      written: event.text,
      text: plainText(event.text, bot.userId),
      addressed,
      key: `${channel}:${ts}`,
      history: () => slackHistory(client, question, bot, logger),
      scene: addressed ? { client, userId: user } : { client, userId: user, respond },
      event: { id, retry },
      progress: { show: () => react(client, 'add', channel, ts), hide: () => react(client, 'remove', channel, ts) },
    };
  }

  const intake = questionsIntake<Heard, BotIdentity, Scene>({
    ...deps,
    platform: 'slack',
    read,
    // Unreadable or deleted: left pending, for a Slack retry (which carries the text) or the next start.
    async reread(question) {
      const text = await messageText(app.client, question, logger);
      if (typeof text !== 'string') return undefined;
      const { channel, ts, threadTs: thread_ts, userId: user } = question;
      return { event: { channel, ts, thread_ts, user, text, channel_type: question.direct ? 'im' : undefined }, client: app.client, mention: true };
    },
  });

  /** The reply effect as Slack delivers it: the message, then its files uploaded in its thread. */
  const deliverReply = replyDelivery<DeliveryTools>(desk, {
    platform: 'slack',
    async post(reply, effect, _row, tools) {
      await tools.post({ ...renderReply(reply, answerButtonsOf(effect)), ephemeralTo: effect.ephemeralTo });
    },
    // Slack will never take this answer (invalid blocks…): the asker gets a plain French error instead.
    refusal: {
      matches: permanent,
      postText: async (text, effect, tools) => void (await tools.post({ text, ephemeralTo: effect.ephemeralTo })),
    },
    files: {
      upload: async (reply, row, tools) => uploadFiles(tools.client, await tools.channel(), threadOf(row), reply.files),
      features: deps.features,
      notDelivered: FILES_NOT_DELIVERED,
      async tell(asker, notice, row, tools) {
        await tools.client.chat.postEphemeral({ channel: await tools.channel(), user: asker, thread_ts: threadOf(row), ...renderReply(notice) });
      },
    },
  }, logger);

  const command = slashCommands<Typed, void>({
    ...deps,
    platform: 'slack',
    route: handle,
    failed: async (text, scene) => void (await scene.respond({ text })),
  });

  // Its Bolt listeners: mentions, direct messages and plain replies in channel threads, `/coordo`.
  const heard = (mention: boolean, unreadable: () => void) => async ({ event, body, client, context }: EventArgs) => {
    const parsed = MessageEventSchema.safeParse(event);
    if (!parsed.success) return unreadable();
    await intake.take({ event: parsed.data, client, mention, id: body.event_id, retry: context.retryNum });
  };
  app.event('app_mention', heard(true, () => logger.warn('slack.event_unreadable', { type: 'app_mention' })));
  app.message(heard(false, () => logger.debug('slack.message_skipped', { reason: 'unreadable' })));

  app.command('/coordo', async ({ command: slash, ack, respond, client }) => {
    await ack();
    const privately: Typed['respond'] = (m) => respond({ response_type: 'ephemeral', ...m });
    await command(slash.text, { userId: slash.user_id, channelId: slash.channel_id, triggerId: slash.trigger_id, client, respond: privately });
  });

  return { effects: { [REPLY_EFFECT]: deliverReply }, use: intake.use, answerPending: intake.answerPending };
}
