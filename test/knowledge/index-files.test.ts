import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IndexFiles } from '../../src/knowledge/index-files.ts';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-files-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('stored JSON files', () => {
  it('hold no character beyond Latin-1 (escaped), and read back the same text', async () => {
    const files = new IndexFiles(dir);
    const value = [{ text: 'L’équipe « MSP » — 3 € ; émoji 😀, Ω, ÿ' }];
    const stored = await files.store('delta', JSON.stringify(value));
    const written = await fs.readFile(files.pathOf(stored), 'utf8');
    expect([...written].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(await files.readJson(stored, z.array(z.object({ text: z.string() })))).toEqual(value);
  });
});
