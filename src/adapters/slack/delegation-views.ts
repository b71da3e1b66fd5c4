import type { Button, ConfirmationDialog, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { CatalogProtocol, DelegationCatalog } from '../../workflows/delegation/catalog.ts';
import { MAX_ACTS_CHARS, MAX_COMMENT_CHARS } from '../../workflows/delegation/draft-schema.ts';
import {
  ACTION_LABELS,
  NATURE_LABELS,
  NATURES,
  NEW_LOCAL_PROTOCOL,
  SETTING_LABELS,
  SETTINGS,
  STATE_LABELS,
  type CardRole,
  type DelegationAction,
  type DelegationRequest,
  type Nature,
} from '../../workflows/delegation/model.ts';
import { shortFields, type FormInitial } from '../../workflows/delegation/prefill.ts';
import { parisTime, requestFields } from '../../workflows/delegation/presenter.ts';
import type { Formatter } from '../../core/markup.ts';
import { actionsFor, commentPolicy } from '../../workflows/delegation/state-machine.ts';
import { ACTS_ACTION, COMMENT_CALLBACK, FORM_CALLBACK, fieldAction, transitionActionId } from './delegation-ids.ts';
import type { CommentMetadata } from './delegation-payloads.ts';
import { escapeMrkdwn, splitText } from './render.ts';
import { truncate } from '../../text/truncate.ts';

/** The Block Kit of delegation requests: the request form, the comment modal, the request card. */

/** Slack limits: option text 75 characters, 100 options per select, 3,000 characters per section. */
const MAX_OPTION_TEXT = 75;
const MAX_SECTION = 2900;

export const slackFormat: Formatter = {
  mention: (userId) => `<@${userId}>`,
  channel: (channelId) => `<#${channelId}>`,
  text: escapeMrkdwn,
  bold: (text) => `*${text}*`,
};

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (value: string, text: string): PlainTextOption => ({ value, text: plain(truncate(text, MAX_OPTION_TEXT)) });

/** A long mrkdwn text as section blocks within Slack's size limit. */
export function textSections(text: string): KnownBlock[] {
  return splitText(text, MAX_SECTION).map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
}

/** Entries a team cannot apply as a protocol carry their status first, so truncation never hides it. */
function protocolOptionText(protocol: CatalogProtocol): string {
  if (!protocol.inForce) return `[${protocol.tag}] ${protocol.title}`;
  return protocol.status === 'local' && protocol.team ? `${protocol.title} (${protocol.team})` : protocol.title;
}


export interface FormState {
  initial: FormInitial;
  suggestions: CatalogProtocol[];
  today: string;
  /** Pre-filled by the model from a message: the user is asked to check every field. */
  readByModel?: boolean;
}


const PREFILL_NOTE = '_Formulaire pré-rempli automatiquement d’après le message : vérifiez chaque champ avant d’envoyer._';

/** The request form. Block ids are the field names, so validation errors land next to their field. */
export function formView(catalog: DelegationCatalog, state: FormState): ModalView {
  const { acts, patients, comment } = state.initial;
  const prefill = shortFields(state.initial);
  const suggested = new Set(state.suggestions.map((p) => p.id));
  const groups = [
    { label: 'Suggérés pour ces actes', protocols: state.suggestions },
    { label: 'Protocoles nationaux', protocols: catalog.protocols.filter((p) => p.status === 'national' && !suggested.has(p.id)) },
    { label: 'Protocoles locaux enregistrés', protocols: catalog.protocols.filter((p) => p.status === 'local' && !suggested.has(p.id)) },
    { label: 'Autres dispositifs (pas des protocoles nationaux)', protocols: catalog.protocols.filter((p) => !p.inForce && !suggested.has(p.id)) },
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
        : `Protocoles correspondant à ces actes : ${state.suggestions.map((p) => `*${escapeMrkdwn(p.title)}*${p.inForce ? '' : ` (${escapeMrkdwn(p.tag)})`}`).join(', ')}`;

  const blocks: KnownBlock[] = [
    ...(state.readByModel ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: PREFILL_NOTE }] }] : []),
    {
      type: 'input',
      block_id: 'delegueUserId',
      optional: true,
      label: plain('Délégué (membre de l’équipe)'),
      hint: plain('Un membre de l’équipe, une profession, ou les deux. Avec une profession (même avec un membre nommé), la demande est aussi envoyée à tous les membres de l’équipe de cette profession.'),
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
export function readingView(): ModalView {
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

export function commentView(request: DelegationRequest, action: DelegationAction): ModalView {
  const required = commentPolicy(action) === 'required';
  const metadata: CommentMetadata = { id: request.id, v: request.version, action };
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

/** The actions applied at once on a click (no comment window): Slack asks the user to confirm first. */
const CONFIRMATIONS: Partial<Record<DelegationAction, { title: string; text: string; yes: string }>> = {
  accept: { title: 'Accepter la demande ?', text: 'Vous vous engagez à réaliser les actes délégués selon le protocole. Le demandeur sera prévenu.', yes: 'Accepter' },
  withdraw: { title: 'Retirer la demande ?', text: 'La demande sera retirée pour tous les délégués ; elle ne pourra plus être acceptée.', yes: 'Retirer' },
  close: { title: 'Clôturer la demande ?', text: 'La délégation prendra fin ; l’autre partie sera prévenue.', yes: 'Clôturer' },
};

function confirmation(request: DelegationRequest, action: DelegationAction): ConfirmationDialog | undefined {
  const wording = CONFIRMATIONS[action];
  if (wording === undefined) return undefined;
  return {
    title: plain(wording.title),
    text: { type: 'mrkdwn', text: `*${request.id}* — ${wording.text}` },
    confirm: plain(wording.yes),
    deny: plain('Annuler'),
    ...(action === 'accept' ? {} : { style: 'danger' as const }),
  };
}

function transitionButton(request: DelegationRequest, action: DelegationAction): Button {
  const style = action === 'accept' ? 'primary' : action === 'decline' || action === 'withdraw' ? 'danger' : undefined;
  const confirm = confirmation(request, action);
  return {
    type: 'button',
    action_id: transitionActionId(action),
    text: plain(ACTION_LABELS[action]),
    value: JSON.stringify({ id: request.id, v: request.version }),
    ...(style ? { style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}

/** The request as a Slack message for one party: fields, state, and the buttons of what that party may do now. */
export function requestBlocks(request: DelegationRequest, catalog: DelegationCatalog, role?: CardRole): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`Demande de délégation ${request.id}`) },
    { type: 'section', text: { type: 'mrkdwn', text: `*État :* ${STATE_LABELS[request.state]}` } },
  ];
  for (const field of requestFields(request, catalog, slackFormat)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${field.label}*\n${field.value}`, MAX_SECTION) } });
  }
  const actions = role === undefined ? [] : actionsFor(request.state, role);
  if (actions.length > 0) {
    blocks.push({ type: 'actions', block_id: 'delegation_actions', elements: actions.map((a) => transitionButton(request, a)) });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Envoyée le ${parisTime(request.createdAt)} · mise à jour le ${parisTime(request.updatedAt)} · suivi : \`/coordo demande ${request.id}\`` }],
  });
  return blocks;
}

export function cardText(request: DelegationRequest): string {
  const to = request.delegueUserId ? ` pour <@${request.delegueUserId}>` : '';
  return `Demande de délégation ${request.id} de <@${request.delegantUserId}>${to} : ${STATE_LABELS[request.state]}`;
}

