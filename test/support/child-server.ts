import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { FakeSlackApi } from './fake-slack-api.ts';
import { freePort } from './net.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(ROOT, 'test/support/delegation-server.ts');

export interface Child {
  process: ChildProcess;
  url: string;
  /** Log lines written so far (stderr, JSON). */
  logs: string[];
  /** Resolves with the first log line (past or future) containing `text`. */
  waitForLog(text: string): Promise<string>;
}

/** `node --import tsx test/support/delegation-server.ts` on the SQLite file (a real Bolt app); resolves once it listens. */
export async function startChild(options: {
  dbFile: string;
  fake: FakeSlackApi;
  signingSecret: string;
  requestsChannel?: string;
  groups?: Record<string, readonly string[]>;
  logLevel?: string;
}): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      COORDO_DB_PATH: options.dbFile,
      COORDO_KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: options.signingSecret,
      SLACK_API_URL: options.fake.apiUrl,
      PORT: String(port),
      ...(options.requestsChannel ? { COORDO_REQUESTS_CHANNEL: options.requestsChannel } : {}),
      ...(options.groups ? { COORDO_PROFESSION_GROUPS: Object.entries(options.groups).map(([p, users]) => `${p}=${users.join(',')}`).join(';') } : {}),
      LOG_LEVEL: options.logLevel ?? 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const waiters = new Set<{ text: string; resolve: (line: string) => void }>();
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    logs.push(line);
    for (const waiter of waiters) {
      if (line.includes(waiter.text)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${logs.join('\n')}`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as { port: number }));
  });
  return {
    process: child,
    url: `http://127.0.0.1:${ready.port}/slack/events`,
    logs,
    waitForLog: (text) => {
      const found = logs.find((line) => line.includes(text));
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.add({ text, resolve }));
    },
  };
}

/** SIGKILL (kill -9): no handler runs, nothing is flushed. */
export function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}
