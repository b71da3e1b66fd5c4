import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.ts';
import { startFakeMattermost } from '../support/fake-mattermost.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import { mentionEvent, sendEvent } from '../support/slack-requests.ts';
import { freePort } from '../support/net.ts';
import { waitUntil } from '../support/wait.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('serves Slack and Mattermost from one process when both are configured', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-both-'));
  const [slack, mattermost] = await Promise.all([startFakeSlackApi(), startFakeMattermost()]);
  const [slackPort, mattermostPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      COORDO_DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'both-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(slackPort),
      MATTERMOST_URL: mattermost.url,
      MATTERMOST_TOKEN: mattermost.token,
      MATTERMOST_PORT: String(mattermostPort),
      MATTERMOST_CALLBACK_URL: `http://127.0.0.1:${mattermostPort}`,
      MATTERMOST_COMMAND_TOKEN: 'cmd',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }), () => slack.close(), () => mattermost.close(), async () => {
    child.kill('SIGKILL');
    await exited;
  });
  await waitUntil(() => (output.includes('"event":"slack.started"') && output.includes('"event":"mattermost.started"')) || child.exitCode !== null, 'both started', 60_000);
  expect(child.exitCode).toBeNull();

  const question = mattermost.userPosts({ channelId: 'equipechannel', userId: mattermost.user('alice').id, message: "@coordo c'est quoi une CPTS ?" });
  const event = mentionEvent({ text: `<@${slack.bot.userId}> c'est quoi une CPTS ?`, channel: 'CTEAM' });
  expect((await sendEvent({ url: `http://127.0.0.1:${slackPort}/slack/events`, signingSecret: 'both-secret' }, event)).status).toBe(200);
  await mattermost.waitForBotPost((p) => p.root_id === question.id);
  await slack.waitFor('chat.postMessage', (c) => c.params.thread_ts === event.ts, 15_000);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
