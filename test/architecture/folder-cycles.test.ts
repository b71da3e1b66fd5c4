import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCycles, homeGraph, relativeImports } from '../support/import-graph.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

describe('folders of src', () => {
  it('import each other without a cycle', () => {
    expect(describeCycles(homeGraph(SRC))).toEqual([]);
  });
});

describe('the cycle check', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-cycles-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  it('reads every form of relative import', () => {
    const source = [
      "import type { A } from '../a/a.ts';",
      "import {\n  B,\n  C,\n} from './b.ts';",
      "export { D } from '../d/d.ts';",
      "import '../side/effect.ts';",
      "const e = await import('../e/e.ts');",
      "import fs from 'node:fs';",
    ].join('\n');
    expect(relativeImports(source)).toEqual(['../a/a.ts', './b.ts', '../d/d.ts', '../side/effect.ts', '../e/e.ts']);
  });

  it('finds a cycle through three folders and a dynamic import, and names the imports', () => {
    write('a/one.ts', "import { two } from '../b/two.ts';\nexport const one = two;\n");
    write('b/two.ts', "import { three } from '../workflows/c/three.ts';\nexport const two = three;\n");
    write('workflows/c/three.ts', "export const three = async () => import('../../a/one.ts');\n");
    write('workflows/c/sub/inner.ts', "import { three } from '../three.ts';\n");
    const found = describeCycles(homeGraph(root));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('a ↔ b ↔ workflows/c');
    expect(found[0]).toContain('workflows/c/three.ts → ../../a/one.ts');
  });
});
