import type { SqliteDatabase } from './database';

/** Role mappings by name; the mapping is stored as JSON, as the API returns it. */
export class RoleMappingsStore {
  private readonly getStmt;
  private readonly listStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string], { mapping: string }>('SELECT mapping FROM role_mappings WHERE name = ?');
    this.listStmt = db.prepare<[], { name: string; mapping: string }>('SELECT name, mapping FROM role_mappings ORDER BY name');
    this.upsertStmt = db.prepare<[string, string]>(
      'INSERT INTO role_mappings (name, mapping) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM role_mappings WHERE name = ?');
  }

  get<T>(name: string): T | undefined {
    const row = this.getStmt.get(name);
    return row ? (JSON.parse(row.mapping) as T) : undefined;
  }

  list<T>(): Array<{ name: string; mapping: T }> {
    return this.listStmt.all().map((r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as T }));
  }

  /** Returns true when the mapping was created, false when it replaced an existing one. */
  upsert(name: string, mapping: unknown): boolean {
    const existed = this.getStmt.get(name) !== undefined;
    this.upsertStmt.run(name, JSON.stringify(mapping));
    return !existed;
  }

  delete(name: string): boolean {
    return this.deleteStmt.run(name).changes > 0;
  }
}
