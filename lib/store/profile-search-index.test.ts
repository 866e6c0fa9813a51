/** Schema migrations 3 and 5 (profile search tables) and the store's index rebuild. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase, type SqliteDatabase } from './database';
import { MIGRATIONS } from './migrations';
import { ProfilesStore, SEARCH_INDEX_VERSION, TERM_EMAIL, TERM_FULL_NAME, TERM_USERNAME, flattenLabels, profileSearchTerms } from './profiles-store';
import { suggestProfiles, type SuggestRequest } from '@/lib/security/profile-suggest';

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-search-'));
  dirs.push(dir);
  return dir;
}

/** A database file at an older schema version, as an earlier release left it. */
function databaseAt(dir: string, version: number): SqliteDatabase {
  const db = new Database(path.join(dir, DATABASE_FILE_NAME));
  dbs.push(db);
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) db.exec(migration.sql);
  db.pragma(`user_version = ${version}`);
  return db;
}

const userDoc = (username: string, fullName: string | null, email: string | null) =>
  JSON.stringify({ username, roles: ['r'], realm: { name: 'default_native', type: 'native', node_name: 'n' }, email, full_name: fullName });

function insertProfile(db: SqliteDatabase, uid: string, username: string, seqNo: number, enabled = 1, lastSync = 1000 + seqNo): void {
  db.prepare(
    `INSERT INTO profiles (uid, username, realm_type, realm_name, enabled, last_synchronized, user_doc, labels, application_data, seq_no, primary_term)
     VALUES (?, ?, 'native', 'default_native', ?, ?, ?, ?, '{"app":{"k":1}}', ?, 1)`,
  ).run(uid, username, enabled, lastSync, userDoc(username, `${username} Lastname`, `${username}@example.com`), '{"team":["red","blue"]}', seqNo);
}

describe('migrations', () => {
  it('are sorted by version and the store opens at the latest', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const db = openDatabase(tempDir());
    dbs.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(versions[versions.length - 1]);
  });

  it('carry a version 2 store\'s profiles over, in creation order, and index the enabled ones', () => {
    const dir = tempDir();
    const old = databaseAt(dir, 2);
    insertProfile(old, 'u_b_0', 'bob', 1);
    insertProfile(old, 'u_a_0', 'alice', 0);
    insertProfile(old, 'u_c_0', 'carol', 2, 0);
    old.close();

    const db = openDatabase(dir);
    dbs.push(db);
    const store = new ProfilesStore(db);
    expect(store.idOf('u_a_0')).toBeLessThan(store.idOf('u_b_0')!);
    expect(store.get('u_b_0')).toMatchObject({ uid: 'u_b_0', enabled: true, labels: { team: ['red', 'blue'] }, applicationData: { app: { k: 1 } }, seqNo: 1 });
    expect(store.termHits(TERM_USERNAME, 'alice', 10)).toEqual([{ id: store.idOf('u_a_0'), term: 'alice', lastSynchronized: 1000 }]);
    expect(store.termHitsByPrefix(TERM_FULL_NAME, 'lastn', 10).map((h) => h.id).sort()).toEqual([store.idOf('u_a_0'), store.idOf('u_b_0')].sort());
    expect(store.termHits(TERM_USERNAME, 'carol', 10)).toEqual([]); // disabled
    expect(store.labelHits('team', ['blue'], 10)).toHaveLength(2);
    // The sequence continues after the largest stored one.
    store.setEnabled('u_c_0', true);
    expect(store.get('u_c_0')!.seqNo).toBe(3);
    expect(store.termHits(TERM_EMAIL, 'carol@example.com', 10)).toHaveLength(1);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('profiles.search_index_version')).toBe(SEARCH_INDEX_VERSION);
  });

  it('rebuild a version 4 store\'s search tables with last_synchronized', () => {
    const dir = tempDir();
    const old = databaseAt(dir, 4);
    insertProfile(old, 'u_a_0', 'alice', 0);
    old.prepare("INSERT INTO profile_search_terms (kind, term, profile_id) VALUES (1, 'stale', 1)").run();
    old.prepare("INSERT INTO settings (key, value) VALUES ('profiles.search_index_version', '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run();
    old.close();

    const db = openDatabase(dir);
    dbs.push(db);
    const store = new ProfilesStore(db);
    expect(store.termHitsByPrefix(TERM_USERNAME, '', 10)).toEqual([{ id: 1, term: 'alice', lastSynchronized: 1000 }]);
  });
});

describe('search terms', () => {
  it('are the lower-cased username, full-name words (and their parts) and email', () => {
    const doc = { username: 'JNich', roles: [], realm: { name: 'r', type: 'native', node_name: 'n' }, email: 'Jack@Example.COM', full_name: 'Jack  Nicholson-Smith' };
    expect(profileSearchTerms(doc)).toEqual([
      [TERM_USERNAME, 'jnich'],
      [TERM_FULL_NAME, 'jack'],
      [TERM_FULL_NAME, 'nicholson-smith'],
      [TERM_FULL_NAME, 'nicholson'],
      [TERM_FULL_NAME, 'smith'],
      [TERM_EMAIL, 'jack@example.com'],
    ]);
    expect(profileSearchTerms({ ...doc, email: null, full_name: null })).toEqual([[TERM_USERNAME, 'jnich']]);
  });

  it('flatten labels like a flattened field', () => {
    expect(flattenLabels({ kibana: { spaces: ['a', 'b'], n: 1, none: null }, list: [{ x: 'y' }, 'z'], flag: true })).toEqual([
      ['kibana.spaces', 'a'],
      ['kibana.spaces', 'b'],
      ['kibana.n', '1'],
      ['list.x', 'y'],
      ['list', 'z'],
      ['flag', 'true'],
    ]);
  });

  it('prefix ranges include characters outside the Basic Multilingual Plane', () => {
    const db = openDatabase(tempDir());
    dbs.push(db);
    const store = new ProfilesStore(db);
    for (const [uid, username] of [['1', 'ab😀'], ['2', 'ab\uffff'], ['3', 'ac'], ['4', 'ab']]) {
      store.create({ uid, enabled: true, lastSynchronized: 1, user: { username, roles: [], realm: { name: 'r', type: 'native', node_name: 'n' }, email: null, full_name: null }, labels: {}, applicationData: {} });
    }
    expect(store.termHitsByPrefix(TERM_USERNAME, 'ab', 10).map((h) => h.term).sort()).toEqual(['ab', 'ab\uffff', 'ab😀'].sort());
    expect(store.countByPrefix(TERM_USERNAME, 'a', 10)).toBe(4);
    expect(store.countByPrefixes([{ kind: TERM_USERNAME, prefix: 'ab' }, { kind: TERM_USERNAME, prefix: 'ac' }], 10)).toBe(4);
  });
});

describe('query plans', () => {
  it('never scan profiles or the search tables, and walk in index order', () => {
    const db = openDatabase(tempDir());
    dbs.push(db);
    // Record every statement the store prepares, including suggest's generated ones.
    const prepared = new Set<string>();
    const prepare = db.prepare.bind(db);
    (db as { prepare: unknown }).prepare = (sql: string) => {
      prepared.add(sql);
      return prepare(sql);
    };
    const store = new ProfilesStore(db);
    for (let i = 0; i < 30; i++) {
      store.create({
        uid: `u${i}`,
        enabled: i % 7 !== 0,
        lastSynchronized: i,
        user: { username: `user${i}`, roles: [], realm: { name: 'r', type: 'native', node_name: 'n' }, email: `u${i}@x.org`, full_name: `User ${i}` },
        labels: { team: i % 2 === 0 ? 'red' : 'blue' },
        applicationData: {},
      });
    }
    store.findByUser('user1', 'native', 'r');
    store.findByUser('user1', 'ldap', 'r');
    store.updateUser('u1', { username: 'user1', roles: [], realm: { name: 'r', type: 'native', node_name: 'n' }, email: null, full_name: null }, 99);
    store.setEnabled('u2', false);
    store.updateData('u3', { team: 'green' }, {});
    const requests: SuggestRequest[] = [
      { name: 'user1', size: 5, dataKeys: [] },
      { name: 'user u1@', size: 5, dataKeys: [], hint: { uids: ['u4'], labels: { team: ['red'] } } },
      { name: '', size: 5, dataKeys: [], hint: { labels: { team: ['blue'] } } },
    ];
    for (const request of requests) {
      for (const limits of [undefined, { fetchLimit: 2, maxWalk: 3 }]) suggestProfiles(store, request, limits);
    }
    // count() reads everything by nature; hasAny() stops at the first row.
    const exempt = new Set(['SELECT COUNT(*) AS n FROM profiles', 'SELECT 1 AS one FROM profiles LIMIT 1']);
    const problems: string[] = [];
    for (const sql of prepared) {
      if (exempt.has(sql) || /^\s*(INSERT|UPDATE|DELETE|CREATE|DROP)/i.test(sql) || !/\b(profiles|profile_search_\w+)\b/.test(sql)) continue;
      // Parameters do not change the plan shape: explain with NULL literals in their place.
      const literal = sql.replace(/@\w+|\?/g, 'NULL');
      const plan = (prepare(`EXPLAIN QUERY PLAN ${literal}`).all() as Array<{ detail: string }>).map((r) => r.detail);
      const scans = plan.filter((d) => /^SCAN (profiles|profile_search_terms|profile_search_labels|[a-z]\b)/.test(d) && !/json_each/.test(d));
      // profiles_by_recency (enabled=?) covers every enabled profile: only statements that walk it
      // in order (and stop early) or count with a LIMIT may use it.
      const recencyWalk = /ORDER BY (last_synchronized|ls) DESC|FROM profiles WHERE enabled = 1 LIMIT/.test(sql);
      const misuse = !recencyWalk && plan.some((d) => d.includes('profiles_by_recency'));
      if (scans.length > 0 || misuse) problems.push(`${sql.replace(/\s+/g, ' ').slice(0, 160)} => ${plan.join(' | ')}`);
      if (/ORDER BY ls DESC, profile_id ASC\s*$/.test(sql) && plan.some((d) => d.includes('TEMP B-TREE'))) {
        problems.push(`walk sorts instead of following the index: ${plan.join(' | ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(prepared.size).toBeGreaterThan(20);
  });
});
