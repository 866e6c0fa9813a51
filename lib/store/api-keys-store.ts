import type { SqliteDatabase } from './database';

export interface ApiKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  username: string;
  realmName: string;
  realmType: string;
  /** JSON snapshot of the owner's user (roles, names) at creation. */
  creator: string;
  roleDescriptors: Record<string, unknown>;
  limitedBy: Array<Record<string, unknown>>;
  metadata: Record<string, unknown>;
  createdAt: number;
  expiresAt: number | null;
  invalidated: boolean;
  invalidatedAt: number | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  username: string;
  realm_name: string;
  realm_type: string;
  creator: string;
  role_descriptors: string;
  limited_by: string;
  metadata: string;
  created_at: number;
  expires_at: number | null;
  invalidated: number;
  invalidated_at: number | null;
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    username: row.username,
    realmName: row.realm_name,
    realmType: row.realm_type,
    creator: row.creator,
    roleDescriptors: JSON.parse(row.role_descriptors) as Record<string, unknown>,
    limitedBy: JSON.parse(row.limited_by) as Array<Record<string, unknown>>,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    invalidated: row.invalidated === 1,
    invalidatedAt: row.invalidated_at,
  };
}

export interface ApiKeyFilter {
  ids?: string[];
  name?: string;
  username?: string;
  realmName?: string;
}

export class ApiKeysStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly invalidateStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO api_keys (id, name, key_hash, username, realm_name, realm_type, creator, role_descriptors, limited_by, metadata, created_at, expires_at)
       VALUES (@id, @name, @key_hash, @username, @realm_name, @realm_type, @creator, @role_descriptors, @limited_by, @metadata, @created_at, @expires_at)`,
    );
    this.getStmt = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
    this.invalidateStmt = db.prepare<[number, string]>('UPDATE api_keys SET invalidated = 1, invalidated_at = ? WHERE id = ? AND invalidated = 0');
  }

  insert(record: Omit<ApiKeyRecord, 'invalidated' | 'invalidatedAt'>): void {
    this.insertStmt.run({
      id: record.id,
      name: record.name,
      key_hash: record.keyHash,
      username: record.username,
      realm_name: record.realmName,
      realm_type: record.realmType,
      creator: record.creator,
      role_descriptors: JSON.stringify(record.roleDescriptors),
      limited_by: JSON.stringify(record.limitedBy),
      metadata: JSON.stringify(record.metadata),
      created_at: record.createdAt,
      expires_at: record.expiresAt,
    });
  }

  get(id: string): ApiKeyRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? toRecord(row) : undefined;
  }

  /** Keys matching every given criterion; `name` may end with `*` for a prefix. */
  find(filter: ApiKeyFilter): ApiKeyRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.ids && filter.ids.length > 0) {
      where.push(`id IN (${filter.ids.map(() => '?').join(',')})`);
      args.push(...filter.ids);
    }
    if (filter.name !== undefined && filter.name !== '*') {
      if (filter.name.endsWith('*')) {
        where.push("name LIKE ? ESCAPE '\\'");
        args.push(filter.name.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%');
      } else {
        where.push('name = ?');
        args.push(filter.name);
      }
    }
    if (filter.username !== undefined) {
      where.push('username = ?');
      args.push(filter.username);
    }
    if (filter.realmName !== undefined) {
      where.push('realm_name = ?');
      args.push(filter.realmName);
    }
    const sql = `SELECT * FROM api_keys${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id`;
    return this.db.prepare<unknown[], ApiKeyRow>(sql).all(...args).map(toRecord);
  }

  /** Returns true when this call invalidated the key (false if it already was). */
  invalidate(id: string, at: number): boolean {
    return this.invalidateStmt.run(at, id).changes > 0;
  }
}
