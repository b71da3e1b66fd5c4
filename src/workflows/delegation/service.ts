import { patientDataProblem, PatientDataError } from '../../privacy/patient-data-guard.ts';
import {
  OPEN_STATES,
  type AuditEntry,
  type CardRef,
  type DelegationAction,
  type DelegationDraft,
  type DelegationRequest,
  type DelegationState,
} from './model.ts';
import type { OutboxWriter } from '../../store/outbox.ts';
import type { DelegationCatalog } from './catalog.ts';
import type { DelegationField } from './draft-schema.ts';
import { cardUpdate, changeEffects, creationEffects, type RequestsChannels } from './effects.ts';
import type { CreateResult, DelegationRepository } from './repository.ts';
import { checkTransition, deleguesOf, mayPerform, missingComment, rolesOf, type ProfessionGroups } from './state-machine.ts';

/** Whether a person is a full member of the workspace (guests may read, never act); null when the platform cannot tell. */
export interface MembershipPort {
  isFullMember(userId: string): Promise<boolean | null>;
}

export const GUEST_REFUSAL =
  'Les comptes invités ne peuvent pas faire de demande de délégation ni y répondre : demandez à un membre de l’équipe de le faire.';
export const UNCHECKED_REFUSAL = "Je n’ai pas pu vérifier auprès de la messagerie les droits des personnes concernées : la demande n'a pas été envoyée. Réessayez dans un instant.";
export const GUEST_DELEGUE =
  'Cette personne a un compte invité : elle ne pourrait ni accepter ni refuser la demande. Choisissez un membre de l’équipe.';
export const guestGroup = (label: string): string =>
  `Les membres de l’équipe enregistrés comme « ${label} » ont tous un compte invité : aucun ne pourrait répondre. Choisissez un délégué nommé, membre de l’équipe.`;

export type SubmitOutcome = ({ ok: true } & CreateResult) | { ok: false; errors: Partial<Record<DelegationField, string>> };

export interface DelegationServiceOptions {
  repository: DelegationRepository;
  groups: ProfessionGroups;
  /** Where the messages a change owes are written, in the change's transaction (an outbox on the same database). */
  outbox?: OutboxWriter;
  /** Per platform, where the délégués' card goes; without one, a DM per délégué. */
  requestsChannels?: RequestsChannels;
  /** Who may act; without it everyone counts as a full member. */
  members?: MembershipPort;
  /** Profession labels, for the messages. */
  catalog?: Pick<DelegationCatalog, 'professions'>;
  now?: () => Date;
}

export interface TransitionCommand {
  requestId: string;
  action: DelegationAction;
  actorUserId: string;
  /** The version shown to the user (carried by the button); a stale version is refused. */
  expectedVersion: number;
  comment?: string;
}

export type TransitionFailure = 'not_found' | 'forbidden' | 'stale' | 'invalid_state' | 'comment_required' | 'patient_data';

export type TransitionOutcome =
  | {
      ok: true;
      request: DelegationRequest;
      entry: AuditEntry;
      /** True when this exact change had already been applied (Slack retry, double click): nothing was written. */
      replayed: boolean;
    }
  | { ok: false; reason: TransitionFailure; request?: DelegationRequest };

export type ViewOutcome =
  | { ok: true; request: DelegationRequest; history: AuditEntry[] }
  | { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * Delegation requests: creation (idempotent), state changes (checked against the
 * state machine, the stored request's parties and its current version), reading.
 * Platform-neutral: adapters call it with the acting user's id.
 */
export class DelegationService {
  private readonly repository: DelegationRepository;
  private readonly groups: ProfessionGroups;
  private readonly now: () => Date;

  constructor(private readonly options: DelegationServiceOptions) {
    this.repository = options.repository;
    this.groups = options.groups;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * A checked draft, submitted: refused (a field error in French) when the
   * requester is a guest or when nobody who could answer would get it (a guest
   * named as délégué, a profession group of guests only); else stored with its
   * cards and confirmation owed, in one transaction. The same idempotency key
   * (Slack view id) always yields the same request.
   */
  async submit(draft: DelegationDraft, idempotencyKey: string): Promise<SubmitOutcome> {
    const requester = await this.membership(draft.delegantUserId);
    if (requester !== true) return { ok: false, errors: { delegueUserId: requester === null ? UNCHECKED_REFUSAL : GUEST_REFUSAL } };
    const named = draft.delegueUserId === undefined ? [] : [draft.delegueUserId];
    const group = deleguesOf({ ...draft, delegueUserId: undefined }, this.groups);
    const people = [...new Set([...named, ...group])];
    const member = new Map(await Promise.all(people.map(async (userId) => [userId, await this.membership(userId)] as const)));
    if ([...member.values()].includes(null)) return { ok: false, errors: { delegueUserId: UNCHECKED_REFUSAL } };
    if (named.some((userId) => member.get(userId) === false)) return { ok: false, errors: { delegueUserId: GUEST_DELEGUE } };
    const fullGroup = group.filter((userId) => member.get(userId) === true);
    if (group.length > 0 && fullGroup.length === 0) {
      const id = draft.delegueProfessionId ?? '';
      const label = this.options.catalog?.professions.find((p) => p.id === id)?.label ?? id;
      return { ok: false, errors: { delegueProfessionId: guestGroup(label) } };
    }
    const delegues = [...new Set([...named, ...fullGroup])].filter((userId) => userId !== draft.delegantUserId);
    return { ok: true, ...this.create(draft, idempotencyKey, delegues) };
  }

  /** Store a draft and owe its cards (to `delegues`, or in the requests channel) and the requester's confirmation. */
  create(draft: DelegationDraft, idempotencyKey: string, delegues: readonly string[] = deleguesOf(draft, this.groups)): CreateResult {
    // A draft whose free texts hold patient identifiers is never stored (parseDraft refuses them first).
    const problem = [draft.acts, draft.patients, draft.comment].map((text) => (text ? patientDataProblem(text, 'store') : null)).find(Boolean);
    if (problem) throw new PatientDataError(problem);
    return this.repository.create(draft, {
      idempotencyKey,
      at: this.now(),
      also: (request) => this.options.outbox?.enqueue(creationEffects(request, delegues, this.options.requestsChannels ?? {})),
    });
  }

  /** Why this user may not act on requests (a French sentence), or null: guests are refused, and everyone when the platform cannot tell. */
  async actorRefusal(userId: string): Promise<string | null> {
    const member = await this.membership(userId);
    return member === null ? UNCHECKED_REFUSAL : member ? null : GUEST_REFUSAL;
  }

  private async membership(userId: string): Promise<boolean | null> {
    return this.options.members ? this.options.members.isFullMember(userId) : true;
  }

  /**
   * Everything `transition` checks except the comment, without writing: lets an
   * adapter refuse a click before asking for a comment. Null when the change may go ahead.
   */
  precheck(command: Omit<TransitionCommand, 'comment'>): TransitionOutcome | null {
    const checked = this.evaluate(command);
    return 'refused' in checked ? checked.refused : null;
  }

  transition(command: TransitionCommand): TransitionOutcome {
    const checked = this.evaluate(command);
    if ('refused' in checked) return checked.refused;
    const { request, to } = checked;
    if (missingComment(command.action, command.comment)) return { ok: false, reason: 'comment_required', request };
    if (command.comment && patientDataProblem(command.comment, 'store')) return { ok: false, reason: 'patient_data', request };
    const comment = command.comment?.trim() || undefined;
    const updated = this.repository.transition({
      requestId: request.id,
      expectedVersion: command.expectedVersion,
      from: request.state,
      to,
      entry: { at: this.now().toISOString(), actorUserId: command.actorUserId, action: command.action, comment },
    }, (changed) => this.options.outbox?.enqueue(changeEffects(changed, this.otherParty(changed, command.actorUserId))));
    if (updated === undefined) {
      const current = this.repository.findById(request.id);
      return current === undefined ? { ok: false, reason: 'not_found' } : this.replayOrStale(current, command);
    }
    const entry = this.repository.history(request.id).find((row) => row.version === updated.version);
    if (entry === undefined) throw new Error(`audit row missing for ${request.id} v${updated.version}`);
    return { ok: true, request: updated, entry, replayed: false };
  }

  /** The request and its history, for its parties only. */
  view(requestId: string, viewerUserId: string): ViewOutcome {
    const request = this.repository.findById(requestId);
    if (request === undefined) return { ok: false, reason: 'not_found' };
    if (rolesOf(request, viewerUserId, this.groups).size === 0) return { ok: false, reason: 'forbidden' };
    return { ok: true, request, history: this.repository.history(requestId) };
  }

  /** Open requests the user sent, and those addressed to them (by name or through their profession group). */
  listOpen(userId: string): { sent: DelegationRequest[]; received: DelegationRequest[] } {
    const professionIds = Object.keys(this.groups).filter((id) => this.groups[id]?.includes(userId));
    const all = this.repository.listInvolving({ userId, professionIds, states: OPEN_STATES });
    return {
      sent: all.filter((request) => request.delegantUserId === userId),
      received: all.filter((request) => request.delegantUserId !== userId),
    };
  }

  /** The audit trail, oldest first. */
  history(requestId: string): AuditEntry[] {
    return this.repository.history(requestId);
  }

  find(requestId: string): DelegationRequest | undefined {
    return this.repository.findById(requestId);
  }

  /**
   * Remember where one of the request's cards was posted, showing `shownVersion`;
   * when the request changed meanwhile, the card's update is owed too.
   */
  attachCard(requestId: string, card: CardRef, shownVersion: number): void {
    this.repository.addCard(requestId, card, (request) => {
      if (request.version !== shownVersion) this.options.outbox?.enqueue([cardUpdate(request, card)]);
    });
  }

  /** Who hears of a change by the actor: the délégués when the requester acts, else the requester. */
  private otherParty(request: DelegationRequest, actorUserId: string): string[] {
    const party = actorUserId === request.delegantUserId ? deleguesOf(request, this.groups) : [request.delegantUserId];
    return party.filter((userId) => userId !== actorUserId);
  }

  private evaluate(command: Omit<TransitionCommand, 'comment'>): { refused: TransitionOutcome } | { request: DelegationRequest; to: DelegationState } {
    const request = this.repository.findById(command.requestId);
    if (request === undefined) return { refused: { ok: false, reason: 'not_found' } };
    if (!mayPerform(request, command.action, command.actorUserId, this.groups)) return { refused: { ok: false, reason: 'forbidden', request } };
    if (request.version !== command.expectedVersion) return { refused: this.replayOrStale(request, command) };
    const check = checkTransition(request, command.action, command.actorUserId, this.groups);
    return check.ok ? { request, to: check.to } : { refused: { ok: false, reason: check.reason, request } };
  }

  /** The version after `expectedVersion` was this very change by this user: report success without writing again. */
  private replayOrStale(current: DelegationRequest, command: Omit<TransitionCommand, 'comment'>): TransitionOutcome {
    const next = this.repository.history(current.id).find((row) => row.version === command.expectedVersion + 1);
    if (next !== undefined && next.action === command.action && next.actorUserId === command.actorUserId) {
      return { ok: true, request: current, entry: next, replayed: true };
    }
    return { ok: false, reason: 'stale', request: current };
  }
}
