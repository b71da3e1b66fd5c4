import { truncate } from '../../text/truncate.ts';
import { formatFrenchDay } from './calendar.ts';
import type { DelegationCatalog } from './catalog.ts';
import {
  ACTION_LABELS,
  NATURE_LABELS,
  SETTING_LABELS,
  STATE_LABELS,
  type AuditEntry,
  type DelegationAction,
  type DelegationRequest,
} from './model.ts';
import type { TransitionFailure } from './service.ts';
import type { Formatter } from '../../core/markup.ts';

/**
 * French wording of requests, histories and refusals, independent of the chat
 * platform: the formatter renders mentions, user text (escaped) and bold.
 */
export interface Field {
  label: string;
  /** Already formatted. */
  value: string;
}

export function protocolTitle(request: DelegationRequest, catalog: DelegationCatalog): string {
  if (request.protocol.kind === 'new_local') return 'Nouveau protocole local (à rédiger)';
  const { protocolId } = request.protocol;
  const protocol = catalog.protocols.find((p) => p.id === protocolId);
  if (protocol === undefined) return `Protocole « ${protocolId} » (retiré du registre)`;
  return `${protocol.title} (${protocol.tag})`;
}

export function delegueText(request: DelegationRequest, catalog: DelegationCatalog, fmt: Formatter): string {
  const id = request.delegueProfessionId;
  const profession = id === undefined ? undefined : fmt.text(catalog.professions.find((p) => p.id === id)?.label ?? id);
  if (request.delegueUserId !== undefined) {
    return profession ? `${fmt.mention(request.delegueUserId)} (${profession})` : fmt.mention(request.delegueUserId);
  }
  return `profession ${profession ?? '?'}`;
}

/** The request's fields, in form order. */
export function requestFields(request: DelegationRequest, catalog: DelegationCatalog, fmt: Formatter): Field[] {
  const fields: Field[] = [
    { label: 'Délégant', value: fmt.mention(request.delegantUserId) },
    { label: 'Délégué', value: delegueText(request, catalog, fmt) },
    { label: 'Actes', value: fmt.text(request.acts) },
    { label: 'Nature', value: request.natures.map((n) => NATURE_LABELS[n]).join(', ') },
    { label: 'Protocole', value: fmt.text(protocolTitle(request, catalog)) },
    { label: 'Patients concernés', value: fmt.text(request.patients) },
    { label: 'Cadre', value: SETTING_LABELS[request.setting] },
    { label: 'Début', value: formatFrenchDay(request.startDate) },
  ];
  if (request.comment) fields.push({ label: 'Commentaire', value: fmt.text(request.comment) });
  return fields;
}

const HISTORY_VERBS: Record<AuditEntry['action'], string> = {
  create: 'a envoyé la demande',
  accept: 'a accepté la demande',
  decline: 'a refusé la demande',
  request_info: 'a demandé des précisions',
  answer_info: 'a apporté des précisions',
  withdraw: 'a retiré la demande',
  close: 'a clôturé la demande',
};

export function parisTime(iso: string): string {
  return new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
}

/** « 24/11/2026 11:00 — @X a demandé des précisions (Envoyée → Précisions demandées) : « … » » */
export function historyLine(entry: AuditEntry, fmt: Formatter): string {
  const states = entry.from === null ? STATE_LABELS[entry.to] : `${STATE_LABELS[entry.from]} → ${STATE_LABELS[entry.to]}`;
  const comment = entry.comment ? ` : « ${fmt.text(entry.comment)} »` : '';
  return `${parisTime(entry.at)} — ${fmt.mention(entry.actorUserId)} ${HISTORY_VERBS[entry.action]} (${states})${comment}`;
}

/** The line posted under the card when the request changes; mentions the requester when the answer is for them. */
export function changeNotice(entry: AuditEntry, request: DelegationRequest, fmt: Formatter): string {
  const comment = entry.comment ? ` : « ${fmt.text(entry.comment)} »` : '.';
  const forRequester = entry.action === 'request_info' || entry.action === 'accept' || entry.action === 'decline';
  const to = forRequester ? ` (${fmt.mention(request.delegantUserId)})` : '';
  return `${fmt.mention(entry.actorUserId)} ${HISTORY_VERBS[entry.action]}${comment}${to}`;
}

/** What the other party is told in a direct message when a request changes. */
const PARTY_VERBS: Record<DelegationAction, string> = {
  accept: 'a accepté votre demande de délégation',
  decline: 'a refusé votre demande de délégation',
  request_info: 'demande des précisions sur votre demande de délégation',
  answer_info: 'a apporté les précisions demandées sur la demande de délégation',
  withdraw: 'a retiré la demande de délégation',
  close: 'a clôturé la demande de délégation',
};

/** « @X a accepté votre demande de délégation *DEL-2026-0001* : « … ». Détail : `/coordo demande DEL-2026-0001`. » */
export function partyNotice(entry: AuditEntry & { action: DelegationAction }, request: DelegationRequest, fmt: Formatter): string {
  const comment = entry.comment ? ` : « ${fmt.text(entry.comment)} »` : '.';
  const next = entry.action === 'request_info' ? 'Répondez avec le bouton « Répondre » de la demande' : 'Détail';
  return `${fmt.mention(entry.actorUserId)} ${PARTY_VERBS[entry.action]} ${fmt.bold(request.id)}${comment}\n${next} : \`/coordo demande ${request.id}\`.`;
}

function listLine(request: DelegationRequest, catalog: DelegationCatalog, fmt: Formatter, side: 'sent' | 'received'): string {
  const who = side === 'sent' ? `à ${delegueText(request, catalog, fmt)}` : `de ${fmt.mention(request.delegantUserId)}`;
  return `• ${fmt.bold(request.id)} — ${STATE_LABELS[request.state]} — ${who} — ${fmt.text(truncate(request.acts, 80))}`;
}

/** `/coordo demandes`: open requests sent and received. */
export function openListText(lists: { sent: DelegationRequest[]; received: DelegationRequest[] }, catalog: DelegationCatalog, fmt: Formatter): string {
  if (lists.sent.length === 0 && lists.received.length === 0) {
    return "Vous n'avez aucune demande de délégation en cours. Tapez `/coordo demande` pour en ouvrir une.";
  }
  const part = (title: string, requests: DelegationRequest[], side: 'sent' | 'received') =>
    requests.length === 0
      ? [`${fmt.bold(title)} : aucune`]
      : [`${fmt.bold(`${title} (${requests.length})`)}`, ...requests.map((r) => listLine(r, catalog, fmt, side))];
  return [
    ...part('Demandes envoyées', lists.sent, 'sent'),
    '',
    ...part('Demandes reçues', lists.received, 'received'),
    '',
    'Détail et historique : `/coordo demande DEL-AAAA-NNNN`.',
  ].join('\n');
}

/** Why an action was refused, in words the user can act on. `tampered`: the button did not come from Coordo. */
export function failureText(reason: TransitionFailure | 'tampered', request?: DelegationRequest): string {
  const state = request ? `« ${STATE_LABELS[request.state]} »` : 'inconnu';
  switch (reason) {
    case 'not_found':
    case 'tampered':
      return "Ce bouton ne correspond à aucune demande de délégation valide : l'action n'a pas été effectuée.";
    case 'forbidden':
      return "Vous ne pouvez pas effectuer cette action : seul le délégué (ou un membre de la profession déléguée) peut accepter, refuser ou demander des précisions ; seul le demandeur peut répondre ou retirer sa demande.";
    case 'stale':
      return `La demande a changé entre-temps (état actuel : ${state}) : votre action n'a pas été appliquée. Consultez la carte à jour.`;
    case 'invalid_state':
      return `Cette action n'est pas possible pour une demande à l'état ${state}.`;
    case 'comment_required':
      return 'Écrivez un commentaire : il est nécessaire pour cette action.';
    case 'patient_data':
      return "Ce commentaire n'a pas été enregistré : il semble contenir une donnée permettant d'identifier un patient. Retirez-la puis réessayez.";
  }
}

/** Confirmation to the person who acted. */
export function doneText(request: DelegationRequest, action: DelegationAction, replayed: boolean): string {
  if (replayed) return `Déjà pris en compte : la demande ${request.id} est à l'état « ${STATE_LABELS[request.state]} ».`;
  return `${ACTION_LABELS[action]} : c'est fait. La demande ${request.id} est maintenant à l'état « ${STATE_LABELS[request.state]} ».`;
}
