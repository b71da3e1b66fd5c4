import type { App, BlockAction, BlockPlainTextInputAction, ButtonAction, MessageShortcut, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../../config/env.ts';
import type { Registries } from '../../domain/registry.ts';
import { patientDataProblem } from '../../privacy/patient-data-guard.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { SqliteOutbox } from '../../store/outbox.ts';
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
import { delegationEffects } from './delegation-cards.ts';
import { ACTS_ACTION, COMMENT_CALLBACK, FORM_CALLBACK, MESSAGE_SHORTCUT, TRANSITION_ACTION, transitionActionId, UNKNOWN_ACTION } from './delegation-ids.ts';
import { ButtonValueSchema, CommentMetadataSchema, elementOf, readForm } from './delegation-payloads.ts';
import { cardText, commentView, formView, readingView, requestBlocks, slackFormat, textSections } from './delegation-views.ts';
import type { SlackDelivery, SlackFeature, SlashContext } from './feature.ts';
import { parseJson } from '../../text/parse-json.ts';
import { tellInDm } from './direct-message.ts';
import { LatePeople, slackPeople, type SlackPeople } from './people.ts';
import { openView } from './single-attempt.ts';

export interface DelegationFeatureDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** The outbox the service writes to (same database). */
  outbox: SqliteOutbox;
  /** Slack accounts, installed at register: the service asks it who is a guest. */
  people: LatePeople;
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
  const outbox = new SqliteOutbox(deps.db);
  const people = new LatePeople();
  const catalog = delegationCatalog(deps.registries);
  const repository = new SqliteDelegationRepository(deps.db);
  return delegationFeature({
    service: new DelegationService({ repository, groups, outbox, requestsChannel: deps.config.requestsChannel, members: people, catalog }),
    catalog,
    outbox,
    people,
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
  const refuseText = (text: string): string | null => patientDataProblem(text, 'store');
  /** The app's outbox delivery, once registered. */
  let delivery: SlackDelivery | undefined;
  /** Deliver what the last change owes (cards, notices): logged, never thrown, as the rows stay owed. */
  const deliver = async (): Promise<void> => {
    await delivery?.drain().catch((error: unknown) => logger.warn('delegation.delivery_failed', { error: errorName(error) }));
  };

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
    const refusal = await service.actorRefusal(userId);
    if (refusal !== null) logger.warn('delegation.guest_refused', { user: userId });
    return refusal;
  }

  /** Log a change or its refusal, and update the cards and tell the other party when something changed. */
  async function report(command: TransitionCommand, outcome: TransitionOutcome): Promise<void> {
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
    await deliver();
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
      await report(command, refused);
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
    await report(command, outcome);
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
    effects: delegationEffects({ service, catalog, outbox: deps.outbox, requestsChannel: deps.requestsChannel }),
    register(app: App, appDelivery: SlackDelivery) {
      delivery = appDelivery;
      deps.people.use(slackPeople(app.client, logger));
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
        });
        if (!result.ok) {
          logger.info('delegation.form_invalid', { user: body.user.id, fields: Object.keys(result.errors).join(',') });
          await ack({ response_action: 'errors', errors: result.errors });
          return;
        }
        const submitted = await service.submit(result.draft, `slack:${body.team?.id ?? '-'}:${view.id}`);
        if (!submitted.ok) {
          logger.warn('delegation.parties_refused', { user: body.user.id, fields: Object.keys(submitted.errors).join(',') });
          await ack({ response_action: 'errors', errors: submitted.errors });
          return;
        }
        await ack();
        const { request, created } = submitted;
        logger.info(created ? 'delegation.created' : 'delegation.duplicate_submission', { request: request.id, user: body.user.id });
        // The cards and the confirmation were written with the request: delivered now, or after a restart.
        await deliver();
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
        await report(command, outcome);
      });
    },
  };
}
