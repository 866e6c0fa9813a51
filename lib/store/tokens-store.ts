import type { SqliteDatabase } from './database';

export interface TokenRecord {
  id: string;
  accessHash: string;
  refreshHash: string | null;
  username: string;
  realmName: string;
  /** JSON: the authentication the token stands for, plus the creating client. */
  authentication: string;
  createdAt: number;
  expiresAt: number;
  refreshExpiresAt: number | null;
  accessInvalidated: boolean;
  refreshInvalidated: boolean;
  refreshedAt: number | null;
  /** The pair issued by the refresh, encrypted with a key only the refresh token yields. */
  supersededBy: string | null;
}

interface TokenRow {
  id: string;
  access_hash: string;
  refresh_hash: string | null;
  username: string;
  realm_name: string;
  authentication: string;
  created_at: number;
  expires_at: number;
  refresh_expires_at: number | null;
  access_invalidated: number;
  refresh_invalidated: number;
  refreshed_at: number | null;
  superseded_by: string | null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    accessHash: row.access_hash,
    refreshHash: row.refresh_hash,
    username: row.username,
    realmName: row.realm_name,
    authentication: row.authentication,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    refreshExpiresAt: row.refresh_expires_at,
    accessInvalidated: row.access_invalidated === 1,
    refreshInvalidated: row.refresh_invalidated === 1,
    refreshedAt: row.refreshed_at,
    supersededBy: row.superseded_by,
  };
}

export class TokensStore {
  private readonly insertStmt;
  private readonly byAccessStmt;
  private readonly byRefreshStmt;
  private readonly byUserStmt;
  private readonly byRealmStmt;
  private readonly byUserRealmStmt;
  private readonly invalidateAccessStmt;
  private readonly invalidateRefreshStmt;
  private readonly markRefreshedStmt;
  private readonly purgeStmt;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO tokens (id, access_hash, refresh_hash, username, realm_name, authentication, created_at, expires_at, refresh_expires_at)
       VALUES (@id, @access_hash, @refresh_hash, @username, @realm_name, @authentication, @created_at, @expires_at, @refresh_expires_at)`,
    );
    this.byAccessStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE access_hash = ?');
    this.byRefreshStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE refresh_hash = ?');
    this.byUserStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE username = ?');
    this.byRealmStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE realm_name = ?');
    this.byUserRealmStmt = db.prepare<[string, string], TokenRow>('SELECT * FROM tokens WHERE username = ? AND realm_name = ?');
    this.invalidateAccessStmt = db.prepare<[string]>('UPDATE tokens SET access_invalidated = 1 WHERE id = ?');
    this.invalidateRefreshStmt = db.prepare<[string]>('UPDATE tokens SET refresh_invalidated = 1 WHERE id = ?');
    this.markRefreshedStmt = db.prepare<[number, string, string]>(
      'UPDATE tokens SET refreshed_at = ?, superseded_by = ? WHERE id = ? AND refreshed_at IS NULL',
    );
    // A token is gone for good once its access part and (if any) refresh part have expired.
    this.purgeStmt = db.prepare<[number, number, number]>(
      `DELETE FROM tokens WHERE id IN (
         SELECT id FROM tokens WHERE expires_at < ? AND (refresh_expires_at IS NULL OR refresh_expires_at < ?) LIMIT ?)`,
    );
  }

  insert(record: Omit<TokenRecord, 'accessInvalidated' | 'refreshInvalidated' | 'refreshedAt' | 'supersededBy'>): void {
    this.insertStmt.run({
      id: record.id,
      access_hash: record.accessHash,
      refresh_hash: record.refreshHash,
      username: record.username,
      realm_name: record.realmName,
      authentication: record.authentication,
      created_at: record.createdAt,
      expires_at: record.expiresAt,
      refresh_expires_at: record.refreshExpiresAt,
    });
  }

  byAccessHash(hash: string): TokenRecord | undefined {
    const row = this.byAccessStmt.get(hash);
    return row ? toRecord(row) : undefined;
  }

  byRefreshHash(hash: string): TokenRecord | undefined {
    const row = this.byRefreshStmt.get(hash);
    return row ? toRecord(row) : undefined;
  }

  byOwner(username: string | undefined, realmName: string | undefined): TokenRecord[] {
    let rows: TokenRow[] = [];
    if (username !== undefined && realmName !== undefined) rows = this.byUserRealmStmt.all(username, realmName);
    else if (username !== undefined) rows = this.byUserStmt.all(username);
    else if (realmName !== undefined) rows = this.byRealmStmt.all(realmName);
    return rows.map(toRecord);
  }

  invalidateAccess(id: string): void {
    this.invalidateAccessStmt.run(id);
  }

  invalidateRefresh(id: string): void {
    this.invalidateRefreshStmt.run(id);
  }

  /** Marks a refresh token used; false when another refresh got there first. */
  markRefreshed(id: string, at: number, supersededBy: string): boolean {
    return this.markRefreshedStmt.run(at, supersededBy, id).changes > 0;
  }

  /** Deletes at most `limit` fully expired tokens; returns how many. */
  purgeExpired(now: number, limit: number): number {
    return this.purgeStmt.run(now, now, limit).changes;
  }
}
