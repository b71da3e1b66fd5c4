import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** One schema change, applied once, in a transaction, identified by its unique name. */
export interface Migration {
  /** Unique and stable, e.g. `delegation-001-requests`. */
  name: string;
  sql: string;
}

/**
 * Open (or create) the SQLite file with WAL, foreign keys and a busy timeout,
 * then apply the migrations not applied yet, in the order given.
 */
export function openDatabase(file: string, migrations: readonly Migration[]): Db {
  let db: Db;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new DatabaseOpenError(file, error);
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/** The SQLite file cannot be created or opened: its path and the system's reason code, in French. */
export class DatabaseOpenError extends Error {
  constructor(file: string, cause: unknown) {
    const code = (cause as { code?: unknown }).code;
    super(
      `Base de données impossible à ouvrir : ${file}${typeof code === 'string' ? ` (${code})` : ''} — vérifiez COORDO_DB_PATH (ou COORDO_DATA_DIR), que le dossier existe ou peut être créé et que Coordo a le droit d'y écrire.`,
    );
  }
}

/**
 * Apply the migrations not applied yet. Each one is read and applied in one
 * IMMEDIATE transaction (write lock first), so that two processes starting on
 * the same file never both apply it.
 */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const isApplied = db.prepare<[string], { name: string }>('SELECT name FROM schema_migrations WHERE name = ?');
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    db.transaction(() => {
      if (isApplied.get(migration.name)) return;
      db.exec(migration.sql);
      record.run(migration.name, new Date().toISOString());
    }).immediate();
  }
}
