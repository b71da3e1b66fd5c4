import fs from 'node:fs/promises';
import path from 'node:path';

/** How often a writer waiting for the lock looks again. */
const POLL_MS = 100;

export class IndexLockedError extends Error {}

/**
 * One index writer at a time per index folder (two `coordo index`, or a start
 * and an index, at once): `index.lock` is created exclusively and holds the
 * writer's process id. A second writer waits until the first is done; a lock
 * left by a process that no longer runs is taken over. In one process, writers
 * queue on a promise chain.
 */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
  const key = path.resolve(indexDir);
  const before = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const queued = before.then(() => mine);
  queues.set(key, queued);
  await before;
  try {
    const unlock = await acquire(key, options.waitMs ?? 10 * 60_000);
    try {
      return await work();
    } finally {
      await unlock();
    }
  } finally {
    release();
    if (queues.get(key) === queued) queues.delete(key);
  }
}

const queues = new Map<string, Promise<void>>();

async function acquire(dir: string, waitMs: number): Promise<() => Promise<void>> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'index.lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await tryCreate(file)) return () => fs.rm(file, { force: true });
    const holder = await holderOf(file);
    if (holder === null) continue; // released meanwhile
    if (!isRunning(holder)) {
      // Left by a writer that stopped: taken over (unless another waiter took it over first).
      if ((await holderOf(file)) === holder) await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new IndexLockedError(`L'index est en cours de mise à jour par un autre processus (pid ${holder}) : réessayez quand il aura fini.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Create the lock file with this process id in it, or false when it exists (a hard link is created whole or not at all). */
async function tryCreate(file: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}`;
  await fs.writeFile(temp, String(process.pid));
  try {
    await fs.link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function holderOf(file: string): Promise<number | null> {
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  return text === null ? null : Number(text.trim());
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
