import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { mentionEvent, postSigned, sendCommand, sendEvent, type SlackTarget } from '../support/slack-requests.ts';
import { freePort } from '../support/net.ts';

/** `npm start` as a team runs it: the real entry point in a child process, tokens or not. */

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-start-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>, input?: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', COORDO_DATA_DIR: dataDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  if (input !== undefined) child.stdin?.end(input);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}


async function waitForHealth(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('Coordo did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', () => {
  it('opens the local console without tokens: answers with sources, keeps the thread, quits', async () => {
    const run = start({}, "Qu'est-ce qu'une CPTS ?\nEt ses missions ?\nquitter\n");
    expect(await run.exited).toBe(0);
    const out = run.output();
    expect(out).toMatch(/Coordo — console locale/);
    expect(out).toMatch(/communauté professionnelle territoriale de santé/i);
    expect(out).toMatch(/Sources :\n\[1\] /);
    // The follow-up borrowed the first question's subject.
    expect(out).toMatch(/missions? (socles?|optionnelles?)/i);
  });

  describe('with Slack tokens (HTTP mode against a fake Slack Web API)', () => {
    let fake: FakeSlackApi;
    let target: SlackTarget;
    let run: ReturnType<typeof start>;

    beforeAll(async () => {
      fake = await startFakeSlackApi();
      const port = await freePort();
      run = start({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'start-test-secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        COORDO_REQUESTS_CHANNEL: 'CREQUESTS',
      });
      await waitForHealth(port);
      target = { url: `http://127.0.0.1:${port}/slack/events`, signingSecret: 'start-test-secret' };
    });

    afterAll(async () => {
      run.child.kill('SIGKILL');
      await fake.close();
    });

    it('answers a mention in its thread, with sources and the « Faire une demande » button', async () => {
      const event = mentionEvent({ text: `<@${fake.bot.userId}> qui peut suturer une plaie ?`, channel: 'CTEAM' });
      expect((await sendEvent(target, event)).status).toBe(200);
      const post = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === event.ts, 15_000);
      const blocks = JSON.stringify(post.params.blocks);
      expect(blocks).toMatch(/suture/i);
      expect(blocks).toContain('delegation_open_form');
      expect(blocks).toMatch(/https?:\/\//);
    });

    it('routes /coordo demande to the request form and /coordo protocole to a new draft thread', async () => {
      await sendCommand(target, { text: 'demande', responseUrl: fake.responseUrl('demande'), triggerId: 'T1.trigger' });
      const view = await fake.waitFor('views.open', (c) => c.params.trigger_id === 'T1.trigger', 15_000);
      expect(JSON.stringify(view.params.view)).toMatch(/délégu/i);

      await sendCommand(target, { text: 'protocole Sutures aux urgences', responseUrl: fake.responseUrl('protocole'), channelId: 'CDRAFT' });
      const root = await fake.waitFor('chat.postMessage', (c) => c.params.channel === 'CDRAFT' && !c.params.thread_ts, 15_000);
      expect(JSON.stringify(root.params)).toMatch(/Sutures aux urgences/);
    });

    it('answers 400 to signed garbage (payload=null, JSON null…) and keeps answering', async () => {
      for (const [body, type] of [
        ['payload=null', 'application/x-www-form-urlencoded'],
        ['payload=%5B%5D', 'application/x-www-form-urlencoded'],
        ['null', 'application/json'],
        ['{"type":"event_callback","event":7}', 'application/json'],
      ] as const) {
        expect((await postSigned(target, body, type)).status).toBe(400);
      }
      const event = mentionEvent({ text: `<@${fake.bot.userId}> c'est quoi une CPTS ?`, channel: 'CTEAM' });
      expect((await sendEvent(target, event)).status).toBe(200);
      await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === event.ts, 15_000);
      expect(run.child.exitCode).toBeNull();
    });

    it('stops cleanly on SIGTERM, and never logs message text', async () => {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/"event":"slack.started"/);
      expect(run.output()).not.toMatch(/suturer une plaie/);
    });
  });
});
