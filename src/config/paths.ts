import fs from 'node:fs';
import path from 'node:path';

/**
 * The project folder (where package.json is), found from this module's place,
 * so that paths hold whether the code runs from `src/` (tests) or from the
 * compiled `dist/src/` (`npm start`).
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

/** The command-line entry point, for the processes the bench starts. */
export const BIN = path.join(PROJECT_ROOT, 'bin/coordo.js');

/** The project's own question sets (`*.jsonl`: development, held-out) and the section labels of the shared ones. */
export const OWN_EVAL_DIR = path.join(PROJECT_ROOT, 'test/data/answers');
