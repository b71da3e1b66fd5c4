import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { delegationMigrations } from '../../src/workflows/delegation/migrations.ts';

/** A fresh directory for one test's SQLite file; `cleanup` removes it. */
export function tempDbFile(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coordo-delegation-'));
  return { file: path.join(dir, 'coordo.sqlite'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function openDelegationDb(file: string): Db {
  return openDatabase(file, delegationMigrations);
}
