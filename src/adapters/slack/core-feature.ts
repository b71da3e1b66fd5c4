import type { App, BlockAction, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import type { Effect } from '../../core/effect.ts';
import type { Actor, Interaction } from '../../core/interaction.ts';
import { prefixOf, type CoreFeature, type Router } from '../../core/router.ts';
import type { Logger } from '../../log/logger.ts';
import type { SlackEffectHandler } from './delivery.ts';
import type { SlackDelivery, SlackFeature, SlashContext } from './feature.ts';
import { SLACK_PLATFORM } from './markup.ts';
import { valuesOf } from './render-form.ts';
import { effectRunner, type Scene } from './run-effects.ts';

const actor = (userId: string, name?: string): Actor => ({ platform: 'slack', userId, ...(name ? { name } : {}) });

/** What a button, select or input of a block action carries. */
function actionValue(action: BlockAction['actions'][number]): string {
  if ('selected_option' in action && action.selected_option) return action.selected_option.value ?? '';
  return 'value' in action && typeof action.value === 'string' ? action.value : '';
}

/** A block action: a button (in a message, or in an open form with its values), or a live change of a form's field. */
function blockInteraction(body: BlockAction, action: BlockAction['actions'][number]): Interaction {
  const value = actionValue(action);
  const { view } = body;
  if (view && action.type !== 'button') {
    return { kind: 'form_change', actor: actor(body.user.id), formId: view.callback_id, fieldId: action.block_id, value, metadata: view.private_metadata };
  }
  const form = view && { formId: view.callback_id, metadata: view.private_metadata, values: valuesOf(view.state?.values) };
  const place = { conversationId: body.channel?.id ?? body.container?.channel_id };
  return { kind: 'action', actor: actor(body.user.id), actionId: action.action_id, value, place: form ? {} : place, ...(form ? { form } : {}) };
}

/**
 * A core feature in Slack: its `/coordo` commands, and Bolt listeners for every
 * action, modal and shortcut id it owns (its prefix), each translated into an
 * Interaction for the router, whose effects are rendered as Block Kit and run.
 */
export function slackFeatureOf(feature: CoreFeature, options: { logger: Logger; effects?: Record<string, SlackEffectHandler> }): SlackFeature {
  const owned = new RegExp(`^${prefixOf(feature)}`);
  let delivery: SlackDelivery | undefined;
  let router: Router | undefined;
  const run = effectRunner(feature.name, options.logger, () => delivery);

  async function handle(interaction: Interaction, scene: Scene): Promise<void> {
    for (const effect of await routed(interaction)) await run(effect, scene);
  }

  function routed(interaction: Interaction): Promise<Effect[]> {
    if (!router) throw new Error(`${feature.name}: used before the app registered it`);
    return router.route(interaction, SLACK_PLATFORM);
  }

  const command = (word: string) => (ctx: SlashContext) =>
    handle(
      { kind: 'command', actor: actor(ctx.userId), command: word, args: ctx.args, place: { conversationId: ctx.channelId } },
      { client: ctx.client, userId: ctx.userId, triggerId: ctx.triggerId, respond: (m) => ctx.respond({ response_type: 'ephemeral', ...m }) },
    );

  function register(app: App, appDelivery: SlackDelivery, appRouter: Router): void {
    delivery = appDelivery;
    router = appRouter;
    app.action<BlockAction>(owned, async ({ ack, body, action, client, respond }) => {
      await ack();
      const scene: Scene = { client, userId: body.user.id, triggerId: body.trigger_id, respond: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }) };
      await handle(blockInteraction(body, action), body.view ? { ...scene, view: { id: body.view.id, hash: body.view.hash } } : scene);
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
        effects = await routed(submit);
      } catch (error) {
        await ack();
        throw error;
      }
      // Slack wants the answer within 3 s: field errors with it, the rest after.
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
  }

  return {
    name: feature.name,
    core: feature,
    subcommands: Object.fromEntries(Object.keys(feature.commands ?? {}).map((word) => [word, command(word)])),
    help: feature.help,
    effects: options.effects,
    register,
  };
}
