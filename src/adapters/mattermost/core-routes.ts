import crypto from 'node:crypto';
import { z } from 'zod';
import type { Effect } from '../../core/effect.ts';
import { localId } from '../../core/ids.ts';
import type { Actor, Interaction } from '../../core/interaction.ts';
import type { Router } from '../../core/router.ts';
import type { Logger } from '../../log/logger.ts';
import { formEffects } from '../shared/form-effects.ts';
import { postThreadReply } from '../shared/post-reply.ts';
import { effectRunner, routedEffects, type ThreadRoots } from '../shared/run-effects.ts';
import { shareAnswer, type ChannelAccess } from '../shared/share.ts';
import type { OutboxWorker } from '../../store/outbox-worker.ts';
import { statusOf, type MattermostClient } from './client.ts';
import type { ActionContext, ActionResponse, DialogContext, DialogResponse } from './callbacks.ts';
import { MATTERMOST_INVITE, MATTERMOST_PLATFORM } from './markup.ts';
import { cardAttachment } from './render-card.ts';
import { FormShapeSchema, dialogErrors, dialogOf, valuesOf } from './render-form.ts';
import { CORE_ACTION, CORE_DIALOG, renderReply, type ActionLinks, type MattermostAttachment } from './render.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP } from '../../workflows/questions/feedback.ts';
import { ACTION_ASK_SUGGESTION, ACTION_SHARE } from '../../workflows/questions/questions.ts';
import { answerButtonsOf, sharedBy } from '../../workflows/questions/answer-layout.ts';

/** The routes of answer buttons before they were core actions, and the core's id of each. */
const LEGACY_ACTIONS: Record<string, string> = { feedbackup: ACTION_FEEDBACK_UP, feedbackdown: ACTION_FEEDBACK_DOWN, share: ACTION_SHARE, suggest: ACTION_ASK_SUGGESTION };

/** How long an opened dialog may be submitted. */
const DIALOG_TTL_MS = 60 * 60 * 1000;

/** What a core button's signed context holds: the core's action id and value, and the thread of the post it is on (if any). */
const ActionPayloadSchema = z.object({ id: z.string().min(1), value: z.string(), threadId: z.string().optional() });
const DialogPayloadSchema = z.object({ formId: z.string().min(1), metadata: z.string(), nonce: z.string().min(1), shape: FormShapeSchema });

export interface CoreRoutesDeps {
  router: Router;
  client: MattermostClient;
  links: ActionLinks;
  logger: Logger;
  /** Known once the app has started. */
  runtime(): { botUserId: string; worker: OutboxWorker } | undefined;
}

/** Where an interaction came from, and what its HTTP answer gathers. */
export interface Scene {
  userId: string;
  channelId: string;
  triggerId?: string;
  /** A dialog submission's answer carries no text: what only the actor may read goes in a direct message. */
  dialog?: boolean;
  /** A button's answer replaces its post with what only the actor may read (an answer with its buttons). */
  action?: boolean;
}

export interface Outcome {
  ephemeral: string[];
  attachments: MattermostAttachment[];
  errors?: Record<string, string>;
  /** The post the action came from, replaced. */
  update?: { message: string; props: { attachments: MattermostAttachment[] } };
}

export interface CoreRoutes {
  /** Action name (`[A-Za-z0-9]+`, the URL's last part) → handler. */
  actions: Readonly<Record<string, (ctx: ActionContext) => Promise<ActionResponse>>>;
  /** Dialog name → handler of its submission. */
  dialogs: Readonly<Record<string, (ctx: DialogContext) => Promise<DialogResponse>>>;
  /** Routes an interaction and runs its effects: what its HTTP answer gathers. */
  handle(interaction: Interaction, scene: Scene): Promise<Outcome>;
}

/** A scene with the answer it gathers. */
type Staged = Scene & { out: Outcome };

const actor = (userId: string): Actor => ({ platform: 'mattermost', userId });

/**
 * The router behind Mattermost: one signed action route for the buttons of
 * every core feature, one signed dialog route for their forms; the effects rendered as Mattermost posts, dialogs and direct messages.
 */
export function coreRoutes(deps: CoreRoutesDeps): CoreRoutes {
  const { router, client, links, logger } = deps;
  const access: ChannelAccess = { notInChannel: (error) => statusOf(error) === 403, invite: MATTERMOST_INVITE };

  async function directMessage(userId: string, message: string, attachments: MattermostAttachment[] = []): Promise<void> {
    const bot = deps.runtime()?.botUserId;
    if (!bot) return;
    const channel = await client.createDirectChannel([bot, localId(userId, 'mattermost')]);
    await client.createPost({ channel_id: channel.id, message, ...(attachments.length ? { props: { attachments } } : {}) });
  }

  /** A person as a post names them: `@username`, else `unknown` (the directory could not say). */
  async function mentionOf(userId: string, unknown: string): Promise<string> {
    const user = await client.getUser(userId).catch(() => null);
    return user ? `@${user.username}` : unknown;
  }

  /** Forms as interactive dialogs, their state signed; a dialog cannot change while open. */
  const forms = formEffects<Staged, void>({
    platform: 'mattermost',
    async open(form, scene) {
      const { dialog, shape } = dialogOf(form);
      const nonce = crypto.randomUUID();
      const state = links.dialogState(CORE_DIALOG, { formId: form.id, metadata: form.metadata ?? '', nonce, shape }, { channelId: scene.channelId, userId: scene.userId, ttlMs: DIALOG_TTL_MS });
      if (!scene.triggerId) throw new Error('no trigger');
      await client.openDialog({ trigger_id: scene.triggerId, url: links.dialogUrl(CORE_DIALOG), dialog: { ...dialog, callback_id: nonce, state } });
    },
    tell: async (text, { out }) => void out.ephemeral.push(text),
    detail: (error) => ({ status: statusOf(error) }),
  }, logger);

  /** A shared answer, posted for the channel; the private original replaced by a note. */
  async function share(effect: Extract<Effect, { kind: 'share' }>, { out, userId }: Staged): Promise<void> {
    const context = sharedBy(await mentionOf(userId, 'quelqu’un'));
    const message = renderReply(effect.reply, links, { channelId: effect.conversationId, answerId: effect.answerId, feedback: true, context });
    await shareAnswer(effect, {
      post: () => client.createPost({ channel_id: effect.conversationId, ...message }),
      ...access,
      tell: async (text) => out.ephemeral.push(text),
      shared: async () => (out.update = { message: '_Réponse partagée dans le canal._', props: { attachments: [] } }),
    }, 'mattermost', logger);
  }

  /** A thread's root: a post in the channel, naming its starter by username. */
  const roots: ThreadRoots<Staged> = {
    by: async ({ userId }) => mentionOf(userId, 'un membre de l’équipe'),
    post: async (channelId, message) => (await client.createPost({ channel_id: channelId, message })).id,
    remove: async (_channelId, rootId) => void (await client.deletePost(rootId)),
    ...access,
  };

  const run = effectRunner<Staged>(
    {
      async answer(effect, { out, ...scene }) {
        const options = { channelId: scene.channelId, ...answerButtonsOf(effect), askerId: scene.userId };
        const message = renderReply(effect.reply, links, options);
        if (scene.action) out.update = { message: message.message, props: message.props ?? { attachments: [] } };
        else {
          out.ephemeral.push(message.message);
          out.attachments.push(...(message.props?.attachments ?? []));
        }
      },
      share,
      async reply(effect, { out, ...scene }) {
        const attachments = effect.card ? [cardAttachment(effect.card, links, scene.channelId)] : [];
        // What Slack shows as blocks (a request's « Historique ») is the message; its text is the fallback.
        const message = effect.sections?.length ? effect.sections.join('\n\n') : effect.text;
        if (effect.visibility === 'public') {
          const channelId = effect.place?.conversationId ?? scene.channelId;
          await client.createPost({ channel_id: channelId, message, ...(effect.place?.threadId ? { root_id: effect.place.threadId } : {}), ...(attachments.length ? { props: { attachments } } : {}) });
        } else if (scene.dialog) {
          await directMessage(scene.userId, message, attachments);
        } else {
          out.ephemeral.push(message);
          out.attachments.push(...attachments);
        }
      },
      ...forms,
      async form_errors(effect, { out }) {
        out.errors = { ...out.errors, ...effect.errors };
      },
      post(effect, scene) {
        const { conversationId: channelId, threadId } = effect.place;
        const { reply } = effect;
        const message = renderReply(reply, links, { channelId, threadId });
        // Its files uploaded first, attached to its post.
        return postThreadReply(effect, {
          ephemeral: () => client.createPostEphemeral(scene.userId, { channel_id: channelId, root_id: threadId, message: message.message }),
          async withFiles() {
            const fileIds = reply.files?.length ? await client.uploadFiles(channelId, reply.files) : [];
            await client.createPost({ channel_id: channelId, root_id: threadId, ...message, ...(fileIds.length ? { file_ids: fileIds } : {}) });
          },
          tell: (text) => client.createPostEphemeral(scene.userId, { channel_id: channelId, root_id: threadId, message: text }),
        });
      },
      notice: (effect) => directMessage(effect.to.userId, effect.text),
    },
    roots,
    { drain: () => deps.runtime()?.worker.drain(), logger, failed: 'mattermost.delivery_failed' },
  );

  const routed = routedEffects(router, MATTERMOST_PLATFORM, run);
  async function handle(interaction: Interaction, scene: Scene): Promise<Outcome> {
    const out: Outcome = { ephemeral: [], attachments: [] };
    await routed(interaction, { ...scene, out });
    return out;
  }

  async function onAction(ctx: ActionContext, payload: z.infer<typeof ActionPayloadSchema>): Promise<ActionResponse> {
    const { id, value, threadId } = payload;
    const place = { conversationId: ctx.channelId, ...(threadId ? { threadId } : {}) };
    const out = await handle(
      { kind: 'action', actor: actor(ctx.userId), actionId: id, value, place, ...(ctx.postId ? { messageId: ctx.postId } : {}) },
      { userId: ctx.userId, channelId: ctx.channelId, triggerId: ctx.triggerId, action: true },
    );
    return { ...(out.ephemeral.length ? { ephemeral_text: out.ephemeral.join('\n\n') } : {}), ...(out.update ? { update: out.update } : {}) };
  }

  /** A core button; or one of an older post, whose route named the action (its context held the answer id or the question). */
  const onCoreAction = async (ctx: ActionContext): Promise<ActionResponse> => {
    const payload = ActionPayloadSchema.safeParse(ctx.payload);
    return payload.success ? onAction(ctx, payload.data) : { ephemeral_text: "Ce bouton n'est pas valide : action refusée." };
  };
  const legacy = (id: string) => async (ctx: ActionContext) => {
    const { answerId, question, threadId } = ctx.payload;
    const value = typeof answerId === 'string' ? answerId : typeof question === 'string' ? question : '';
    return onAction(ctx, { id, value, ...(typeof threadId === 'string' ? { threadId } : {}) });
  };

  async function onDialog(ctx: DialogContext): Promise<DialogResponse> {
    const payload = DialogPayloadSchema.safeParse(ctx.payload);
    if (!payload.success || ctx.cancelled) return {};
    const { formId, metadata, nonce, shape } = payload.data;
    const out = await handle(
      { kind: 'form_submit', actor: actor(ctx.userId), formId, values: valuesOf(ctx.submission, shape), metadata, submissionId: `mattermost:${nonce}` },
      { userId: ctx.userId, channelId: ctx.channelId, dialog: true },
    );
    return out.errors ? { errors: dialogErrors(out.errors, shape) } : {};
  }

  return {
    actions: { [CORE_ACTION]: onCoreAction, ...Object.fromEntries(Object.entries(LEGACY_ACTIONS).map(([name, id]) => [name, legacy(id)])) },
    dialogs: { [CORE_DIALOG]: onDialog },
    handle,
  };
}
