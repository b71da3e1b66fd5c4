import fs from 'node:fs/promises';
import path from 'node:path';
import { isSupported } from './readers/index.ts';

export interface KnowledgeFileInfo {
  /** Relative to the knowledge folder, `/` separators. */
  path: string;
  absolutePath: string;
  size: number;
  mtimeMs: number;
}

/** Every readable-by-extension file under the knowledge folder, sorted by path (hidden files skipped). */
export async function scanKnowledgeDir(dir: string): Promise<KnowledgeFileInfo[]> {
  const found: KnowledgeFileInfo[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await fs.readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isSupported(entry.name)) {
        const stat = await fs.stat(full);
        found.push({
          path: path.relative(dir, full).split(path.sep).join('/'),
          absolutePath: full,
          size: stat.size,
          mtimeMs: stat.mtimeMs,
        });
      }
    }
  }
  try {
    await fs.access(dir);
  } catch {
    throw new Error(`Dossier de la base de connaissances introuvable : ${dir} (voir COORDO_KNOWLEDGE_DIR)`);
  }
  await walk(dir);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
