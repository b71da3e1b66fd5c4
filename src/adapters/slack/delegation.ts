import type { App, BlockAction, BlockPlainTextInputAction, ButtonAction, MessageShortcut, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config/env.ts';
import type { Registries } from '../../domain/registry.ts';
import { patientDataProblem } from '../../llm/patient-data-guard.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { parisDay } from '../../workflows/delegation/calendar.ts';
import { delegationCatalog, type DelegationCatalog } from '../../workflows/delegation/catalog.ts';
import { MAX_ACTS_CHARS, parseDraft } from '../../workflows/delegation/draft-schema.ts';
import { delegationMigrations } from '../../workflows/delegation/migrations.ts';
import { ACTIONS, type DelegationAction } from '../../workflows/delegation/model.ts';
import { OPEN_FORM_ACTION, readPrefill } from '../../workflows/delegation/open-form-button.ts';
import { prefillFromText, type DelegationFieldsReader, type FormInitial } from '../../workflows/delegation/prefill.ts';
import { doneText, failureText, historyLine, openListText } from '../../workflows/delegation/presenter.ts';
import { isRequestId } from '../../workflows/delegation/request-id.ts';
import { DelegationService, type TransitionCommand, type TransitionOutcome } from '../../workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../workflows/delegation/sqlite-repository.ts';
import { commentPolicy, type ProfessionGroups } from '../../workflows/delegation/state-machine.ts';
import { cardDelivery } from './delegation-cards.ts';
import { ACTS_ACTION, COMMENT_CALLBACK, FORM_CALLBACK, MESSAGE_SHORTCUT, TRANSITION_ACTION, transitionActionId, UNKNOWN_ACTION } from './delegation-ids.ts';
import { ButtonValueSchema, CommentMetadataSchema, elementOf, readForm } from './delegation-payloads.ts';
import { cardText, commentView, formView, readingView, requestBlocks, slackFormat, textSections } from './delegation-views.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { parseJson } from './text.ts';
import { tellInDm } from './direct-message.ts';
import { slackPeople, type SlackPeople } from './people.ts';
import { openView } from './single-attempt.ts';

export interface DelegationFeatureDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** Config.requestsChannel: where cards are posted; without it, one DM to each délégué (named user, profession group members). */
  requestsChannel?: string;
  /** Config.professionGroups */
  professionGroups: ProfessionGroups;
  logger: Logger;
  /** The optional model step that pre-fills the form from a message (only with a chat model). */
  fieldsReader?: DelegationFieldsReader;
  now?: () => Date;
}

const FORM_NOT_OPENED = "Je n'ai pas pu ouvrir le formulaire de demande de délégation. Réessayez dans un instant.";
const COMMENT_NOT_OPENED = "Je n'ai pas pu ouvrir la fenêtre de commentaire : l'action n'a pas été effectuée. Réessayez dans un instant.";
const INVALID_ID = 'Numéro de demande invalide : le format est DEL-AAAA-NNNN (par exemple DEL-2026-0001).';
export const GUEST_REFUSAL =
  'Les comptes invités ne peuvent pas faire de demande de délégation ni y répondre : demandez à un membre de l’équipe de le faire.';
export const UNCHECKED_REFUSAL = "Je n’ai pas pu vérifier auprès de Slack vos droits sur les demandes de délégation : l'action n'a pas été effectuée. Réessayez dans un instant.";

/**
 * The delegation feature wired on the app's database (its tables are migrated
 * here if needed) and the loaded registries: what the composition root adds to
 * `createSlackApp({ features })`.
 */
export function createDelegationFeature(deps: {
  db: Db;
  registries: Registries;
  config: Pick<Config, 'requestsChannel' | 'professionGroups'>;
  logger: Logger;
  fieldsReader?: DelegationFieldsReader;
}): SlackFeature {
  migrate(deps.db, delegationMigrations);
  const groups = deps.config.professionGroups;
  return delegationFeature({
    service: new DelegationService(new SqliteDelegationRepository(deps.db), groups),
    catalog: delegationCatalog(deps.registries),
    requestsChannel: deps.config.requestsChannel,
    professionGroups: groups,
    logger: deps.logger,
    fieldsReader: deps.fieldsReader,
  });
}

/**
 * Delegation requests in Slack: `/coordo demande` (form, or one request with its
 * history), `/coordo demandes` (my open requests), the « Faire une demande »
 * button of lookup answers, a message shortcut, the request cards with their
 * buttons (updated in place on each change), and the comment modal.
 */
export function delegationFeature(deps: DelegationFeatureDeps): SlackFeature {
  const { service, catalog, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const cards = cardDelivery(deps);
  const refuseText = (text: string): string | null => patientDataProblem(text, 'store');
  /** Slack accounts (guests), looked up with the app's client once registered. */
  let people: SlackPeople | undefined;
  /** Requests whose cards this process is posting: a re-sent form waits for them instead of posting twice. */
  const delivering = new Set<string>();

  const formFor = (initial: FormInitial, readByModel = false): ModalView =>
    formView(catalog, { initial, suggestions: initial.acts ? catalog.suggestProtocols(initial.acts) : [], today: parisDay(now()), readByModel });

  async function openForm(client: WebClient, triggerId: string, initial: FormInitial): Promise<void> {
    await openView(client, { trigger_id: triggerId, view: formFor(initial) });
  }

  /**
   * The form opened on a message's text. Offline: the text as acts, with the
   * matching protocols suggested. With a model: a waiting view at once, then the
   * form pre-filled from what the model read (nothing stored), or the offline
   * pre-fill when it read nothing usable.
   */
  async function openFormOnText(client: WebClient, triggerId: string, text: string): Promise<void> {
    const reader = deps.fieldsReader;
    if (!reader) return openForm(client, triggerId, { acts: text });
    const opened = await openView(client, { trigger_id: triggerId, view: readingView() });
    const viewId = opened.view?.id;
    if (!viewId) throw new Error('views.open returned no view id');
    const read = await prefillFromText(reader, catalog, text, parisDay(now()));
    logger.info('delegation.prefill', { source: read ? 'model' : 'offline', fields: read ? Object.keys(read).join(',') : undefined });
    const view = read ? formFor({ ...read, acts: read.acts ?? text }, true) : formFor({ acts: text });
    try {
      await client.views.update({ view_id: viewId, ...(opened.view?.hash ? { hash: opened.view.hash } : {}), view });
    } catch (error) {
      // Closed by the user while the model was reading.
      logger.info('delegation.prefill_not_shown', { error: errorName(error) });
    }
  }

  /** Why this user may not create or answer requests (a French sentence), or null: Slack guests are refused, and so is everyone when Slack cannot tell. */
  async function guestRefusal(userId: string): Promise<string | null> {
    if (people === undefined) throw new Error('delegation feature used before register()');
    const person = await people.lookup(userId);
    const refusal = person === null ? UNCHECKED_REFUSAL : person.readOnly ? GUEST_REFUSAL : null;
    if (refusal !== null) logger.warn('delegation.guest_refused', { user: userId, checked: person !== null });
    return refusal;
  }

  /** Log a change or its refusal, and update the cards and tell the other party when something changed. */
  async function report(client: WebClient, command: TransitionCommand, outcome: TransitionOutcome): Promise<void> {
    if (!outcome.ok) {
      const meta = { user: command.actorUserId, action: command.action, request: outcome.request?.id, reason: outcome.reason };
      if (outcome.reason === 'not_found' || outcome.reason === 'forbidden') logger.warn('delegation.action_refused', meta);
      else logger.info('delegation.action_refused', meta);
      return;
    }
    if (outcome.replayed) return;
    logger.info('delegation.transition', {
      request: outcome.request.id,
      action: command.action,
      from: outcome.entry.from ?? undefined,
      to: outcome.entry.to,
      version: outcome.request.version,
    });
    await cards.changed(client, outcome);
  }

  const outcomeText = (outcome: TransitionOutcome, action: DelegationAction): string =>
    outcome.ok ? doneText(outcome.request, action, outcome.replayed) : failureText(outcome.reason, outcome.request);

  async function onButton(body: BlockAction, button: ButtonAction, client: WebClient, respond: RespondFn): Promise<void> {
    const say = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const action = ACTIONS.find((a) => transitionActionId(a) === button.action_id);
    const value = ButtonValueSchema.safeParse(parseJson(button.value));
    if (action === undefined || !value.success) {
      logger.warn('delegation.tampered_payload', { user: body.user.id, action: button.action_id });
      await say(failureText('tampered'));
      return;
    }
    const guest = await guestRefusal(body.user.id);
    if (guest !== null) {
      await say(guest);
      return;
    }
    const command = { requestId: value.data.id, action, actorUserId: body.user.id, expectedVersion: value.data.v };
    const refused = service.precheck(command);
    if (refused !== null) {
      await report(client, command, refused);
      await say(outcomeText(refused, action));
      return;
    }
    const request = service.find(command.requestId);
    if (request !== undefined && commentPolicy(action) !== 'none') {
      try {
        await openView(client, { trigger_id: body.trigger_id, view: commentView(request, action) });
      } catch (error) {
        logger.warn('delegation.comment_form_failed', { request: request.id, action, error: errorName(error) });
        await say(COMMENT_NOT_OPENED);
      }
      return;
    }
    const outcome = service.transition(command);
    await report(client, command, outcome);
    await say(outcomeText(outcome, action));
  }

  async function showRequest(ctx: SlashContext, id: string): Promise<void> {
    const viewed = service.view(id, ctx.userId);
    if (!viewed.ok) {
      const text =
        viewed.reason === 'not_found'
          ? `Aucune demande ${id}. Vos demandes en cours : \`/coordo demandes\`.`
          : `La demande ${id} ne vous concerne pas : seuls le demandeur et le délégué peuvent la consulter.`;
      if (viewed.reason === 'forbidden') logger.warn('delegation.view_refused', { user: ctx.userId, request: id });
      await ctx.respond({ response_type: 'ephemeral', text });
      return;
    }
    const history = viewed.history.map((entry) => `• ${historyLine(entry, slackFormat)}`).join('\n');
    await ctx.respond({ response_type: 'ephemeral', text: cardText(viewed.request), blocks: [...requestBlocks(viewed.request, catalog), ...textSections(`*Historique*\n${history}`)] });
  }

  async function demande(ctx: SlashContext): Promise<void> {
    const id = ctx.args.toUpperCase();
    if (isRequestId(id)) {
      await showRequest(ctx, id);
      return;
    }
    if (id.startsWith('DEL-')) {
      await ctx.respond({ response_type: 'ephemeral', text: INVALID_ID });
      return;
    }
    try {
      await (ctx.args ? openFormOnText(ctx.client, ctx.triggerId, ctx.args) : openForm(ctx.client, ctx.triggerId, {}));
    } catch (error) {
      logger.warn('delegation.form_open_failed', { error: errorName(error) });
      await ctx.respond({ response_type: 'ephemeral', text: FORM_NOT_OPENED });
    }
  }

  async function demandes(ctx: SlashContext): Promise<void> {
    const text = openListText(service.listOpen(ctx.userId), catalog, slackFormat);
    await ctx.respond({ response_type: 'ephemeral', text, blocks: textSections(text) });
  }

  return {
    name: 'delegation',
    subcommands: { demande, demandes },
    help: [
      '`/coordo demande` : demander une délégation d’actes (protocole de coopération) à un collègue ou à une profession',
      '`/coordo demande DEL-AAAA-NNNN` : le détail d’une demande et son historique',
      '`/coordo demandes` : vos demandes en cours, envoyées et reçues',
    ],
    register(app: App) {
      people = slackPeople(app.client, logger);
      app.action<BlockAction<ButtonAction>>(OPEN_FORM_ACTION, async ({ ack, body, action, client, respond }) => {
        await ack();
        try {
          await openForm(client, body.trigger_id, readPrefill(action.value));
        } catch (error) {
          logger.warn('delegation.form_open_failed', { error: errorName(error) });
          await respond({ response_type: 'ephemeral', replace_original: false, text: FORM_NOT_OPENED });
        }
      });

      app.shortcut<MessageShortcut>(MESSAGE_SHORTCUT, async ({ ack, shortcut, client }) => {
        await ack();
        try {
          const text = shortcut.message.text?.slice(0, MAX_ACTS_CHARS).trim();
          await (text ? openFormOnText(client, shortcut.trigger_id, text) : openForm(client, shortcut.trigger_id, {}));
        } catch (error) {
          logger.warn('delegation.form_open_failed', { source: 'shortcut', error: errorName(error) });
          // The shortcut has no response URL: the failure is told in a DM.
          await tellInDm(client, logger, shortcut.user.id, `${FORM_NOT_OPENED} Vous pouvez aussi taper \`/coordo demande\`.`, { failure: 'delegation.dm_failed' });
        }
      });

      // Acts typed in the form: suggest the matching protocols, keeping what was entered.
      app.action<BlockPlainTextInputAction>(ACTS_ACTION, async ({ ack, body, action, client }) => {
        await ack();
        if (!body.view) return;
        const acts = action.value ?? '';
        const view = formView(catalog, { initial: { ...readPrefill(body.view.private_metadata), acts }, suggestions: catalog.suggestProtocols(acts), today: parisDay(now()) });
        try {
          await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
        } catch (error) {
          // hash_conflict: the user typed on, a newer update is on its way.
          logger.debug('delegation.suggestions_not_updated', { error: errorName(error) });
        }
      });

      app.view<ViewSubmitAction>(FORM_CALLBACK, async ({ ack, body, view, client }) => {
        const result = parseDraft(readForm(view.state.values), {
          delegantUserId: body.user.id,
          catalog,
          groups: deps.professionGroups,
          today: parisDay(now()),
          refuseText,
        });
        if (!result.ok) {
          logger.info('delegation.form_invalid', { user: body.user.id, fields: Object.keys(result.errors).join(',') });
          await ack({ response_action: 'errors', errors: result.errors });
          return;
        }
        const refusal = await guestRefusal(body.user.id);
        if (refusal !== null) {
          await ack({ response_action: 'errors', errors: { delegueUserId: refusal } });
          return;
        }
        const { request, created } = service.create(result.draft, `slack:${body.team?.id ?? '-'}:${view.id}`);
        // Stored but never delivered (the process stopped between the two): deliver now, unless this process is at it.
        const undelivered = !created && request.cards.length === 0 && !delivering.has(request.id);
        if (!created) logger.info('delegation.duplicate_submission', { request: request.id, user: body.user.id, redeliver: undelivered });
        if (!created && !undelivered) {
          await ack();
          return;
        }
        delivering.add(request.id);
        try {
          await ack();
          if (created) logger.info('delegation.created', { request: request.id, user: body.user.id });
          await cards.deliver(client, request);
        } finally {
          delivering.delete(request.id);
        }
      });

      app.action<BlockAction<ButtonAction>>(TRANSITION_ACTION, async ({ ack, body, action, client, respond }) => {
        await ack();
        await onButton(body, action, client, respond);
      });

      app.action<BlockAction>(UNKNOWN_ACTION, async ({ ack, body, respond }) => {
        await ack();
        logger.warn('delegation.tampered_payload', { user: body.user.id, action: 'unknown' });
        await respond({ response_type: 'ephemeral', replace_original: false, text: failureText('tampered') });
      });

      app.view<ViewSubmitAction>(COMMENT_CALLBACK, async ({ ack, body, view, client }) => {
        const metadata = CommentMetadataSchema.safeParse(parseJson(view.private_metadata));
        if (!metadata.success) {
          logger.warn('delegation.tampered_payload', { user: body.user.id, action: COMMENT_CALLBACK });
          await ack({ response_action: 'errors', errors: { comment: failureText('tampered') } });
          return;
        }
        const comment = elementOf(view.state.values, 'comment')?.value ?? undefined;
        const refusal = comment === undefined ? null : refuseText(comment);
        if (refusal !== null) {
          await ack({ response_action: 'errors', errors: { comment: refusal } });
          return;
        }
        const guest = await guestRefusal(body.user.id);
        if (guest !== null) {
          await ack({ response_action: 'errors', errors: { comment: guest } });
          return;
        }
        const { id, v, action } = metadata.data;
        const command = { requestId: id, action, actorUserId: body.user.id, expectedVersion: v, comment };
        const outcome = service.transition(command);
        await ack(outcome.ok ? undefined : { response_action: 'errors', errors: { comment: failureText(outcome.reason, outcome.request) } });
        await report(client, command, outcome);
      });
    },
  };
}
