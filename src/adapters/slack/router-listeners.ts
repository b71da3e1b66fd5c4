import type { App, BlockAction, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import type { Actor, Interaction } from '../../core/interaction.ts';
import { prefixOf, type Router } from '../../core/router.ts';
import { escapeRegExp } from '../../text/escape-regexp.ts';
import { routedEffects, type RunEffect } from '../shared/run-effects.ts';
import { SLACK_PLATFORM } from './markup.ts';
import { valuesOf } from './render-form.ts';
import { coreActionId } from './render.ts';
import type { Scene } from './run-effects.ts';

const actor = (userId: string, name?: string): Actor => ({ platform: 'slack', userId, ...(name ? { name } : {}) });

/** What a button, select or input of a block action carries. */
function actionValue(action: BlockAction['actions'][number]): string {
  if ('selected_option' in action && action.selected_option) return action.selected_option.value ?? '';
  return 'value' in action && typeof action.value === 'string' ? action.value : '';
}

/** A block action: a button (in a message, or in an open form with its values), or a live change of a form's field. */
function blockInteraction(body: BlockAction, action: BlockAction['actions'][number]): Extract<Interaction, { kind: 'action' | 'form_change' }> {
  const value = actionValue(action);
  const { view } = body;
  const by = actor(body.user.id);
  if (view && action.type !== 'button') return { kind: 'form_change', actor: by, formId: view.callback_id, fieldId: action.block_id, value, metadata: view.private_metadata };
  const clicked = { kind: 'action' as const, actor: by, actionId: coreActionId(action.action_id), value };
  if (view) return { ...clicked, place: {}, form: { formId: view.callback_id, metadata: view.private_metadata, values: valuesOf(view.state?.values) } };
  // A public message's thread (an ephemeral one, only the actor sees, has none).
  const message = body.container?.is_ephemeral === true ? undefined : body.message;
  const place = { conversationId: body.channel?.id ?? body.container?.channel_id, ...(message ? { threadId: message.thread_ts ?? message.ts } : {}) };
  return { ...clicked, place, ...(message ? { messageId: message.ts } : {}) };
}

/**
 * The app's router in Slack: Bolt listeners for every action, modal and
 * shortcut id a core feature owns (by its prefix), each translated into an
 * Interaction for the router, whose effects are rendered as Block Kit and run.
 */
export function routerListeners(app: App, router: Router, run: RunEffect<Scene>) {
  const escaped = router.features.map((feature) => escapeRegExp(prefixOf(feature)));
  const owned = new RegExp(`^(?:${escaped.join('|')})`);
  const handle = routedEffects(router, SLACK_PLATFORM, run);
  const known = (id: string) => router.owner(id) !== undefined;

  app.action<BlockAction>(owned, async ({ ack, body, action, client, respond }) => {
    const interaction = blockInteraction(body, action);
    if (!known(interaction.kind === 'action' ? interaction.actionId : interaction.formId)) return;
    await ack();
    const scene: Scene = {
      client,
      userId: body.user.id,
      triggerId: body.trigger_id,
      respond: (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }),
      dismiss: () => respond({ delete_original: true }),
    };
    await handle(interaction, body.view ? { ...scene, view: { id: body.view.id, hash: body.view.hash } } : scene);
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
    // A failure is acknowledged all the same (the modal closes), then logged by the app's error handler.
    const effects = await router.route(submit, SLACK_PLATFORM).catch(async (error: unknown) => {
      await ack();
      throw error;
    });
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
  return handle;
}
