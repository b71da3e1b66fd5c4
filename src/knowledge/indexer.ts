import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type { Chunk } from './chunk.ts';
import { chunkDocument } from './chunker.ts';
import { UnreadableFileError } from './document.ts';
import type { NamedEmbeddings } from './embedder.ts';
import { INDEX_FORMAT, IndexFiles, type FileEntry, type Manifest } from './index-files.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { LexicalIndex } from './lexical-index.ts';
import { readKnowledgeFile } from './readers/index.ts';
import { scanKnowledgeDir, type KnowledgeFileInfo } from './scan.ts';
import { VectorIndex } from './vector-index.ts';

export interface IndexOptions {
  knowledgeDir: string;
  indexDir: string;
  embedder: NamedEmbeddings;
  /** Called after each file (processed or reused). */
  onProgress?: (done: number, total: number) => void;
}

export interface IndexReport {
  files: number;
  reused: number;
  processed: number;
  skipped: Manifest['skipped'];
  chunks: number;
  ms: number;
}

const EMBED_BATCH = 64;
const EMPTY_VECTOR = new Float32Array(0);

/** True when the index on disk is missing, built by another embedder, or older than the knowledge files. */
export async function isIndexStale(options: Pick<IndexOptions, 'knowledgeDir' | 'indexDir' | 'embedder'>): Promise<boolean> {
  const manifest = await new IndexFiles(options.indexDir).readManifest();
  if (!manifest || manifest.embedder !== options.embedder.id) return true;
  const files = await scanKnowledgeDir(options.knowledgeDir);
  // Every file seen last time, read or skipped, with its size and time: a fixed unreadable file counts as changed.
  const known = new Map<string, { size: number; mtimeMs: number }>([...Object.entries(manifest.files), ...manifest.skipped.map((s) => [s.path, s] as const)]);
  if (files.length !== known.size) return true;
  return files.some((file) => {
    const entry = known.get(file.path);
    return !entry || entry.size !== file.size || entry.mtimeMs !== file.mtimeMs;
  });
}

/**
 * Build the index, reusing the chunks and vectors of files that have not
 * changed since the last build (same size and time, or same content hash).
 */
export async function buildIndex(options: IndexOptions): Promise<{ index: KnowledgeIndex; report: IndexReport }> {
  const started = performance.now();
  const files = new IndexFiles(options.indexDir);
  const previous = await loadPrevious(files, options.embedder.id);
  const scanned = await scanKnowledgeDir(options.knowledgeDir);

  const chunks: Chunk[] = [];
  // Float32 (as stored on disk and in hnswlib): half the memory of JS number arrays on large bases.
  const vectors: Float32Array[] = [];
  const entries: Record<string, FileEntry> = {};
  const skipped: Manifest['skipped'] = [];
  const pending: { chunk: Chunk; position: number }[] = [];
  let reused = 0;

  for (const [i, file] of scanned.entries()) {
    const content = await readIfChanged(file, previous?.manifest.files[file.path]);
    const old = previous?.manifest.files[file.path];
    const hash = content ? sha256(content) : old!.hash;
    const start = chunks.length;
    if (old && previous && old.hash === hash) {
      for (let p = old.start; p < old.end; p++) {
        chunks.push({ ...previous.chunks[p]!, id: `${file.path}#${p - old.start}` });
        vectors.push(previous.vectors.subarray(p * previous.dimensions, (p + 1) * previous.dimensions));
      }
      reused++;
    } else {
      try {
        const doc = await readKnowledgeFile(file.path, content!);
        for (const chunk of await chunkDocument(doc)) {
          pending.push({ chunk, position: chunks.length });
          chunks.push(chunk);
          vectors.push(EMPTY_VECTOR);
        }
      } catch (error) {
        const reason = error instanceof UnreadableFileError ? error.message : 'fichier illisible';
        skipped.push({ path: file.path, reason, size: file.size, mtimeMs: file.mtimeMs });
        options.onProgress?.(i + 1, scanned.length);
        continue;
      }
    }
    entries[file.path] = { hash, size: file.size, mtimeMs: file.mtimeMs, start, end: chunks.length };
    options.onProgress?.(i + 1, scanned.length);
  }

  for (let b = 0; b < pending.length; b += EMBED_BATCH) {
    const batch = pending.slice(b, b + EMBED_BATCH);
    const embedded = await options.embedder.embeddings.embedDocuments(batch.map(({ chunk }) => embeddingText(chunk)));
    batch.forEach(({ position }, k) => (vectors[position] = Float32Array.from(embedded[k]!)));
  }

  const dimensions = options.embedder.dimensions ?? vectors[0]?.length ?? 1;
  const flat = new Float32Array(vectors.length * dimensions);
  vectors.forEach((v, p) => flat.set(v, p * dimensions));
  const lexical = LexicalIndex.build(chunks);
  const vectorIndex = await VectorIndex.build(options.embedder.embeddings, vectors, dimensions);
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    embedder: options.embedder.id,
    dimensions,
    builtAt: new Date().toISOString(),
    files: entries,
    skipped,
  };
  await files.write(
    { chunks: JSON.stringify(chunks), vectors: new Uint8Array(flat.buffer), lexical: lexical.toJSON() },
    (dir) => vectorIndex.save(dir),
    manifest,
  );
  return {
    index: { chunks, byId: new Map(chunks.map((c) => [c.id, c])), lexical, vectors: vectorIndex, manifest },
    report: {
      files: scanned.length,
      reused,
      processed: scanned.length - reused - skipped.length,
      skipped,
      chunks: chunks.length,
      ms: performance.now() - started,
    },
  };
}

/** Load the index from disk (throws if there is none: call buildIndex first). */
export async function loadIndex(indexDir: string, embedder: NamedEmbeddings): Promise<KnowledgeIndex> {
  const files = new IndexFiles(indexDir);
  const manifest = await files.readManifest();
  if (!manifest) throw new Error('index missing');
  const chunks = await files.readChunks();
  const lexical = LexicalIndex.fromJSON(await fs.readFile(files.lexical, 'utf8'));
  const vectors =
    chunks.length > 0
      ? await VectorIndex.load(files.hnsw, embedder.embeddings)
      : await VectorIndex.build(embedder.embeddings, [], manifest.dimensions);
  return { chunks, byId: new Map(chunks.map((c) => [c.id, c])), lexical, vectors, manifest };
}

/** Load the index, building or updating it first when it is stale. */
export async function openIndex(options: IndexOptions): Promise<{ index: KnowledgeIndex; report?: IndexReport }> {
  if (await isIndexStale(options)) return buildIndex(options);
  return { index: await loadIndex(options.indexDir, options.embedder) };
}

/** What the vector index sees of a chunk: where it sits and what it says. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.title}. ${chunk.section}. ${chunk.text} ${(chunk.questions ?? []).join(' ')}`;
}

interface Previous {
  manifest: Manifest;
  chunks: Chunk[];
  vectors: Float32Array;
  dimensions: number;
}

async function loadPrevious(files: IndexFiles, embedderId: string): Promise<Previous | null> {
  const manifest = await files.readManifest();
  if (!manifest || manifest.embedder !== embedderId) return null;
  try {
    const chunks = await files.readChunks();
    const vectors = await files.readVectors(chunks.length, manifest.dimensions);
    return { manifest, chunks, vectors, dimensions: manifest.dimensions };
  } catch {
    return null;
  }
}

/** The file's bytes, or null when size and modification time say it is unchanged. */
async function readIfChanged(file: KnowledgeFileInfo, old: FileEntry | undefined): Promise<Buffer | null> {
  if (old && old.size === file.size && old.mtimeMs === file.mtimeMs) return null;
  return fs.readFile(file.absolutePath);
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
