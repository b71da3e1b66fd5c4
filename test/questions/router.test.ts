import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/capabilities.ts';
import type { Effect } from '../../src/core/effect.ts';
import type { Interaction, MessageRef } from '../../src/core/interaction.ts';
import { Router } from '../../src/core/router.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { IncomingMessage, Turn } from '../../src/engine/message.ts';
import { textReply } from '../../src/engine/reply.ts';
import { createLogger } from '../../src/log/logger.ts';
import { AnswerStore } from '../../src/store/answers.ts';
import type { Db } from '../../src/store/database.ts';
import { FeedbackStore } from '../../src/store/feedback.ts';
import { SqliteOutbox } from '../../src/store/outbox.ts';
import { ACTION_FEEDBACK_UP } from '../../src/workflows/questions/feedback.ts';
import { ACTION_ASK_SUGGESTION, ACTION_SHARE, ERROR_TEXT, createQuestions, type Questions } from '../../src/workflows/questions/questions.ts';
import { openDelegationDb, tempDbFile } from '../delegation/temp-db.ts';

/**
 * The question flow at the router: interactions in, Effect[] out, with no
 * platform at all (plain markup, an engine whose one handler echoes what it got).
 */
const markup = { mention: (u: string) => `@${u}`, channel: (c: string) => `~${c}`, text: (t: string) => t, bold: (t: string) => `**${t}**` };
const platform: Platform = { capabilities: { liveFormUpdate: false, datePicker: false, ephemeralInThread: false, messageShortcut: false }, markup };
const actor = (userId: string) => ({ platform: 'cli' as const, userId });

let db: Db;
let cleanup: () => void;
let outbox: SqliteOutbox;
let questions: Questions;
let router: Router;
let seen: IncomingMessage[];

beforeEach(() => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  db = openDelegationDb(temp.file);
  outbox = new SqliteOutbox(db);
  seen = [];
  const engine = new Engine(
    [
      {
        name: 'echo',
        handle: async (message) => {
          seen.push(message);
          if (message.text === 'inconnu') return textReply('unknown', 'Je ne trouve pas.', { suggestions: ['c’est quoi une CPTS ?'] });
          return textReply('answer', `Réponse à « ${message.text} »`, { citations: [{ title: 'CPTS', section: 'Définition', source: 'https://example.org', path: 'a.md' }] });
        },
      },
    ],
    createLogger('silent'),
  );
  questions = createQuestions({ engine, answers: new AnswerStore(db), feedback: new FeedbackStore(db), outbox, logger: createLogger('silent'), helpLines: () => ['`/coordo autre` : une autre commande'] });
  router = new Router([questions.feature]);
});
afterEach(() => {
  db.close();
  cleanup();
});

const where = (over: Partial<MessageRef> = {}, history: Turn[] = []): MessageRef => ({ conversationId: 'C1', messageId: 'm1', direct: false, history: async () => history, ...over });
const message = (text: string, ref: MessageRef = where(), eventId?: string): Promise<Effect[]> => router.route({ kind: 'message', actor: actor('alice'), text, message: ref, eventId }, platform);
const command = (text: string, userId = 'alice'): Promise<Effect[]> => {
  const [word = '', ...rest] = text.split(' ');
  return router.route({ kind: 'command', actor: actor(userId), command: word, args: rest.join(' '), text, place: { conversationId: 'C1' } }, platform);
};
const click = (userId: string, actionId: string, value: string, place: Interaction & { kind: 'action' } extends { place: infer P } ? P : never = { conversationId: 'C1' }) =>
  router.route({ kind: 'action', actor: actor(userId), actionId, value, place, messageId: 'm9' }, platform);
const owed = () => (db.prepare('SELECT key, target_json FROM outbox ORDER BY key').all() as { key: string; target_json: string }[]).map((r) => ({ key: r.key, target: JSON.parse(r.target_json) as unknown }));
const answerOf = (effects: Effect[]) => effects.find((e): e is Extract<Effect, { kind: 'answer' }> => e.kind === 'answer');

describe('a message addressed to Coordo', () => {
  it('is answered once, in its thread, through the outbox: a retry or a second delivery is not answered again', async () => {
    expect(await message('c’est quoi une CPTS ?', where(), 'Ev1')).toEqual([{ kind: 'deliver' }]);
    expect(owed()).toEqual([{ key: 'answer:cli:C1:m1', target: { kind: 'thread', channelId: 'C1', threadId: 'm1' } }]);
    expect(await message('c’est quoi une CPTS ?', where(), 'Ev1')).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.conversation).toMatchObject({ platform: 'cli', userId: 'alice', channelId: 'C1', threadId: 'm1' });
  });

  it('reads its thread as context, or the direct conversation, and nothing elsewhere', async () => {
    const turns: Turn[] = [{ role: 'user', text: 'qui peut suturer ?' }];
    await message('et un kiné ?', where({ messageId: 'm2', threadId: 't1' }, turns));
    await message('bonjour', where({ messageId: 'm3', direct: true, conversationId: 'D1' }, turns));
    await message('question', where({ messageId: 'm4' }, turns));
    expect(seen.map((m) => [m.history.length, m.conversation.threadId])).toEqual([[1, 't1'], [1, undefined], [0, 'm4']]);
    expect(owed().map((o) => o.target)).toContainEqual({ kind: 'channel', channelId: 'D1' });
  });

  it('left unanswered by a crash, is found again for its platform and answered once routed again', async () => {
    const broken = where({ messageId: 'm5', threadId: 't5', history: async () => Promise.reject(new Error('platform down')) });
    expect(await message('question', broken)).toEqual([{ kind: 'reply', visibility: 'public', text: ERROR_TEXT, place: { conversationId: 'C1', threadId: 't5' } }]);
    expect(questions.left('cli')).toEqual([{ channel: 'C1', ts: 'm5', threadTs: 't5', userId: 'cli:alice', direct: false }]);
    expect(questions.left('slack')).toEqual([]);
    expect(await message('question', where({ messageId: 'm5', threadId: 't5' }))).toEqual([{ kind: 'deliver' }]);
    expect(questions.left('cli')).toEqual([]);
  });
});

describe('/coordo', () => {
  it('answers a question to the asker alone, shareable and with its votes; « aide » lists every feature’s command', async () => {
    const answer = answerOf(await command('Qu’est-ce qu’une CPTS ?'));
    expect(answer).toMatchObject({ kind: 'answer', shareable: true, answerId: expect.any(String) });
    expect(seen.at(-1)).toMatchObject({ text: 'Qu’est-ce qu’une CPTS ?', command: true });
    const help = answerOf(await command('aide'));
    expect(help?.reply.text).toContain('`/coordo autre` : une autre commande');
    expect(help?.answerId).toBeUndefined();
  });

  it('lets only the asker share the answer, in its channel; anyone there may vote on it', async () => {
    const { answerId = '' } = answerOf(await command('c’est quoi un DAC ?')) ?? {};
    expect(await click('bruno', ACTION_SHARE, answerId)).toEqual([{ kind: 'reply', visibility: 'private', text: expect.stringContaining('Seule la personne') }]);
    expect(await click('alice', ACTION_SHARE, answerId, { conversationId: 'C2' })).toEqual([{ kind: 'reply', visibility: 'private', text: expect.stringContaining('Je ne retrouve pas') }]);
    expect(await click('alice', ACTION_SHARE, answerId)).toEqual([{ kind: 'share', conversationId: 'C1', answerId, reply: expect.objectContaining({ kind: 'answer' }) }]);
    expect(await click('bruno', ACTION_FEEDBACK_UP, answerId)).toEqual([{ kind: 'reply', visibility: 'private', text: expect.stringContaining('Merci') }]);
    expect(db.prepare('SELECT user_id, vote FROM answer_feedback').all()).toEqual([{ user_id: 'cli:bruno', vote: 'up' }]);
  });
});

describe('« Voulez-vous dire »', () => {
  it('asks the suggested question in the thread it was shown in, once per person; to the presser alone elsewhere', async () => {
    const unknown = answerOf(await command('inconnu'));
    expect(unknown?.reply.suggestions).toEqual(['c’est quoi une CPTS ?']);
    const alone = answerOf(await click('bruno', ACTION_ASK_SUGGESTION, 'c’est quoi une CPTS ?'));
    expect(alone).toMatchObject({ kind: 'answer', shareable: true });
    expect(await click('bruno', ACTION_ASK_SUGGESTION, 'c’est quoi une CPTS ?', { conversationId: 'C1', threadId: 't1' })).toEqual([{ kind: 'deliver' }]);
    await click('bruno', ACTION_ASK_SUGGESTION, 'c’est quoi une CPTS ?', { conversationId: 'C1', threadId: 't1' });
    expect(owed().map((o) => o.target)).toEqual([{ kind: 'thread', channelId: 'C1', threadId: 't1' }]);
    expect(seen.at(-1)).toMatchObject({ text: 'c’est quoi une CPTS ?', conversation: { threadId: 't1' } });
  });
});
