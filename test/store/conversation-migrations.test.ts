import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../src/store/database.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { openDelegationDb, tempDbFile } from '../delegation/temp-db.ts';

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
});
