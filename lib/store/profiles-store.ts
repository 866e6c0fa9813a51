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

/** A search-index hit: profile id, the matching term (terms only) and last_synchronized. */
export interface SearchHit {
  id: number;
  term: string;
  lastSynchronized: number;
}

/** What a full scan needs to score a profile in JavaScript (tests, tools): no application data. */
export interface ProfileSearchRow {
  id: number;
  uid: string;
  lastSynchronized: number;
  user: ProfileUserDoc;
  labels: Record<string, unknown>;
}

/** The weights suggest scores with (the policy lives in the security layer). */
export interface SuggestWeights {
  usernameExact: number;
  usernamePrefix: number;
  fullNamePrefix: number;
  emailPrefix: number;
  hint: number;
}

/**
 * A suggest query as SQL sees it. A profile's score is the sum over words of its best match
 * (exact username, username prefix, full-name word prefix, email prefix) plus a boost per
 * hint it satisfies; it matches when some word scores (or there are no words).
 */
export interface SuggestSpec {
  /** Case-folded words of the name. */
  words: readonly string[];
  /** Per word, the kinds whose prefix range is large: never read whole, only probed per profile. */
  large: ReadonlyArray<ReadonlySet<TermKind>>;
  /** Internal ids of the enabled uid-hinted profiles. */
  uidHintIds: readonly number[];
  /** The label hint; `ids` lists its enabled members when there are few (else they are probed). */
  label?: { path: string; values: readonly string[]; ids?: readonly number[] };
  weights: SuggestWeights;
}

/** A range candidate with bounds of its suggest score (exact when they meet). */
export interface RangeCandidate {
  id: number;
  lastSynchronized: number;
  low: number;
  high: number;
}

/** A profile with its exact suggest score. */
export interface ScoredProfile {
  id: number;
  lastSynchronized: number;
  score: number;
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

function toHit([id, term, lastSynchronized]: [number, string, number]): SearchHit {
  return { id, term, lastSynchronized };
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

/** How many user lookups are remembered before the memo starts afresh. */
const USER_LOOKUP_MEMO_SIZE = 10_000;

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
 * never reads the profiles table beyond the rows it returns.
 *
 * Query plans: without ANALYZE statistics SQLite would pick profiles_by_recency for any
 * `enabled = 1` term, even next to a key lookup; such lookups write `+enabled` to keep to the key.
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
  private readonly insertLabelStmt;
  private readonly deleteLabelStmt;
  private readonly termRangeStmt;
  private readonly termExactStmt;
  private readonly termRangeByRecencyStmt;
  private readonly termRangeCountStmt;
  private readonly labelStmt;
  private readonly labelByRecencyStmt;
  private readonly labelCountStmt;
  private readonly termRowsStmt;
  private readonly labelRowsStmt;
  private readonly recencyCutoffStmt;
  private readonly deleteTermsOfStmt;
  private readonly recordsByIdStmt;
  private readonly suggestStatements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  private readonly enabledByUidStmt;
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
    this.insertTermStmt = db.prepare<[number, string, number, number]>(
      'INSERT OR IGNORE INTO profile_search_terms (kind, term, profile_id, last_synchronized) VALUES (?, ?, ?, ?)',
    );
    this.insertLabelStmt = db.prepare<[string, string, number, number]>(
      'INSERT OR IGNORE INTO profile_search_labels (path, value, profile_id, last_synchronized) VALUES (?, ?, ?, ?)',
    );
    this.deleteLabelStmt = db.prepare<[string, string, number]>(
      'DELETE FROM profile_search_labels WHERE path = ? AND value = ? AND profile_id = ?',
    );
    this.termRangeStmt = db
      .prepare<[number, string, string, number], [number, string, number]>(
        'SELECT profile_id, term, last_synchronized FROM profile_search_terms WHERE kind = ? AND term >= ? AND term < ? LIMIT ?',
      )
      .raw();
    this.termExactStmt = db
      .prepare<[number, string, number], [number, string, number]>(
        'SELECT profile_id, term, last_synchronized FROM profile_search_terms WHERE kind = ? AND term = ? LIMIT ?',
      )
      .raw();
    this.termRangeByRecencyStmt = db
      .prepare<[number, string, string, number], [number, string, number]>(
        `SELECT profile_id, MIN(term), last_synchronized FROM profile_search_terms WHERE kind = ? AND term >= ? AND term < ?
         GROUP BY profile_id ORDER BY last_synchronized DESC, profile_id ASC LIMIT ?`,
      )
      .raw();
    this.termRangeCountStmt = db
      .prepare<[number, string, string, number], number>(
        'SELECT COUNT(*) FROM (SELECT DISTINCT profile_id FROM profile_search_terms WHERE kind = ? AND term >= ? AND term < ? LIMIT ?)',
      )
      .pluck();
    this.labelStmt = db
      .prepare<[string, string, number], [number, string, number]>(
        `SELECT profile_id, value, last_synchronized FROM profile_search_labels
         WHERE path = ? AND value IN (SELECT value FROM json_each(?)) LIMIT ?`,
      )
      .raw();
    this.labelByRecencyStmt = db
      .prepare<[string, string, number], [number, string, number]>(
        `SELECT profile_id, MIN(value), last_synchronized FROM profile_search_labels
         WHERE path = ? AND value IN (SELECT value FROM json_each(?))
         GROUP BY profile_id ORDER BY last_synchronized DESC, profile_id ASC LIMIT ?`,
      )
      .raw();
    this.labelCountStmt = db
      .prepare<[string, string, number], number>(
        `SELECT COUNT(*) FROM (SELECT DISTINCT profile_id FROM profile_search_labels
         WHERE path = ? AND value IN (SELECT value FROM json_each(?)) LIMIT ?)`,
      )
      .pluck();
    this.termRowsStmt = db
      .prepare<[number, string, string, number], number>(
        'SELECT COUNT(*) FROM (SELECT 1 FROM profile_search_terms WHERE kind = ? AND term >= ? AND term < ? LIMIT ?)',
      )
      .pluck();
    this.labelRowsStmt = db
      .prepare<[string, string, number], number>(
        `SELECT COUNT(*) FROM (SELECT 1 FROM profile_search_labels
         WHERE path = ? AND value IN (SELECT value FROM json_each(?)) LIMIT ?)`,
      )
      .pluck();
    this.recencyCutoffStmt = db
      .prepare<[number], [number, number]>(
        'SELECT last_synchronized, id FROM profiles WHERE enabled = 1 ORDER BY last_synchronized DESC, id ASC LIMIT 1 OFFSET ?',
      )
      .raw();
    this.deleteTermsOfStmt = db.prepare<[number]>('DELETE FROM profile_search_terms WHERE profile_id = ?');
    this.recordsByIdStmt = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE id IN (SELECT value FROM json_each(?))');
    this.enabledByUidStmt = db
      .prepare<[string], [number, string, number]>(
        'SELECT id, uid, last_synchronized FROM profiles WHERE uid IN (SELECT value FROM json_each(?)) AND +enabled = 1',
      )
      .raw();
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
    const byType = realmType === 'native' || realmType === 'file';
    // By realm, then username: the strings come from the caller's cached user, so no key is
    // built (and hashed) per request.
    const realmKey = byType ? realmType : `${realmType}\u0000${realmName}`;
    const remembered = this.userLookups.get(realmKey)?.get(username);
    if (remembered) return remembered;
    const rows = byType ? this.byUserTypeStmt.all(username, realmType) : this.byUserTypeNameStmt.all(username, realmType, realmName);
    const records = rows.map(toRecord);
    if (this.userLookupCount >= USER_LOOKUP_MEMO_SIZE) this.profilesChanged();
    let ofRealm = this.userLookups.get(realmKey);
    if (!ofRealm) {
      ofRealm = new Map();
      this.userLookups.set(realmKey, ofRealm);
    }
    ofRealm.set(username, records);
    this.userLookupCount++;
    return records;
  }

  /**
   * Every activation looks its profile up by user; answers are remembered until the next write
   * to any profile. This process is the store's only writer, so they cannot go stale. (Measured:
   * in the running server the indexed lookup costs about 30 µs, a third of the API's own time.)
   */
  private readonly userLookups = new Map<string, Map<string, ProfileRecord[]>>();
  private userLookupCount = 0;

  private profilesChanged(): void {
    this.userLookups.clear();
    this.userLookupCount = 0;
  }

  /** Creates the document unless the uid is taken; returns the stored record or undefined on conflict. */
  create(profile: Omit<ProfileRecord, 'seqNo' | 'primaryTerm'>): ProfileRecord | undefined {
    this.profilesChanged();
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
    this.profilesChanged();
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
      // Elasticsearch's partial update detects a noop: the same state keeps its _seq_no (and
      // the activation lookups remembered so far stay valid).
      if (Boolean(before.enabled) === enabled) return true;
      this.profilesChanged();
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
    this.profilesChanged();
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

  /** Term entries of enabled profiles with a `kind` term starting with `prefix` (lower-cased), at most `limit`, in term order. */
  termHitsByPrefix(kind: TermKind, prefix: string, limit: number): SearchHit[] {
    return this.termRangeStmt.all(kind, prefix, prefixUpperBound(prefix), limit).map(toHit);
  }

  /** Term entries of enabled profiles with exactly this `kind` term, at most `limit`. */
  termHits(kind: TermKind, term: string, limit: number): SearchHit[] {
    return this.termExactStmt.all(kind, term, limit).map(toHit);
  }

  /**
   * The `limit` most recently synchronized profiles with a `kind` term starting with `prefix`
   * (one entry each). SQLite reads the whole range, in C: the exact fallback for ranges too
   * large to fetch.
   */
  termHitsByPrefixByRecency(kind: TermKind, prefix: string, limit: number): SearchHit[] {
    return this.termRangeByRecencyStmt.all(kind, prefix, prefixUpperBound(prefix), limit).map(toHit);
  }

  /** Distinct enabled profiles with a `kind` term starting with `prefix`, counted no further than `limit`. */
  countByPrefix(kind: TermKind, prefix: string, limit: number): number {
    return this.termRangeCountStmt.get(kind, prefix, prefixUpperBound(prefix), limit) ?? 0;
  }

  /**
   * Distinct enabled profiles having a term in any of the ranges, counted no further than
   * `limit`. Meant for ranges that are each known to be small.
   */
  countByPrefixes(ranges: ReadonlyArray<{ kind: TermKind; prefix: string }>, limit: number): number {
    if (ranges.length === 0) return 0;
    const select = 'SELECT profile_id FROM profile_search_terms WHERE kind = ? AND term >= ? AND term < ?';
    const sql = `SELECT COUNT(*) FROM (${ranges.map(() => select).join(' UNION ')} LIMIT ?)`;
    const args: Array<string | number> = ranges.flatMap((r) => [r.kind, r.prefix, prefixUpperBound(r.prefix)]);
    return (this.db.prepare(sql).pluck().get(...args, limit) as number | undefined) ?? 0;
  }

  /** Label entries of enabled profiles with a leaf at `path` equal to one of `values`, at most `limit`. */
  labelHits(path: string, values: readonly string[], limit: number): SearchHit[] {
    return this.labelStmt.all(path, JSON.stringify(values), limit).map(toHit);
  }

  /** The `limit` most recently synchronized label holders (see termHitsByPrefixByRecency). */
  labelHitsByRecency(path: string, values: readonly string[], limit: number): SearchHit[] {
    return this.labelByRecencyStmt.all(path, JSON.stringify(values), limit).map(toHit);
  }

  /** Distinct enabled profiles with the label, counted no further than `limit`. */
  countByLabel(path: string, values: readonly string[], limit: number): number {
    return this.labelCountStmt.get(path, JSON.stringify(values), limit) ?? 0;
  }

  /** The enabled profiles among `uids`: id, uid and last_synchronized. */
  enabledByUid(uids: readonly string[]): Array<{ id: number; uid: string; lastSynchronized: number }> {
    return this.enabledByUidStmt.all(JSON.stringify(uids)).map(([id, uid, lastSynchronized]) => ({ id, uid, lastSynchronized }));
  }

  /** Entries (not distinct profiles) in a term range, counted no further than `limit`. */
  countTermRows(kind: TermKind, prefix: string, limit: number): number {
    return this.termRowsStmt.get(kind, prefix, prefixUpperBound(prefix), limit) ?? 0;
  }

  /** Entries of the label hint, counted no further than `limit`. */
  countLabelRows(path: string, values: readonly string[], limit: number): number {
    return this.labelRowsStmt.get(path, JSON.stringify(values), limit) ?? 0;
  }

  /**
   * Profiles with a term in one of the ranges that are not large (plus exact usernames of words
   * whose username range is large), passed to `visit` best first by an upper bound of their score. The ranges are read whole
   * and aggregated: `low` is what they prove (hint boosts are exact), `high` adds what large
   * ranges might add, without probing them. A profile's username and email
   * are each one term, so when the ranges showed them, large username and email ranges are
   * decided exactly; only full-name words stay open. `visit` may read the store and
   * returns false to stop; the result is the number of distinct candidates (0 if none).
   */
  rangeCandidates(spec: SuggestSpec, visit: (candidate: RangeCandidate) => boolean): number {
    const sql = new SuggestSql(spec);
    const arms: string[] = [];
    spec.words.forEach((_, i) => {
      for (const kind of [TERM_USERNAME, TERM_FULL_NAME, TERM_EMAIL] as const) {
        if (spec.large[i].has(kind)) continue;
        arms.push(
          `SELECT profile_id, last_synchronized AS ls, ${i} AS word, ${sql.termWeight(i, 'r')} AS w, kind, term
           FROM profile_search_terms r WHERE r.kind = ${kind} AND r.term >= @lo${i} AND r.term < @hi${i}`,
        );
      }
      if (spec.large[i].has(TERM_USERNAME)) {
        arms.push(
          `SELECT profile_id, last_synchronized AS ls, ${i} AS word, @usernameExact AS w, kind, term
           FROM profile_search_terms r WHERE r.kind = ${TERM_USERNAME} AND r.term = @w${i}`,
        );
      }
    });
    if (arms.length === 0) return 0;
    const perWord = spec.words.map((_, i) => `MAX(CASE WHEN word = ${i} THEN w ELSE 0 END) AS a${i}`).join(', ');
    const starts = (column: string, i: number) => `substr(${column}, 1, length(@w${i})) = @w${i}`;
    const low: string[] = [];
    const high: string[] = [];
    spec.words.forEach((_, i) => {
      low.push(`a${i}`);
      const gains: string[] = [];
      if (spec.large[i].has(TERM_USERNAME)) {
        gains.push(`CASE WHEN uterm IS NULL THEN @usernamePrefix WHEN ${starts('uterm', i)} THEN @usernamePrefix ELSE 0 END`);
      }
      if (spec.large[i].has(TERM_FULL_NAME)) gains.push('@fullNamePrefix');
      if (spec.large[i].has(TERM_EMAIL)) {
        gains.push(`CASE WHEN eterm IS NULL THEN @emailPrefix WHEN ${starts('eterm', i)} THEN @emailPrefix ELSE 0 END`);
      }
      high.push(gains.length === 0 ? `a${i}` : `MAX(a${i}, ${gains.join(', ')})`);
    });
    const hints = sql.hintBoost('cand.profile_id'); // qualified: a subquery's own profile_id would shadow it
    const boost = hints === '0' ? '' : ` + ${hints}`;
    const statement = this.suggestStatement(
      `WITH hits AS (${arms.join(' UNION ALL ')}),
       cand AS (SELECT profile_id, MAX(ls) AS ls, ${perWord},
                       MAX(CASE WHEN kind = ${TERM_USERNAME} THEN term END) AS uterm,
                       MAX(CASE WHEN kind = ${TERM_EMAIL} THEN term END) AS eterm
                FROM hits GROUP BY profile_id),
       bounds AS (SELECT profile_id, ls, ${low.join(' + ')} AS low, ${high.join(' + ')} AS high, 0${boost} AS boost FROM cand)
       SELECT profile_id, ls, low + boost, high + boost, COUNT(*) OVER () FROM bounds
       ORDER BY high + boost DESC, ls DESC, profile_id ASC`,
    );
    let candidates = 0;
    // Rows stream (the visitor usually stops after a few); leaving the loop closes the statement.
    for (const [id, lastSynchronized, low, high, count] of statement.iterate(sql.params) as Iterable<[number, number, number, number, number]>) {
      candidates = count;
      if (!visit({ id, lastSynchronized, low, high })) break;
    }
    return candidates;
  }

  /** The best `limit` of the given (enabled, matching) profiles, exactly scored by probes. */
  suggestFromIds(spec: SuggestSpec, ids: readonly number[], limit: number): ScoredProfile[] {
    if (ids.length === 0) return [];
    const sql = new SuggestSql(spec);
    const wordScore = sql.wordScore('c.id');
    return this.runSuggest(
      `SELECT profile_id, ls, ws + hb AS score FROM (
         SELECT c.id AS profile_id, c.last_synchronized AS ls, ${wordScore} AS ws, ${sql.hintBoost('c.id')} AS hb
         FROM profiles c WHERE c.id IN (SELECT value FROM json_each(@ids)) AND +c.enabled = 1)
       ${spec.words.length > 0 ? 'WHERE ws > 0' : ''}
       ORDER BY score DESC, ls DESC, profile_id ASC LIMIT @limit`,
      { ...sql.params, ids: JSON.stringify(ids), limit },
    );
  }

  /**
   * Matching enabled profiles in suggest order (last_synchronized desc, then creation order),
   * each exactly scored in SQLite from index probes, until `wanted` of them score at least
   * `bound` or `maxWalk` enabled profiles were passed. `exhausted` tells that every enabled
   * profile that can matter was passed: all of them, or all down to `floor`.
   */
  suggestByRecency(
    spec: SuggestSpec,
    bound: number,
    wanted: number,
    maxWalk: number,
    floor?: { lastSynchronized: number; id: number },
  ): { hits: ScoredProfile[]; exhausted: boolean } {
    const sql = new SuggestSql(spec);
    // The walk ends at the older of `floor` (profiles after it cannot matter to the caller) and
    // the maxWalk-th enabled profile; only the latter leaves it unfinished.
    const row = this.recencyCutoffStmt.get(Math.max(0, maxWalk - 1));
    let cutoff = row ? { lastSynchronized: row[0], id: row[1] } : undefined;
    let limited = cutoff !== undefined;
    if (floor && (!cutoff || floor.lastSynchronized > cutoff.lastSynchronized || (floor.lastSynchronized === cutoff.lastSynchronized && floor.id <= cutoff.id))) {
      cutoff = floor;
      limited = false;
    }
    const params: Record<string, unknown> = { ...sql.params };
    let range = '';
    if (cutoff) {
      range = 'AND p.last_synchronized >= @cutLs AND NOT (p.last_synchronized = @cutLs AND p.id > @cutId)';
      params.cutLs = cutoff.lastSynchronized;
      params.cutId = cutoff.id;
    }
    const text = `SELECT profile_id, ls, ws + hb AS score FROM (
        SELECT p.id AS profile_id, p.last_synchronized AS ls, ${sql.wordScore('p.id')} AS ws, ${sql.hintBoost('p.id')} AS hb
        FROM profiles p WHERE p.enabled = 1 ${range})
      ${spec.words.length > 0 ? 'WHERE ws > 0' : ''}
      ORDER BY ls DESC, profile_id ASC`;
    const hits: ScoredProfile[] = [];
    let reached = 0;
    let stopped = false;
    for (const [id, lastSynchronized, score] of this.suggestStatement(text).iterate(params) as Iterable<[number, number, number]>) {
      hits.push({ id, lastSynchronized, score });
      if (score >= bound && ++reached >= wanted) {
        stopped = true;
        break;
      }
    }
    return { hits, exhausted: !stopped && !limited };
  }

  private runSuggest(text: string, params: Record<string, unknown>): ScoredProfile[] {
    return (this.suggestStatement(text).all(params) as Array<[number, number, number]>).map(([id, lastSynchronized, score]) => ({
      id,
      lastSynchronized,
      score,
    }));
  }

  /** Suggest statements depend on the number of words and which ranges are large: cache them by text. */
  private suggestStatement(text: string) {
    let statement = this.suggestStatements.get(text);
    if (!statement) {
      if (this.suggestStatements.size >= 256) this.suggestStatements.clear();
      statement = this.db.prepare(text).raw();
      this.suggestStatements.set(text, statement);
    }
    return statement;
  }

  /** Full records by internal id. */
  recordsById(ids: readonly number[]): Map<number, ProfileRecord> {
    const out = new Map<number, ProfileRecord>();
    if (ids.length === 0) return out;
    for (const row of this.recordsByIdStmt.all(JSON.stringify(ids))) out.set(row.id, toRecord(row));
    return out;
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
    const synced = record.lastSynchronized;
    for (const [kind, term] of profileSearchTerms(record.user)) this.insertTermStmt.run(kind, term, id, synced);
    for (const [path, value] of flattenLabels(record.labels)) this.insertLabelStmt.run(path, value, id, synced);
  }

  private unindex(id: number, record: ProfileRecord): void {
    this.deleteTermsOfStmt.run(id);
    for (const [path, value] of flattenLabels(record.labels)) this.deleteLabelStmt.run(path, value, id);
  }

  /**
   * Builds the search tables when they were made by another tokenizer version (or never).
   * Entries are staged in a temporary table and inserted in key order, which keeps a rebuild
   * of a large store to sequential B-tree appends.
   */
  private ensureSearchIndex(): void {
    const marker = this.db
      .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
      .pluck()
      .get(SEARCH_INDEX_VERSION_KEY);
    if (marker === SEARCH_INDEX_VERSION) return;
    this.db.transaction(() => {
      this.db.exec(`
        DELETE FROM profile_search_terms;
        DELETE FROM profile_search_labels;
        CREATE TEMP TABLE IF NOT EXISTS search_terms_load (kind INTEGER, term TEXT, profile_id INTEGER, last_synchronized INTEGER);
        CREATE TEMP TABLE IF NOT EXISTS search_labels_load (path TEXT, value TEXT, profile_id INTEGER, last_synchronized INTEGER);
        DELETE FROM temp.search_terms_load;
        DELETE FROM temp.search_labels_load;
      `);
      const stageTerm = this.db.prepare('INSERT INTO temp.search_terms_load VALUES (?, ?, ?, ?)');
      const stageLabel = this.db.prepare('INSERT INTO temp.search_labels_load VALUES (?, ?, ?, ?)');
      const batch = this.db.prepare<[number], ProfileRow>('SELECT * FROM profiles WHERE id > ? AND +enabled = 1 ORDER BY id LIMIT 1000');
      for (let after = 0; ; ) {
        const rows = batch.all(after);
        if (rows.length === 0) break;
        for (const row of rows) {
          const record = toRecord(row);
          for (const [kind, term] of profileSearchTerms(record.user)) stageTerm.run(kind, term, row.id, row.last_synchronized);
          for (const [path, value] of flattenLabels(record.labels)) stageLabel.run(path, value, row.id, row.last_synchronized);
        }
        after = rows[rows.length - 1].id;
      }
      // The by-profile index is built once, from sorted keys, after the bulk insert (same
      // definition as in migration 5).
      this.db.exec(`
        DROP INDEX IF EXISTS profile_search_terms_by_profile;
        INSERT OR IGNORE INTO profile_search_terms SELECT * FROM temp.search_terms_load ORDER BY kind, term, profile_id;
        CREATE INDEX profile_search_terms_by_profile ON profile_search_terms (profile_id, term);
        INSERT OR IGNORE INTO profile_search_labels SELECT * FROM temp.search_labels_load ORDER BY path, value, profile_id;
        DROP TABLE temp.search_terms_load;
        DROP TABLE temp.search_labels_load;
      `);
      this.db
        .prepare<[string, string]>(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(SEARCH_INDEX_VERSION_KEY, SEARCH_INDEX_VERSION);
    })();
  }
}

/**
 * Builds the SQL pieces that score a profile for a suggest: named parameters for each word's
 * prefix range, and probe subqueries over a profile's own terms and labels
 * (profile_search_terms_by_profile, profile_search_labels' key).
 */
class SuggestSql {
  readonly params: Record<string, unknown>;

  constructor(private readonly spec: SuggestSpec) {
    const w = spec.weights;
    this.params = {
      usernameExact: w.usernameExact,
      usernamePrefix: w.usernamePrefix,
      fullNamePrefix: w.fullNamePrefix,
      emailPrefix: w.emailPrefix,
      hint: w.hint,
    };
    spec.words.forEach((word, i) => {
      this.params[`w${i}`] = word;
      this.params[`lo${i}`] = word;
      this.params[`hi${i}`] = prefixUpperBound(word);
    });
    if (spec.uidHintIds.length > 0) this.params.uidHints = JSON.stringify(spec.uidHintIds);
    if (spec.label?.ids) {
      this.params.labelIds = JSON.stringify(spec.label.ids);
    } else if (spec.label) {
      this.params.labelPath = spec.label.path;
      this.params.labelValues = JSON.stringify(spec.label.values);
    }
  }

  /** The weight of term row `alias` for word i (the row is known to be in the word's range). */
  termWeight(i: number, alias: string): string {
    return `CASE WHEN ${alias}.kind = ${TERM_USERNAME} AND ${alias}.term = @w${i} THEN @usernameExact
      WHEN ${alias}.kind = ${TERM_USERNAME} THEN @usernamePrefix WHEN ${alias}.kind = ${TERM_FULL_NAME} THEN @fullNamePrefix
      ELSE @emailPrefix END`;
  }

  /** Word i's best weight among the profile's terms of the given kinds (0 if none): one index range seek. */
  probe(i: number, kinds: readonly TermKind[], idExpr: string): string {
    const kindFilter = kinds.length === 3 ? '' : ` AND t.kind IN (${kinds.join(', ')})`;
    return `COALESCE((SELECT MAX(${this.termWeight(i, 't')}) FROM profile_search_terms t
      WHERE t.profile_id = ${idExpr} AND t.term >= @lo${i} AND t.term < @hi${i}${kindFilter}), 0)`;
  }

  /** The sum over words of the profile's best weight ('0' without words). */
  wordScore(idExpr: string): string {
    if (this.spec.words.length === 0) return '0';
    return this.spec.words.map((_, i) => this.probe(i, [TERM_USERNAME, TERM_FULL_NAME, TERM_EMAIL], idExpr)).join(' + ');
  }

  /** The hint boosts the profile earns ('0' without hints). */
  hintBoost(idExpr: string): string {
    const parts: string[] = [];
    if (this.spec.uidHintIds.length > 0) {
      parts.push(`(CASE WHEN ${idExpr} IN (SELECT value FROM json_each(@uidHints)) THEN @hint ELSE 0 END)`);
    }
    if (this.spec.label?.ids) {
      parts.push(`(CASE WHEN ${idExpr} IN (SELECT value FROM json_each(@labelIds)) THEN @hint ELSE 0 END)`);
    } else if (this.spec.label) {
      parts.push(`(CASE WHEN EXISTS (SELECT 1 FROM profile_search_labels l WHERE l.path = @labelPath
        AND l.value IN (SELECT value FROM json_each(@labelValues)) AND l.profile_id = ${idExpr}) THEN @hint ELSE 0 END)`);
    }
    return parts.length === 0 ? '0' : parts.join(' + ');
  }
}
