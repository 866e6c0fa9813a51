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
];
