import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fake-slack-api.ts';
import { mentionEvent, postSigned, sendEvent } from '../support/slack-requests.ts';
import { startHarness, type Harness } from './harness.ts';

/** Correctly signed requests whose body is not something Slack sends: a 4xx and a log line each, and the app keeps answering. */

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (payload: string) => `payload=${encodeURIComponent(payload)}`;

const GARBAGE: { name: string; body: string; contentType: string }[] = [
  { name: 'payload=null', body: 'payload=null', contentType: FORM },
  { name: 'payload=1', body: 'payload=1', contentType: FORM },
  { name: 'payload=[]', body: form('[]'), contentType: FORM },
  { name: 'payload={}', body: form('{}'), contentType: FORM },
  { name: 'payload="texte"', body: form('"texte"'), contentType: FORM },
  { name: 'truncated payload', body: form('{"type":"block_actions","actions":[{"action_id"'), contentType: FORM },
  { name: 'block_actions without actions', body: form('{"type":"block_actions","user":{"id":"U0001"}}'), contentType: FORM },
  { name: 'view_submission without view', body: form('{"type":"view_submission","user":{"id":"U0001"}}'), contentType: FORM },
  { name: 'unknown interaction type', body: form('{"type":"nouveau","user":{"id":"U0001"}}'), contentType: FORM },
  { name: 'two payloads', body: `${form('{}')}&${form('{}')}`, contentType: FORM },
  { name: 'empty form', body: '', contentType: FORM },
  { name: 'form that is not a command', body: 'a=1&b=2', contentType: FORM },
  { name: 'JSON null', body: 'null', contentType: JSON_TYPE },
  { name: 'JSON array', body: '[]', contentType: JSON_TYPE },
  { name: 'JSON number', body: '42', contentType: JSON_TYPE },
  { name: 'JSON string', body: '"x"', contentType: JSON_TYPE },
  { name: 'JSON {}', body: '{}', contentType: JSON_TYPE },
  { name: 'event_callback without event', body: '{"type":"event_callback"}', contentType: JSON_TYPE },
  { name: 'event_callback with event null', body: '{"type":"event_callback","event":null}', contentType: JSON_TYPE },
  { name: 'event without type', body: '{"type":"event_callback","event":{"text":"Secretdupont"}}', contentType: JSON_TYPE },
  { name: 'truncated JSON', body: '{"type":"event_callback","event":{"ty', contentType: JSON_TYPE },
  { name: 'empty JSON body', body: '', contentType: JSON_TYPE },
  { name: 'binary body', body: '\u0000\u00ff\u0001', contentType: 'application/octet-stream' },
];

describe('Slack intake of signed garbage', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const askAndExpectAnswer = async () => {
    const event = mentionEvent({ text: "<@UCOORDO> Qu'est-ce qu'une CPTS ?" });
    expect((await sendEvent(h.target, event)).status).toBe(200);
    const post = await h.fake.waitFor('chat.postMessage', (c: SlackCall) => c.params.thread_ts === event.ts);
    expect(JSON.stringify(post.params.blocks)).toContain('Une CPTS');
  };

  it.each(GARBAGE)('refuses $name with a 400 and a log line, then still answers a question', async ({ body, contentType }) => {
    const logged = h.logs.length;
    const res = await postSigned(h.target, body, contentType);
    expect(res.status).toBe(400);
    const lines = h.logs.slice(logged).filter((l) => l.includes('slack.request_refused'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('Secretdupont');
    await askAndExpectAnswer();
  });

  it('refuses requests dated too far in the future, as it refuses stale ones', async () => {
    const event = mentionEvent({ text: "<@UCOORDO> Qu'est-ce qu'une CPTS ?" });
    const now = Math.floor(Date.now() / 1000);
    expect((await sendEvent(h.target, event, { timestamp: now + 10 * 60 })).status).toBe(401);
    expect((await sendEvent(h.target, event, { timestamp: now - 10 * 60 })).status).toBe(401);
    expect((await sendEvent(h.target, event, { timestamp: Number.NaN })).status).toBe(401);
    expect(h.logs.some((l) => l.includes('"reason":"future"'))).toBe(true);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === event.ts)).toHaveLength(0);
    await askAndExpectAnswer();
  });

  it('still answers Slack’s URL verification and SSL check', async () => {
    const challenge = await postSigned(h.target, JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 't' }), JSON_TYPE);
    expect(challenge.status).toBe(200);
    expect(challenge.body).toContain('abc');
    const ssl = await postSigned(h.target, 'ssl_check=1&token=t', FORM, { signature: null });
    expect(ssl.status).toBe(200);
  });
});
