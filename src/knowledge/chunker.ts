import type { Chunk } from './chunk.ts';
import type { KnowledgeDocument } from './document.ts';

/** Sections longer than this are cut into parts; articles are written to stay under it. */
export const MAX_CHUNK_CHARS = 1400;

/** LangChain's splitter, loaded on first use (only long sections of user documents need it). */
async function splitLongText(text: string): Promise<string[]> {
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: 1000,
    chunkOverlap: 100,
    separators: ['\n\n', '\n', '. ', '; ', ', ', ' ', ''],
  });
  return splitter.splitText(text);
}

/** Turn a document into answer units: one chunk per section, long sections in parts. */
export async function chunkDocument(doc: KnowledgeDocument): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for (const section of doc.sections) {
    const parts = section.text.length > MAX_CHUNK_CHARS ? await splitLongText(section.text) : [section.text];
    parts.forEach((text, part) => {
      chunks.push({
        id: `${doc.path}#${chunks.length}`,
        path: doc.path,
        title: doc.title,
        section: parts.length > 1 ? `${section.heading} (partie ${part + 1})` : section.heading,
        text,
        sources: section.sources.length > 0 ? section.sources : doc.sources,
        tags: doc.tags,
        ...(doc.protocols ? { protocols: doc.protocols } : {}),
        ...(section.questions ? { questions: section.questions } : {}),
      });
    });
  }
  return chunks;
}
