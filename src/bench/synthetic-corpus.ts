import fs from 'node:fs/promises';
import path from 'node:path';
import { scanKnowledgeDir } from '../knowledge/scan.ts';
import { readKnowledgeFile } from '../knowledge/readers/index.ts';
import { splitSentences } from '../text/sentences.ts';

/** Small deterministic PRNG (mulberry32) so that every bench run indexes the same corpus. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Write a corpus `factor` times the size of the knowledge base: the real
 * articles, plus (factor − 1) copies of each whose sections are made of
 * sentences drawn at random from the whole base (same vocabulary and length,
 * different combinations), so that retrieval has realistic distractors.
 */
export async function writeSyntheticCorpus(knowledgeDir: string, targetDir: string, factor: number): Promise<{ files: number; bytes: number }> {
  await fs.rm(targetDir, { recursive: true, force: true });
  await fs.cp(knowledgeDir, targetDir, { recursive: true });
  const files = (await scanKnowledgeDir(knowledgeDir)).filter((f) => f.path.endsWith('.md'));
  const docs = await Promise.all(files.map(async (f) => readKnowledgeFile(f.path, await fs.readFile(f.absolutePath))));
  const sentences = docs.flatMap((d) => d.sections.flatMap((s) => splitSentences(s.text)));
  const headings = docs.flatMap((d) => d.sections.map((s) => s.heading));
  const random = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let written = 0;
  let bytes = 0;
  const outDir = path.join(targetDir, 'synthetic');
  await fs.mkdir(outDir, { recursive: true });
  for (let copy = 1; copy < factor; copy++) {
    for (const doc of docs) {
      const body = doc.sections
        .map((section) => {
          const count = Math.max(2, splitSentences(section.text).length);
          const text = Array.from({ length: count }, () => pick(sentences)).join(' ');
          return `## ${pick(headings)} (${copy})\n\n${text}\n\nSources : synthétique`;
        })
        .join('\n\n');
      const content = `---\ntitle: "${doc.title.replace(/"/g, "'")} — variante ${copy}"\nsources: [synthétique]\ntags: [synthétique]\n---\n\n${body}\n`;
      await fs.writeFile(path.join(outDir, `${copy}-${path.basename(doc.path)}`), content);
      written++;
      bytes += content.length;
    }
  }
  return { files: written + files.length, bytes };
}
