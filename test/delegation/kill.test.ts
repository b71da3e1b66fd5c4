import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { CHANNEL, GROUPS, SIGNING_SECRET, submitForm, validForm } from './slack-harness.ts';
import { tempDbFile } from './temp-db.ts';
import { freePort } from '../support/net.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'test/support/delegation-server.ts');
const WORKERS = 12;
/** SIGKILL once this many submissions were acknowledged; the other workers are mid-request. */
const KILL_AFTER_ACKS = 60;


interface Child {
  process: ChildProcess;
  url: string;
}

/** `node --import tsx test/support/delegation-server.ts` on the SQLite file; resolves once it listens. */
async function startChild(dbFile: string, fake: FakeSlackApi): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      COORDO_DB_PATH: dbFile,
      COORDO_KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      COORDO_REQUESTS_CHANNEL: CHANNEL,
      COORDO_PROFESSION_GROUPS: Object.entries(GROUPS).map(([p, users]) => `${p}=${users.join(',')}`).join(';'),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as { port: number }));
  });
  return { process: child, url: `http://127.0.0.1:${ready.port}/slack/events` };
}

function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

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
