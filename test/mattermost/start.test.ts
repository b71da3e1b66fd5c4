import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.ts';
import { startFakeMattermost, type FakeMattermost } from '../support/fake-mattermost.ts';
import { freePort } from '../support/net.ts';
import { waitUntil } from '../support/wait.ts';

/** `npm start` with Mattermost configured: the real entry point in a child process against the fake server. */

const COMMAND_TOKEN = 'start-command-token';
let dataDir: string;
let fake: FakeMattermost;
let child: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let commandUrl: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-mm-start-'));
  fake = await startFakeMattermost();
  const port = await freePort();
  commandUrl = `http://127.0.0.1:${port}/mattermost/command`;
  child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      COORDO_DATA_DIR: dataDir,
      MATTERMOST_URL: fake.url,
      MATTERMOST_TOKEN: fake.token,
      MATTERMOST_PORT: String(port),
      MATTERMOST_CALLBACK_URL: `http://127.0.0.1:${port}`,
      MATTERMOST_COMMAND_TOKEN: COMMAND_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  await waitUntil(() => output.includes('"event":"mattermost.started"') || child.exitCode !== null, 'Coordo started', 60_000);
  if (child.exitCode !== null) throw new Error(output);
});

afterAll(async () => {
  child.kill('SIGKILL');
  await fake.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start with Mattermost', () => {
  it('answers a mention in its thread with sources, once even when the event is duplicated', async () => {
    const alice = fake.user('alice').id;
    const question = fake.userPosts({ channelId: 'equipechannel', userId: alice, message: '@coordo qui peut suturer une plaie ?' });
    fake.replay(question);
    const answer = await fake.waitForBotPost((p) => p.root_id === question.id);
    expect(answer.message).toMatch(/sutur/i);
    expect(answer.message).toMatch(/\*\*Sources\*\*\n1\. \[[^\]]+\]\(https?:\/\//);
    await waitUntil(() => output.includes('"event":"mattermost.duplicate_ignored"'), 'duplicate seen');
    expect(fake.botPosts((p) => p.root_id === question.id)).toHaveLength(1);
  });

  it('answers a direct message', async () => {
    const bruno = fake.user('bruno').id;
    const dm = fake.directChannel(bruno);
    const question = fake.userPosts({ channelId: dm, userId: bruno, message: "c'est quoi une CPTS ?" });
    const answer = await fake.waitForBotPost((p) => p.channel_id === dm && p.create_at > question.create_at);
    expect(answer.message).toMatch(/communauté professionnelle territoriale de santé/i);
  });

  it('answers /coordo <question> ephemerally, refuses a wrong token, and opens the request form as a dialog', async () => {
    const alice = fake.user('alice').id;
    const ok = await fake.command(commandUrl, { text: 'comment créer une MSP ?', userId: alice, channelId: 'equipechannel', token: COMMAND_TOKEN });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ response_type: 'ephemeral' });
    expect(ok.json?.text).toMatch(/MSP|maison de santé/i);
    const refused = await fake.command(commandUrl, { text: 'aide', userId: alice, channelId: 'equipechannel', token: 'faux' });
    expect(refused.status).toBe(401);
    expect(refused.json?.text).toMatch(/jeton de commande absent ou invalide/);
    const demande = await fake.command(commandUrl, { text: 'demande', userId: alice, channelId: 'equipechannel', token: COMMAND_TOKEN });
    // The delegation request form opens as an interactive dialog.
    expect(demande.status).toBe(200);
    expect(fake.callsTo('POST /api/v4/actions/dialogs/open')).toHaveLength(1);
  });

  it('stops cleanly on SIGTERM, and never logs message text', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/suturer une plaie/);
    expect(output).not.toMatch(/créer une MSP/);
  });
});
