/** An answer unit: one section of one knowledge file, as indexed and cited. */
export interface Chunk {
  /** Stable id: `<path>#<section index>`. */
  id: string;
  /** Knowledge file path, relative to the knowledge folder, with `/` separators. */
  path: string;
  /** Document title. */
  title: string;
  /** Section heading (or `Partie N` for documents without headings). */
  section: string;
  /** Section text, without its heading and without its `Sources :` line. */
  text: string;
  /** Addresses backing this section (section `Sources :` line, else the document's). */
  sources: string[];
  tags: string[];
  /** Ids of the registry protocols its document is about. */
  protocols?: string[];
  /** Questions the section answers, in users' words (authored in the article's front matter). */
  questions?: string[];
}
