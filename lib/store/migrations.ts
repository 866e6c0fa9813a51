/**
 * Schema migrations, applied in order at start. Never edit a released migration: add one.
 *
 * JSON columns hold Elasticsearch-shaped values (roles arrays, role descriptors, labels, data)
 * exactly as the API received them, so they round-trip with key order intact.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE users (
        username      TEXT PRIMARY KEY,
        password_hash TEXT,
        roles         TEXT NOT NULL DEFAULT '[]',
        full_name     TEXT,
        email         TEXT,
        metadata      TEXT NOT NULL DEFAULT '{}',
        enabled       INTEGER NOT NULL DEFAULT 1
      );

      CREATE TABLE roles (
        name       TEXT PRIMARY KEY,
        descriptor TEXT NOT NULL
      );

      -- One row per profile document. The columns used to find a profile (username, realm)
      -- are real columns with an index so that activation never scans the table.
      CREATE TABLE profiles (
        uid               TEXT PRIMARY KEY,
        username          TEXT NOT NULL,
        realm_type        TEXT NOT NULL,
        realm_name        TEXT NOT NULL,
        enabled           INTEGER NOT NULL,
        last_synchronized INTEGER NOT NULL,
        user_doc          TEXT NOT NULL,
        labels            TEXT NOT NULL DEFAULT '{}',
        application_data  TEXT NOT NULL DEFAULT '{}',
        seq_no            INTEGER NOT NULL,
        primary_term      INTEGER NOT NULL
      );
      CREATE INDEX profiles_by_user ON profiles (username, realm_type, realm_name);
    `,
  },
  {
    version: 2,
    sql: `
      -- Token-service tokens. Only SHA-256 hashes of the opaque token strings are kept.
      CREATE TABLE tokens (
        id                  TEXT PRIMARY KEY,
        access_hash         TEXT NOT NULL UNIQUE,
        refresh_hash        TEXT UNIQUE,
        username            TEXT NOT NULL,
        realm_name          TEXT NOT NULL,
        authentication      TEXT NOT NULL,
        created_at          INTEGER NOT NULL,
        expires_at          INTEGER NOT NULL,
        refresh_expires_at  INTEGER,
        access_invalidated  INTEGER NOT NULL DEFAULT 0,
        refresh_invalidated INTEGER NOT NULL DEFAULT 0,
        refreshed_at        INTEGER,
        superseded_by       TEXT
      );
      CREATE INDEX tokens_by_user ON tokens (username);
      CREATE INDEX tokens_by_realm ON tokens (realm_name);
      CREATE INDEX tokens_by_expiry ON tokens (refresh_expires_at, expires_at);

      -- API keys. Only a hash of the secret part is kept.
      CREATE TABLE api_keys (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        key_hash         TEXT NOT NULL,
        username         TEXT NOT NULL,
        realm_name       TEXT NOT NULL,
        realm_type       TEXT NOT NULL,
        creator          TEXT NOT NULL,
        role_descriptors TEXT NOT NULL DEFAULT '{}',
        limited_by       TEXT NOT NULL DEFAULT '[]',
        metadata         TEXT NOT NULL DEFAULT '{}',
        created_at       INTEGER NOT NULL,
        expires_at       INTEGER,
        invalidated      INTEGER NOT NULL DEFAULT 0,
        invalidated_at   INTEGER
      );
      CREATE INDEX api_keys_by_owner ON api_keys (username, realm_name);
      CREATE INDEX api_keys_by_name ON api_keys (name);
    `,
  },
];
