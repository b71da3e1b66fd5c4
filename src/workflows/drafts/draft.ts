import type { Platform } from '../../engine/message.ts';

/** Where a draft lives: one draft per thread. (Rows with threadId '' are from before drafts required a thread.) */
export interface DraftKey {
  platform: Platform;
  channelId: string;
  threadId: string;
}

/** Who wrote something. The name is the display name at the time, for the export. */
export interface Author {
  userId: string;
  userName?: string;
}

export interface Draft {
  id: number;
  key: DraftKey;
  title: string;
  createdBy: Author;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** Last export, when there was one. */
  exportedAt?: string;
}

/** One version of one section's text, with who wrote it and when. */
export interface SectionRevision {
  id: number;
  draftId: number;
  sectionId: string;
  text: string;
  author: Author;
  /** ISO 8601. */
  createdAt: string;
}

/** The text a section holds now (its latest revision) and how many versions it went through. */
export interface SectionState {
  revision: SectionRevision;
  versions: number;
}

/** A draft with the current state of each filled section, by section id. */
export interface DraftSnapshot {
  draft: Draft;
  sections: ReadonlyMap<string, SectionState>;
}
