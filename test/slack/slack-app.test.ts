import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatFeature } from '../../src/adapters/shared/chat-core.ts';
import { ACTION_SHARE } from '../../src/workflows/questions/questions.ts';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP } from '../../src/workflows/questions/feedback.ts';
import type { SlackCall } from '../support/fake-slack-api.ts';
import {
  blockActionPayload,
  directMessageEvent,
  mentionEvent,
  nextTs,
  sendCommand,
  sendEvent,
  sendInteraction,
} from '../support/slack-requests.ts';
import { startHarness, type Harness } from './harness.ts';

const QUESTION = "<@UCOORDO> Qu'est-ce qu'une CPTS ?";

interface Block {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
}
const blocksOf = (call: SlackCall): Block[] => call.params.blocks as Block[];
const allText = (call: SlackCall): string => JSON.stringify(call.params.blocks ?? call.params.text);
const buttons = (call: SlackCall) => blocksOf(call).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
const replyTo = (ts: string) => (c: SlackCall) => c.params.thread_ts === ts;

/** A feature with one command, as the delegation/drafts features plug in. */
function demandeFeature(received: string[]): ChatFeature {
  return {
    name: 'demande-test',
    core: {
      name: 'demande-test',
      help: ['`/coordo demande <acte>` : demander un acte délégué'],
      commands: {
        demande: async (command) => {
          received.push(command.args);
          return [{ kind: 'reply', visibility: 'private', text: 'Demande reçue.' }];
        },
      },
    },
  };
}

describe('Slack app over signed HTTP requests', () => {
  let h: Harness;
  const subcommandArgs: string[] = [];
  beforeEach(async () => {
    h = await startHarness({ features: [demandeFeature(subcommandArgs)] });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers a mention in its thread, with numbered sources and feedback buttons', async () => {
    const event = mentionEvent({ text: QUESTION });
    const res = await sendEvent(h.target, event);
    expect(res.status).toBe(200);

    const post = await h.fake.waitFor('chat.postMessage', replyTo(String(event.ts)));
    expect(post.params.channel).toBe('C0001');
    expect(allText(post)).toContain('*Une CPTS* regroupe');
    expect(allText(post)).toContain('1. <https://example.org/cpts|CPTS — Définition>');
    expect(allText(post)).toContain('2. Code de la santé publique — Article L1434-12 (CSP L1434-12)');
    expect(buttons(post).map((b) => b.action_id)).toEqual([ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN]);
    // The engine got the question without the mention.
    expect(h.seen.at(-1)?.text).toBe("Qu'est-ce qu'une CPTS ?");
    expect(h.seen.at(-1)?.conversation).toMatchObject({ platform: 'slack', userId: 'U0001', channelId: 'C0001', threadId: event.ts });
  });

  it('shows work in progress on a question that takes time, and clears it after the answer', async () => {
    const event = mentionEvent({ text: '<@UCOORDO> une question longue' });
    await sendEvent(h.target, event);
    const add = await h.fake.waitFor('reactions.add', (c) => c.params.timestamp === event.ts);
    expect(add.params).toMatchObject({ channel: 'C0001', name: 'hourglass_flowing_sand' });
    const post = await h.fake.waitFor('chat.postMessage', replyTo(String(event.ts)));
    const remove = await h.fake.waitFor('reactions.remove', (c) => c.params.timestamp === event.ts);
    expect(add.at).toBeLessThan(post.at);
    expect(post.at).toBeLessThanOrEqual(remove.at);
  });

  it('uses the earlier turns of the thread for a follow-up mention', async () => {
    const root = nextTs();
    h.fake.addMessage({ channel: 'C0001', ts: root, user: 'U0001', text: '<@UCOORDO> Qu’est-ce qu’une CPTS ?' });
    h.fake.addMessage({ channel: 'C0001', ts: nextTs(), thread_ts: root, user: 'UCOORDO', bot_id: 'BCOORDO', text: 'Une CPTS regroupe…' });
    const followUp = mentionEvent({ text: '<@UCOORDO> et combien coûte-t-elle ?', threadTs: root });
    h.fake.addMessage({ channel: 'C0001', ts: String(followUp.ts), thread_ts: root, user: 'U0001', text: String(followUp.text) });

    await sendEvent(h.target, followUp);
    const post = await h.fake.waitFor('chat.postMessage', replyTo(root));
    expect(post.params.channel).toBe('C0001');
    const asked = h.seen.at(-1);
    expect(asked?.history).toEqual([
      { role: 'user', text: 'Qu’est-ce qu’une CPTS ?' },
      { role: 'assistant', text: 'Une CPTS regroupe…' },
    ]);
    expect(asked?.conversation.threadId).toBe(root);
  });

  it('reads a long thread to its end: the follow-up context is the latest turns', async () => {
    const root = nextTs();
    const followUp = mentionEvent({ text: '<@UCOORDO> et pour une MSP ?', threadTs: root });
    const old = Array.from({ length: 200 }, (_, i) => ({ ts: `1000.${String(i).padStart(6, '0')}`, user: 'U0002', text: `ancien message ${i}` }));
    const latest = [
      { ts: '2000.000001', user: 'U0001', text: 'Qui finance une CPTS ?' },
      { ts: '2000.000002', user: 'UCOORDO', bot_id: 'BCOORDO', text: 'L’ACI finance les CPTS.' },
    ];
    h.fake.respond('conversations.replies', (call) =>
      call.params.cursor === 'page-2'
        ? { ok: true, messages: latest, has_more: false }
        : { ok: true, messages: old, has_more: true, response_metadata: { next_cursor: 'page-2' } },
    );
    try {
      await sendEvent(h.target, followUp);
      await h.fake.waitFor('chat.postMessage', replyTo(root));
    } finally {
      h.fake.respond('conversations.replies', () => null); // back to the real thread for the next tests
    }
    const history = h.seen.at(-1)?.history ?? [];
    expect(history).toHaveLength(10);
    expect(history.slice(-2)).toEqual([
      { role: 'user', text: 'Qui finance une CPTS ?' },
      { role: 'assistant', text: 'L’ACI finance les CPTS.' },
    ]);
  });

  it('answers a 1:1 direct message in the conversation (no thread per message), with the earlier messages as context', async () => {
    const inDm = (c: SlackCall) => c.params.channel === 'D0001';
    const first = directMessageEvent({ text: 'Qu’est-ce qu’une CPTS ?', ts: '1000.000001' });
    h.fake.addMessage({ channel: 'D0001', ts: String(first.ts), user: 'U0001', text: String(first.text) });
    await sendEvent(h.target, first);
    const post = await h.fake.waitFor('chat.postMessage', inDm);
    expect(post.params.thread_ts).toBeUndefined();
    expect(allText(post)).toContain('Sources');
    expect(h.seen.at(-1)?.history).toEqual([]);

    // Slack timestamps grow: the follow-up comes after Coordo's answer.
    const second = directMessageEvent({ text: 'et qui la finance ?', ts: `${Math.floor(Date.now() / 1000) + 60}.000001` });
    h.fake.addMessage({ channel: 'D0001', ts: String(second.ts), user: 'U0001', text: String(second.text) });
    await sendEvent(h.target, second);
    await h.fake.waitFor('chat.postMessage', (c) => inDm(c) && c !== post);
    expect(h.fake.callsTo('chat.postMessage').filter(inDm).map((c) => c.params.thread_ts)).toEqual([undefined, undefined]);
    const history = h.seen.at(-1)?.history ?? [];
    expect(history[0]).toEqual({ role: 'user', text: 'Qu’est-ce qu’une CPTS ?' });
    expect(history[1]?.role).toBe('assistant');
    expect(history).toHaveLength(2);
  });

  it('answers /coordo <question> ephemerally with a share button, then shares it in the channel', async () => {
    const res = await sendCommand(h.target, { text: 'Qu’est-ce qu’une CPTS ?', responseUrl: h.fake.responseUrl('cmd') });
    expect(res.status).toBe(200);
    const answer = await h.fake.waitFor('response_url', (c) => c.responseId === 'cmd');
    expect(answer.params.response_type).toBe('ephemeral');
    expect(allText(answer)).toContain('<https://example.org/cpts|CPTS — Définition>');
    const share = buttons(answer).find((b) => b.action_id === ACTION_SHARE);
    expect(share?.text).toMatchObject({ text: 'Partager dans le canal' });
    expect(h.seen.at(-1)?.command).toBe(true);

    // Someone else cannot share it.
    await sendInteraction(h.target, blockActionPayload({ actionId: ACTION_SHARE, value: String(share?.value), userId: 'U0002', responseUrl: h.fake.responseUrl('intrus') }));
    const refused = await h.fake.waitFor('response_url', (c) => c.responseId === 'intrus');
    expect(refused.params.text).toContain('Seule la personne qui a posé la question');

    await sendInteraction(h.target, blockActionPayload({ actionId: ACTION_SHARE, value: String(share?.value), responseUrl: h.fake.responseUrl('share') }));
    const shared = await h.fake.waitFor('chat.postMessage', (c) => c.params.channel === 'C0001' && c.params.thread_ts === undefined);
    expect(allText(shared)).toContain('<@U0001> a partagé une réponse de Coordo');
    expect(allText(shared)).toContain('CPTS — Définition');
    expect(buttons(shared).map((b) => b.action_id)).toEqual([ACTION_FEEDBACK_UP, ACTION_FEEDBACK_DOWN]);
    const cleared = await h.fake.waitFor('response_url', (c) => c.responseId === 'share');
    expect(cleared.params.delete_original).toBe(true);
  });

  it('lists questions and sub-commands for /coordo aide, and routes sub-commands', async () => {
    await sendCommand(h.target, { text: 'aide', responseUrl: h.fake.responseUrl('aide') });
    const help = await h.fake.waitFor('response_url', (c) => c.responseId === 'aide');
    const text = allText(help);
    for (const example of ['comment créer une MSP ?', 'qui a un Ordre ?', "c'est quoi un DAC ?", 'qui peut suturer une plaie ?', '/coordo demande &lt;acte&gt;']) {
      expect(text).toContain(example);
    }
    expect(h.seen).toHaveLength(0);

    await sendCommand(h.target, { text: 'Demande  suture de plaie', responseUrl: h.fake.responseUrl('sub') });
    await h.fake.waitFor('response_url', (c) => c.responseId === 'sub');
    expect(subcommandArgs).toEqual(['suture de plaie']);
  });

  it('stores 👍/👎 clicks (who, which answer, when) and acknowledges them', async () => {
    const event = mentionEvent({ text: QUESTION });
    await sendEvent(h.target, event);
    const post = await h.fake.waitFor('chat.postMessage', replyTo(String(event.ts)));
    const up = buttons(post).find((b) => b.action_id === ACTION_FEEDBACK_UP);

    await sendInteraction(h.target, blockActionPayload({ actionId: ACTION_FEEDBACK_UP, value: String(up?.value), userId: 'U0002', messageTs: 'x', responseUrl: h.fake.responseUrl('vote') }));
    const thanks = await h.fake.waitFor('response_url', (c) => c.responseId === 'vote');
    expect(thanks.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(thanks.params.text)).toContain('Merci pour votre retour');
    const rows = h.db.prepare('SELECT answer_id, user_id, vote, created_at FROM answer_feedback').all();
    expect(rows).toEqual([{ answer_id: up?.value, user_id: 'slack:U0002', vote: 'up', created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);

    // A click from another channel on that answer is refused and not stored.
    await sendInteraction(h.target, blockActionPayload({ actionId: ACTION_FEEDBACK_DOWN, value: String(up?.value), channelId: 'C0999', messageTs: 'x', responseUrl: h.fake.responseUrl('ailleurs') }));
    const refused = await h.fake.waitFor('response_url', (c) => c.responseId === 'ailleurs');
    expect(String(refused.params.text)).toContain("n'a pas été enregistré");
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM answer_feedback').get()).toEqual({ n: 1 });
  });

  it('answers once when Slack retries an event, when the same message comes as mention and DM, and after a restart', async () => {
    const event = mentionEvent({ text: QUESTION });
    const first = await sendEvent(h.target, event);
    await h.fake.waitFor('chat.postMessage', replyTo(String(event.ts)));
    const retry = await sendEvent(h.target, event, { eventId: first.eventId, retryNum: 1 });
    expect(retry.status).toBe(200);
    await sendEvent(h.target, { ...event, type: 'message', channel_type: 'channel' }, { retryNum: 2 });

    // Restart on the same database: the event is still known.
    const { fake, dbFile } = h;
    await h.slack.stop();
    h.db.close();
    h = await startHarness({ fake, dbFile });
    await sendEvent(h.target, event, { eventId: first.eventId, retryNum: 3 });

    const control = mentionEvent({ text: QUESTION });
    await sendEvent(h.target, control);
    await h.fake.waitFor('chat.postMessage', replyTo(String(control.ts)));
    expect(h.fake.callsTo('chat.postMessage').filter(replyTo(String(event.ts)))).toHaveLength(1);
    await fake.close();
  });

  it('rejects forged, unsigned and stale requests', async () => {
    const event = mentionEvent({ text: QUESTION });
    expect((await sendEvent(h.target, event, { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    expect((await sendEvent(h.target, event, { signature: null })).status).toBe(401);
    expect((await sendEvent(h.target, event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    expect((await sendCommand(h.target, { text: 'aide', responseUrl: h.fake.responseUrl() }, { signature: 'v0=bad' })).status).toBe(401);

    const control = mentionEvent({ text: QUESTION });
    await sendEvent(h.target, control);
    await h.fake.waitFor('chat.postMessage', replyTo(String(control.ts)));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.seen).toHaveLength(1);
  });

  it('ignores events from bots, including itself', async () => {
    await sendEvent(h.target, mentionEvent({ text: QUESTION, user: 'UCOORDO' }));
    await sendEvent(h.target, { ...directMessageEvent({ text: 'Bonjour' }), bot_id: 'BAUTRE' });
    await sendEvent(h.target, { ...directMessageEvent({ text: 'Bonjour' }), subtype: 'bot_message', bot_id: 'BAUTRE' });
    await sendEvent(h.target, { ...directMessageEvent({ text: 'modifié' }), subtype: 'message_changed' });

    const control = directMessageEvent({ text: 'Qu’est-ce qu’une CPTS ?' });
    await sendEvent(h.target, control);
    await h.fake.waitFor('chat.postMessage', (c) => c.params.channel === control.channel);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.seen).toHaveLength(1);
  });

  it('turns a thrown handler into a French message in the thread, and keeps answering', async () => {
    const broken = mentionEvent({ text: '<@UCOORDO> provoque une panne' });
    await sendEvent(h.target, broken);
    const error = await h.fake.waitFor('chat.postMessage', replyTo(String(broken.ts)));
    expect(allText(error)).toContain('Désolé, une erreur interne');

    const next = mentionEvent({ text: QUESTION });
    await sendEvent(h.target, next);
    const answer = await h.fake.waitFor('chat.postMessage', replyTo(String(next.ts)));
    expect(allText(answer)).toContain('Sources');
  });

  it('posts a French error in the thread when Slack rejects the answer', async () => {
    h.fake.respond('chat.postMessage', (c) => (c.params.blocks ? { ok: false, error: 'invalid_blocks' } : null));
    const event = mentionEvent({ text: QUESTION });
    await sendEvent(h.target, event);
    const fallback = await h.fake.waitFor('chat.postMessage', (c) => replyTo(String(event.ts))(c) && c.params.blocks === undefined);
    expect(fallback.params.text).toContain("je n'ai pas pu répondre");
  });

  it('waits and retries when Slack answers 429', async () => {
    h.fake.rateLimitNext('chat.postMessage', 1);
    const event = mentionEvent({ text: QUESTION });
    await sendEvent(h.target, event);
    const post = await h.fake.waitFor('chat.postMessage', replyTo(String(event.ts)), 10_000);
    expect(allText(post)).toContain('Sources');
    expect(h.fake.callsTo('chat.postMessage#429')).toHaveLength(1);
  });

  it('keeps message text out of logs above debug level', async () => {
    const event = mentionEvent({ text: '<@UCOORDO> Mme Secretdupont a-t-elle une CPTS ?' });
    await sendEvent(h.target, event);
    await h.fake.waitFor('chat.postMessage', replyTo(String(event.ts)));
    await sendCommand(h.target, { text: 'Mme Secretdupont encore', responseUrl: h.fake.responseUrl('log') });
    await h.fake.waitFor('response_url', (c) => c.responseId === 'log');
    expect(h.logs.some((l) => l.includes('slack.answered'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain('Secretdupont');
  });
});
