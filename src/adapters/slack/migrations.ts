import type { Migration } from '../../store/database.ts';

/** Tables of the Slack adapter: processed events, posted answers, feedback on answers. */
export const slackMigrations: Migration[] = [
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
];
