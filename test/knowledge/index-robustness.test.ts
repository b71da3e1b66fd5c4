import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { offlineEmbedder } from '../../src/knowledge/embedder.ts';
import { IndexFiles } from '../../src/knowledge/index-files.ts';
import { buildIndex, loadIndex, openIndex, updateIndex } from '../../src/knowledge/indexer.ts';
import { noExpansion } from '../../src/knowledge/query-expander.ts';
import { Retriever } from '../../src/knowledge/retriever.ts';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.ts';
import { ROOT, runCli } from '../support/cli.ts';
import { loadConfig } from '../../src/config/env.ts';
import { measureIncremental } from '../../src/bench/corpus-bench.ts';
import { minimalPdf } from '../support/minimal-pdf.ts';

let root: string;
let knowledgeDir: string;
let indexDir: string;
const embedder = offlineEmbedder();
const options = () => ({ knowledgeDir, indexDir, embedder });

const article = (title: string, sections: Record<string, string>) =>
  `---\ntitle: "${title}"\nsources: [https://exemple.test]\n---\n\n${Object.entries(sections).map(([h, t]) => `## ${h}\n\n${t}\n`).join('\n')}`;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-robust-'));
  knowledgeDir = path.join(root, 'knowledge');
  indexDir = path.join(root, 'index');
  await fs.mkdir(knowledgeDir, { recursive: true });
  for (let i = 0; i < 6; i++) {
    await fs.writeFile(path.join(knowledgeDir, `article-${i}.md`), article(`Article ${i}`, { [`Réunion numéro ${i}`]: `La réunion numéro ${i} porte sur le thème ${i}.` }));
  }
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const top = async (index: KnowledgeIndex, question: string) => (await new Retriever(index, embedder.embeddings, noExpansion).retrieve(question))[0]?.chunk;

/** What the index holds, independent of how it was built: chunk ids and texts, in a stable order. */
const contents = (index: KnowledgeIndex) => index.chunks.map((c) => `${c.id}|${c.text}`).sort();

describe('index writers', () => {
  it('two writers at once (same process) leave one whole index, the second seeing the first’s work', async () => {
    const [a, b] = await Promise.all([updateIndex(options()), updateIndex(options())]);
    expect([a.processed, b.processed].sort()).toEqual([0, 6]);
    const index = await loadIndex(indexDir);
    expect(index.chunks).toHaveLength(6);
    expect((await top(index, 'réunion numéro 4'))?.path).toBe('article-4.md');
  });

  it('two `coordo index` processes at once leave one whole index', async () => {
    const env = { COORDO_KNOWLEDGE_DIR: knowledgeDir, COORDO_DATA_DIR: root };
    const runs = await Promise.all([runCli(['index'], { env }), runCli(['index'], { env }), runCli(['index'], { env })]);
    for (const run of runs) expect(run.code).toBe(0);
    expect(runs.filter((r) => /6 traités/u.test(r.stdout))).toHaveLength(1);
    const index = await loadIndex(path.join(root, 'index'));
    expect(index.chunks).toHaveLength(6);
    const names = await fs.readdir(path.join(root, 'index'));
    expect(names.filter((n) => n.includes('.tmp-') || n === 'index.lock')).toEqual([]);
  });

  it('takes over a lock left by a writer that no longer runs', async () => {
    await fs.mkdir(indexDir, { recursive: true });
    await fs.writeFile(path.join(indexDir, 'index.lock'), '2147483646');
    expect((await updateIndex(options())).processed).toBe(6);
  });
});

describe('a damaged index', () => {
  it.each(['base', 'lexical', 'vectors', 'delta'] as const)('is rebuilt with a message when its %s file is corrupt or missing', async (kind) => {
    await updateIndex(options());
    const manifest = (await new IndexFiles(indexDir).readManifest())!;
    const file = path.join(indexDir, manifest.stored[kind].name);
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const opened = await openIndex(options());
    expect(opened.report?.rebuiltBecause).toMatch(new RegExp(`^index endommagé \\(fichier ${kind}-[0-9a-f]{64}\\.\\w+ manquant, incomplet ou modifié\\) : index reconstruit entièrement$`, 'u'));
    expect(opened.index.chunks).toHaveLength(6);
    expect((await top(opened.index, 'réunion numéro 2'))?.path).toBe('article-2.md');
    // Removed altogether: the same.
    await fs.rm(path.join(indexDir, (await new IndexFiles(indexDir).readManifest())!.stored[kind].name));
    expect((await openIndex(options())).report?.rebuiltBecause).toMatch(/^index endommagé/u);
  });

  it('tells whoever runs `coordo index`, then serves', async () => {
    await fs.cp(path.join(ROOT, 'knowledge/registries'), path.join(knowledgeDir, 'registries'), { recursive: true });
    const env = { COORDO_KNOWLEDGE_DIR: knowledgeDir, COORDO_DATA_DIR: root };
    expect((await runCli(['index'], { env })).code).toBe(0);
    const dir = path.join(root, 'index');
    const manifest = (await new IndexFiles(dir).readManifest())!;
    await fs.writeFile(path.join(dir, manifest.stored.base.name), '[{"id":');
    await fs.appendFile(path.join(knowledgeDir, 'article-1.md'), '\n## Ajout\n\nUne section de plus sur les gardes.\n');
    const run = await runCli(['index'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Attention : index endommagé \(fichier base-[0-9a-f]{64}\.json manquant, incomplet ou modifié\) : index reconstruit entièrement\.$/mu);
    const ask = await runCli(['ask', '--json', 'réunion numéro 3'], { env });
    expect(JSON.parse(ask.stdout).citations[0].path).toBe('article-3.md');
  });
});

describe('incremental updates', () => {
  it('replace, add and remove one file’s passages without rebuilding, with the same content as a full build', async () => {
    await updateIndex(options());
    const before = (await new IndexFiles(indexDir).readManifest())!;
    await fs.writeFile(path.join(knowledgeDir, 'article-1.md'), article('Article 1', { 'Gardes du week-end': 'Les gardes du week-end sont affichées.' }));
    await fs.writeFile(path.join(knowledgeDir, 'nouveau.txt'), 'Le local des kinésithérapeutes ferme à 19 heures.');
    await fs.rm(path.join(knowledgeDir, 'article-5.md'));
    const report = await updateIndex(options());
    expect(report).toMatchObject({ processed: 2, reused: 4 });
    const after = (await new IndexFiles(indexDir).readManifest())!;
    // Only the delta and the vector graph were written again.
    expect(after.stored.base).toEqual(before.stored.base);
    expect(after.stored.lexical).toEqual(before.stored.lexical);
    expect(after.stored.delta).not.toEqual(before.stored.delta);

    const updated = await loadIndex(indexDir);
    expect((await top(updated, 'gardes du week-end'))?.path).toBe('article-1.md');
    expect((await top(updated, 'local des kinésithérapeutes'))?.path).toBe('nouveau.txt');
    expect(updated.chunks.some((c) => c.path === 'article-5.md' || c.text.includes('numéro 1'))).toBe(false);
    expect(updated.vectors.size).toBeGreaterThanOrEqual(updated.chunks.length);

    const fresh = await buildIndex({ ...options(), indexDir: path.join(root, 'fresh') });
    expect(contents(updated)).toEqual(contents(fresh.index));
    for (const q of ['gardes du week-end', 'réunion numéro 3', 'local des kinésithérapeutes']) {
      expect((await top(updated, q))?.id).toBe((await top(fresh.index, q))?.id);
    }
  });
});

describe('readers', () => {
  const reasonOf = async (name: string, content: Buffer | string) => {
    await fs.writeFile(path.join(knowledgeDir, name), content);
    const { report } = await buildIndex(options());
    return report.skipped.find((s) => s.path === name)?.reason;
  };

  it('refuses a DOCX zip bomb before decompressing it, and names the file', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', Buffer.alloc(64 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await reasonOf('bombe.docx', bomb)).toBe('fichier Word (DOCX) trop volumineux une fois décompressé (plus de 40 Mo)');
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  });

  it('refuses a file whose extracted text is too long', async () => {
    expect(await reasonOf('enorme.txt', 'mot '.repeat(600_000))).toMatch(/^texte extrait trop long \(plus de 2 000 000 caractères\)/u);
  });

  it('reports empty and text-less files with their reason', async () => {
    expect(await reasonOf('vide.md', '')).toBe('aucun texte à indexer (fichier vide ?)');
    expect(await reasonOf('blanc.txt', ' \n\n \t\n')).toBe('aucun texte à indexer (fichier vide ?)');
    expect(await reasonOf('scan.pdf', minimalPdf([]))).toBe('PDF sans texte (document scanné ?)');
  });

  it.each([
    ['UTF-8', Buffer.from('Le café de la MSP ouvre à 8 h, près de l’hôpital.', 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Le café de la MSP ouvre à 8 h, près de l’hôpital.', 'utf8')])],
    ['Windows-1252', Buffer.from([...Buffer.from('Le caf', 'latin1'), 0xe9, ...Buffer.from(' de la MSP ouvre ', 'latin1'), 0xe0, ...Buffer.from(' 8 h, pr', 'latin1'), 0xe8, ...Buffer.from('s de l', 'latin1'), 0x92, ...Buffer.from('h', 'latin1'), 0xf4, ...Buffer.from('pital.', 'latin1')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Le café de la MSP ouvre à 8 h, près de l’hôpital.', 'utf16le')])],
  ])('reads %s text', async (_, bytes) => {
    await fs.writeFile(path.join(knowledgeDir, 'horaires.txt'), bytes);
    const { index, report } = await buildIndex(options());
    expect(report.skipped).toEqual([]);
    const chunk = index.chunks.find((c) => c.path === 'horaires.txt');
    expect(chunk?.text).toBe('Le café de la MSP ouvre à 8 h, près de l’hôpital.');
    expect((await top(index, 'café de la MSP'))?.path).toBe('horaires.txt');
  });
});

describe('the incremental bench part', () => {
  it('changes one file and reports the time of the update that follows', async () => {
    const config = loadConfig({ COORDO_KNOWLEDGE_DIR: knowledgeDir, COORDO_DATA_DIR: root }, root);
    await updateIndex({ knowledgeDir, indexDir: path.join(root, 'index'), embedder });
    const figures = await measureIncremental(config);
    expect(figures).toMatchObject({ files: 6, processed: 1 });
    expect(figures.ms).toBeGreaterThanOrEqual(0);
  });
});
