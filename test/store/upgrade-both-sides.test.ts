import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/store/database.ts';
import { conversationMigrations } from '../../src/store/conversation-migrations.ts';
import { outboxMigrations, SqliteOutbox } from '../../src/store/outbox.ts';
import { PendingQuestions } from '../../src/store/pending-questions.ts';
import { delegationMigrations, delegationOutboxMigrations } from '../../src/workflows/delegation/migrations.ts';
import { tempDbFile } from '../delegation/temp-db.ts';

let db: Db | undefined;
let cleanup = () => {};
afterEach(() => {
  db?.close();
  cleanup();
});

/** What the app runs on start, whatever the database was left as. */
function upgrade(file: string): Db {
  const opened = openDatabase(file, [...conversationMigrations, ...delegationMigrations]);
  new SqliteOutbox(opened);
  migrate(opened, delegationOutboxMigrations);
  return opened;
}

const outboxRow = (platform: string, key: string, userId: string, request = 'DEL-2026-0001') =>
  `INSERT INTO outbox (key, grp, target_json, effect_json, next_attempt_at, created_at${platform ? ', platform' : ''})
   VALUES ('${key}', 'delegation:${request}', '{"kind":"person","userId":"${userId}"}', '{"type":"delegation.card","requestId":"${request}","role":"requester"}', 0, 0${platform ? `, '${platform}'` : ''})`;

describe('a database left by either branch upgrades', () => {
  it('the Mattermost version (slack_ tables, outbox with its platform column): tables renamed, each platform keeps its rows', () => {
    const temp = tempDbFile();
    cleanup = temp.cleanup;
    const old = openDatabase(temp.file, [...conversationMigrations.slice(0, 2), ...outboxMigrations, ...delegationMigrations.slice(0, 3)]);
    old.prepare("INSERT INTO slack_questions (key, channel, ts, user_id, direct, received_at) VALUES ('mattermost:p1', 'ch1', 'p1', 'u1', 0, ?)").run(Date.now());
    old.prepare("INSERT INTO slack_questions (key, channel, ts, user_id, direct, received_at) VALUES ('message:C1:1.0', 'C1', '1.0', 'U1', 0, ?)").run(Date.now());
    old.prepare(outboxRow('slack', 'k1', 'U01')).run();
    old.prepare(outboxRow('mattermost', 'k2', 'mattermost:u1', 'DEL-2026-0002')).run();
    old.close();

    db = upgrade(temp.file);
    const pending = new PendingQuestions(db);
    expect(pending.pending('mattermost:').map((q) => q.ts)).toEqual(['p1']);
    expect(pending.pending('slack:').map((q) => q.ts)).toEqual(['1.0']);
    const slack = new SqliteOutbox(db, () => 1, 'slack').due(10);
    const mattermost = new SqliteOutbox(db, () => 1, 'mattermost').due(10);
    expect(slack.map((r) => r.target)).toEqual([{ kind: 'person', userId: 'slack:U01' }]);
    expect(mattermost.map((r) => r.target)).toEqual([{ kind: 'person', userId: 'mattermost:u1' }]);
  });

  it('the interaction-core version (renamed tables, outbox without a platform): its rows are Slack’s', () => {
    const temp = tempDbFile();
    cleanup = temp.cleanup;
    const old = openDatabase(temp.file, [...conversationMigrations, ...outboxMigrations.slice(0, 1), ...delegationMigrations, ...delegationOutboxMigrations]);
    old.prepare(outboxRow('', 'k1', 'slack:U01')).run();
    old.close();

    db = upgrade(temp.file);
    expect(new SqliteOutbox(db, () => 1, 'slack').due(10).map((r) => r.key)).toEqual(['k1']);
    expect(new SqliteOutbox(db, () => 1, 'mattermost').due(10)).toEqual([]);
  });
});
