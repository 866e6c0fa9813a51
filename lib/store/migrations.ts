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
  {
    version: 3,
    sql: `
      -- Profiles get a stable integer key (an INTEGER PRIMARY KEY survives VACUUM, a bare rowid
      -- does not), so the search tables below can reference a profile with a few bytes instead
      -- of its 47-character uid. Existing rows keep their creation order.
      CREATE TABLE profiles_v3 (
        id                INTEGER PRIMARY KEY,
        uid               TEXT NOT NULL UNIQUE,
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
      INSERT INTO profiles_v3
        (uid, username, realm_type, realm_name, enabled, last_synchronized, user_doc, labels, application_data, seq_no, primary_term)
        SELECT uid, username, realm_type, realm_name, enabled, last_synchronized, user_doc, labels, application_data, seq_no, primary_term
        FROM profiles ORDER BY seq_no;
      DROP TABLE profiles;
      ALTER TABLE profiles_v3 RENAME TO profiles;
      CREATE INDEX profiles_by_user ON profiles (username, realm_type, realm_name);
      -- Suggest's order (last_synchronized desc, then creation order) over enabled profiles.
      CREATE INDEX profiles_by_recency ON profiles (enabled, last_synchronized DESC);

      -- Lower-cased search terms of enabled profiles (kind 1 username, 2 full-name word,
      -- 3 email): prefix queries are range scans (term >= p AND term < p || U+10FFFF).
      CREATE TABLE profile_search_terms (
        kind       INTEGER NOT NULL,
        term       TEXT NOT NULL,
        profile_id INTEGER NOT NULL,
        PRIMARY KEY (kind, term, profile_id)
      ) WITHOUT ROWID;

      -- Leaf values of enabled profiles' labels by dotted path, like the flattened field that
      -- suggest's label hint queries in Elasticsearch.
      CREATE TABLE profile_search_labels (
        path       TEXT NOT NULL,
        value      TEXT NOT NULL,
        profile_id INTEGER NOT NULL,
        PRIMARY KEY (path, value, profile_id)
      ) WITHOUT ROWID;

      -- The terms are computed in JavaScript (Unicode lower-casing); ProfilesStore fills the
      -- tables when this marker differs from its tokenizer version.
      INSERT INTO settings (key, value) VALUES ('profiles.search_index_version', '0')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    `,
  },
  {
    version: 4,
    sql: `
      -- Role mappings (PUT /_security/role_mapping/{name}): the mapping as Elasticsearch
      -- returns it ({enabled, roles|role_templates, rules, metadata}), keyed by name.
      CREATE TABLE role_mappings (
        name    TEXT PRIMARY KEY,
        mapping TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    sql: `
      -- The suggest tables of version 3 gain a copy of last_synchronized (a range can be ranked
      -- by recency without reading profiles) and an index by profile (one profile is scored
      -- with a few index probes). They only hold data derived from profiles: recreate them
      -- empty and let ProfilesStore refill them at start.
      DROP TABLE profile_search_terms;
      DROP TABLE profile_search_labels;

      -- Lower-cased search terms of enabled profiles (kind 1 username, 2 full-name word,
      -- 3 email): prefix queries are range scans (term >= p AND term < p || U+10FFFF).
      CREATE TABLE profile_search_terms (
        kind              INTEGER NOT NULL,
        term              TEXT NOT NULL,
        profile_id        INTEGER NOT NULL,
        last_synchronized INTEGER NOT NULL,
        PRIMARY KEY (kind, term, profile_id)
      ) WITHOUT ROWID;
      -- A profile's own terms: scores one profile with a few index probes.
      CREATE INDEX profile_search_terms_by_profile ON profile_search_terms (profile_id, term);

      -- Leaf values of enabled profiles' labels by dotted path (the label hint).
      CREATE TABLE profile_search_labels (
        path              TEXT NOT NULL,
        value             TEXT NOT NULL,
        profile_id        INTEGER NOT NULL,
        last_synchronized INTEGER NOT NULL,
        PRIMARY KEY (path, value, profile_id)
      ) WITHOUT ROWID;

      INSERT INTO settings (key, value) VALUES ('profiles.search_index_version', '0')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;

      -- The store starts its sequence after the largest _seq_no: an index lookup, not a scan.
      CREATE INDEX profiles_by_seq_no ON profiles (seq_no);
    `,
  },
];
