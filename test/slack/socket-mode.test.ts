import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSlackApp, SlackStartError } from '../../src/adapters/slack/app.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startFakeSlackApi } from '../support/fake-slack-api.ts';
import { eventEnvelope, mentionEvent } from '../support/slack-requests.ts';
import { startFakeSocketMode } from './fake-socket-mode.ts';
import { testHandler } from './harness.ts';
import { freePort } from '../support/net.ts';

const tempDb = () => openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-slack-sm-')), 'db.sqlite'), conversationMigrations);

describe('Slack modes chosen by config', () => {
  it('uses Socket Mode when an app token is set, and answers events received over the socket', async () => {
    const fake = await startFakeSlackApi();
    const socket = await startFakeSocketMode();
    fake.respond('apps.connections.open', () => ({ ok: true, url: socket.url }));
    const db = tempDb();
    const slack = createSlackApp({
      config: { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: fake.apiUrl, port: 0 },
      engine: new Engine([testHandler([])], silentLogger),
      db,
      logger: silentLogger,
    });
    try {
      expect(await slack.start()).toEqual({ mode: 'socket' });
      await socket.connected;
      const event = mentionEvent({ text: "<@UCOORDO> Qu'est-ce qu'une CPTS ?" });
      const envelopeId = socket.sendEvent(eventEnvelope(event));
      const post = await fake.waitFor('chat.postMessage', (c) => c.params.thread_ts === event.ts);
      expect(JSON.stringify(post.params.blocks)).toContain('Sources');
      expect(socket.acks).toContain(envelopeId);
    } finally {
      await slack.stop();
      db.close();
      await socket.close();
      await fake.close();
    }
  });

  it('refuses to start, in one French line, when Slack rejects the bot token', async () => {
    const fake = await startFakeSlackApi();
    fake.respond('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const db = tempDb();
    const slack = createSlackApp({
      config: { botToken: 'xoxb-revoked', signingSecret: 's', apiUrl: fake.apiUrl, port: 0 },
      engine: new Engine([], silentLogger),
      db,
      logger: silentLogger,
    });
    try {
      const started = slack.start();
      await expect(started).rejects.toThrow(SlackStartError);
      await expect(started).rejects.toThrow('Slack refuse la connexion (invalid_auth) : vérifiez SLACK_BOT_TOKEN et SLACK_API_URL.');
    } finally {
      db.close();
      await fake.close();
    }
  });

  it('says « Slack injoignable » at once when Slack cannot be reached', async () => {
    const closedPort = await freePort();
    const db = tempDb();
    const slack = createSlackApp({
      config: { botToken: 'xoxb-test', signingSecret: 's', apiUrl: `http://127.0.0.1:${closedPort}/api/`, port: 0 },
      engine: new Engine([], silentLogger),
      db,
      logger: silentLogger,
    });
    try {
      await expect(slack.start()).rejects.toThrow(/^Slack injoignable \(WebAPIRequestError:slack_webapi_request_error\) : vérifiez la connexion réseau et SLACK_API_URL/u);
    } finally {
      db.close();
    }
  });
});
