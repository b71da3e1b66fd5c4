import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textReply } from '../../src/engine/reply.ts';
import { AnswerStore } from '../../src/store/answers.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { migrate, type Db } from '../../src/store/database.ts';
import { SqliteOutbox } from '../../src/store/outbox.ts';
import { AnswerDesk } from '../../src/workflows/questions/desk.ts';
import { openDelegationDb, tempDbFile } from '../delegation/temp-db.ts';

/** Questions and answers, without a platform: answered once, stored when worth a vote, shared by the asker only. */
let db: Db;
let cleanup: () => void;
let desk: AnswerDesk;
let outbox: SqliteOutbox;
const question = { channel: 'C1', ts: '1.0', userId: 'U1', direct: false };

beforeEach(() => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  db = openDelegationDb(temp.file);
  migrate(db, conversationMigrations);
  outbox = new SqliteOutbox(db);
  desk = new AnswerDesk(new AnswerStore(db), outbox);
});
afterEach(() => {
  db.close();
  cleanup();
});

describe('the answer desk', () => {
  it('answers a question once: not while it is being answered, not after its answer is owed', () => {
    expect(desk.claim('q1', question)).toBe(true);
    expect(desk.claim('q1', question)).toBe(false);
    desk.done('q1');
    expect(desk.left('q')).toHaveLength(1);
    desk.recordAnswer('q1', textReply('answer', 'Réponse.'), { platform: 'slack', channelId: 'C1', userId: 'U1', threadId: '1.0', direct: false, text: 'question' });
    expect(desk.left('q')).toEqual([]);
    expect(desk.claim('q1', question)).toBe(false);
    expect(db.prepare('SELECT key FROM outbox').all()).toEqual([{ key: 'answer:q1' }]);
  });

  it('advises deleting a channel message that names a patient, not a direct one', () => {
    const reply = textReply('refusal', 'Je ne peux pas.');
    desk.recordAnswer('q2', reply, { platform: 'slack', channelId: 'C1', userId: 'U1', threadId: '2.0', direct: false, text: 'Mme Durand née le 03/04/1950' });
    desk.recordAnswer('q3', reply, { platform: 'slack', channelId: 'D1', userId: 'U1', direct: true, text: 'Mme Durand née le 03/04/1950' });
    const texts = db.prepare('SELECT key, effect_json FROM outbox ORDER BY key').all() as { key: string; effect_json: string }[];
    const byKey = Object.fromEntries(texts.map((t) => [t.key, (JSON.parse(t.effect_json) as { reply: { text: string } }).reply.text]));
    expect(byKey['answer:q2']).toContain('supprimez-le');
    expect(byKey['answer:q3']).not.toContain('supprimez-le');
  });

  it('lets only the asker share an answer, and only in its channel', () => {
    const { answerId, shareable } = desk.privateAnswer(textReply('answer', 'Réponse.'), { platform: 'slack', channelId: 'C1', userId: 'U1' });
    expect(shareable).toBe(true);
    expect(desk.share(answerId ?? '', { platform: 'slack', channelId: 'C1', userId: 'U1' })).toMatchObject({ ok: true });
    expect(desk.share(answerId ?? '', { platform: 'slack', channelId: 'C1', userId: 'U2' })).toMatchObject({ ok: false, text: expect.stringContaining('Seule la personne') });
    expect(desk.share(answerId ?? '', { platform: 'slack', channelId: 'C2', userId: 'U1' })).toMatchObject({ ok: false, text: expect.stringContaining('Je ne retrouve pas') });
    // Stored platform-qualified: the same ids on another platform are another channel and another person.
    expect(desk.share(answerId ?? '', { platform: 'mattermost', channelId: 'C1', userId: 'U1' })).toMatchObject({ ok: false });
    expect(db.prepare('SELECT channel_id, user_id FROM answers').get()).toEqual({ channel_id: 'slack:C1', user_id: 'slack:U1' });
    expect(desk.privateAnswer(textReply('help', 'Aide.'), { platform: 'slack', channelId: 'C1', userId: 'U1' })).toEqual({ shareable: false });
  });
});
