import matter from 'gray-matter';
import { FrontMatterSchema, UnreadableFileError, type DocumentSection, type KnowledgeDocument } from '../document.ts';
import { splitOnHeadings } from './sections.ts';

/** Markdown with optional front matter (`title`, `sources`, `updated`, `tags`); sections are `## ` headings. */
export function readMarkdown(relPath: string, content: string): KnowledgeDocument {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options (even empty) turn off gray-matter's module-wide cache, which keeps every file's text for the
    // life of the process and, after a front-matter error, hands back the unparsed file on the next read.
    parsed = matter(content, {});
  } catch {
    throw new UnreadableFileError('en-tête YAML (front matter) illisible');
  }
  const hasFrontMatter = Object.keys(parsed.data).length > 0;
  const front = FrontMatterSchema.safeParse(hasFrontMatter ? parsed.data : { title: titleFromBody(parsed.content, relPath) });
  if (!front.success) {
    const issue = front.error.issues[0];
    throw new UnreadableFileError(`en-tête invalide : champ « ${issue?.path.join('.') ?? '?'} » — ${issue?.message ?? ''}`);
  }
  const body = parsed.content.replace(/^#\s+.+$/mu, '');
  return {
    path: relPath,
    title: front.data.title,
    sources: front.data.sources,
    tags: front.data.tags,
    ...(front.data.protocols ? { protocols: front.data.protocols } : {}),
    sections: withQuestions(splitOnHeadings(body, front.data.title), front.data.questions),
  };
}

/** Attach the front matter's questions to their sections; a question for a heading that does not exist is an error. */
function withQuestions(sections: DocumentSection[], questions: Record<string, string[]>): DocumentSection[] {
  const headings = new Set(sections.map((s) => s.heading));
  const unknown = Object.keys(questions).find((heading) => !headings.has(heading));
  if (unknown !== undefined) throw new UnreadableFileError(`en-tête invalide : « questions » nomme une section absente (« ${unknown} »)`);
  return sections.map((section) => {
    const asked = questions[section.heading];
    return asked ? { ...section, questions: asked } : section;
  });
}

function titleFromBody(body: string, relPath: string): string {
  return /^#\s+(.+)$/mu.exec(body)?.[1]?.trim() ?? fileTitle(relPath);
}

/** A readable title from a file name: `mon-document.pdf` → `mon document`. */
export function fileTitle(relPath: string): string {
  const base = relPath.split('/').pop() ?? relPath;
  return base.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim() || base;
}
