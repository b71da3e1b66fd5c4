import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../src/store/database.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { openDelegationDb, tempDbFile } from '../delegation/temp-db.ts';
import { PendingQuestions } from '../../src/store/pending-questions.ts';
import { AnswerStore } from '../../src/store/answers.ts';
import { SqliteOutbox } from '../../src/store/outbox.ts';
import { AnswerDesk } from '../../src/workflows/questions/desk.ts';

let db: Db | undefined;
let cleanup = () => {};
afterEach(() => {
  db?.close();
  cleanup();
});

describe('conversation tables', () => {
  it('are renamed for what they hold, with the rows a Slack-only version stored', () => {
    const temp = tempDbFile();
    cleanup = temp.cleanup;
    db = openDelegationDb(temp.file);
    // A database as the Slack-only version left it.
    migrate(db, conversationMigrations.slice(0, 2));
    db.prepare("INSERT INTO slack_events (key, event_id, received_at) VALUES ('message:C1:1.0', 'Ev1', 1)").run();
    db.prepare("INSERT INTO slack_answers (id, channel_id, user_id, thread_ts, kind, reply_json, created_at) VALUES ('a1', 'C1', 'U1', NULL, 'answer', '{}', 'x')").run();
    db.prepare("INSERT INTO slack_feedback (answer_id, user_id, vote, created_at) VALUES ('a1', 'U2', 'up', 'x')").run();
    db.prepare("INSERT INTO slack_questions (key, channel, ts, user_id, direct, received_at) VALUES ('q1', 'C1', '1.0', 'U1', 0, 1)").run();

    migrate(db, conversationMigrations);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name).filter((n) => n.startsWith('slack_'))).toEqual([]);
    expect(db.prepare('SELECT key FROM handled_events').all()).toEqual([{ key: 'message:C1:1.0' }]);
    expect(db.prepare('SELECT id FROM answers').all()).toEqual([{ id: 'a1' }]);
    expect(db.prepare('SELECT vote FROM answer_feedback').all()).toEqual([{ vote: 'up' }]);
    expect(db.prepare('SELECT key FROM pending_questions').all()).toEqual([{ key: 'q1' }]);
    // The feedback still points at its answer.
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'answer_feedback'").get()).toMatchObject({ sql: expect.stringContaining('REFERENCES "answers"') });
  });

  it('hold platform-qualified ids once upgraded: each row keeps its platform, and the app finds it again', () => {
    const temp = tempDbFile();
    cleanup = temp.cleanup;
    db = openDelegationDb(temp.file);
    // A database as the version before qualified ids left it: a Slack and a Mattermost answer, a vote on each, a pending question each.
    migrate(db, conversationMigrations.slice(0, 3));
    const mmChannel = 'x8k3jd9q0p7r5t6y2w1e4u8i0o';
    const now = Date.now();
    db.prepare("INSERT INTO answers (id, channel_id, user_id, thread_ts, kind, reply_json, created_at) VALUES ('a1', 'C01ABC', 'U01', NULL, 'answer', ?, 'x')").run(JSON.stringify({ kind: 'answer', text: 'R', citations: [], confident: true }));
    db.prepare("INSERT INTO answers (id, channel_id, user_id, thread_ts, kind, reply_json, created_at) VALUES ('a2', ?, 'u9k3jd9q0p7r5t6y2w1e4u8i0o', NULL, 'answer', '{}', 'x')").run(mmChannel);
    db.prepare("INSERT INTO answer_feedback (answer_id, user_id, vote, created_at) VALUES ('a1', 'U02', 'up', 'x'), ('a2', 'v9k3jd9q0p7r5t6y2w1e4u8i0o', 'down', 'x')").run();
    db.prepare("INSERT INTO pending_questions (key, channel, ts, user_id, direct, received_at) VALUES ('message:C01ABC:1.0', 'C01ABC', '1.0', 'U01', 0, ?), ('mattermost:p1', ?, 'p1', 'u1', 1, ?)").run(now, mmChannel, now);

    migrate(db, conversationMigrations);
    expect(db.prepare('SELECT id, channel_id, user_id FROM answers ORDER BY id').all()).toEqual([
      { id: 'a1', channel_id: 'slack:C01ABC', user_id: 'slack:U01' },
      { id: 'a2', channel_id: `mattermost:${mmChannel}`, user_id: 'mattermost:u9k3jd9q0p7r5t6y2w1e4u8i0o' },
    ]);
    expect(db.prepare('SELECT answer_id, user_id FROM answer_feedback ORDER BY answer_id').all()).toEqual([
      { answer_id: 'a1', user_id: 'slack:U02' },
      { answer_id: 'a2', user_id: 'mattermost:v9k3jd9q0p7r5t6y2w1e4u8i0o' },
    ]);
    const pending = new PendingQuestions(db);
    expect(pending.pending('slack:')).toEqual([{ channel: 'C01ABC', ts: '1.0', userId: 'slack:U01', direct: false }]);
    expect(pending.pending('mattermost:')).toEqual([{ channel: mmChannel, ts: 'p1', userId: 'mattermost:u1', direct: true }]);
    expect(db.prepare('SELECT key FROM pending_questions ORDER BY key').all()).toEqual([{ key: `mattermost:${mmChannel}:p1` }, { key: 'slack:C01ABC:1.0' }]);
    // The Slack answer is shared by its asker, in its channel, as before.
    const desk = new AnswerDesk(new AnswerStore(db), new SqliteOutbox(db));
    expect(desk.share('a1', { platform: 'slack', channelId: 'C01ABC', userId: 'U01' })).toMatchObject({ ok: true });
    // Migrated once: running the migrations again changes nothing.
    migrate(db, conversationMigrations);
    expect(db.prepare("SELECT user_id FROM answers WHERE id = 'a1'").get()).toEqual({ user_id: 'slack:U01' });
  });
});
