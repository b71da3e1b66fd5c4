import { z } from 'zod';

/** One section of a knowledge document: the unit Coordo answers with. */
export interface DocumentSection {
  heading: string;
  text: string;
  /** Addresses given for this section only (its `Sources :` line). */
  sources: string[];
  /** Questions this section answers, as users ask them (front matter `questions`): indexed with their own weight. */
  questions?: string[];
}

/** A knowledge file once read, whatever its format. */
export interface KnowledgeDocument {
  /** Relative to the knowledge folder, `/` separators. */
  path: string;
  title: string;
  sources: string[];
  tags: string[];
  /** Ids of the registry protocols the document is about (front matter `protocols`). */
  protocols?: string[];
  sections: DocumentSection[];
}

/** Front matter of a Markdown article. */
export const FrontMatterSchema = z.object({
  title: z.string().min(1),
  sources: z.array(z.string().min(1)).default([]),
  updated: z.union([z.string(), z.date()]).optional(),
  tags: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  /** Ids of the registry protocols the article is about. */
  protocols: z.array(z.string().min(1)).optional(),
  /** Section heading → questions the section answers, in users' words (French, colloquial, English). */
  questions: z.record(z.string(), z.array(z.string().min(1))).default({}),
});

/** Thrown by a reader for a file it cannot use; the message is French and names the problem. */
export class UnreadableFileError extends Error {}
