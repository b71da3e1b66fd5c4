import type { AuditEntry, CardRef, DelegationDraft, DelegationRequest, DelegationState } from './model.ts';

export interface CreateResult {
  request: DelegationRequest;
  /** False when the idempotency key was already used: the earlier request is returned untouched. */
  created: boolean;
}

export interface TransitionWrite {
  requestId: string;
  /** The version the caller saw; the write fails if the request has moved on since. */
  expectedVersion: number;
  from: DelegationState;
  to: DelegationState;
  entry: Omit<AuditEntry, 'requestId' | 'version' | 'from' | 'to'>;
}

/**
 * Storage of delegation requests and their audit trail. Every method is atomic;
 * `also` callbacks run inside the write's transaction (the outbox rows a change owes).
 * The SQLite implementation is the default; another SQL engine only has to honour
 * the same guarantees (unique idempotency key, per-year id sequence allocated in
 * the insert transaction, compare-and-set on version).
 */
export interface DelegationRepository {
  /** Insert the request (state `submitted`, version 1) and its creation audit row, unless the key was seen. */
  create(draft: DelegationDraft, options: { idempotencyKey: string; at: Date; also?: (request: DelegationRequest) => void }): CreateResult;
  findById(id: string): DelegationRequest | undefined;
  /** Requests in the given states sent by the user, named to the user, or naming one of the professions. */
  listInvolving(query: { userId: string; professionIds: readonly string[]; states: readonly DelegationState[] }): DelegationRequest[];
  /** Audit trail, oldest first. */
  history(id: string): AuditEntry[];
  /** Apply a state change and its audit row if the request is still at `expectedVersion` and `from`; else change nothing and return undefined. */
  transition(write: TransitionWrite, also?: (request: DelegationRequest) => void): DelegationRequest | undefined;
  /** Remember one more card of the request (idempotent); `also` runs in the same transaction with the request as it is then. */
  addCard(id: string, card: CardRef, also?: (request: DelegationRequest) => void): void;
}
