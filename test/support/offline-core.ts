import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createCore, type CoordoCore } from '../../src/app/create-coordo.ts';
import { loadConfig } from '../../src/config/env.ts';
import type { Turn } from '../../src/engine/message.ts';
import type { Reply } from '../../src/engine/reply.ts';
import { ROOT } from './cli.ts';

/**
 * The real offline core over the shipped base, built once for a test file (its index in a temporary data
 * folder, removed afterwards). `core()` is the core; `ask(text, history)` asks it as the console would.
 */
export function useOfflineCore(): { core: () => CoordoCore; ask: (text: string, history?: Turn[]) => Promise<Reply> } {
  let dataDir: string;
  let core: CoordoCore | undefined;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'coordo-core-'));
    core = await createCore(loadConfig({ COORDO_DATA_DIR: dataDir }, ROOT));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  const ready = (): CoordoCore => {
    if (!core) throw new Error('core not built yet');
    return core;
  };
  return {
    core: ready,
    ask: (text, history = []) => ready().engine.handle({ text, history, conversation: { platform: 'cli', userId: 'u', channelId: 'c' } }),
  };
}
