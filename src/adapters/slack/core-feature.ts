import type { App, BlockAction, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Effect, NotOpened } from '../../core/effect.ts';
import type { Actor, Interaction, Place } from '../../core/interaction.ts';
import { prefixOf, type CoreFeature, type Router } from '../../core/router.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import type { OutboxRow } from '../../store/outbox.ts';
import type { SendResult } from '../../store/outbox-worker.ts';
import type { DeliveryPlan } from '../../core/delivery.ts';
import type { FormSpec } from '../../core/form.ts';
import type { Formatter } from '../../core/markup.ts';
import type { SlackEffectHandler } from './delivery.ts';
import { tellInDm } from './direct-message.ts';
import type { SlackDelivery, SlackFeature, SlashContext } from './feature.ts';
import { SLACK_PLATFORM, slackFormat } from './markup.ts';
import { cardBlocks, textSections } from './render-card.ts';
import { slackErrorCode } from './errors.ts';
import { postReply } from './post-reply.ts';
import { modalOf, valuesOf } from './render-form.ts';
import { openView } from './single-attempt.ts';

/** Where an interaction came from, to run its effects: who, the trigger of a form, how to answer privately. */
interface Scene {
  client: WebClient;
  userId: string;
  triggerId?: string;
  /** The open modal of a live change. */
  view?: { id: string; hash?: string };
  /** A reply only the actor sees; without it, a direct message. */
  respond?: (message: { text: string; blocks?: KnownBlock[] }) => Promise<unknown>;
}

const actor = (userId: string, name?: string): Actor => ({ platform: 'slack', userId, ...(name ? { name } : {}) });

/**
 * A core feature in Slack: its `/coordo` commands, and Bolt listeners for every
 * action, modal and shortcut id it owns (`<feature>_…`), each translated into an
 * Interaction for the router, whose effects are rendered as Block Kit and run.
 */
export function slackFeatureOf(router: Router, feature: CoreFeature, options: { logger: Logger; effects?: Record<string, SlackEffectHandler> }): SlackFeature {
  const { logger } = options;
  const owned = new RegExp(`^${prefixOf(feature)}`);
  let delivery: SlackDelivery | undefined;

  async function privately(scene: Scene, text: string, blocks: KnownBlock[] = [], place?: Place): Promise<void> {
    const message = { text, ...(blocks.length > 0 ? { blocks } : {}) };
    if (place?.conversationId) await scene.client.chat.postEphemeral({ channel: place.conversationId, user: scene.userId, thread_ts: place.threadId, ...message });
    else if (scene.respond) await scene.respond(message);
    else await tellInDm(scene.client, logger, scene.userId, text, { failure: `${feature.name}.dm_failed` });
  }

  async function run(effect: Effect, scene: Scene): Promise<void> {
    switch (effect.kind) {
      case 'reply':
        await privately(scene, effect.text, [...(effect.card ? cardBlocks(effect.card) : []), ...(effect.sections ?? []).flatMap(textSections)], effect.place);
        return;
      case 'open_form':
        try {
          if (!scene.triggerId) throw new Error('no trigger to open a form');
          const opened = await openView(scene.client, { trigger_id: scene.triggerId, view: modalOf(effect.form) });
          if (effect.notOpened.opened) logger.info(effect.notOpened.opened.event, effect.notOpened.opened.meta);
          if (!effect.refine) return;
          const viewId = opened.view?.id;
          if (!viewId) throw new Error('views.open returned no view id');
          const better = await effect.refine();
          if (better) await update(scene.client, { id: viewId, hash: opened.view?.hash }, better, 'info');
        } catch (error) {
          await failed(scene, effect.notOpened, error);
        }
        return;
      case 'update_form':
        if (!scene.view) return;
        try {
          const shown = await scene.client.views.update({ view_id: scene.view.id, ...(scene.view.hash ? { hash: scene.view.hash } : {}), view: modalOf(effect.form) });
          const better = effect.refine ? await effect.refine() : null;
          if (better) await scene.client.views.update({ view_id: scene.view.id, ...(shown.view?.hash ? { hash: shown.view.hash } : {}), view: modalOf(better) });
        } catch (error) {
          // Closed, or typed on meanwhile (hash_conflict: a newer update is on its way).
          if (effect.notUpdated) await failed(scene, effect.notUpdated, error);
          else logger.debug(`${feature.name}.form_not_updated`, { error: errorName(error) });
        }
        return;
      case 'post': {
        const { filesFailed } = effect;
        const where = { channel: effect.place.conversationId, threadTs: effect.place.threadId, user: scene.userId };
        const tell = async (): Promise<void> => {
          logger.warn(`${feature.name}.export_not_delivered`, {});
          if (filesFailed) await privately(scene, filesFailed());
        };
        await postReply(scene.client, where, effect.reply, filesFailed && tell);
        return;
      }
      case 'continue':
        for (const next of await effect.run()) await run(next, scene);
        return;
      case 'notice':
        await tellInDm(scene.client, logger, effect.to.userId, effect.text, { failure: `${feature.name}.notice_failed` });
        return;
      case 'deliver':
        await delivery?.drain().catch((error: unknown) => logger.warn(`${feature.name}.delivery_failed`, { error: errorName(error) }));
        return;
      case 'form_errors':
        return;
    }
  }

  /** A form the platform would not open or update: logged by name, and the actor told. */
  async function failed(scene: Scene, what: NotOpened, error: unknown): Promise<void> {
    logger[what.level ?? 'warn'](what.event, { ...what.meta, error: errorName(error) });
    const text = slackErrorCode(error) === 'expired_trigger_id' && what.expired ? what.expired : what.text;
    if (text) await privately(scene, text, [], what.place);
  }

  /** Replace an open modal; it may be closed, or typed on (hash_conflict: a newer update is on its way). */
  async function update(client: WebClient, view: { id: string; hash?: string }, form: FormSpec, level: 'info' | 'debug'): Promise<void> {
    try {
      await client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: modalOf(form) });
    } catch (error) {
      logger[level](`${feature.name}.form_not_updated`, { error: errorName(error) });
    }
  }

  async function handle(interaction: Interaction, scene: Scene): Promise<void> {
    for (const effect of await router.route(interaction, SLACK_PLATFORM)) await run(effect, scene);
  }

  const commands = Object.fromEntries(
    Object.keys(feature.commands ?? {}).map((word) => [
      word,
      (ctx: SlashContext) =>
        handle(
          { kind: 'command', actor: actor(ctx.userId), command: word, args: ctx.args, place: { conversationId: ctx.channelId } },
          { client: ctx.client, userId: ctx.userId, triggerId: ctx.triggerId, respond: (m) => ctx.respond({ response_type: 'ephemeral', ...m }) },
        ),
    ]),
  );

  return {
    name: feature.name,
    subcommands: commands,
    help: feature.help,
    effects: options.effects,
    register(app: App, appDelivery: SlackDelivery) {
      delivery = appDelivery;
      app.action<BlockAction>(owned, async ({ ack, body, action, client, respond }) => {
        await ack();
        const scene: Scene = { client, userId: body.user.id, triggerId: body.trigger_id, respond: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }) };
        const value =
          ('selected_option' in action && action.selected_option ? action.selected_option.value : 'value' in action && typeof action.value === 'string' ? action.value : '') ?? '';
        const { view } = body;
        if (view) {
          const inForm = { ...scene, view: { id: view.id, hash: view.hash } };
          const form = { formId: view.callback_id, metadata: view.private_metadata, values: valuesOf(view.state?.values) };
          if (action.type !== 'button') {
            await handle({ kind: 'form_change', actor: actor(body.user.id), formId: view.callback_id, fieldId: action.block_id, value, metadata: view.private_metadata }, inForm);
            return;
          }
          await handle({ kind: 'action', actor: actor(body.user.id), actionId: action.action_id, value, place: {}, form }, inForm);
          return;
        }
        const place = { conversationId: body.channel?.id ?? body.container?.channel_id };
        await handle({ kind: 'action', actor: actor(body.user.id), actionId: action.action_id, value, place }, scene);
      });

      app.view<ViewSubmitAction>(owned, async ({ ack, body, view, client }) => {
        const submit: Interaction = {
          kind: 'form_submit',
          actor: actor(body.user.id, body.user.name),
          formId: view.callback_id,
          values: valuesOf(view.state.values),
          metadata: view.private_metadata,
          submissionId: `slack:${body.team?.id ?? '-'}:${view.id}`,
        };
        let effects: Effect[];
        try {
          effects = await router.route(submit, SLACK_PLATFORM);
        } catch (error) {
          await ack();
          throw error;
        }
        const refused = effects.find((e) => e.kind === 'form_errors');
        await ack(refused ? { response_action: 'errors', errors: refused.errors } : undefined);
        for (const effect of effects) await run(effect, { client, userId: body.user.id });
      });

      app.shortcut<MessageShortcut>(owned, async ({ ack, shortcut, client }) => {
        await ack();
        const interaction: Interaction = { kind: 'shortcut', actor: actor(shortcut.user.id), shortcutId: shortcut.callback_id, text: shortcut.message.text ?? '' };
        // A shortcut has no response URL: what only the actor may see goes in a direct message.
        await handle(interaction, { client, userId: shortcut.user.id, triggerId: shortcut.trigger_id });
      });
    },
  };
}

const gone: SendResult = { status: 'failed', error: 'request_not_found' };

/** The outbox effects of a workflow whose plan is neutral: rendered as Block Kit and sent. */
export function plannedEffects(types: readonly string[], plan: (row: OutboxRow, fmt: Formatter) => DeliveryPlan): Record<string, SlackEffectHandler> {
  const handler: SlackEffectHandler = async (row, tools) => {
    const planned = plan(row, slackFormat);
    switch (planned.kind) {
      case 'gone':
        return gone;
      case 'post_card': {
        const lead: KnownBlock[] = planned.lead ? [{ type: 'section', text: { type: 'mrkdwn', text: planned.lead } }] : [];
        const posted = await tools.post({ text: planned.text, blocks: [...lead, ...cardBlocks(planned.card)] });
        return { status: 'delivered', also: () => planned.posted(posted) };
      }
      case 'update_card':
        await tools.client.chat.update({ channel: planned.ref.channel, ts: planned.ref.ts, text: planned.text, blocks: cardBlocks(planned.card) });
        return { status: 'delivered' };
      case 'post_text':
        await tools.post({ text: planned.text });
        return { status: 'delivered' };
    }
  };
  return Object.fromEntries(types.map((type) => [type, handler]));
}
