import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Chunk } from './chunk.ts';

/** Bump when the persisted layout or the chunking changes: older indexes are rebuilt. */
export const INDEX_FORMAT = 9;

const FileEntrySchema = z.object({
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  /** Positions [start, end) of this file's chunks in chunks.json / vectors.f32. */
  start: z.number().int(),
  end: z.number().int(),
});

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  embedder: z.string(),
  dimensions: z.number().int().positive(),
  builtAt: z.string(),
  files: z.record(z.string(), FileEntrySchema),
  /** Files that could not be read, with the French reason. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string(), size: z.number(), mtimeMs: z.number() })),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type FileEntry = z.infer<typeof FileEntrySchema>;

const ChunkSchema = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string(),
  section: z.string(),
  text: z.string(),
  sources: z.array(z.string()),
  tags: z.array(z.string()),
  questions: z.array(z.string()).optional(),
});

/** Where an index lives on disk. */
export class IndexFiles {
  constructor(readonly dir: string) {}

  get manifest(): string {
    return path.join(this.dir, 'manifest.json');
  }
  get chunks(): string {
    return path.join(this.dir, 'chunks.json');
  }
  get vectors(): string {
    return path.join(this.dir, 'vectors.f32');
  }
  get lexical(): string {
    return path.join(this.dir, 'lexical.json');
  }
  get hnsw(): string {
    return path.join(this.dir, 'hnsw');
  }

  async readManifest(): Promise<Manifest | null> {
    try {
      const parsed = ManifestSchema.safeParse(JSON.parse(await fs.readFile(this.manifest, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async readChunks(): Promise<Chunk[]> {
    return z.array(ChunkSchema).parse(JSON.parse(await fs.readFile(this.chunks, 'utf8')));
  }

  async readVectors(count: number, dimensions: number): Promise<Float32Array> {
    const buffer = await fs.readFile(this.vectors);
    const floats = new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
    if (floats.length !== count * dimensions) throw new Error('vectors.f32 does not match chunks.json');
    return floats;
  }

  /**
   * Replace the index on disk. The manifest is removed first and written last,
   * each file through a temporary name: after a crash the index has no
   * manifest, is seen as missing and is rebuilt, never read half-written.
   */
  async write(files: Record<'chunks' | 'vectors' | 'lexical', string | Uint8Array>, saveHnsw: (dir: string) => Promise<void>, manifest: Manifest): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await fs.rm(this.manifest, { force: true });
    for (const name of ['chunks', 'vectors', 'lexical'] as const) await writeFileAtomically(this[name], files[name]);
    await saveHnsw(this.hnsw);
    await writeFileAtomically(this.manifest, JSON.stringify(manifest));
  }
}

async function writeFileAtomically(target: string, content: string | Uint8Array): Promise<void> {
  await fs.writeFile(`${target}.tmp`, content);
  await fs.rename(`${target}.tmp`, target);
}
