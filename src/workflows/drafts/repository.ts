import type { Author, Draft, DraftKey, SectionRevision, SectionState } from './draft.ts';

/** An export in progress: the version claimed, and the last export it replaced (to put back if it fails). */
export interface ExportClaim {
  draftId: number;
  revisionId: number;
  previous: { revisionId: number | null; at: string | null };
}

/** Storage of protocol drafts and of every revision of their sections. */
export interface DraftRepository {
  /**
   * Create a draft and its first revision (the title, in section `titleSectionId`)
   * in one transaction; null when the thread already has a draft.
   */
  create(key: DraftKey, title: string, author: Author, at: Date, titleSectionId: string): Draft | null;
  findByKey(key: DraftKey): Draft | null;
  findById(id: number): Draft | null;
  /** Append a revision (never overwrites) and touch the draft. */
  addRevision(draftId: number, sectionId: string, text: string, author: Author, at: Date): SectionRevision;
  /** The draft is abandoned: found no more (by key or id). */
  abandon(draftId: number, at: Date): void;
  /** Latest revision of each filled section (a section whose latest revision is empty was cleared: left out). */
  currentSections(draftId: number): SectionState[];
  /** Every revision of one section, oldest first. */
  history(draftId: number, sectionId: string): SectionRevision[];
  /**
   * Record an export of the draft as it stood at revision `revisionId` (its
   * latest); null, changing nothing, when that version was already exported.
   */
  claimExport(draftId: number, revisionId: number, at: Date): ExportClaim | null;
  /**
   * Undo a claim whose files never reached the team (rendering or upload
   * failed), so « exporter » works again; nothing when another export has
   * claimed since.
   */
  releaseExport(claim: ExportClaim): void;
}
