import type { SqliteDatabase } from './database';

/** Small key/value table for engine-wide state (sequence numbers, bootstrap markers). */
export class SettingsStore {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  put(key: string, value: string): void {
    this.putStmt.run(key, value);
  }
}
