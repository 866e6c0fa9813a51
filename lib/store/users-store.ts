import type { SqliteDatabase } from './database';

export interface UserRecord {
  username: string;
  passwordHash: string | null;
  roles: string[];
  fullName: string | null;
  email: string | null;
  metadata: Record<string, unknown>;
  enabled: boolean;
}

interface UserRow {
  username: string;
  password_hash: string | null;
  roles: string;
  full_name: string | null;
  email: string | null;
  metadata: string;
  enabled: number;
}

function toRecord(row: UserRow): UserRecord {
  return {
    username: row.username,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    fullName: row.full_name,
    email: row.email,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    enabled: row.enabled === 1,
  };
}

export class UsersStore {
  private readonly getStmt;
  private readonly listStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly setPasswordStmt;
  private readonly setEnabledStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.listStmt = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username');
    this.upsertStmt = db.prepare(
      `INSERT INTO users (username, password_hash, roles, full_name, email, metadata, enabled)
       VALUES (@username, @password_hash, @roles, @full_name, @email, @metadata, @enabled)
       ON CONFLICT (username) DO UPDATE SET
         password_hash = excluded.password_hash, roles = excluded.roles, full_name = excluded.full_name,
         email = excluded.email, metadata = excluded.metadata, enabled = excluded.enabled`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM users WHERE username = ?');
    this.setPasswordStmt = db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE username = ?');
    this.setEnabledStmt = db.prepare<[number, string]>('UPDATE users SET enabled = ? WHERE username = ?');
  }

  get(username: string): UserRecord | undefined {
    const row = this.getStmt.get(username);
    return row ? toRecord(row) : undefined;
  }

  list(): UserRecord[] {
    return this.listStmt.all().map(toRecord);
  }

  /** Inserts or replaces the whole user; returns true when it was created. */
  upsert(user: UserRecord): boolean {
    const existed = this.getStmt.get(user.username) !== undefined;
    this.upsertStmt.run({
      username: user.username,
      password_hash: user.passwordHash,
      roles: JSON.stringify(user.roles),
      full_name: user.fullName,
      email: user.email,
      metadata: JSON.stringify(user.metadata),
      enabled: user.enabled ? 1 : 0,
    });
    return !existed;
  }

  delete(username: string): boolean {
    return this.deleteStmt.run(username).changes > 0;
  }

  setPasswordHash(username: string, hash: string): boolean {
    return this.setPasswordStmt.run(hash, username).changes > 0;
  }

  setEnabled(username: string, enabled: boolean): boolean {
    return this.setEnabledStmt.run(enabled ? 1 : 0, username).changes > 0;
  }
}
