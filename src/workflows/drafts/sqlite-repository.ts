import { z } from 'zod';
import type { Db } from '../../store/database.ts';
import { PlatformSchema } from '../../engine/message.ts';
import type { Author, Draft, DraftKey, SectionRevision, SectionState } from './draft.ts';
import type { DraftRepository, ExportClaim } from './repository.ts';

const DraftRowSchema = z.object({
  id: z.number().int(),
  platform: PlatformSchema,
  channel_id: z.string(),
  thread_id: z.string(),
  title: z.string(),
  created_by: z.string(),
  created_by_name: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  exported_at: z.string().nullable(),
  exported_revision: z.number().int().nullable(),
});

const RevisionRowSchema = z.object({
  id: z.number().int(),
  draft_id: z.number().int(),
  section_id: z.string(),
  text: z.string(),
  author_id: z.string(),
  author_name: z.string().nullable(),
  created_at: z.string(),
});

const StateRowSchema = RevisionRowSchema.extend({ versions: z.number().int() });

function author(id: string, name: string | null): Author {
  return name === null ? { userId: id } : { userId: id, userName: name };
}

function toDraft(raw: unknown): Draft {
  const row = DraftRowSchema.parse(raw);
  const draft: Draft = {
    id: row.id,
    key: { platform: row.platform, channelId: row.channel_id, threadId: row.thread_id },
    title: row.title,
    createdBy: author(row.created_by, row.created_by_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.exported_at !== null) draft.exportedAt = row.exported_at;
  return draft;
}

function toRevision(row: z.infer<typeof RevisionRowSchema>): SectionRevision {
  return {
    id: row.id,
    draftId: row.draft_id,
    sectionId: row.section_id,
    text: row.text,
    author: author(row.author_id, row.author_name),
    createdAt: row.created_at,
  };
}

/** Drafts in the shared SQLite store (tables of {@link draftMigrations}). */
export class SqliteDraftRepository implements DraftRepository {
  constructor(private readonly db: Db) {}

  create(key: DraftKey, title: string, by: Author, at: Date, titleSectionId: string): Draft | null {
    const now = at.toISOString();
    return this.db.transaction(() => {
      // The UNIQUE (platform, channel_id, thread_id) constraint decides between two starts in the same thread.
      const result = this.db
        .prepare(
          `INSERT INTO protocol_drafts (platform, channel_id, thread_id, title, created_by, created_by_name, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (platform, channel_id, thread_id) DO NOTHING`,
        )
        .run(key.platform, key.channelId, key.threadId, title, by.userId, by.userName ?? null, now, now);
      if (result.changes === 0) return null;
      const id = Number(result.lastInsertRowid);
      this.addRevision(id, titleSectionId, title, by, at);
      const draft = this.findById(id);
      if (!draft) throw new Error('draft not found after insert');
      return draft;
    })();
  }

  findByKey(key: DraftKey): Draft | null {
    const row = this.db
      .prepare('SELECT * FROM protocol_drafts WHERE platform = ? AND channel_id = ? AND thread_id = ? AND abandoned_at IS NULL')
      .get(key.platform, key.channelId, key.threadId);
    return row === undefined ? null : toDraft(row);
  }

  findById(id: number): Draft | null {
    const row = this.db.prepare('SELECT * FROM protocol_drafts WHERE id = ? AND abandoned_at IS NULL').get(id);
    return row === undefined ? null : toDraft(row);
  }

  abandon(draftId: number, at: Date): void {
    this.db.prepare('UPDATE protocol_drafts SET abandoned_at = ? WHERE id = ? AND abandoned_at IS NULL').run(at.toISOString(), draftId);
  }

  addRevision(draftId: number, sectionId: string, text: string, by: Author, at: Date): SectionRevision {
    const now = at.toISOString();
    return this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT INTO protocol_draft_revisions (draft_id, section_id, text, author_id, author_name, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(draftId, sectionId, text, by.userId, by.userName ?? null, now);
      this.db.prepare('UPDATE protocol_drafts SET updated_at = ? WHERE id = ?').run(now, draftId);
      const row = RevisionRowSchema.parse(
        this.db.prepare('SELECT * FROM protocol_draft_revisions WHERE id = ?').get(Number(result.lastInsertRowid)),
      );
      return toRevision(row);
    })();
  }

  currentSections(draftId: number): SectionState[] {
    const rows = this.db
      .prepare(
        `SELECT r.*, c.versions FROM protocol_draft_revisions r
         JOIN (SELECT MAX(id) AS last_id, COUNT(*) AS versions FROM protocol_draft_revisions
               WHERE draft_id = ? GROUP BY section_id) c ON r.id = c.last_id
         WHERE r.text <> ''
         ORDER BY r.id`,
      )
      .all(draftId);
    return rows.map((raw) => {
      const row = StateRowSchema.parse(raw);
      return { revision: toRevision(row), versions: row.versions };
    });
  }

  history(draftId: number, sectionId: string): SectionRevision[] {
    return this.db
      .prepare('SELECT * FROM protocol_draft_revisions WHERE draft_id = ? AND section_id = ? ORDER BY id')
      .all(draftId, sectionId)
      .map((raw) => toRevision(RevisionRowSchema.parse(raw)));
  }

  claimExport(draftId: number, revisionId: number, at: Date): ExportClaim | null {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT exported_at, exported_revision FROM protocol_drafts WHERE id = ?').get(draftId);
      const before = DraftRowSchema.pick({ exported_at: true, exported_revision: true }).parse(row);
      if (before.exported_revision === revisionId) return null;
      this.db.prepare('UPDATE protocol_drafts SET exported_at = ?, exported_revision = ? WHERE id = ?').run(at.toISOString(), revisionId, draftId);
      return { draftId, revisionId, previous: { revisionId: before.exported_revision, at: before.exported_at } };
      // IMMEDIATE: another process sharing the file cannot claim between the read and the write.
    }).immediate();
  }

  releaseExport(claim: ExportClaim): void {
    this.db
      .prepare('UPDATE protocol_drafts SET exported_at = ?, exported_revision = ? WHERE id = ? AND exported_revision = ?')
      .run(claim.previous.at, claim.previous.revisionId, claim.draftId, claim.revisionId);
  }
}
