import type { OutboxPlatform } from '../../store/outbox.ts';
/**
 * The vocabulary of a delegation request (demande de délégation d'actes under a
 * protocole de coopération): its fields, states, actions and their French labels.
 */
export const NATURES = ['preventive', 'diagnostique', 'therapeutique'] as const;
export type Nature = (typeof NATURES)[number];
export const NATURE_LABELS: Record<Nature, string> = {
  preventive: 'Préventive',
  diagnostique: 'Diagnostique',
  therapeutique: 'Thérapeutique',
};

export const SETTINGS = ['msp', 'cpts', 'centre_sante', 'esp', 'etablissement', 'autre'] as const;
export type Setting = (typeof SETTINGS)[number];
export const SETTING_LABELS: Record<Setting, string> = {
  msp: 'Maison de santé pluriprofessionnelle (MSP)',
  cpts: 'Communauté professionnelle territoriale de santé (CPTS)',
  centre_sante: 'Centre de santé',
  esp: 'Équipe de soins primaires (ESP)',
  etablissement: 'Établissement de santé ou médico-social',
  autre: 'Autre cadre',
};

export const STATES = ['submitted', 'info_requested', 'accepted', 'declined', 'withdrawn', 'closed'] as const;
export type DelegationState = (typeof STATES)[number];
export const STATE_LABELS: Record<DelegationState, string> = {
  submitted: 'Envoyée',
  info_requested: 'Précisions demandées',
  accepted: 'Acceptée',
  declined: 'Refusée',
  withdrawn: 'Retirée',
  closed: 'Clôturée',
};
/** States in which the request still needs someone's attention. */
export const OPEN_STATES: readonly DelegationState[] = ['submitted', 'info_requested', 'accepted'];

export const ACTIONS = ['accept', 'decline', 'request_info', 'answer_info', 'withdraw', 'close'] as const;
export type DelegationAction = (typeof ACTIONS)[number];
export const ACTION_LABELS: Record<DelegationAction, string> = {
  accept: 'Accepter',
  decline: 'Refuser',
  request_info: 'Demander des précisions',
  answer_info: 'Répondre',
  withdraw: 'Retirer la demande',
  close: 'Clôturer',
};

/** The protocol the request falls under: one from the registry, or a local protocol still to write. */
export type ProtocolChoice = { kind: 'registry'; protocolId: string } | { kind: 'new_local' };
/** Form value standing for "nouveau protocole local". */
export const NEW_LOCAL_PROTOCOL = 'nouveau-protocole-local';

/** A checked, complete request as the requester submitted it. */
export interface DelegationDraft {
  delegantUserId: string;
  delegueUserId?: string;
  delegueProfessionId?: string;
  acts: string;
  natures: Nature[];
  protocol: ProtocolChoice;
  /** Description of the patients concerned (population, criteria) — never identifiers. */
  patients: string;
  setting: Setting;
  /** Calendar date, YYYY-MM-DD. */
  startDate: string;
  comment?: string;
}

/** Who a card is for: it shows the buttons of that party only. */
export type CardRole = 'delegue' | 'requester';

/** Where one of the request's cards lives, so each change updates it in place. */
export interface CardRef {
  channel: string;
  ts: string;
  role: CardRole;
  /** The person whose direct message holds the card (none for the requests channel). */
  userId?: string;
  /** Where the card was posted (default Slack, the only platform of older rows). */
  platform?: OutboxPlatform;
}

export interface DelegationRequest extends DelegationDraft {
  /** DEL-YYYY-NNNN */
  id: string;
  state: DelegationState;
  /** Starts at 1, +1 on each transition: the optimistic-lock token buttons carry. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The posted cards: one in the requests channel, or one per délégué's DM; oldest first. */
  cards: CardRef[];
}

/** One row of the audit trail: who changed what, when, from which state to which. */
export interface AuditEntry {
  requestId: string;
  /** The request version this change produced (1 = creation). */
  version: number;
  at: string;
  actorUserId: string;
  action: DelegationAction | 'create';
  from: DelegationState | null;
  to: DelegationState;
  comment?: string;
}
