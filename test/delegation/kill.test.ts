import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { CHANNEL, GROUPS, SIGNING_SECRET, submitForm, validForm } from './slack-harness.ts';
import { tempDbFile } from './temp-db.ts';
import { kill, startChild as startChildProcess, type Child } from '../support/child-server.ts';
import { directMessageEvent, mentionEvent, sendEvent } from '../support/slack-requests.ts';
import { waitUntil } from '../support/wait.ts';

const WORKERS = 12;
/** SIGKILL once this many submissions were acknowledged; the other workers are mid-request. */
const KILL_AFTER_ACKS = 60;

const startChild = (dbFile: string, fake: FakeSlackApi, logLevel?: string): Promise<Child> =>
  startChildProcess({ dbFile, fake, signingSecret: SIGNING_SECRET, requestsChannel: CHANNEL, groups: GROUPS, logLevel });

let fake: FakeSlackApi;
let dbFile: string;
let cleanup: () => void;
const children: Child[] = [];

beforeEach(async () => {
  fake = await startFakeSlackApi();
  ({ file: dbFile, cleanup } = tempDbFile());
});
afterEach(async () => {
  for (const child of children.splice(0)) await kill(child);
  await fake.close();
  cleanup();
});

describe('a process killed in the middle of a burst of submissions', () => {
  it('loses no acknowledged request, duplicates none and leaves nothing half-written', { timeout: 60_000 }, async () => {
    const first = await startChild(dbFile, fake);
    children.push(first);
    const target = { url: first.url, signingSecret: SIGNING_SECRET };

    const acked: string[] = [];
    const failed: string[] = [];
    let sent = 0;
    let killing: Promise<void> | undefined;
    const worker = async () => {
      while (killing === undefined) {
        sent += 1;
        const viewId = `VBURST${String(sent).padStart(5, '0')}`;
        try {
          const response = await submitForm(target, validForm({ acts: `Acte délégué numéro ${sent}` }), { viewId });
          if (response.status === 200 && response.body === '') acked.push(viewId);
          else failed.push(viewId);
        } catch {
          failed.push(viewId); // connection reset or refused: never acknowledged
        }
        if (acked.length >= KILL_AFTER_ACKS) killing ??= kill(first);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    await killing;
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(failed.length).toBeGreaterThan(0); // the kill really happened mid-burst

    // Restart on the same file: migrations are idempotent and the WAL is recovered.
    const second = await startChild(dbFile, fake);
    children.push(second);
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare<[], { id: string; idempotency_key: string; version: number; state: string }>('SELECT id, idempotency_key, version, state FROM delegation_requests ORDER BY id').all();
      const keys = rows.map((r) => r.idempotency_key);
      for (const viewId of acked) expect(keys.filter((k) => k === `slack:T0001:${viewId}`)).toHaveLength(1);
      expect(new Set(keys).size).toBe(keys.length);

      // Nothing half-written: ids are contiguous, each request has exactly its creation audit row, the sequence matches.
      const year = rows[0]?.id.slice(4, 8);
      expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => `DEL-${year}-${String(i + 1).padStart(4, '0')}`));
      const audits = db.prepare<[], { request_id: string; version: number; action: string }>('SELECT request_id, version, action FROM delegation_audit ORDER BY request_id').all();
      expect(audits).toEqual(rows.map((r) => ({ request_id: r.id, version: 1, action: 'create' })));
      expect(rows.every((r) => r.version === 1 && r.state === 'submitted')).toBe(true);
      const sequence = db.prepare<[string], { last: number }>('SELECT last FROM delegation_sequences WHERE year = ?').get(year ?? '');
      expect(sequence?.last).toBe(rows.length);
    } finally {
      db.close();
    }

    // The restarted process still never duplicates an acknowledged submission, and numbers on.
    const restarted = { url: second.url, signingSecret: SIGNING_SECRET };
    const retried = acked.at(-1) ?? '';
    expect(await submitForm(restarted, validForm(), { viewId: retried })).toEqual({ status: 200, body: '' });
    expect(await submitForm(restarted, validForm(), { viewId: 'VAFTER' })).toEqual({ status: 200, body: '' });
    const check = new Database(dbFile, { readonly: true });
    try {
      expect(check.prepare<[string], { n: number }>('SELECT count(*) AS n FROM delegation_requests WHERE idempotency_key = ?').get(`slack:T0001:${retried}`)?.n).toBe(1);
      const after = check.prepare<[], { id: string }>("SELECT id FROM delegation_requests WHERE idempotency_key = 'slack:T0001:VAFTER'").get();
      const total = check.prepare<[], { n: number }>('SELECT count(*) AS n FROM delegation_requests').get()?.n ?? 0;
      expect(after?.id.endsWith(String(total).padStart(4, '0'))).toBe(true);
    } finally {
      check.close();
    }
  });
});

describe('a process killed while Slack is slow', () => {
  it('delivers every owed card and confirmation exactly once after the restart, even those Slack took but never answered', { timeout: 60_000 }, async () => {
    const REQUESTS = 20;
    const first = await startChild(dbFile, fake);
    children.push(first);
    const target = { url: first.url, signingSecret: SIGNING_SECRET };
    // Slack takes the posts (they show in the channel) but its answers never come back before the kill.
    const slow = fake.hold('chat.postMessage');
    for (let i = 1; i <= REQUESTS; i++) {
      expect(await submitForm(target, validForm({ acts: `Acte lent ${i}` }), { viewId: `VSLOW${i}` })).toEqual({ status: 200, body: '' });
    }
    await fake.waitFor('chat.postMessage');
    await kill(first);
    slow.release();

    const inFlight = new Database(dbFile, { readonly: true });
    const before = inFlight.prepare<[], { key: string; attempts: number; delivered_at: number | null }>('SELECT key, attempts, delivered_at FROM outbox ORDER BY id').all();
    inFlight.close();
    expect(before).toHaveLength(REQUESTS * 2); // the channel card and the requester's card (its confirmation) of each
    expect(before.every((row) => row.delivered_at === null)).toBe(true);
    const taken = before.filter((row) => row.attempts === 1).map((row) => row.key);
    expect(taken.length).toBeGreaterThan(0);
    for (const key of taken) expect(fake.postsWithKey(key)).toHaveLength(1); // Slack has them already

    const second = await startChild(dbFile, fake);
    children.push(second);
    const db = new Database(dbFile, { readonly: true });
    try {
      const open = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL');
      await waitUntil(() => open.get()?.n === 0, 'outbox delivered');
      const rows = db.prepare<[], { key: string; attempts: number }>('SELECT key, attempts FROM outbox').all();
      // Exactly once per key, counted at the fake Slack API: the posts taken before the kill are found, not repeated.
      for (const row of rows) expect(fake.postsWithKey(row.key), row.key).toHaveLength(1);
      expect(rows.filter((row) => row.attempts === 2).map((row) => row.key).sort()).toEqual([...taken].sort());
      const cards = db.prepare<[], { role: string; n: number }>('SELECT role, count(*) AS n FROM delegation_cards GROUP BY role ORDER BY role').all();
      expect(cards).toEqual([
        { role: 'delegue', n: REQUESTS },
        { role: 'requester', n: REQUESTS },
      ]);
      const confirmations = fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'DUMED' && String(c.params.text).includes('est envoyée'));
      expect(new Set(confirmations.map((c) => /DEL-\d{4}-\d{4}/.exec(String(c.params.text))?.[0])).size).toBe(REQUESTS);
      expect(confirmations).toHaveLength(REQUESTS);
      expect(fake.callsTo('chat.postMessage').filter((c) => c.params.channel === CHANNEL)).toHaveLength(REQUESTS);
    } finally {
      db.close();
    }
  });

  it('answers, after the restart, a question it had acknowledged but not answered, once — a Slack retry of it included', { timeout: 60_000 }, async () => {
    const first = await startChild(dbFile, fake);
    children.push(first);
    const root = '1700000000.000100';
    const question = mentionEvent({ text: '<@UCOORDO> et pour une CPTS ?', threadTs: root, channel: 'C0001' });
    fake.addMessage({ channel: 'C0001', ts: root, user: 'U0001', text: 'Qui finance une MSP ?' });
    fake.addMessage({ channel: 'C0001', ts: String(question.ts), thread_ts: root, user: 'U0001', text: String(question.text) });
    // Slack is slow to give the thread: the question is acknowledged, then the process dies before answering.
    const slow = fake.hold('conversations.replies');
    const sent = await sendEvent({ url: first.url, signingSecret: SIGNING_SECRET }, question);
    expect(sent.status).toBe(200);
    await fake.waitFor('conversations.replies');
    await kill(first);
    slow.release();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);

    const second = await startChild(dbFile, fake);
    children.push(second);
    const answer = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === root);
    expect(answer.params.channel).toBe('C0001');
    // Slack's own retry of the event (its first delivery was never answered in time) gets no second answer.
    const again = await startChild(dbFile, fake, 'info');
    children.push(again);
    await sendEvent({ url: again.url, signingSecret: SIGNING_SECRET }, question, { eventId: sent.eventId, retryNum: 1 });
    await again.waitForLog('"event":"slack.duplicate_ignored"');
    expect(fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === root)).toHaveLength(1);
  });

  it('answers a Slack retry of a question still pending (acknowledged, then the process died)', { timeout: 60_000 }, async () => {
    const first = await startChild(dbFile, fake);
    children.push(first);
    const question = directMessageEvent({ text: 'Qu’est-ce qu’une CPTS ?', channel: 'DU0001' });
    // Deleted from Slack since: the restart finds nothing to read again, only the retry carries the text.
    const slow = fake.hold('conversations.history');
    const sent = await sendEvent({ url: first.url, signingSecret: SIGNING_SECRET }, question);
    await fake.waitFor('conversations.history');
    await kill(first);
    slow.release();

    const second = await startChild(dbFile, fake, 'info');
    children.push(second);
    await sendEvent({ url: second.url, signingSecret: SIGNING_SECRET }, question, { eventId: sent.eventId, retryNum: 1 });
    const answer = await fake.waitFor('chat.postMessage', (c) => c.params.channel === 'DU0001');
    expect(answer.params.thread_ts).toBeUndefined();
    expect(fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'DU0001')).toHaveLength(1);
  });
});
