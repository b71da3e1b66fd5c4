import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeMattermost, type IntegrationAction } from '../support/fake-mattermost.ts';
import { REFUSED_TOKEN } from '../../src/adapters/mattermost/listener.ts';
import { COMMAND_TOKEN, startMattermostHarness, type MattermostHarness } from './harness.ts';

const CHANNEL = 'equipechannel';
let h: MattermostHarness;
let alice: string;
let bruno: string;

beforeAll(async () => {
  h = await startMattermostHarness();
  alice = h.fake.user('alice').id;
  bruno = h.fake.user('bruno').id;
});
afterAll(async () => {
  await h.close();
});

const actions = (post: { props?: Record<string, unknown> } | Record<string, unknown>): IntegrationAction[] => FakeMattermost.actionsOf(post);

describe('Mattermost questions', () => {
  it('answers a mention in its thread, with numbered sources and signed 👍/👎 buttons under the callback address', async () => {
    const question = h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: "@coordo c'est quoi une CPTS ?" });
    const answer = await h.fake.waitForBotPost((p) => p.root_id === question.id);
    expect(answer.channel_id).toBe(CHANNEL);
    expect(answer.message).toMatch(/\*\*Une CPTS\*\*/);
    expect(answer.message).toMatch(/\*\*Sources\*\*\n1\. \[CPTS — Définition\]\(https:\/\/example\.org\/cpts\)\n2\. Code de la santé publique — Article L1434-12 \(CSP L1434-12\)/);
    const buttons = actions(answer);
    expect(buttons.map((b) => b.name)).toEqual(['👍 Utile', '👎 Pas utile']);
    for (const b of buttons) {
      expect(b.id).toMatch(/^[A-Za-z0-9]+$/);
      expect(b.integration.url.startsWith(`${h.base}/mattermost/actions/`)).toBe(true);
      expect(b.integration.context).toHaveProperty('s');
    }
    // The engine got the text without the mention, in the thread.
    expect(h.seen.at(-1)?.text).toBe("c'est quoi une CPTS ?");
    expect(h.seen.at(-1)?.conversation).toMatchObject({ platform: 'mattermost', userId: alice, channelId: CHANNEL, threadId: question.id });
  });

  it('reads the thread as context for a follow-up mention, and stores a vote on the answer', async () => {
    const root = h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: '@coordo comment créer une MSP ?' });
    const first = await h.fake.waitForBotPost((p) => p.root_id === root.id);
    const followUp = h.fake.userPosts({ channelId: CHANNEL, userId: bruno, rootId: root.id, message: '@coordo et pour une CPTS ?' });
    await h.fake.waitForBotPost((p) => p.root_id === root.id && p.create_at > followUp.create_at);
    const asked = h.seen.find((m) => m.text === 'et pour une CPTS ?');
    expect(asked?.history).toEqual([
      { role: 'user', text: 'comment créer une MSP ?' },
      { role: 'assistant', text: first.message },
    ]);

    const up = actions(first).find((b) => b.name.includes('Utile') && !b.name.includes('Pas'))!;
    const click = await h.fake.clickAction(up, { userId: bruno, channelId: CHANNEL, postId: first.id });
    expect(click.status).toBe(200);
    expect(click.json?.ephemeral_text).toMatch(/Merci pour votre retour 👍/);
    const votes = h.db.prepare('SELECT user_id, vote FROM answer_feedback').all();
    expect(votes).toContainEqual({ user_id: `mattermost:${bruno}`, vote: 'up' });
  });

  it('answers a direct message in the conversation, with the earlier messages as context', async () => {
    const dm = h.fake.directChannel(alice);
    const first = h.fake.userPosts({ channelId: dm, userId: alice, message: 'qui a un Ordre ?' });
    await h.fake.waitForBotPost((p) => p.channel_id === dm && p.create_at > first.create_at);
    const second = h.fake.userPosts({ channelId: dm, userId: alice, message: 'et les kinés ?' });
    const answer = await h.fake.waitForBotPost((p) => p.channel_id === dm && p.create_at > second.create_at);
    expect(answer.root_id).toBe('');
    expect(h.seen.find((m) => m.text === 'et les kinés ?')?.history.map((t) => t.role)).toEqual(['user', 'assistant']);
  });

  it('answers a duplicated or replayed posted event once, and ignores its own posts and other bots', async () => {
    const question = h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: '@coordo les missions de la CPTS ?' });
    h.fake.replay(question);
    h.fake.replay(question);
    await h.waitForLog('mattermost.duplicate_ignored', 2);
    await h.fake.waitForBotPost((p) => p.root_id === question.id);
    const otherBot = h.fake.addUser({ id: 'otherbotaaaaaaaaaaaaaaaaaa', username: 'rappels', is_bot: true });
    h.fake.userPosts({ channelId: CHANNEL, userId: otherBot.id, message: '@coordo rappel automatique', props: { from_bot: 'true' } });
    h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: 'sans mention, pas pour Coordo' });
    const last = h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: '@coordo dernière question' });
    await h.fake.waitForBotPost((p) => p.root_id === last.id);
    expect(h.fake.botPosts((p) => p.root_id === question.id)).toHaveLength(1);
    expect(h.seen.map((m) => m.text)).not.toContain('rappel automatique');
    expect(h.seen.map((m) => m.text)).not.toContain('sans mention, pas pour Coordo');
    // Its own answers came back over the WebSocket too: none was taken for a question.
    expect(h.seen.filter((m) => m.text.includes('Une CPTS'))).toHaveLength(0);
  });

  it('reconnects after the WebSocket drops and answers the next event', async () => {
    const before = h.fake.connections;
    h.fake.dropSockets();
    await h.fake.waitUntil(() => h.fake.connections > before && h.fake.openSockets > 0, 'reconnection');
    const question = h.fake.userPosts({ channelId: CHANNEL, userId: alice, message: '@coordo après la coupure ?' });
    await h.fake.waitForBotPost((p) => p.root_id === question.id);
  });
});

describe('/coordo', () => {
  const run = (text: string, userId = alice, token = COMMAND_TOKEN) => h.fake.command(h.commandUrl, { text, userId, channelId: CHANNEL, token });

  it('answers a question ephemerally with a share button only the asker may use', async () => {
    const response = await run("c'est quoi une CPTS ?");
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_type: 'ephemeral' });
    expect(response.json?.text).toMatch(/\*\*Sources\*\*/);
    const share = actions({ props: { attachments: response.json?.attachments } }).find((a) => a.name === 'Partager dans le canal')!;
    expect(share).toBeDefined();

    const byOther = await h.fake.clickAction(share, { userId: bruno, channelId: CHANNEL });
    expect(byOther.json?.ephemeral_text).toMatch(/Seule la personne qui a posé la question/);
    const shared = await h.fake.clickAction(share, { userId: alice, channelId: CHANNEL });
    expect(shared.status).toBe(200);
    const post = await h.fake.waitForBotPost((p) => p.channel_id === CHANNEL && p.message.includes('a partagé une réponse'));
    expect(post.message).toMatch(/@alice a partagé une réponse de Coordo/);
    expect(post.root_id).toBe('');
  });

  it('refuses a tampered or replayed-elsewhere button context', async () => {
    const response = await run('comment créer une MSP ?');
    const share = actions({ props: { attachments: response.json?.attachments } }).find((a) => a.name === 'Partager dans le canal')!;
    const context = share.integration.context as Record<string, unknown>;
    const tampered = { ...share, integration: { ...share.integration, context: { ...context, p: { answerId: 'autre' } } } };
    expect((await h.fake.clickAction(tampered, { userId: alice, channelId: CHANNEL })).status).toBe(403);
    expect((await h.fake.clickAction({ ...share, integration: { ...share.integration, context: {} } }, { userId: alice, channelId: CHANNEL })).status).toBe(403);
    const elsewhere = await h.fake.clickAction(share, { userId: alice, channelId: 'autrecanal' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json?.ephemeral_text).toMatch(/autre canal/);
    // Keys reordered (the server stores the context as a Go map): still valid.
    const reordered = Object.fromEntries(Object.entries(context).reverse());
    expect((await h.fake.clickAction({ ...share, integration: { ...share.integration, context: reordered } }, { userId: alice, channelId: CHANNEL })).status).toBe(200);
  });

  it('refuses a wrong or missing command token with a French text, and checks it in the header too', async () => {
    const wrong = await run('aide', alice, 'pas-le-bon');
    expect(wrong.status).toBe(401);
    expect(wrong.json?.text).toBe(REFUSED_TOKEN);
    const missing = await fetch(h.commandUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ text: 'aide', user_id: alice, channel_id: CHANNEL }).toString() });
    expect(missing.status).toBe(401);
    const headerOnly = await fetch(h.commandUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Token ${COMMAND_TOKEN}` }, body: new URLSearchParams({ text: 'aide', user_id: alice, channel_id: CHANNEL }).toString() });
    expect(headerOnly.status).toBe(200);
  });

  it('lists everything on « aide »', async () => {
    const help = await run('aide');
    expect(help.json?.text).toMatch(/`\/coordo aide` : cette aide/);
  });

  it('answers 400 to garbage and 404 elsewhere, and keeps serving', async () => {
    const garbage = await fetch(`${h.base}/mattermost/actions/share`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'null' });
    expect(garbage.status).toBe(400);
    expect((await fetch(`${h.base}/mattermost/actions/share-x`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await run('aide')).status).toBe(200);
  });
});
