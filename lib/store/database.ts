import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations';

export type SqliteDatabase = Database.Database;

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export const DATABASE_FILE_NAME = 'profile-console.sqlite';

/**
 * Opens (creating when needed) the single SQLite file under `dataDir`, in WAL mode, and
 * applies pending schema migrations. Fails with a clear message when the directory cannot
 * be created or written, instead of a low-level SQLite error on the first request.
 */
export function openDatabase(dataDir: string): SqliteDatabase {
  const dir = path.resolve(dataDir);
  try {
    createDirectory(dir);
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.R_OK);
  } catch (cause) {
    throw new StoreError(
      `DATA_DIR [${dir}] is not a writable directory: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}. ` +
        'Set DATA_DIR to a directory this process may write to.',
      { cause },
    );
  }
  const file = path.join(dir, DATABASE_FILE_NAME);
  let db: SqliteDatabase;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new StoreError(`cannot open the data file [${file}]: ${(cause as Error).message}`, { cause });
  }
  migrate(db);
  return db;
}

/**
 * mkdir -p, one level at a time. Node's own recursive mkdirSync never returns for a path under a
 * directory that refuses new entries with ENOENT (such as /proc), so a mistyped DATA_DIR would
 * hang the server at start instead of naming the problem.
 */
export function createDirectory(dir: string): void {
  const missing: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) {
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const level of missing.reverse()) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      // Created meanwhile by another process: fine, as with mkdir -p.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Applies each migration whose number is above `user_version`, each in its own transaction. */
export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
