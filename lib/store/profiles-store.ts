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

/** Elasticsearch's primary term for the single profile "shard"; it never fails over here. */
export const PRIMARY_TERM = 1;

/**
 * Profile documents. Every write takes the next sequence number, like operations on
 * Elasticsearch's single-shard `.security-profile` index, so `_seq_no` grows across all
 * profiles and tells clients whether a document changed.
 */
export class ProfilesStore {
  private nextSeqNo: number;
  private readonly getStmt;
  private readonly byUserTypeStmt;
  private readonly byUserTypeNameStmt;
  private readonly insertStmt;
  private readonly updateUserStmt;
  private readonly setEnabledStmt;
  private readonly countStmt;
  private readonly anyStmt;

  constructor(db: SqliteDatabase) {
    const max = db.prepare<[], { m: number | null }>('SELECT MAX(seq_no) AS m FROM profiles').get();
    this.nextSeqNo = (max?.m ?? -1) + 1;
    this.getStmt = db.prepare<[string], ProfileRow>('SELECT * FROM profiles WHERE uid = ?');
    this.byUserTypeStmt = db.prepare<[string, string], ProfileRow>(
      'SELECT * FROM profiles WHERE username = ? AND realm_type = ? LIMIT 11',
    );
    this.byUserTypeNameStmt = db.prepare<[string, string, string], ProfileRow>(
      'SELECT * FROM profiles WHERE username = ? AND realm_type = ? AND realm_name = ? LIMIT 11',
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
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM profiles');
    this.anyStmt = db.prepare<[], { one: number }>('SELECT 1 AS one FROM profiles LIMIT 1');
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
    return { ...profile, seqNo, primaryTerm: PRIMARY_TERM };
  }

  /** Replaces the user object, sets enabled and last_synchronized; labels and data stay. */
  updateUser(uid: string, user: ProfileUserDoc, lastSynchronized: number): { seqNo: number; primaryTerm: number } | undefined {
    const seqNo = this.nextSeqNo;
    const result = this.updateUserStmt.run({
      uid,
      username: user.username,
      realm_type: user.realm.type,
      realm_name: user.realm.name,
      last_synchronized: lastSynchronized,
      user_doc: JSON.stringify(user),
      seq_no: seqNo,
      primary_term: PRIMARY_TERM,
    });
    if (result.changes === 0) return undefined;
    this.nextSeqNo++;
    return { seqNo, primaryTerm: PRIMARY_TERM };
  }

  setEnabled(uid: string, enabled: boolean): boolean {
    const result = this.setEnabledStmt.run(enabled ? 1 : 0, this.nextSeqNo, PRIMARY_TERM, uid);
    if (result.changes === 0) return false;
    this.nextSeqNo++;
    return true;
  }

  /** Whether any profile exists: Elasticsearch's "the profile index exists". */
  hasAny(): boolean {
    return this.anyStmt.get() !== undefined;
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
