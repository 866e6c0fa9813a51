import type { SqliteDatabase } from './database';

export class RolesStore {
  private readonly getStmt;
  private readonly listStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string], { descriptor: string }>('SELECT descriptor FROM roles WHERE name = ?');
    this.listStmt = db.prepare<[], { name: string; descriptor: string }>('SELECT name, descriptor FROM roles ORDER BY name');
    this.upsertStmt = db.prepare<[string, string]>(
      'INSERT INTO roles (name, descriptor) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET descriptor = excluded.descriptor',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM roles WHERE name = ?');
  }

  get<T>(name: string): T | undefined {
    const row = this.getStmt.get(name);
    return row ? (JSON.parse(row.descriptor) as T) : undefined;
  }

  list<T>(): Array<{ name: string; descriptor: T }> {
    return this.listStmt.all().map((r) => ({ name: r.name, descriptor: JSON.parse(r.descriptor) as T }));
  }

  /** Returns true when the role was created, false when it replaced an existing one. */
  upsert(name: string, descriptor: unknown): boolean {
    const existed = this.getStmt.get(name) !== undefined;
    this.upsertStmt.run(name, JSON.stringify(descriptor));
    return !existed;
  }

  delete(name: string): boolean {
    return this.deleteStmt.run(name).changes > 0;
  }
}
