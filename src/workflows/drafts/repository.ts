import type { Author, Draft, DraftKey, SectionRevision, SectionState } from './draft.ts';

/** Storage of protocol drafts and of every revision of their sections. */
export interface DraftRepository {
  /** Create a draft; fails when the thread already has one. */
  create(key: DraftKey, title: string, author: Author, at: Date): Draft;
  findByKey(key: DraftKey): Draft | null;
  findById(id: number): Draft | null;
  /** Append a revision (never overwrites) and touch the draft. */
  addRevision(draftId: number, sectionId: string, text: string, author: Author, at: Date): SectionRevision;
  /** Latest revision of each filled section. */
  currentSections(draftId: number): SectionState[];
  /** Every revision of one section, oldest first. */
  history(draftId: number, sectionId: string): SectionRevision[];
  markExported(draftId: number, at: Date): void;
}
