import type { SqliteDatabase } from './database';

/** The `user` object stored in a profile document, in Elasticsearch's stored field order. */
export interface ProfileUserDoc {
  username: string;
  roles: string[];
  realm: { name: string; type: string; node_name: string };
  email: string | null;
  full_name: string | null;
}

export interface ProfileRecord {
  uid: string;
  enabled: boolean;
  lastSynchronized: number;
  user: ProfileUserDoc;
  labels: Record<string, unknown>;
  applicationData: Record<string, unknown>;
  seqNo: number;
  primaryTerm: number;
}

interface ProfileRow {
  id: number;
  uid: string;
  username: string;
  realm_type: string;
  realm_name: string;
  enabled: number;
  last_synchronized: number;
  user_doc: string;
  labels: string;
  application_data: string;
  seq_no: number;
  primary_term: number;
}

/** What suggest needs to score a profile: no application data. */
export interface ProfileSearchRow {
  id: number;
  uid: string;
  lastSynchronized: number;
  user: ProfileUserDoc;
  labels: Record<string, unknown>;
}

interface SearchRow {
  id: number;
  uid: string;
  last_synchronized: number;
  user_doc: string;
  labels: string;
}

function toRecord(row: ProfileRow): ProfileRecord {
  return {
    uid: row.uid,
    enabled: row.enabled === 1,
    lastSynchronized: row.last_synchronized,
    user: JSON.parse(row.user_doc) as ProfileUserDoc,
    labels: JSON.parse(row.labels) as Record<string, unknown>,
    applicationData: JSON.parse(row.application_data) as Record<string, unknown>,
    seqNo: row.seq_no,
    primaryTerm: row.primary_term,
  };
}

function toSearchRow(row: SearchRow): ProfileSearchRow {
  return {
    id: row.id,
    uid: row.uid,
    lastSynchronized: row.last_synchronized,
    user: JSON.parse(row.user_doc) as ProfileUserDoc,
    labels: JSON.parse(row.labels) as Record<string, unknown>,
  };
}

/** Elasticsearch's primary term for the single profile "shard"; it never fails over here. */
export const PRIMARY_TERM = 1;

// ---------------------------------------------------------------------------------------------
// Search terms: what suggest matches a name against, kept in profile_search_terms.

export const TERM_USERNAME = 1;
export const TERM_FULL_NAME = 2;
export const TERM_EMAIL = 3;
export type TermKind = typeof TERM_USERNAME | typeof TERM_FULL_NAME | typeof TERM_EMAIL;

/**
 * Bumped whenever the terms below are computed differently: the store then rebuilds its search
 * tables at start.
 */
export const SEARCH_INDEX_VERSION = '1';
const SEARCH_INDEX_VERSION_KEY = 'profiles.search_index_version';

/** Case folding for search terms and queries (Unicode-aware, locale-independent). */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * The words of a full name: whitespace-separated words, plus the parts of words joined by
 * punctuation ("jean-luc" also gives "jean" and "luc"), all lower-cased.
 */
export function fullNameWords(fullName: string): string[] {
  const out = new Set<string>();
  for (const word of foldCase(fullName).split(/\s+/)) {
    if (word === '') continue;
    out.add(word);
    for (const part of word.split(/[^\p{L}\p{N}]+/u)) if (part !== '') out.add(part);
  }
  return [...out];
}

/** The (kind, term) pairs a profile is found by: username, each full-name word, email. */
export function profileSearchTerms(user: ProfileUserDoc): Array<[TermKind, string]> {
  const terms: Array<[TermKind, string]> = [[TERM_USERNAME, foldCase(user.username)]];
  if (user.full_name) for (const word of fullNameWords(user.full_name)) terms.push([TERM_FULL_NAME, word]);
  if (user.email) terms.push([TERM_EMAIL, foldCase(user.email)]);
  return terms;
}

/**
 * Leaf values of labels by dotted path, as a `flattened` field indexes them: arrays contribute
 * each element, objects in arrays continue the path, nulls are not indexed.
 */
export function flattenLabels(labels: Record<string, unknown>): Array<[string, string]> {
  const out = new Map<string, [string, string]>();
  const visit = (path: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(path, item);
    } else if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) visit(path === '' ? key : `${path}.${key}`, child);
    } else if (path !== '') {
      const text = String(value);
      out.set(`${path}\u0000${text}`, [path, text]);
    }
  };
  visit('', labels);
  return [...out.values()];
}

/**
 * Exclusive upper bound of the strings starting with `prefix` under SQLite's BINARY (UTF-8 byte)
 * order: U+10FFFF encodes as F4 8F BF BF, above every other character's encoding.
 */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\u{10FFFF}';
}

/**
 * Profile documents. Every write takes the next sequence number, like operations on
 * Elasticsearch's single-shard `.security-profile` index, so `_seq_no` grows across all
 * profiles and tells clients whether a document changed.
 *
 * Enabled profiles are also indexed for suggest: their search terms and label values sit in
 * two WITHOUT ROWID tables keyed for range scans, maintained here on every write, so a suggest
 * never reads the profiles table beyond the rows it returns or scores.
 */
export class ProfilesStore {
  private nextSeqNo: number;
  private readonly getStmt;
  private readonly idByUidStmt;
  private readonly byUserTypeStmt;
  private readonly byUserTypeNameStmt;
  private readonly insertStmt;
  private readonly updateUserStmt;
  private readonly setEnabledStmt;
  private readonly updateDataStmt;
  private readonly countStmt;
  private readonly anyStmt;
  private readonly insertTermStmt;
  private readonly deleteTermStmt;
  private readonly insertLabelStmt;
  private readonly deleteLabelStmt;
  private readonly termRangeStmt;
  private readonly termExactStmt;
  private readonly labelStmt;
  private readonly searchRowsStmt;
  private readonly enabledIdsByUidStmt;
  private readonly recencyStmt;
  private readonly countEnabledStmt;

  constructor(private readonly db: SqliteDatabase) {
    const max = db.prepare<[], { m: number | null }>('SELECT MAX(seq_no) AS m FROM profiles').get();
    this.nextSeqNo = (max?.m ?? -1) + 1;
    this.getStmt = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE uid = ?');
    this.idByUidStmt = db.prepare<[string], number>('SELECT id FROM profiles WHERE uid = ?').pluck();
    this.byUserTypeStmt = db.prepare<[string, string], ProfileRow>(
      'SELECT * FROM profiles WHERE username = ? AND realm_type = ? ORDER BY id LIMIT 11',
    );
    this.byUserTypeNameStmt = db.prepare<[string, string, string], ProfileRow>(
      'SELECT * FROM profiles WHERE username = ? AND realm_type = ? AND realm_name = ? ORDER BY id LIMIT 11',
    );
    this.insertStmt = db.prepare(
      `INSERT OR IGNORE INTO profiles
         (uid, username, realm_type, realm_name, enabled, last_synchronized, user_doc, labels, application_data, seq_no, primary_term)
       VALUES (@uid, @username, @realm_type, @realm_name, @enabled, @last_synchronized, @user_doc, @labels, @application_data, @seq_no, @primary_term)`,
    );
    this.updateUserStmt = db.prepare(
      `UPDATE profiles SET username = @username, realm_type = @realm_type, realm_name = @realm_name, enabled = 1,
         last_synchronized = @last_synchronized, user_doc = @user_doc, seq_no = @seq_no, primary_term = @primary_term
       WHERE uid = @uid`,
    );
    this.setEnabledStmt = db.prepare<[number, number, number, string]>(
      'UPDATE profiles SET enabled = ?, seq_no = ?, primary_term = ? WHERE uid = ?',
    );
    this.updateDataStmt = db.prepare<[string, string, number, number, string]>(
      'UPDATE profiles SET labels = ?, application_data = ?, seq_no = ?, primary_term = ? WHERE uid = ?',
    );
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM profiles');
    this.anyStmt = db.prepare<[], { one: number }>('SELECT 1 AS one FROM profiles LIMIT 1');
    this.insertTermStmt = db.prepare<[number, string, number]>(
      'INSERT OR IGNORE INTO profile_search_terms (kind, term, profile_id) VALUES (?, ?, ?)',
    );
    this.deleteTermStmt = db.prepare<[number, string, number]>(
      'DELETE FROM profile_search_terms WHERE kind = ? AND term = ? AND profile_id = ?',
    );
    this.insertLabelStmt = db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO profile_search_labels (path, value, profile_id) VALUES (?, ?, ?)',
    );
    this.deleteLabelStmt = db.prepare<[string, string, number]>(
      'DELETE FROM profile_search_labels WHERE path = ? AND value = ? AND profile_id = ?',
    );
    this.termRangeStmt = db
      .prepare<[number, string, string, number], number>(
        'SELECT DISTINCT profile_id FROM profile_search_terms WHERE kind = ? AND term >= ? AND term < ? LIMIT ?',
      )
      .pluck();
    this.termExactStmt = db
      .prepare<[number, string, number], number>('SELECT profile_id FROM profile_search_terms WHERE kind = ? AND term = ? LIMIT ?')
      .pluck();
    this.labelStmt = db
      .prepare<[string, string, number], number>(
        `SELECT DISTINCT profile_id FROM profile_search_labels
         WHERE path = ? AND value IN (SELECT value FROM json_each(?)) LIMIT ?`,
      )
      .pluck();
    this.searchRowsStmt = db.prepare<[string], SearchRow>(
      `SELECT id, uid, last_synchronized, user_doc, labels FROM profiles
       WHERE id IN (SELECT value FROM json_each(?)) AND enabled = 1`,
    );
    this.enabledIdsByUidStmt = db
      .prepare<[string], number>('SELECT id FROM profiles WHERE uid IN (SELECT value FROM json_each(?)) AND enabled = 1')
      .pluck();
    this.recencyStmt = db.prepare<[], SearchRow>(
      `SELECT id, uid, last_synchronized, user_doc, labels FROM profiles
       WHERE enabled = 1 ORDER BY last_synchronized DESC, id ASC`,
    );
    this.countEnabledStmt = db
      .prepare<[number], number>('SELECT COUNT(*) FROM (SELECT 1 FROM profiles WHERE enabled = 1 LIMIT ?)')
      .pluck();
    this.ensureSearchIndex();
  }

  get(uid: string): ProfileRecord | undefined {
    const row = this.getStmt.get(uid);
    return row ? toRecord(row) : undefined;
  }

  /**
   * Profiles of `username` from a realm. File and native realms match by type only (renaming
   * them does not change who their users are); other realms by type and name.
   */
  findByUser(username: string, realmType: string, realmName: string): ProfileRecord[] {
    const rows =
      realmType === 'native' || realmType === 'file'
        ? this.byUserTypeStmt.all(username, realmType)
        : this.byUserTypeNameStmt.all(username, realmType, realmName);
    return rows.map(toRecord);
  }

  /** Creates the document unless the uid is taken; returns the stored record or undefined on conflict. */
  create(profile: Omit<ProfileRecord, 'seqNo' | 'primaryTerm'>): ProfileRecord | undefined {
    return this.db.transaction(() => {
      const seqNo = this.nextSeqNo;
      const result = this.insertStmt.run({
        uid: profile.uid,
        username: profile.user.username,
        realm_type: profile.user.realm.type,
        realm_name: profile.user.realm.name,
        enabled: profile.enabled ? 1 : 0,
        last_synchronized: profile.lastSynchronized,
        user_doc: JSON.stringify(profile.user),
        labels: JSON.stringify(profile.labels),
        application_data: JSON.stringify(profile.applicationData),
        seq_no: seqNo,
        primary_term: PRIMARY_TERM,
      });
      if (result.changes === 0) return undefined;
      this.nextSeqNo++;
      const record: ProfileRecord = { ...profile, seqNo, primaryTerm: PRIMARY_TERM };
      this.index(Number(result.lastInsertRowid), record);
      return record;
    })();
  }

  /** Replaces the user object, sets enabled and last_synchronized; labels and data stay. */
  updateUser(uid: string, user: ProfileUserDoc, lastSynchronized: number): { seqNo: number; primaryTerm: number } | undefined {
    return this.db.transaction(() => {
      const before = this.getStmt.get(uid);
      if (!before) return undefined;
      const seqNo = this.nextSeqNo;
      this.updateUserStmt.run({
        uid,
        username: user.username,
        realm_type: user.realm.type,
        realm_name: user.realm.name,
        last_synchronized: lastSynchronized,
        user_doc: JSON.stringify(user),
        seq_no: seqNo,
        primary_term: PRIMARY_TERM,
      });
      this.nextSeqNo++;
      const old = toRecord(before);
      this.unindex(before.id, old);
      this.index(before.id, { ...old, enabled: true, user, lastSynchronized });
      return { seqNo, primaryTerm: PRIMARY_TERM };
    })();
  }

  setEnabled(uid: string, enabled: boolean): boolean {
    return this.db.transaction(() => {
      const before = this.getStmt.get(uid);
      if (!before) return false;
      this.setEnabledStmt.run(enabled ? 1 : 0, this.nextSeqNo, PRIMARY_TERM, uid);
      this.nextSeqNo++;
      const old = toRecord(before);
      this.unindex(before.id, old);
      this.index(before.id, { ...old, enabled });
      return true;
    })();
  }

  /**
   * Replaces a profile's labels and application data (the caller has merged them); the user,
   * enabled and last_synchronized stay. Takes a new sequence number.
   */
  updateData(
    uid: string,
    labels: Record<string, unknown>,
    applicationData: Record<string, unknown>,
  ): { seqNo: number; primaryTerm: number } | undefined {
    return this.db.transaction(() => {
      const before = this.getStmt.get(uid);
      if (!before) return undefined;
      const seqNo = this.nextSeqNo;
      this.updateDataStmt.run(JSON.stringify(labels), JSON.stringify(applicationData), seqNo, PRIMARY_TERM, uid);
      this.nextSeqNo++;
      const old = toRecord(before);
      this.unindex(before.id, old);
      this.index(before.id, { ...old, labels });
      return { seqNo, primaryTerm: PRIMARY_TERM };
    })();
  }

  /** Whether any profile exists: Elasticsearch's "the profile index exists". */
  hasAny(): boolean {
    return this.anyStmt.get() !== undefined;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  // -------------------------------------------------------------------------------------------
  // Suggest support. Every query below is bounded by an index range and a LIMIT.

  /** Distinct enabled profiles having a `kind` term starting with `prefix` (lower-cased), at most `limit`. */
  idsByTermPrefix(kind: TermKind, prefix: string, limit: number): number[] {
    return this.termRangeStmt.all(kind, prefix, prefixUpperBound(prefix), limit);
  }

  /** Enabled profiles having exactly this `kind` term, at most `limit`. */
  idsByTerm(kind: TermKind, term: string, limit: number): number[] {
    return this.termExactStmt.all(kind, term, limit);
  }

  /** Enabled profiles with a label leaf at `path` equal to one of `values`, at most `limit`. */
  idsByLabel(path: string, values: readonly string[], limit: number): number[] {
    return this.labelStmt.all(path, JSON.stringify(values), limit);
  }

  /** Ids of the enabled profiles among `uids`. */
  enabledIdsByUid(uids: readonly string[]): number[] {
    return this.enabledIdsByUidStmt.all(JSON.stringify(uids));
  }

  /** The enabled profiles among `ids`, in no particular order. */
  searchRows(ids: readonly number[]): ProfileSearchRow[] {
    if (ids.length === 0) return [];
    return this.searchRowsStmt.all(JSON.stringify(ids)).map(toSearchRow);
  }

  /**
   * Enabled profiles, most recently synchronized first, then in creation order: walks the
   * profiles_by_recency index lazily, so a caller that stops early reads only what it used.
   */
  *enabledByRecency(): Generator<ProfileSearchRow> {
    for (const row of this.recencyStmt.iterate()) yield toSearchRow(row);
  }

  /** The number of enabled profiles, counting no further than `limit`. */
  countEnabled(limit: number): number {
    return this.countEnabledStmt.get(limit) ?? 0;
  }

  /** Internal id of a profile (for tests and tools). */
  idOf(uid: string): number | undefined {
    return this.idByUidStmt.get(uid);
  }

  // -------------------------------------------------------------------------------------------

  private index(id: number, record: ProfileRecord): void {
    if (!record.enabled) return;
    for (const [kind, term] of profileSearchTerms(record.user)) this.insertTermStmt.run(kind, term, id);
    for (const [path, value] of flattenLabels(record.labels)) this.insertLabelStmt.run(path, value, id);
  }

  private unindex(id: number, record: ProfileRecord): void {
    if (!record.enabled) return;
    for (const [kind, term] of profileSearchTerms(record.user)) this.deleteTermStmt.run(kind, term, id);
    for (const [path, value] of flattenLabels(record.labels)) this.deleteLabelStmt.run(path, value, id);
  }

  /** Builds the search tables when they were made by another tokenizer version (or never). */
  private ensureSearchIndex(): void {
    const marker = this.db
      .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(SEARCH_INDEX_VERSION_KEY);
    if (marker === SEARCH_INDEX_VERSION) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM profile_search_terms; DELETE FROM profile_search_labels;');
      const batch = this.db.prepare<[number], ProfileRow>('SELECT * FROM profiles WHERE enabled = 1 AND id > ? ORDER BY id LIMIT 1000');
      for (let after = 0; ; ) {
        const rows = batch.all(after);
        if (rows.length === 0) break;
        for (const row of rows) this.index(row.id, toRecord(row));
        after = rows[rows.length - 1].id;
      }
      this.db
        .prepare<[string, string]>(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(SEARCH_INDEX_VERSION_KEY, SEARCH_INDEX_VERSION);
    })();
  }
}
