import type { Migration } from '../../store/database.ts';

/** Schema of protocol drafts: one row per draft (one per thread), one row per section revision. */
export const draftMigrations: Migration[] = [
  {
    name: 'drafts-001-protocol-drafts',
    sql: `
      CREATE TABLE protocol_drafts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        title TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_by_name TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        exported_at TEXT,
        UNIQUE (platform, channel_id, thread_id)
      );
      CREATE TABLE protocol_draft_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id INTEGER NOT NULL REFERENCES protocol_drafts(id) ON DELETE CASCADE,
        section_id TEXT NOT NULL,
        text TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX protocol_draft_revisions_by_section ON protocol_draft_revisions (draft_id, section_id, id);
    `,
  },
  {
    // The latest revision id at the last export: « exporter » again with nothing changed posts no new files.
    name: 'drafts-002-exported-revision',
    sql: 'ALTER TABLE protocol_drafts ADD COLUMN exported_revision INTEGER;',
  },
  {
    // « abandonner »: the draft stays in the file, its thread no longer holds it.
    name: 'drafts-003-abandoned',
    sql: 'ALTER TABLE protocol_drafts ADD COLUMN abandoned_at TEXT;',
  },
];
