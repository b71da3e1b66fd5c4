import crypto from 'node:crypto';
import { migrate, type Db, type Migration } from './database.ts';

const secretMigrations: Migration[] = [{ name: 'store-004-secrets', sql: 'CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL)' }];

/** The app's key for signing button values: made at random once, kept in the database (every process on it shares it). */
export function signingKey(db: Db): Buffer {
  migrate(db, secretMigrations);
  db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run('button-values', crypto.randomBytes(32));
  const row = db.prepare<[string], { value: Buffer }>('SELECT value FROM secrets WHERE name = ?').get('button-values');
  if (!row) throw new Error('signing key missing right after it was written');
  return row.value;
}
