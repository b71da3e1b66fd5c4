import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/database.ts';
import type { DelegationAction, DelegationDraft, DelegationState } from '../../src/workflows/delegation/model.ts';
import { DelegationService } from '../../src/workflows/delegation/service.ts';
import { SqliteDelegationRepository } from '../../src/workflows/delegation/sqlite-repository.ts';
import { openDelegationDb, tempDbFile } from './temp-db.ts';

const REQUESTER = 'UMED';
const DELEGUE = 'UIDE';
const NURSE_A = 'UIDE1';
const NURSE_B = 'UIDE2';
const OUTSIDER = 'UOTHER';
const groups = { infirmier: [NURSE_A, NURSE_B, REQUESTER] };

const draft = (over: Partial<DelegationDraft> = {}): DelegationDraft => ({
  delegantUserId: REQUESTER,
  delegueUserId: DELEGUE,
  acts: 'Test rapide d’orientation diagnostique (TROD) angine et prescription',
  natures: ['diagnostique', 'therapeutique'],
  protocol: { kind: 'registry', protocolId: 'odynophagie' },
  patients: 'Patients de 6 à 45 ans avec odynophagie',
  setting: 'msp',
  startDate: '2026-12-01',
  ...over,
});

let db: Db;
let file: string;
let cleanup: () => void;
let clock: Date;
let service: DelegationService;

const open = () => {
  db = openDelegationDb(file);
  service = new DelegationService({ repository: new SqliteDelegationRepository(db), groups, now: () => clock });
};

beforeEach(() => {
  ({ file, cleanup } = tempDbFile());
  clock = new Date('2026-11-24T10:00:00Z');
  open();
});
afterEach(() => {
  db.close();
  cleanup();
});

/** Bring a fresh request to `state` through allowed transitions. */
function requestIn(state: DelegationState, key: string) {
  const { request } = service.create(draft(), key);
  const steps: Partial<Record<DelegationState, [DelegationAction, string][]>> = {
    submitted: [],
    info_requested: [['request_info', DELEGUE]],
    accepted: [['accept', DELEGUE]],
    declined: [['decline', DELEGUE]],
    withdrawn: [['withdraw', REQUESTER]],
    closed: [['accept', DELEGUE], ['close', REQUESTER]],
  };
  let current = request;
  for (const [action, actor] of steps[state] ?? []) {
    const outcome = service.transition({ requestId: current.id, action, actorUserId: actor, expectedVersion: current.version, comment: 'motif' });
    if (!outcome.ok) throw new Error(`setup ${action}: ${outcome.reason}`);
    current = outcome.request;
  }
  expect(current.state).toBe(state);
  return current;
}

describe('creation', () => {
  it('allocates DEL-YYYY-NNNN per year, in Paris time, and records the creation', () => {
    const first = service.create(draft(), 'view-1');
    const second = service.create(draft(), 'view-2');
    expect(first).toMatchObject({ created: true, request: { id: 'DEL-2026-0001', state: 'submitted', version: 1 } });
    expect(second.request.id).toBe('DEL-2026-0002');
    expect(service.find('DEL-2026-0001')).toEqual(first.request);
    expect(first.request).toMatchObject(draft());

    clock = new Date('2026-12-31T23:30:00Z'); // already 1 January 2027 in Paris
    expect(service.create(draft(), 'view-3').request.id).toBe('DEL-2027-0001');

    const view = service.view('DEL-2026-0001', REQUESTER);
    expect(view.ok && view.history).toEqual([
      { requestId: 'DEL-2026-0001', version: 1, at: '2026-11-24T10:00:00.000Z', actorUserId: REQUESTER, action: 'create', from: null, to: 'submitted', comment: undefined },
    ]);
  });

  it('never duplicates a request for the same idempotency key (Slack retry, double submit)', () => {
    const first = service.create(draft(), 'view-1');
    const again = service.create(draft({ acts: 'autre chose' }), 'view-1');
    expect(again).toEqual({ created: false, request: first.request });
    expect(service.create(draft(), 'view-2').request.id).toBe('DEL-2026-0002');
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM delegation_audit').get();
    expect(count?.n).toBe(2);
  });

  it('keeps requests, history and the sequence across a restart', () => {
    const created = requestIn('accepted', 'view-1');
    db.close();
    open();
    expect(service.find(created.id)).toEqual(created);
    const view = service.view(created.id, DELEGUE);
    expect(view.ok && view.history.map((e) => e.to)).toEqual(['submitted', 'accepted']);
    expect(service.create(draft(), 'view-1').created).toBe(false);
    expect(service.create(draft(), 'view-2').request.id).toBe('DEL-2026-0002');
  });
});

describe('transitions', () => {
  const allowed: [DelegationState, DelegationAction, string, DelegationState][] = [
    ['submitted', 'accept', DELEGUE, 'accepted'],
    ['submitted', 'decline', DELEGUE, 'declined'],
    ['submitted', 'request_info', DELEGUE, 'info_requested'],
    ['submitted', 'withdraw', REQUESTER, 'withdrawn'],
    ['info_requested', 'answer_info', REQUESTER, 'submitted'],
    ['info_requested', 'accept', DELEGUE, 'accepted'],
    ['info_requested', 'decline', DELEGUE, 'declined'],
    ['info_requested', 'withdraw', REQUESTER, 'withdrawn'],
    ['accepted', 'close', REQUESTER, 'closed'],
    ['accepted', 'close', DELEGUE, 'closed'],
  ];
  it.each(allowed)('%s —%s by %s→ %s, with its audit row', (from, action, actor, to) => {
    const request = requestIn(from, 'k');
    clock = new Date('2026-11-25T08:00:00Z');
    const outcome = service.transition({ requestId: request.id, action, actorUserId: actor, expectedVersion: request.version, comment: '  Précisez la tranche d’âge  ' });
    expect(outcome).toMatchObject({ ok: true, replayed: false, request: { state: to, version: request.version + 1, updatedAt: '2026-11-25T08:00:00.000Z' } });
    const view = service.view(request.id, actor);
    expect(view.ok && view.history.at(-1)).toEqual({
      requestId: request.id,
      version: request.version + 1,
      at: '2026-11-25T08:00:00.000Z',
      actorUserId: actor,
      action,
      from,
      to,
      comment: 'Précisez la tranche d’âge',
    });
  });

  const all: DelegationAction[] = ['accept', 'decline', 'request_info', 'answer_info', 'withdraw', 'close'];
  const forbidden: [DelegationState, DelegationAction, string][] = [
    ['submitted', 'answer_info', REQUESTER],
    ['submitted', 'close', DELEGUE],
    ['info_requested', 'request_info', DELEGUE],
    ['accepted', 'accept', DELEGUE],
    ['accepted', 'decline', DELEGUE],
    ['accepted', 'withdraw', REQUESTER],
    ...(['declined', 'withdrawn', 'closed'] as const).flatMap((state) =>
      all.map((action): [DelegationState, DelegationAction, string] => [state, action, ['answer_info', 'withdraw'].includes(action) ? REQUESTER : DELEGUE]),
    ),
  ];
  it.each(forbidden)('%s —%s by %s→ refused, nothing written', (from, action, actor) => {
    const request = requestIn(from, 'k');
    const outcome = service.transition({ requestId: request.id, action, actorUserId: actor, expectedVersion: request.version, comment: 'x' });
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid_state' });
    expect(service.find(request.id)).toEqual(request);
  });

  it('asks for a comment when requesting or giving information', () => {
    const request = requestIn('submitted', 'k');
    expect(service.transition({ requestId: request.id, action: 'request_info', actorUserId: DELEGUE, expectedVersion: 1, comment: '   ' })).toMatchObject({
      ok: false,
      reason: 'comment_required',
    });
    expect(service.find(request.id)?.version).toBe(1);
  });
});

describe('who may act', () => {
  it('refuses the wrong users, whatever the state', () => {
    const request = requestIn('submitted', 'k');
    const tries: [DelegationAction, string][] = [
      ['accept', OUTSIDER],
      ['accept', REQUESTER], // the requester cannot accept their own request
      ['accept', NURSE_A], // a nurse of the group, but the request names one user and no profession
      ['decline', OUTSIDER],
      ['request_info', REQUESTER],
      ['withdraw', DELEGUE],
      ['withdraw', OUTSIDER],
    ];
    for (const [action, actor] of tries) {
      expect(service.transition({ requestId: request.id, action, actorUserId: actor, expectedVersion: 1, comment: 'x' })).toMatchObject({
        ok: false,
        reason: 'forbidden',
      });
    }
    const accepted = requestIn('accepted', 'k2');
    expect(service.transition({ requestId: accepted.id, action: 'close', actorUserId: OUTSIDER, expectedVersion: accepted.version })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(service.find(request.id)?.version).toBe(1);
  });

  it('lets any member of the profession group answer a request made to the profession', () => {
    const { request } = service.create(draft({ delegueUserId: undefined, delegueProfessionId: 'infirmier' }), 'k');
    expect(service.transition({ requestId: request.id, action: 'accept', actorUserId: OUTSIDER, expectedVersion: 1 })).toMatchObject({ reason: 'forbidden' });
    // the requester is in the group too, but never counts as délégué of their own request
    expect(service.transition({ requestId: request.id, action: 'accept', actorUserId: REQUESTER, expectedVersion: 1 })).toMatchObject({ reason: 'forbidden' });
    expect(service.transition({ requestId: request.id, action: 'accept', actorUserId: NURSE_B, expectedVersion: 1 })).toMatchObject({
      ok: true,
      request: { state: 'accepted' },
    });
  });

  it('lets the named délégué and the members of the named profession’s group answer when both are named', () => {
    const { request } = service.create(draft({ delegueProfessionId: 'infirmier' }), 'k');
    for (const action of ['accept', 'decline', 'request_info'] as const) {
      expect(service.precheck({ requestId: request.id, action, actorUserId: OUTSIDER, expectedVersion: 1 })).toMatchObject({ reason: 'forbidden' });
      expect(service.precheck({ requestId: request.id, action, actorUserId: REQUESTER, expectedVersion: 1 })).toMatchObject({ reason: 'forbidden' });
      expect(service.precheck({ requestId: request.id, action, actorUserId: DELEGUE, expectedVersion: 1 })).toBeNull();
      expect(service.precheck({ requestId: request.id, action, actorUserId: NURSE_A, expectedVersion: 1 })).toBeNull();
    }
    expect(service.precheck({ requestId: request.id, action: 'withdraw', actorUserId: NURSE_A, expectedVersion: 1 })).toMatchObject({ reason: 'forbidden' });
    expect(service.transition({ requestId: request.id, action: 'request_info', actorUserId: NURSE_B, expectedVersion: 1, comment: 'Âge ?' })).toMatchObject({
      ok: true,
      request: { state: 'info_requested' },
    });
    expect(service.view(request.id, NURSE_B).ok).toBe(true);
  });

  it('shows a request and its history to its parties only', () => {
    const request = requestIn('submitted', 'k');
    expect(service.view(request.id, REQUESTER).ok).toBe(true);
    expect(service.view(request.id, DELEGUE).ok).toBe(true);
    expect(service.view(request.id, OUTSIDER)).toEqual({ ok: false, reason: 'forbidden' });
    expect(service.view('DEL-2026-9999', REQUESTER)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('double clicks and stale cards', () => {
  it('applies a double click once and reports the second as already done', () => {
    const request = requestIn('submitted', 'k');
    const click = { requestId: request.id, action: 'accept' as const, actorUserId: DELEGUE, expectedVersion: 1 };
    const first = service.transition(click);
    const second = service.transition(click);
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(second).toMatchObject({ ok: true, replayed: true, request: { state: 'accepted', version: 2 } });
    const view = service.view(request.id, DELEGUE);
    expect(view.ok && view.history).toHaveLength(2);
  });

  it('refuses a click on a card that has changed since', () => {
    const request = requestIn('submitted', 'k');
    expect(service.transition({ requestId: request.id, action: 'request_info', actorUserId: DELEGUE, expectedVersion: 1, comment: 'Âge ?' }).ok).toBe(true);
    // the requester withdraws from the old card (version 1), while the state is info_requested (version 2)
    expect(service.transition({ requestId: request.id, action: 'withdraw', actorUserId: REQUESTER, expectedVersion: 1 })).toMatchObject({
      ok: false,
      reason: 'stale',
      request: { version: 2, state: 'info_requested' },
    });
    expect(service.transition({ requestId: 'DEL-2026-0404', action: 'accept', actorUserId: DELEGUE, expectedVersion: 1 })).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('lists', () => {
  it('lists my open requests, sent and received (by name or by profession)', () => {
    const mine = requestIn('submitted', 'a');
    const closed = requestIn('closed', 'b');
    const toNurses = service.create(draft({ delegantUserId: OUTSIDER, delegueUserId: undefined, delegueProfessionId: 'infirmier' }), 'c').request;
    const toMe = service.create(draft({ delegantUserId: OUTSIDER, delegueUserId: REQUESTER }), 'd').request;
    const toNurseAndNurses = service.create(draft({ delegantUserId: OUTSIDER, delegueUserId: NURSE_A, delegueProfessionId: 'infirmier' }), 'e').request;

    const lists = service.listOpen(REQUESTER);
    expect(lists.sent.map((r) => r.id)).toEqual([mine.id]);
    expect(lists.received.map((r) => r.id)).toEqual([toNurses.id, toMe.id, toNurseAndNurses.id]);
    expect(lists.sent.map((r) => r.id)).not.toContain(closed.id);
    expect(service.listOpen(NURSE_B).received.map((r) => r.id)).toEqual([toNurses.id, toNurseAndNurses.id]);
    expect(service.listOpen(DELEGUE).received.map((r) => r.id)).toEqual([mine.id]);
  });

  it('remembers where each card was posted, once', () => {
    const request = requestIn('submitted', 'k');
    service.attachCard(request.id, { channel: 'C1', ts: '1.2', role: 'delegue' }, request.version);
    service.attachCard(request.id, { channel: 'C1', ts: '1.2', role: 'delegue' }, request.version);
    service.attachCard(request.id, { channel: 'D2', ts: '1.3', role: 'requester', userId: REQUESTER }, request.version);
    expect(service.find(request.id)?.cards).toEqual([
      { channel: 'C1', ts: '1.2', role: 'delegue', platform: 'slack' },
      { channel: 'D2', ts: '1.3', role: 'requester', userId: REQUESTER, platform: 'slack' },
    ]);
  });
});
