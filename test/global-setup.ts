import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Tests start the real `coordo` command (bin/coordo.js → dist/): compile the
 * sources once before they run. Type errors are `npm run typecheck`'s job (it
 * runs first in `npm test`); here only a missing output stops the run.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'ignore',
  });
  if (!fs.existsSync(path.join(root, 'dist/src/main.js'))) throw new Error('build failed: run `npm run build` to see why');
}
