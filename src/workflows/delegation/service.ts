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
import type { CreateResult, DelegationRepository } from './repository.ts';
import { checkTransition, mayPerform, missingComment, rolesOf, type ProfessionGroups } from './state-machine.ts';

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
  constructor(
    private readonly repository: DelegationRepository,
    private readonly groups: ProfessionGroups,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Store a checked draft. The same idempotency key (Slack view id) always yields the same request.
   * A draft whose free texts hold patient identifiers is never stored (parseDraft refuses them first).
   */
  create(draft: DelegationDraft, idempotencyKey: string): CreateResult {
    const problem = [draft.acts, draft.patients, draft.comment].map((text) => (text ? patientDataProblem(text, 'store') : null)).find(Boolean);
    if (problem) throw new PatientDataError(problem);
    return this.repository.create(draft, { idempotencyKey, at: this.now() });
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
    });
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

  find(requestId: string): DelegationRequest | undefined {
    return this.repository.findById(requestId);
  }

  /** Remember where one of the request's cards was posted. */
  attachCard(requestId: string, card: CardRef): void {
    this.repository.addCard(requestId, card);
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
