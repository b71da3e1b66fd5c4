import type { Migration } from './database.ts';

/**
 * Tables of conversations, whatever the platform: events taken in charge,
 * answers posted, feedback on answers, questions pending an answer. (The first
 * two migrations created them with a `slack_` prefix; the third names them for
 * what they hold.)
 */
export const conversationMigrations: Migration[] = [
  {
    name: 'slack-001-events-answers-feedback',
    sql: `
      CREATE TABLE slack_events (
        key TEXT PRIMARY KEY,
        event_id TEXT,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX slack_events_received ON slack_events (received_at);

      CREATE TABLE slack_answers (
        id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        thread_ts TEXT,
        kind TEXT NOT NULL,
        reply_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE slack_feedback (
        answer_id TEXT NOT NULL REFERENCES slack_answers (id),
        user_id TEXT NOT NULL,
        vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (answer_id, user_id)
      );
    `,
  },
  {
    // Where a question is (never its text): enough to read it again from the platform after a crash.
    name: 'slack-002-questions',
    sql: `
      CREATE TABLE slack_questions (
        key TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        ts TEXT NOT NULL,
        thread_ts TEXT,
        user_id TEXT NOT NULL,
        direct INTEGER NOT NULL,
        event_id TEXT,
        received_at INTEGER NOT NULL,
        answered_at INTEGER
      );
      CREATE INDEX slack_questions_pending ON slack_questions (received_at) WHERE answered_at IS NULL;
    `,
  },
  {
    name: 'store-002-conversation-tables',
    sql: `
      ALTER TABLE slack_events RENAME TO handled_events;
      ALTER TABLE slack_answers RENAME TO answers;
      ALTER TABLE slack_feedback RENAME TO answer_feedback;
      ALTER TABLE slack_questions RENAME TO pending_questions;
      DROP INDEX slack_events_received;
      CREATE INDEX handled_events_received ON handled_events (received_at);
      DROP INDEX slack_questions_pending;
      CREATE INDEX pending_questions_open ON pending_questions (received_at) WHERE answered_at IS NULL;
    `,
  },
  {
    // People and conversations stored platform-qualified (`slack:U01…`, `mattermost:8x…`), as delegation and drafts store them.
    // A question's key is `<platform>:<channel>:<message>`. An answer (and its votes) tells its platform by its channel id:
    // Mattermost ids are 26 lowercase letters and digits, Slack's are uppercase.
    name: 'store-003-platform-ids',
    sql: `
      UPDATE pending_questions SET key = 'slack:' || substr(key, 9), user_id = 'slack:' || user_id WHERE key LIKE 'message:%';
      UPDATE pending_questions SET key = 'mattermost:' || channel || ':' || ts, user_id = 'mattermost:' || user_id
        WHERE key LIKE 'mattermost:%' AND instr(user_id, ':') = 0;
      UPDATE answer_feedback SET user_id = (
          SELECT CASE WHEN length(a.channel_id) = 26 AND a.channel_id NOT GLOB '*[^a-z0-9]*' THEN 'mattermost:' ELSE 'slack:' END
          FROM answers a WHERE a.id = answer_feedback.answer_id
        ) || user_id
        WHERE instr(user_id, ':') = 0 AND answer_id IN (SELECT id FROM answers);
      UPDATE answers SET
        channel_id = (CASE WHEN length(channel_id) = 26 AND channel_id NOT GLOB '*[^a-z0-9]*' THEN 'mattermost:' ELSE 'slack:' END) || channel_id,
        user_id = (CASE WHEN length(channel_id) = 26 AND channel_id NOT GLOB '*[^a-z0-9]*' THEN 'mattermost:' ELSE 'slack:' END) || user_id
        WHERE instr(channel_id, ':') = 0;
    `,
  },
];
