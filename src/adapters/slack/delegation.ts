import { z } from 'zod';
import type { App, BlockAction, BlockPlainTextInputAction, ButtonAction, MessageShortcut, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { findPatientIdentifiers, patientDataMessage } from '../../llm/patient-data-guard.ts';
import type { Config } from '../../config/env.ts';
import type { Registries } from '../../domain/registry.ts';
import { errorName, type Logger } from '../../log/logger.ts';
import { migrate, type Db } from '../../store/database.ts';
import { parisDay } from '../../workflows/delegation/calendar.ts';
import { delegationCatalog, type CatalogProtocol, type DelegationCatalog } from '../../workflows/delegation/catalog.ts';
import { MAX_ACTS_CHARS, MAX_COMMENT_CHARS, parseDraft, type DelegationField } from '../../workflows/delegation/draft-schema.ts';
import {
  ACTION_LABELS,
  ACTIONS,
  NATURE_LABELS,
  NATURES,
  NEW_LOCAL_PROTOCOL,
  SETTING_LABELS,
  SETTINGS,
  STATE_LABELS,
  type DelegationAction,
  type DelegationRequest,
  type Nature,
} from '../../workflows/delegation/model.ts';
import { OPEN_FORM_ACTION, readPrefill } from '../../workflows/delegation/open-form-button.ts';
import { prefillFromText, shortFields, type DelegationFieldsReader, type FormInitial } from '../../workflows/delegation/prefill.ts';
import { changeNotice, doneText, failureText, historyLine, openListText, parisTime, requestFields, type Formatter } from '../../workflows/delegation/presenter.ts';
import { isRequestId } from '../../workflows/delegation/request-id.ts';
import { delegationMigrations } from '../../workflows/delegation/migrations.ts';
import { DelegationService, type TransitionCommand, type TransitionOutcome } from '../../workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../workflows/delegation/sqlite-repository.ts';
import { actionsFrom, commentPolicy, type ProfessionGroups } from '../../workflows/delegation/state-machine.ts';
import type { SlackFeature, SlashContext } from './feature.ts';
import { escapeMrkdwn, splitText } from './render.ts';

/** Modal callback ids, action ids and the message shortcut this feature owns (all prefixed `delegation_`). */
export const FORM_CALLBACK = 'delegation_request_form';
export const COMMENT_CALLBACK = 'delegation_comment_form';
export const MESSAGE_SHORTCUT = 'delegation_from_message';
export const transitionActionId = (action: DelegationAction): string => `delegation_${action}`;
const ACTS_ACTION = fieldAction('acts');
const TRANSITION_ACTION = new RegExp(`^(?:${ACTIONS.map(transitionActionId).join('|')})$`);
/** Any other `delegation_…` action id: forged, or from an older version of the card; refused and logged. */
const UNKNOWN_ACTION = new RegExp(`^(?!(?:${[...ACTIONS.map(transitionActionId), OPEN_FORM_ACTION, ACTS_ACTION].join('|')})$)delegation_`);
function fieldAction(field: DelegationField): string {
  return `delegation_field_${field}`;
}

/** Slack limits: option text 75 characters, 100 options per select, 3,000 characters per section. */
const MAX_OPTION_TEXT = 75;
const MAX_SECTION = 2900;
/** A group DM holds at most 8 people. */
const MAX_GROUP_DM = 8;

export interface DelegationFeatureDeps {
  service: DelegationService;
  catalog: DelegationCatalog;
  /** Config.requestsChannel: where cards are posted; without it, in a DM to the délégué (or group DM to the profession group). */
  requestsChannel?: string;
  /** Config.professionGroups */
  professionGroups: ProfessionGroups;
  logger: Logger;
  /** The optional model step that pre-fills the form from a message (only with a chat model). */
  fieldsReader?: DelegationFieldsReader;
  now?: () => Date;
}

const slackFormat: Formatter = {
  mention: (userId) => `<@${userId}>`,
  text: escapeMrkdwn,
  bold: (text) => `*${text}*`,
};

/** What a transition button carries: the request and the version the card showed. Never trusted for rights. */
const ButtonValueSchema = z.object({ id: z.string().refine(isRequestId), v: z.number().int().min(1) });
const CommentMetadataSchema = ButtonValueSchema.extend({ action: z.enum(ACTIONS) });

const ElementStateSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const StateValuesSchema = z.record(z.string(), z.record(z.string(), ElementStateSchema));
type StateValues = z.infer<typeof StateValuesSchema>;

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const option = (value: string, text: string): PlainTextOption => ({ value, text: plain(truncate(text, MAX_OPTION_TEXT)) });

/** The state of one field's element (block id = field name); nothing when the payload is unreadable. */
function elementOf(raw: unknown, field: DelegationField): StateValues[string][string] | undefined {
  const parsed = StateValuesSchema.safeParse(raw);
  return parsed.success ? parsed.data[field]?.[fieldAction(field)] : undefined;
}

/** The submitted form, field by field, for the neutral schema to check (nothing checked yet). */
function readForm(raw: unknown): Record<DelegationField, unknown> {
  const parsed = StateValuesSchema.safeParse(raw);
  const values: StateValues = parsed.success ? parsed.data : {};
  const element = (field: DelegationField) => values[field]?.[fieldAction(field)];
  return {
    delegueUserId: element('delegueUserId')?.selected_user,
    delegueProfessionId: element('delegueProfessionId')?.selected_option?.value,
    acts: element('acts')?.value ?? '',
    natures: (element('natures')?.selected_options ?? []).map((o) => o.value),
    protocol: element('protocol')?.selected_option?.value ?? '',
    patients: element('patients')?.value ?? '',
    setting: element('setting')?.selected_option?.value,
    startDate: element('startDate')?.selected_date ?? '',
    comment: element('comment')?.value ?? undefined,
  };
}

function protocolOptionText(protocol: CatalogProtocol): string {
  return protocol.scope === 'local' && protocol.team ? `${protocol.title} (${protocol.team})` : protocol.title;
}

interface FormState {
  initial: FormInitial;
  suggestions: CatalogProtocol[];
  today: string;
  /** Pre-filled by the model from a message: the user is asked to check every field. */
  readByModel?: boolean;
}

const PREFILL_NOTE = '_Formulaire pré-rempli automatiquement d’après le message : vérifiez chaque champ avant d’envoyer._';

/** The request form. Block ids are the field names, so validation errors land next to their field. */
function formView(catalog: DelegationCatalog, state: FormState): ModalView {
  const { acts, patients, comment } = state.initial;
  const prefill = shortFields(state.initial);
  const suggested = new Set(state.suggestions.map((p) => p.id));
  const groups = [
    { label: 'Suggérés pour ces actes', protocols: state.suggestions },
    { label: 'Protocoles nationaux', protocols: catalog.protocols.filter((p) => p.scope === 'national' && !suggested.has(p.id)) },
    { label: 'Protocoles locaux enregistrés', protocols: catalog.protocols.filter((p) => p.scope === 'local' && !suggested.has(p.id)) },
  ]
    .filter((group) => group.protocols.length > 0)
    .map((group) => ({ label: plain(group.label), options: group.protocols.slice(0, 99).map((p) => option(p.id, protocolOptionText(p))) }));
  const newLocal = option(NEW_LOCAL_PROTOCOL, 'Nouveau protocole local (à rédiger)');
  const protocolGroups = [...groups, { label: plain('Autre'), options: [newLocal] }];
  const allProtocolOptions = protocolGroups.flatMap((g) => g.options);
  const initialProtocol = allProtocolOptions.find((o) => o.value === prefill.protocol);

  const professionOptions = catalog.professions.slice(0, 100).map((p) => option(p.id, p.label));
  const initialProfession = professionOptions.find((o) => o.value === prefill.profession);
  const natureOptions = NATURES.map((n) => option(n, NATURE_LABELS[n]));
  const initialNatures = natureOptions.filter((o) => prefill.natures?.includes(o.value as Nature));
  const settingOptions = SETTINGS.map((s) => option(s, SETTING_LABELS[s]));
  const initialSetting = settingOptions.find((o) => o.value === prefill.setting);

  const suggestionText =
    acts === undefined || acts.trim() === ''
      ? '_Décrivez les actes : les protocoles du registre qui leur correspondent seront suggérés dans la liste « Protocole »._'
      : state.suggestions.length === 0
        ? '_Aucun protocole du registre ne correspond à ces actes : choisissez-en un, ou « Nouveau protocole local »._'
        : `Protocoles correspondant à ces actes : ${state.suggestions.map((p) => `*${escapeMrkdwn(p.title)}*`).join(', ')}`;

  const blocks: KnownBlock[] = [
    ...(state.readByModel ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: PREFILL_NOTE }] }] : []),
    {
      type: 'input',
      block_id: 'delegueUserId',
      optional: true,
      label: plain('Délégué (membre de l’équipe)'),
      hint: plain('Un membre de l’équipe, une profession, ou les deux.'),
      element: { type: 'users_select', action_id: fieldAction('delegueUserId'), placeholder: plain('Choisir une personne') },
    },
    {
      type: 'input',
      block_id: 'delegueProfessionId',
      optional: true,
      label: plain('Profession déléguée'),
      element: {
        type: 'static_select',
        action_id: fieldAction('delegueProfessionId'),
        placeholder: plain('Choisir une profession'),
        options: professionOptions,
        ...(initialProfession ? { initial_option: initialProfession } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'acts',
      dispatch_action: true,
      label: plain('Actes à déléguer'),
      element: {
        type: 'plain_text_input',
        action_id: ACTS_ACTION,
        multiline: true,
        max_length: MAX_ACTS_CHARS,
        placeholder: plain('Ex. : test rapide angine (TROD) et prescription si positif'),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
        ...(acts ? { initial_value: acts.slice(0, MAX_ACTS_CHARS) } : {}),
      },
    },
    { type: 'context', block_id: 'delegation_suggestions', elements: [{ type: 'mrkdwn', text: suggestionText }] },
    {
      type: 'input',
      block_id: 'natures',
      label: plain('Nature des actes'),
      element: {
        type: 'checkboxes',
        action_id: fieldAction('natures'),
        options: natureOptions,
        ...(initialNatures.length > 0 ? { initial_options: initialNatures } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'protocol',
      label: plain('Protocole'),
      element: {
        type: 'static_select',
        action_id: fieldAction('protocol'),
        placeholder: plain('Choisir un protocole'),
        option_groups: protocolGroups,
        ...(initialProtocol ? { initial_option: initialProtocol } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'patients',
      label: plain('Patients concernés'),
      hint: plain('Critères (âge, situation…) : jamais de nom, de date de naissance ni de numéro de sécurité sociale.'),
      element: {
        type: 'plain_text_input',
        action_id: fieldAction('patients'),
        multiline: true,
        placeholder: plain('Ex. : adultes de 18 à 55 ans'),
        ...(patients ? { initial_value: patients } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'setting',
      label: plain('Cadre d’exercice'),
      element: {
        type: 'static_select',
        action_id: fieldAction('setting'),
        placeholder: plain('Choisir'),
        options: settingOptions,
        ...(initialSetting ? { initial_option: initialSetting } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'startDate',
      label: plain('Date de début'),
      element: { type: 'datepicker', action_id: fieldAction('startDate'), initial_date: prefill.startDate ?? state.today },
    },
    {
      type: 'input',
      block_id: 'comment',
      optional: true,
      label: plain('Commentaire'),
      element: {
        type: 'plain_text_input',
        action_id: fieldAction('comment'),
        multiline: true,
        max_length: MAX_COMMENT_CHARS,
        ...(comment ? { initial_value: comment } : {}),
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    title: plain('Demande de délégation'),
    submit: plain('Envoyer'),
    close: plain('Annuler'),
    private_metadata: JSON.stringify(prefill),
    blocks,
  };
}

/** Shown at once while the model reads the message (a trigger id expires after 3 s, the model may take longer). */
function readingView(): ModalView {
  return {
    type: 'modal',
    title: plain('Demande de délégation'),
    close: plain('Annuler'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '_Je lis le message pour pré-remplir le formulaire…_' } }],
  };
}

const COMMENT_TITLES: Record<DelegationAction, string> = {
  accept: 'Accepter',
  decline: 'Refuser la demande',
  request_info: 'Demander des précisions',
  answer_info: 'Apporter des précisions',
  withdraw: 'Retirer la demande',
  close: 'Clôturer',
};

function commentView(request: DelegationRequest, action: DelegationAction): ModalView {
  const required = commentPolicy(action) === 'required';
  const metadata: z.infer<typeof CommentMetadataSchema> = { id: request.id, v: request.version, action };
  return {
    type: 'modal',
    callback_id: COMMENT_CALLBACK,
    title: plain(truncate(COMMENT_TITLES[action], 24)),
    submit: plain('Valider'),
    close: plain('Annuler'),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Demande *${request.id}* — ${escapeMrkdwn(truncate(request.acts, 200))}` } },
      {
        type: 'input',
        block_id: 'comment',
        optional: !required,
        label: plain(required ? 'Votre message' : 'Motif (facultatif)'),
        hint: plain('Jamais de donnée permettant d’identifier un patient.'),
        element: { type: 'plain_text_input', action_id: fieldAction('comment'), multiline: true, max_length: MAX_COMMENT_CHARS },
      },
    ],
  };
}

function transitionButton(request: DelegationRequest, action: DelegationAction): Button {
  const style = action === 'accept' ? 'primary' : action === 'decline' || action === 'withdraw' ? 'danger' : undefined;
  return {
    type: 'button',
    action_id: transitionActionId(action),
    text: plain(ACTION_LABELS[action]),
    value: JSON.stringify({ id: request.id, v: request.version }),
    ...(style ? { style } : {}),
  };
}

/** The request as a Slack message: fields, state, and the buttons of the actions possible now. */
function requestBlocks(request: DelegationRequest, catalog: DelegationCatalog): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`Demande de délégation ${request.id}`) },
    { type: 'section', text: { type: 'mrkdwn', text: `*État :* ${STATE_LABELS[request.state]}` } },
  ];
  for (const field of requestFields(request, catalog, slackFormat)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${field.label}*\n${field.value}`, MAX_SECTION) } });
  }
  const actions = actionsFrom(request.state);
  if (actions.length > 0) {
    blocks.push({ type: 'actions', block_id: 'delegation_actions', elements: actions.map((a) => transitionButton(request, a)) });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Envoyée le ${parisTime(request.createdAt)} · mise à jour le ${parisTime(request.updatedAt)} · suivi : \`/coordo demande ${request.id}\`` }],
  });
  return blocks;
}

function cardText(request: DelegationRequest): string {
  const to = request.delegueUserId ? ` pour <@${request.delegueUserId}>` : '';
  return `Demande de délégation ${request.id} de <@${request.delegantUserId}>${to} : ${STATE_LABELS[request.state]}`;
}


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
 * button of lookup answers, a message shortcut, the request card with its
 * buttons (updated in place on each change), and the comment modal.
 */
export function delegationFeature(deps: DelegationFeatureDeps): SlackFeature {
  const { service, catalog, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const refuseText = (text: string): string | null => {
    const findings = findPatientIdentifiers(text);
    return findings.length === 0 ? null : patientDataMessage(findings, 'store');
  };

  const formFor = (initial: FormInitial, readByModel = false): ModalView =>
    formView(catalog, { initial, suggestions: initial.acts ? catalog.suggestProtocols(initial.acts) : [], today: parisDay(now()), readByModel });

  async function openForm(client: WebClient, triggerId: string, initial: FormInitial): Promise<void> {
    await client.views.open({ trigger_id: triggerId, view: formFor(initial) });
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
    const opened = await client.views.open({ trigger_id: triggerId, view: readingView() });
    const read = await prefillFromText(reader, catalog, text, parisDay(now()));
    logger.info('delegation.prefill', { source: read ? 'model' : 'offline', fields: read ? Object.keys(read).join(',') : undefined });
    const view = read ? formFor({ ...read, acts: read.acts ?? text }, true) : formFor({ acts: text });
    const viewId = opened.view?.id;
    if (!viewId) throw new Error('views.open returned no view id');
    try {
      await client.views.update({ view_id: viewId, ...(opened.view?.hash ? { hash: opened.view.hash } : {}), view });
    } catch (error) {
      // Closed by the user while the model was reading.
      logger.info('delegation.prefill_not_shown', { error: errorName(error) });
    }
  }

  async function openDm(client: WebClient, users: readonly string[]): Promise<string> {
    const opened = await client.conversations.open({ users: users.join(',') });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    return id;
  }

  async function cardChannel(client: WebClient, request: DelegationRequest): Promise<string> {
    if (deps.requestsChannel) return deps.requestsChannel;
    if (request.delegueUserId) return openDm(client, [request.delegueUserId]);
    const members = (deps.professionGroups[request.delegueProfessionId ?? ''] ?? []).filter((u) => u !== request.delegantUserId);
    return openDm(client, members.slice(0, MAX_GROUP_DM - 1));
  }

  async function postCard(client: WebClient, request: DelegationRequest): Promise<void> {
    try {
      const channel = await cardChannel(client, request);
      const posted = await client.chat.postMessage({ channel, text: cardText(request), blocks: requestBlocks(request, catalog), unfurl_links: false });
      if (posted.channel && posted.ts) service.attachCard(request.id, { channel: posted.channel, ts: posted.ts });
    } catch (error) {
      logger.warn('delegation.card_post_failed', { request: request.id, error: errorName(error) });
    }
  }

  async function confirmToRequester(client: WebClient, request: DelegationRequest): Promise<void> {
    try {
      const channel = await openDm(client, [request.delegantUserId]);
      const where = deps.requestsChannel ? ` (carte publiée dans <#${deps.requestsChannel}>)` : '';
      await client.chat.postMessage({
        channel,
        text: `Votre demande de délégation *${request.id}* est envoyée${where}. Vous serez prévenu de la réponse. Suivi : \`/coordo demande ${request.id}\`.`,
      });
    } catch (error) {
      logger.warn('delegation.confirmation_failed', { request: request.id, error: errorName(error) });
    }
  }

  /** Update the card in place and say what changed in its thread. */
  async function refreshCard(client: WebClient, outcome: Extract<TransitionOutcome, { ok: true }>): Promise<void> {
    const { request, entry } = outcome;
    if (!request.card) return;
    try {
      await client.chat.update({ channel: request.card.channel, ts: request.card.ts, text: cardText(request), blocks: requestBlocks(request, catalog) });
      await client.chat.postMessage({ channel: request.card.channel, thread_ts: request.card.ts, text: changeNotice(entry, request, slackFormat) });
    } catch (error) {
      logger.warn('delegation.card_update_failed', { request: request.id, error: errorName(error) });
    }
  }

  /** Log a change or its refusal, and update the card when something changed. */
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
    await refreshCard(client, outcome);
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
    const command = { requestId: value.data.id, action, actorUserId: body.user.id, expectedVersion: value.data.v };
    const refused = service.precheck(command);
    if (refused !== null) {
      await report(client, command, refused);
      await say(outcomeText(refused, action));
      return;
    }
    const request = service.find(command.requestId);
    if (request !== undefined && commentPolicy(action) !== 'none') {
      await client.views.open({ trigger_id: body.trigger_id, view: commentView(request, action) });
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
    const historyBlocks: KnownBlock[] = splitText(`*Historique*\n${history}`, MAX_SECTION).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    await ctx.respond({ response_type: 'ephemeral', text: cardText(viewed.request), blocks: [...requestBlocks(viewed.request, catalog), ...historyBlocks] });
  }

  async function demande(ctx: SlashContext): Promise<void> {
    const id = ctx.args.toUpperCase();
    if (isRequestId(id)) {
      await showRequest(ctx, id);
      return;
    }
    try {
      await (ctx.args ? openFormOnText(ctx.client, ctx.triggerId, ctx.args) : openForm(ctx.client, ctx.triggerId, {}));
    } catch (error) {
      logger.warn('delegation.form_open_failed', { error: errorName(error) });
      await ctx.respond({ response_type: 'ephemeral', text: "Je n'ai pas pu ouvrir le formulaire de demande. Réessayez dans un instant." });
    }
  }

  async function demandes(ctx: SlashContext): Promise<void> {
    const text = openListText(service.listOpen(ctx.userId), catalog, slackFormat);
    await ctx.respond({ response_type: 'ephemeral', text, blocks: splitText(text, MAX_SECTION).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } })) });
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
      app.action<BlockAction<ButtonAction>>(OPEN_FORM_ACTION, async ({ ack, body, action, client, respond }) => {
        await ack();
        try {
          await openForm(client, body.trigger_id, readPrefill(action.value));
        } catch (error) {
          logger.warn('delegation.form_open_failed', { error: errorName(error) });
          await respond({ response_type: 'ephemeral', replace_original: false, text: "Je n'ai pas pu ouvrir le formulaire de demande. Réessayez dans un instant." });
        }
      });

      app.shortcut<MessageShortcut>(MESSAGE_SHORTCUT, async ({ ack, shortcut, client }) => {
        await ack();
        try {
          const text = shortcut.message.text?.slice(0, MAX_ACTS_CHARS).trim();
          await (text ? openFormOnText(client, shortcut.trigger_id, text) : openForm(client, shortcut.trigger_id, {}));
        } catch (error) {
          logger.warn('delegation.form_open_failed', { error: errorName(error) });
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
        const { request, created } = service.create(result.draft, `slack:${body.team?.id ?? '-'}:${view.id}`);
        await ack();
        if (!created) {
          logger.info('delegation.duplicate_submission', { request: request.id, user: body.user.id });
          return;
        }
        logger.info('delegation.created', { request: request.id, user: body.user.id });
        await postCard(client, request);
        await confirmToRequester(client, request);
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
        const { id, v, action } = metadata.data;
        const command = { requestId: id, action, actorUserId: body.user.id, expectedVersion: v, comment };
        const outcome = service.transition(command);
        await ack(outcome.ok ? undefined : { response_action: 'errors', errors: { comment: failureText(outcome.reason, outcome.request) } });
        await report(client, command, outcome);
      });
    },
  };
}
