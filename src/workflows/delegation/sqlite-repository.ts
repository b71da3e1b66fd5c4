import { OutboxPlatformSchema } from '../../store/outbox.ts';
import { z } from 'zod';
import type { Db } from '../../store/database.ts';
import { parisDay } from './calendar.ts';
import {
  ACTIONS,
  NATURES,
  SETTINGS,
  STATES,
  type AuditEntry,
  type CardRef,
  type DelegationDraft,
  type DelegationRequest,
  type DelegationState,
} from './model.ts';
import type { CreateResult, DelegationRepository, TransitionWrite } from './repository.ts';
import { formatRequestId } from './request-id.ts';

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().transform((v) => v ?? undefined);

/** Rows are checked on the way out too: a hand-edited or corrupted row fails loudly, not silently. */
const RequestRow = z.object({
  id: z.string(),
  delegant_user_id: z.string(),
  delegue_user_id: nullable(z.string()),
  delegue_profession_id: nullable(z.string()),
  acts: z.string(),
  natures: z.string().transform((text) => z.array(z.enum(NATURES)).parse(JSON.parse(text))),
  protocol_kind: z.enum(['registry', 'new_local']),
  protocol_id: z.string().nullable(),
  patients: z.string(),
  setting: z.enum(SETTINGS),
  start_date: z.string(),
  comment: nullable(z.string()),
  state: z.enum(STATES),
  version: z.number().int().min(1),
  created_at: z.string(),
  updated_at: z.string(),
});

const CardRow = z
  .object({ channel: z.string(), ts: z.string(), role: z.enum(['delegue', 'requester']), user_id: z.string().nullable(), platform: OutboxPlatformSchema })
  .transform(({ user_id, ...card }) => (user_id === null ? card : { ...card, userId: user_id }));

const AuditRow = z.object({
  request_id: z.string(),
  version: z.number().int(),
  at: z.string(),
  actor_user_id: z.string(),
  action: z.enum([...ACTIONS, 'create']),
  from_state: z.enum(STATES).nullable(),
  to_state: z.enum(STATES),
  comment: nullable(z.string()),
});

function toRequest(raw: unknown, cards: readonly unknown[]): DelegationRequest {
  const row = RequestRow.parse(raw);
  return {
    id: row.id,
    delegantUserId: row.delegant_user_id,
    delegueUserId: row.delegue_user_id,
    delegueProfessionId: row.delegue_profession_id,
    acts: row.acts,
    natures: row.natures,
    protocol: row.protocol_kind === 'registry' && row.protocol_id !== null ? { kind: 'registry', protocolId: row.protocol_id } : { kind: 'new_local' },
    patients: row.patients,
    setting: row.setting,
    startDate: row.start_date,
    comment: row.comment,
    state: row.state,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    cards: cards.map((card) => CardRow.parse(card)),
  };
}

function toEntry(raw: unknown): AuditEntry {
  const row = AuditRow.parse(raw);
  return {
    requestId: row.request_id,
    version: row.version,
    at: row.at,
    actorUserId: row.actor_user_id,
    action: row.action,
    from: row.from_state,
    to: row.to_state,
    comment: row.comment,
  };
}

/** DelegationRepository on better-sqlite3. Writes take the write lock up front (BEGIN IMMEDIATE). */
export class SqliteDelegationRepository implements DelegationRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      byId: db.prepare('SELECT * FROM delegation_requests WHERE id = ?'),
      byKey: db.prepare('SELECT * FROM delegation_requests WHERE idempotency_key = ?'),
      nextSequence: db.prepare<[number], { last: number }>(
        'INSERT INTO delegation_sequences (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
      ),
      insert: db.prepare(`INSERT INTO delegation_requests (
          id, idempotency_key, delegant_user_id, delegue_user_id, delegue_profession_id, acts, natures, protocol_kind,
          protocol_id, patients, setting, start_date, comment, state, version, created_at, updated_at)
        VALUES (@id, @key, @delegant, @delegueUser, @delegueProfession, @acts, @natures, @protocolKind,
          @protocolId, @patients, @setting, @startDate, @comment, 'submitted', 1, @at, @at)`),
      audit: db.prepare(`INSERT INTO delegation_audit (request_id, version, at, actor_user_id, action, from_state, to_state, comment)
        VALUES (@requestId, @version, @at, @actor, @action, @from, @to, @comment)`),
      history: db.prepare('SELECT * FROM delegation_audit WHERE request_id = ? ORDER BY version'),
      move: db.prepare(
        'UPDATE delegation_requests SET state = @to, version = version + 1, updated_at = @at WHERE id = @id AND version = @version AND state = @from',
      ),
      cards: db.prepare('SELECT channel, ts, role, user_id, platform FROM delegation_cards WHERE request_id = ? ORDER BY rowid'),
      addCard: db.prepare<[string, string, string, string, string | null, string]>(
        'INSERT OR IGNORE INTO delegation_cards (request_id, channel, ts, role, user_id, platform) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  create(draft: DelegationDraft, options: { idempotencyKey: string; at: Date; also?: (request: DelegationRequest) => void }): CreateResult {
    const run = this.db.transaction((): CreateResult => {
      const existing = this.statements.byKey.get(options.idempotencyKey);
      if (existing !== undefined) return { request: this.toRequest(existing), created: false };
      const year = Number(parisDay(options.at).slice(0, 4));
      const sequence = this.statements.nextSequence.get(year);
      if (sequence === undefined) throw new Error('delegation sequence not allocated');
      const id = formatRequestId(year, sequence.last);
      const at = options.at.toISOString();
      this.statements.insert.run({
        id,
        key: options.idempotencyKey,
        delegant: draft.delegantUserId,
        delegueUser: draft.delegueUserId ?? null,
        delegueProfession: draft.delegueProfessionId ?? null,
        acts: draft.acts,
        natures: JSON.stringify(draft.natures),
        protocolKind: draft.protocol.kind,
        protocolId: draft.protocol.kind === 'registry' ? draft.protocol.protocolId : null,
        patients: draft.patients,
        setting: draft.setting,
        startDate: draft.startDate,
        comment: draft.comment ?? null,
        at,
      });
      this.statements.audit.run({
        requestId: id,
        version: 1,
        at,
        actor: draft.delegantUserId,
        action: 'create',
        from: null,
        to: 'submitted',
        comment: null,
      });
      const request = this.toRequest(this.statements.byId.get(id));
      options.also?.(request);
      return { request, created: true };
    });
    return run.immediate();
  }

  findById(id: string): DelegationRequest | undefined {
    const row = this.statements.byId.get(id);
    return row === undefined ? undefined : this.toRequest(row);
  }

  listInvolving(query: { userId: string; professionIds: readonly string[]; states: readonly DelegationState[] }): DelegationRequest[] {
    const states = query.states.map(() => '?').join(', ');
    const professions = query.professionIds.map(() => '?').join(', ');
    const professionClause = query.professionIds.length > 0 ? ` OR delegue_profession_id IN (${professions})` : '';
    const rows = this.db
      .prepare(
        `SELECT * FROM delegation_requests
         WHERE state IN (${states}) AND (delegant_user_id = ? OR delegue_user_id = ?${professionClause})
         ORDER BY created_at, id`,
      )
      .all(...query.states, query.userId, query.userId, ...query.professionIds);
    return rows.map((row) => this.toRequest(row));
  }

  history(id: string): AuditEntry[] {
    return this.statements.history.all(id).map(toEntry);
  }

  transition(write: TransitionWrite, also?: (request: DelegationRequest) => void): DelegationRequest | undefined {
    const run = this.db.transaction((): DelegationRequest | undefined => {
      const at = write.entry.at;
      const moved = this.statements.move.run({ id: write.requestId, version: write.expectedVersion, from: write.from, to: write.to, at });
      if (moved.changes !== 1) return undefined;
      this.statements.audit.run({
        requestId: write.requestId,
        version: write.expectedVersion + 1,
        at,
        actor: write.entry.actorUserId,
        action: write.entry.action,
        from: write.from,
        to: write.to,
        comment: write.entry.comment ?? null,
      });
      const request = this.toRequest(this.statements.byId.get(write.requestId));
      also?.(request);
      return request;
    });
    return run.immediate();
  }

  addCard(id: string, card: CardRef, also?: (request: DelegationRequest) => void): void {
    this.db.transaction(() => {
      const added = this.statements.addCard.run(id, card.channel, card.ts, card.role, card.userId ?? null, card.platform ?? 'slack').changes === 1;
      const request = this.findById(id);
      if (added && request !== undefined) also?.(request);
    }).immediate();
  }

  /** A row with its cards. */
  private toRequest(row: unknown): DelegationRequest {
    const id = z.object({ id: z.string() }).parse(row).id;
    return toRequest(row, this.statements.cards.all(id));
  }
}
