import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Tests start the real `coordo` command (bin/coordo.js → dist/): compile the sources once before they run. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
