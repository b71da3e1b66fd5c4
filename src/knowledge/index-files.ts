import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Chunk } from './chunk.ts';

/** Bump when the persisted layout or the chunking changes: older indexes are rebuilt. */
export const INDEX_FORMAT = 13;

const FileEntrySchema = z.object({
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  /** Number of chunks: their ids are `<path>#0` … `<path>#<chunks - 1>`. */
  chunks: z.number().int().nonnegative(),
  /** Vector label of the first chunk; the others follow. */
  label: z.number().int().nonnegative(),
  /** The chunks are those of the base (else of the delta). */
  inBase: z.boolean(),
});

/** One stored file, named by its SHA-256: written once, never rewritten. */
const StoredSchema = z.object({ name: z.string().regex(/^[a-z]+-[0-9a-f]{64}\.[a-z0-9]+$/), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type Stored = z.infer<typeof StoredSchema>;

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  embedder: z.string(),
  /** The text pipeline's fingerprint (`TEXT_PIPELINE_ID`) the lexical terms were made with. */
  pipeline: z.string(),
  dimensions: z.number().int().positive(),
  builtAt: z.string(),
  files: z.record(z.string(), FileEntrySchema),
  /** Files that could not be read, with the French reason. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string(), size: z.number(), mtimeMs: z.number() })),
  /** The next free vector label. */
  nextLabel: z.number().int().nonnegative(),
  /**
   * The index's files, each with its checksum: the chunks and lexical index of
   * the last full build (base), the chunks of the files changed since (delta),
   * and the vector graph (always current).
   */
  stored: z.object({ base: StoredSchema, lexical: StoredSchema, delta: StoredSchema, vectors: StoredSchema }),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type FileEntry = z.infer<typeof FileEntrySchema>;
export type StoredKind = keyof Manifest['stored'];

const ChunkSchema = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string(),
  section: z.string(),
  text: z.string(),
  sources: z.array(z.string()),
  tags: z.array(z.string()),
  protocols: z.array(z.string()).optional(),
  questions: z.array(z.string()).optional(),
});

/** The files changed since the base: their current chunks, and the base files they replace or remove. */
export const DeltaSchema = z.object({ files: z.record(z.string(), z.array(ChunkSchema)), removed: z.array(z.string()) });
export type Delta = z.infer<typeof DeltaSchema>;

/** A stored file is missing or its content does not match its checksum. */
export class IndexCorruptError extends Error {
  constructor(readonly file: string) {
    super(`index endommagé (fichier ${file} manquant, incomplet ou modifié)`);
  }
}

const EXTENSIONS: Record<StoredKind, string> = { base: 'json', lexical: 'json', delta: 'json', vectors: 'hnsw' };
const STORED_NAME = /^[a-z]+-[0-9a-f]{64}\.[a-z0-9]+$/;
const TEMP_NAME = /\.tmp-[0-9a-f]+$/;
/** Files of the layout before format 9. */
const LEGACY = new Set(['chunks.json', 'vectors.f32', 'lexical.json', 'hnsw']);

/**
 * Where an index lives on disk: `manifest.json` names the stored files, each
 * named and checked by its SHA-256. A writer writes new files under unique
 * temporary names, renames them into place, then swaps the manifest by one
 * rename: a reader sees the old index or the new one, never a mix, and a file
 * that does not match its checksum is reported as corruption.
 */
export class IndexFiles {
  constructor(readonly dir: string) {}

  get manifestPath(): string {
    return path.join(this.dir, 'manifest.json');
  }

  pathOf(stored: Stored): string {
    return path.join(this.dir, stored.name);
  }

  async readManifest(): Promise<Manifest | null> {
    try {
      const parsed = ManifestSchema.safeParse(JSON.parse(await fs.readFile(this.manifestPath, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The bytes of a stored file, checked against its checksum. */
  async read(stored: Stored): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await fs.readFile(this.pathOf(stored));
    } catch {
      throw new IndexCorruptError(stored.name);
    }
    if (sha256(data) !== stored.sha256) throw new IndexCorruptError(stored.name);
    return data;
  }

  /**
   * Check a stored file against its checksum without holding it (the vector graph, which its library reads itself:
   * read whole, its bytes were tens of megabytes held at start-up for nothing).
   */
  async verify(stored: Stored): Promise<void> {
    let digest: string;
    try {
      const hash = crypto.createHash('sha256');
      for await (const piece of createReadStream(this.pathOf(stored))) hash.update(piece as Buffer);
      digest = hash.digest('hex');
    } catch {
      throw new IndexCorruptError(stored.name);
    }
    if (digest !== stored.sha256) throw new IndexCorruptError(stored.name);
  }

  /** A stored JSON file, checked, parsed and validated. */
  async readJson<S extends z.ZodType>(stored: Stored, schema: S): Promise<z.infer<S>> {
    const data = await this.read(stored);
    try {
      return schema.parse(JSON.parse(data.toString('utf8')));
    } catch {
      throw new IndexCorruptError(stored.name);
    }
  }

  /** The base chunks (of the last full build). */
  readBase(manifest: Manifest): Promise<Chunk[]> {
    return this.readJson(manifest.stored.base, z.array(ChunkSchema));
  }

  /** Store a JSON text under its checksum (unique temporary name, then rename), its characters beyond Latin-1 escaped ({@link latin1Json}). */
  async store(kind: StoredKind, json: string): Promise<Stored> {
    await fs.mkdir(this.dir, { recursive: true });
    const data = Buffer.from(latin1Json(json));
    const digest = sha256(data);
    const stored = { name: `${kind}-${digest}.${EXTENSIONS[kind]}`, sha256: digest };
    await writeAtomically(this.pathOf(stored), data);
    return stored;
  }

  /** Store a file a library writes itself (the vector graph): written to a temporary name, checksummed, then renamed. */
  async storeWritten(kind: StoredKind, write: (file: string) => Promise<unknown>): Promise<Stored> {
    await fs.mkdir(this.dir, { recursive: true });
    const temp = tempName(path.join(this.dir, kind));
    await write(temp);
    const digest = sha256(await fs.readFile(temp));
    const stored = { name: `${kind}-${digest}.${EXTENSIONS[kind]}`, sha256: digest };
    await fs.rename(temp, this.pathOf(stored));
    return stored;
  }

  /**
   * Swap in the new manifest (one rename), then delete what neither it nor the
   * previous one names (a reader may still be loading the previous index), and
   * temporary files left by writers that stopped. Call with the writer lock held.
   */
  async commit(manifest: Manifest, previous: Manifest | null): Promise<void> {
    await writeAtomically(this.manifestPath, Buffer.from(JSON.stringify(manifest)));
    const keep = new Set([...Object.values(manifest.stored), ...Object.values(previous?.stored ?? {})].map((s) => s.name));
    for (const name of await fs.readdir(this.dir)) {
      if ((STORED_NAME.test(name) && !keep.has(name)) || TEMP_NAME.test(name) || LEGACY.has(name)) await fs.rm(path.join(this.dir, name), { force: true, recursive: true });
    }
  }
}

/**
 * A JSON text with its characters beyond Latin-1 (’, «, —…) written as `\\uXXXX` escapes, which only strings can hold:
 * V8 keeps a text with any such character at two bytes per character, so the index read back at start-up cost twice
 * its size in memory for one apostrophe.
 */
function latin1Json(json: string): string {
  return json.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

const tempName = (target: string) => `${target}.tmp-${crypto.randomBytes(6).toString('hex')}`;

async function writeAtomically(target: string, data: Uint8Array): Promise<void> {
  const temp = tempName(target);
  await fs.writeFile(temp, data);
  await fs.rename(temp, target);
}
