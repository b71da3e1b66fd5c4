import fs from 'node:fs/promises';
import type { Chunk } from './chunk.ts';
import { chunkDocument } from './chunker.ts';
import { UnreadableFileError } from './document.ts';
import type { NamedEmbeddings } from './embedder.ts';
import { DeltaSchema, INDEX_FORMAT, IndexCorruptError, IndexFiles, sha256, type Delta, type FileEntry, type Manifest } from './index-files.ts';
import { withIndexLock } from './index-lock.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { LexicalIndex } from './lexical-index.ts';
import { TEXT_PIPELINE_ID } from '../text/french.ts';
import { readKnowledgeFile } from './readers/index.ts';
import { MAX_FILE_BYTES } from './readers/limits.ts';
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
  /** Set when the index on disk was damaged and rebuilt from scratch (French). */
  rebuiltBecause?: string;
}

const EMBED_BATCH = 64;

/**
 * The delta (files changed since the last full build) is folded into a new
 * base once it holds this share of the chunks: until then, an update writes
 * the delta and the vector graph only, in time proportional to what changed.
 */
const COMPACT_SHARE = 0.1;
const COMPACT_MIN_CHUNKS = 500;

/** True when the index on disk is missing, built by another embedder or text pipeline, or older than the knowledge files. */
export async function isIndexStale(options: Pick<IndexOptions, 'knowledgeDir' | 'indexDir' | 'embedder'>): Promise<boolean> {
  const manifest = await new IndexFiles(options.indexDir).readManifest();
  if (!manifest || !builtWith(manifest, options.embedder.id)) return true;
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
 * Bring the index on disk up to date with the knowledge folder, under the
 * writer lock. Unchanged files (same size and time, or same content hash) cost
 * nothing; a changed file's chunks and vectors are replaced (MiniSearch and
 * hnswlib updated in place, not rebuilt). A damaged index is rebuilt from
 * scratch, with the reason in the report.
 */
export function updateIndex(options: IndexOptions & { rebuild?: string }): Promise<IndexReport> {
  return withIndexLock(options.indexDir, async () => {
    try {
      return await update(options);
    } catch (error) {
      // A damaged file met during the update (the base, read only to fold the delta in): start again from scratch.
      if (error instanceof IndexCorruptError && !options.rebuild) return update({ ...options, rebuild: error.message });
      throw error;
    }
  });
}

/** {@link updateIndex}, then the index loaded (tests, benches). */
export async function buildIndex(options: IndexOptions): Promise<{ index: KnowledgeIndex; report: IndexReport }> {
  const report = await updateIndex(options);
  return { index: await loadIndex(options.indexDir), report };
}

/** Load the index from disk, every file checked against its checksum (throws IndexCorruptError, or an Error when there is none). */
export async function loadIndex(indexDir: string): Promise<KnowledgeIndex> {
  const files = new IndexFiles(indexDir);
  const manifest = await files.readManifest();
  if (!manifest) throw new Error('index missing');
  const [base, delta, lexicalJson] = await Promise.all([
    files.readBase(manifest),
    files.readJson(manifest.stored.delta, DeltaSchema),
    files.read(manifest.stored.lexical),
  ]);
  const vectors = await loadVectors(files, manifest);
  let lexical: LexicalIndex;
  try {
    lexical = LexicalIndex.fromJSON(lexicalJson.toString('utf8'));
  } catch {
    throw new IndexCorruptError(manifest.stored.lexical.name);
  }
  const removed = new Set(delta.removed);
  lexical.remove(base.filter((chunk) => removed.has(chunk.path)));
  const changed = Object.values(delta.files).flat();
  lexical.add(changed);
  const chunks = [...base.filter((chunk) => !removed.has(chunk.path)), ...changed];
  const byId = new Map(chunks.map((c) => [c.id, c]));
  vectors.setPositions(labelPositions(manifest, chunks));
  return { chunks, byId, lexical, vectors, manifest };
}

/**
 * Load the index, updating it first when it is stale; a damaged index (a file
 * missing or not matching its checksum) is rebuilt, with the reason in the report.
 */
export async function openIndex(options: IndexOptions): Promise<{ index: KnowledgeIndex; report?: IndexReport }> {
  const report = (await isIndexStale(options)) ? await updateIndex(options) : undefined;
  try {
    return { index: await loadIndex(options.indexDir), report };
  } catch (error) {
    if (!(error instanceof IndexCorruptError)) throw error;
    const rebuilt = await updateIndex({ ...options, rebuild: error.message });
    return { index: await loadIndex(options.indexDir), report: rebuilt };
  }
}

/** What the vector index sees of a chunk: where it sits and what it says. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.title}. ${chunk.section}. ${chunk.text} ${(chunk.questions ?? []).join(' ')}`;
}

/** The graph on disk, checked against its checksum. */
async function loadVectors(files: IndexFiles, manifest: Manifest): Promise<VectorIndex> {
  await files.verify(manifest.stored.vectors);
  try {
    return await VectorIndex.load(files.pathOf(manifest.stored.vectors), manifest.dimensions);
  } catch {
    throw new IndexCorruptError(manifest.stored.vectors.name);
  }
}

/** Vector label → position in `chunks`, from the manifest's entries; a chunk the manifest names but the files lack is corruption. */
function labelPositions(manifest: Manifest, chunks: readonly Chunk[]): Map<number, number> {
  const positionOfId = new Map(chunks.map((c, i) => [c.id, i]));
  const positions = new Map<number, number>();
  for (const [path, entry] of Object.entries(manifest.files)) {
    for (let i = 0; i < entry.chunks; i++) {
      const position = positionOfId.get(`${path}#${i}`);
      if (position === undefined) throw new IndexCorruptError(entry.inBase ? manifest.stored.base.name : manifest.stored.delta.name);
      positions.set(entry.label + i, position);
    }
  }
  if (positions.size !== chunks.length) throw new IndexCorruptError(manifest.stored.delta.name);
  return positions;
}

/** The state an update starts from: the previous manifest, its vector graph and its delta. */
interface Previous {
  manifest: Manifest;
  vectors: VectorIndex;
  delta: Delta;
}

/** Was the index built by this embedder and this text pipeline (its vectors and terms are this code's)? */
function builtWith(manifest: Manifest, embedderId: string): boolean {
  return manifest.embedder === embedderId && manifest.pipeline === TEXT_PIPELINE_ID;
}

async function loadPrevious(files: IndexFiles, embedderId: string): Promise<{ previous: Previous | null; damaged?: string }> {
  const manifest = await files.readManifest();
  if (!manifest || !builtWith(manifest, embedderId)) return { previous: null };
  try {
    const [vectors, delta] = await Promise.all([loadVectors(files, manifest), files.readJson(manifest.stored.delta, DeltaSchema)]);
    return { previous: { manifest, vectors, delta } };
  } catch (error) {
    if (error instanceof IndexCorruptError) return { previous: null, damaged: error.message };
    throw error;
  }
}

async function update(options: IndexOptions & { rebuild?: string }): Promise<IndexReport> {
  const started = performance.now();
  const files = new IndexFiles(options.indexDir);
  const loaded = options.rebuild ? { previous: null, damaged: options.rebuild } : await loadPrevious(files, options.embedder.id);
  const { previous } = loaded;
  const oldManifest = await files.readManifest();
  const scanned = await scanKnowledgeDir(options.knowledgeDir);

  const entries: Record<string, FileEntry> = {};
  const skipped: Manifest['skipped'] = [];
  const fresh: { path: string; chunks: Chunk[]; file: KnowledgeFileInfo; hash: string }[] = [];
  for (const [i, file] of scanned.entries()) {
    const old = previous?.manifest.files[file.path];
    const outcome = await readChanged(file, old);
    if (outcome.kind === 'unchanged') entries[file.path] = { ...old!, size: file.size, mtimeMs: file.mtimeMs };
    else if (outcome.kind === 'skipped') skipped.push({ path: file.path, reason: outcome.reason, size: file.size, mtimeMs: file.mtimeMs });
    else fresh.push({ path: file.path, chunks: outcome.chunks, file, hash: outcome.hash });
    options.onProgress?.(i + 1, scanned.length);
  }

  const dimensions = options.embedder.dimensions ?? previous?.manifest.dimensions;
  const embedded = await embed(options.embedder, fresh.flatMap((f) => f.chunks));
  const vectorSize = dimensions ?? embedded[0]?.length ?? 1;
  const vectors = previous?.vectors ?? VectorIndex.create(vectorSize, embedded.length);
  const delta: Delta = previous ? { files: { ...previous.delta.files }, removed: [...previous.delta.removed] } : { files: {}, removed: [] };
  const removedFromBase = new Set(delta.removed);

  // Files changed or gone: their old vectors out, their base chunks superseded.
  for (const [path, old] of Object.entries(previous?.manifest.files ?? {})) {
    if (entries[path]) continue;
    vectors.remove(range(old.label, old.chunks));
    delete delta.files[path];
    if (old.inBase) removedFromBase.add(path);
  }
  let nextLabel = previous?.manifest.nextLabel ?? 0;
  let offset = 0;
  const additions: { label: number; vector: ArrayLike<number> }[] = [];
  for (const f of fresh) {
    entries[f.path] = { hash: f.hash, size: f.file.size, mtimeMs: f.file.mtimeMs, chunks: f.chunks.length, label: nextLabel, inBase: false };
    delta.files[f.path] = f.chunks;
    for (const _ of f.chunks) additions.push({ label: nextLabel++, vector: embedded[offset++]! });
  }
  vectors.add(additions);
  delta.removed = [...removedFromBase].sort();

  const deltaChunks = Object.values(delta.files).reduce((n, c) => n + c.length, 0);
  const totalChunks = Object.values(entries).reduce((n, e) => n + e.chunks, 0);
  const compact = !previous || deltaChunks + delta.removed.length > Math.max(COMPACT_MIN_CHUNKS, COMPACT_SHARE * totalChunks);
  const stored = compact
    ? await storeBase(files, previous, delta, entries)
    : { base: previous.manifest.stored.base, lexical: previous.manifest.stored.lexical, delta: await files.store('delta', JSON.stringify(delta)) };
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    embedder: options.embedder.id,
    pipeline: TEXT_PIPELINE_ID,
    dimensions: vectorSize,
    builtAt: new Date().toISOString(),
    files: entries,
    skipped,
    nextLabel,
    stored: { ...stored, vectors: await files.storeWritten('vectors', (file) => vectors.save(file)) },
  };
  await files.commit(manifest, oldManifest);
  return {
    files: scanned.length,
    reused: scanned.length - fresh.length - skipped.length,
    processed: fresh.length,
    skipped,
    chunks: totalChunks,
    ms: performance.now() - started,
    ...(loaded.damaged ? { rebuiltBecause: `${loaded.damaged} : index reconstruit entièrement` } : {}),
  };
}

/** Fold the delta into a new base (chunks and lexical index of every file); every entry then points at the base. */
async function storeBase(files: IndexFiles, previous: Previous | null, delta: Delta, entries: Record<string, FileEntry>) {
  const removed = new Set(delta.removed);
  const oldBase = previous ? await files.readBase(previous.manifest) : [];
  const chunks = [...oldBase.filter((c) => !removed.has(c.path) && entries[c.path]), ...Object.values(delta.files).flat()];
  const lexical = LexicalIndex.build(chunks);
  for (const entry of Object.values(entries)) entry.inBase = true;
  return {
    base: await files.store('base', JSON.stringify(chunks)),
    lexical: await files.store('lexical', lexical.toJSON()),
    delta: await files.store('delta', JSON.stringify({ files: {}, removed: [] } satisfies Delta)),
  };
}

type ReadOutcome = { kind: 'unchanged' } | { kind: 'skipped'; reason: string } | { kind: 'read'; chunks: Chunk[]; hash: string };

/** A file unchanged since last time (same size and time, or same bytes), or read into chunks, or skipped with its French reason. */
async function readChanged(file: KnowledgeFileInfo, old: FileEntry | undefined): Promise<ReadOutcome> {
  if (old && old.size === file.size && old.mtimeMs === file.mtimeMs) return { kind: 'unchanged' };
  if (file.size > MAX_FILE_BYTES) return { kind: 'skipped', reason: `fichier trop volumineux (plus de ${MAX_FILE_BYTES / 1024 / 1024} Mo)` };
  const content = await fs.readFile(file.absolutePath);
  const hash = sha256(content);
  if (old && old.hash === hash) return { kind: 'unchanged' };
  try {
    const chunks = await chunkDocument(await readKnowledgeFile(file.path, content));
    if (chunks.length === 0) return { kind: 'skipped', reason: 'aucun texte à indexer (fichier vide ?)' };
    return { kind: 'read', chunks, hash };
  } catch (error) {
    return { kind: 'skipped', reason: error instanceof UnreadableFileError ? error.message : 'fichier illisible' };
  }
}

async function embed(embedder: NamedEmbeddings, chunks: readonly Chunk[]): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let b = 0; b < chunks.length; b += EMBED_BATCH) {
    const batch = chunks.slice(b, b + EMBED_BATCH);
    for (const vector of await embedder.embeddings.embedDocuments(batch.map(embeddingText))) vectors.push(Float32Array.from(vector));
  }
  return vectors;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}
