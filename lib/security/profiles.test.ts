import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/store/database';
import { ProfilesStore, type ProfileUserDoc } from '@/lib/store/profiles-store';
import { SecurityEngine } from './engine';
import { EsError } from './errors';
import type { Authentication, User } from './authentication';
import { filterApplicationData } from './profile-data-filter';
import type { ProfileView } from './profiles';
import { thrownEsError } from './test-assertions';

const NODE = 'node-1';
const START = 1_700_000_000_000;

// Literal uids from compatibility notes §4.3.
const JOE_UID = 'u_eGdcwXYIE3LEOrqz6p-3DHQ4HrAtxuk_ttRNFh2m7rM_0';
const JACKNICH_BASE = 'u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0';
const RAC_USER_BASE = 'u_5esuUWbOJBMRbdyKHyr4c0X3ZjBM462iUAZbrHRec_s';
const ANONYMOUS_UID = 'u_lH-yD5CbNEBLkpI2dyC5MCF2BvpcwYosoKr_n62l9Wc_0';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-profiles-test-'));
  dirs.push(dir);
  return dir;
}

interface TestEngine {
  engine: SecurityEngine;
  clock: { now: number };
  announced: string[];
}

async function openEngine(dataDir = tempDir()): Promise<TestEngine> {
  const clock = { now: START };
  const announced: string[] = [];
  const engine = await SecurityEngine.open({
    dataDir,
    nodeName: NODE,
    now: () => clock.now,
    announce: (m) => announced.push(m),
  });
  return { engine, clock, announced };
}

function auth(
  username: string,
  user: Partial<User> = {},
  realm: { name: string; type: string; nodeName?: string } = { name: 'default_native', type: 'native' },
): Authentication {
  return {
    user: { username, roles: ['viewer'], fullName: null, email: null, metadata: {}, enabled: true, ...user },
    authenticatingRealm: { name: realm.name, type: realm.type, nodeName: realm.nodeName ?? NODE },
    authenticationType: 'realm',
    subjectType: 'user',
  };
}

function userDoc(username: string, realm: { name: string; type: string }): ProfileUserDoc {
  return { username, roles: [], realm: { ...realm, node_name: 'other-node' }, email: null, full_name: null };
}


function row(engine: SecurityEngine, uid: string) {
  return engine.db
    .prepare('SELECT seq_no, last_synchronized, enabled, labels, application_data, user_doc FROM profiles WHERE uid = ?')
    .get(uid) as { seq_no: number; last_synchronized: number; enabled: number; labels: string; application_data: string; user_doc: string };
}

describe('activation of a new profile through the native realm', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await openEngine();
  });
  afterAll(() => t.engine.close());

  it('answers with exactly Elasticsearch key order, seq_no 0 and primary term 1 (compatibility notes §5)', async () => {
    await t.engine.users.put('joe', {
      password: 's3krit-password',
      roles: ['superuser'],
      fullName: 'Bazooka Joe',
      email: 'joe@bazooka.gum',
    });
    const subject = await t.engine.authentication.authenticatePassword('joe', 's3krit-password');
    expect(subject).toBeDefined();

    const profile = t.engine.profiles.activate(subject!);
    expect(JSON.stringify(profile)).toBe(
      JSON.stringify({
        uid: JOE_UID,
        enabled: true,
        last_synchronized: START,
        user: {
          username: 'joe',
          roles: ['superuser'],
          realm_name: 'default_native',
          email: 'joe@bazooka.gum',
          full_name: 'Bazooka Joe',
        },
        labels: {},
        data: {},
        _doc: { _primary_term: 1, _seq_no: 0 },
      }),
    );
    expect(Object.keys(profile)).toEqual(['uid', 'enabled', 'last_synchronized', 'user', 'labels', 'data', '_doc']);
    expect(Object.keys(profile.user)).toEqual(['username', 'roles', 'realm_name', 'email', 'full_name']);
    expect(Object.keys(profile._doc)).toEqual(['_primary_term', '_seq_no']);
  });

  it('stores the user with realm name, type and node name, and null email/full_name as null', () => {
    expect(t.engine.profiles.get(JOE_UID)?.user).toEqual({
      username: 'joe',
      roles: ['superuser'],
      realm: { name: 'default_native', type: 'native', node_name: NODE },
      email: 'joe@bazooka.gum',
      full_name: 'Bazooka Joe',
    });
  });

  it('gives the next profile the next sequence number', () => {
    const second = t.engine.profiles.activate(auth('jacknich'));
    expect(second.uid).toBe(`${JACKNICH_BASE}_0`);
    expect(second._doc).toEqual({ _primary_term: 1, _seq_no: 1 });
  });

  it('omits email and full_name when they are null', () => {
    const profile = t.engine.profiles.activate(auth('nameless', { roles: [] }));
    expect(Object.keys(profile.user)).toEqual(['username', 'roles', 'realm_name']);
    expect(profile.user.roles).toEqual([]);
  });

  it('the activate response equals the GET response for that uid (ProfileIT testActivateProfile)', () => {
    const activated = t.engine.profiles.activate(auth('same-as-get', { email: 'x@example.com' }));
    const got = t.engine.profiles.getProfiles([activated.uid], []);
    expect(got).toEqual({ profiles: [activated] });
    expect(JSON.stringify(got.profiles[0])).toBe(JSON.stringify(activated));
  });
});

describe('re-activation (compatibility notes §4.5)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await openEngine();
  });
  afterAll(() => t.engine.close());

  function first(username: string, user: Partial<User> = {}): ProfileView {
    return t.engine.profiles.activate(auth(username, user));
  }

  it('within 30 s and nothing changed: returns the stored document unchanged, writes nothing', () => {
    const created = first('grace', { fullName: 'Grace Hopper', email: 'grace@example.com' });
    t.clock.now += 29_999;
    const again = t.engine.profiles.activate(auth('grace', { fullName: 'Grace Hopper', email: 'grace@example.com' }));
    expect(again).toEqual(created);
    expect(again.last_synchronized).toBe(created.last_synchronized);
    expect(again._doc._seq_no).toBe(created._doc._seq_no);
    expect(row(t.engine, created.uid).seq_no).toBe(created._doc._seq_no);
    expect(row(t.engine, created.uid).last_synchronized).toBe(created.last_synchronized);
  });

  it('after 30 s with nothing changed: writes (new seq_no, new last_synchronized), same uid', () => {
    const created = first('later');
    t.clock.now += 30_000;
    const again = t.engine.profiles.activate(auth('later'));
    expect(again.uid).toBe(created.uid);
    expect(again.last_synchronized).toBe(t.clock.now);
    expect(again._doc._seq_no).toBeGreaterThan(created._doc._seq_no);
    expect(again._doc._primary_term).toBe(1);
    expect(row(t.engine, created.uid).seq_no).toBe(again._doc._seq_no);
    expect(row(t.engine, created.uid).last_synchronized).toBe(t.clock.now);
  });

  it('roles changed within the grace period: writes and returns the new roles', () => {
    const created = first('roles-change', { roles: ['viewer'] });
    t.clock.now += 1_000;
    const again = t.engine.profiles.activate(auth('roles-change', { roles: ['editor', 'viewer'] }));
    expect(again.uid).toBe(created.uid);
    expect(again.user.roles).toEqual(['editor', 'viewer']);
    expect(again.last_synchronized).toBe(t.clock.now);
    expect(again._doc._seq_no).toBeGreaterThan(created._doc._seq_no);
  });

  it('full_name changed: writes', () => {
    const created = first('rename', { fullName: 'Old Name' });
    t.clock.now += 1_000;
    const again = t.engine.profiles.activate(auth('rename', { fullName: 'New Name' }));
    expect(again.user.full_name).toBe('New Name');
    expect(again._doc._seq_no).toBeGreaterThan(created._doc._seq_no);
  });

  it('email becoming null: writes, and the email key is omitted (null overwrites)', () => {
    const created = first('mailless', { email: 'm@example.com', fullName: 'Mail Less' });
    expect(created.user.email).toBe('m@example.com');
    t.clock.now += 1_000;
    const again = t.engine.profiles.activate(auth('mailless', { email: null, fullName: 'Mail Less' }));
    expect(again._doc._seq_no).toBeGreaterThan(created._doc._seq_no);
    expect(again.last_synchronized).toBe(t.clock.now);
    expect(Object.keys(again.user)).toEqual(['username', 'roles', 'realm_name', 'full_name']);
    expect(t.engine.profiles.get(created.uid)?.user.email).toBeNull();
  });

  it('a different node name is a change (node_name is part of the stored realm)', () => {
    const created = first('roaming');
    t.clock.now += 1_000;
    const again = t.engine.profiles.activate(auth('roaming', {}, { name: 'default_native', type: 'native', nodeName: 'node-2' }));
    expect(again.uid).toBe(created.uid);
    expect(again._doc._seq_no).toBeGreaterThan(created._doc._seq_no);
    expect(t.engine.profiles.get(created.uid)?.user.realm.node_name).toBe('node-2');
  });

  it('re-enables a disabled profile, even within the grace period', () => {
    const created = first('disabled');
    t.engine.profiles.setEnabled(created.uid, false);
    expect(t.engine.profiles.get(created.uid)?.enabled).toBe(false);
    const disabledSeq = row(t.engine, created.uid).seq_no;

    t.clock.now += 1_000;
    const again = t.engine.profiles.activate(auth('disabled'));
    expect(again.enabled).toBe(true);
    expect(again.uid).toBe(created.uid);
    expect(again._doc._seq_no).toBeGreaterThan(disabledSeq);
    expect(again.last_synchronized).toBe(t.clock.now);
    expect(t.engine.profiles.get(created.uid)?.enabled).toBe(true);
  });

  it('never touches labels or data; returns the stored labels and always data {}', () => {
    const created = first('keeper');
    const labels = { kibana: { spaces: 'demo' } };
    const data = { app1: { theme: 'default' }, app2: { theme: 'dark' } };
    t.engine.db
      .prepare('UPDATE profiles SET labels = ?, application_data = ? WHERE uid = ?')
      .run(JSON.stringify(labels), JSON.stringify(data), created.uid);

    // Skipped update (grace period): the stored labels are returned.
    t.clock.now += 1_000;
    const skipped = t.engine.profiles.activate(auth('keeper'));
    expect(skipped._doc._seq_no).toBe(created._doc._seq_no);
    expect(skipped.labels).toEqual(labels);
    expect(skipped.data).toEqual({});

    // Written update: labels and data stay as they were.
    t.clock.now += 60_000;
    const written = t.engine.profiles.activate(auth('keeper', { roles: ['editor'] }));
    expect(written._doc._seq_no).toBeGreaterThan(created._doc._seq_no);
    expect(written.labels).toEqual(labels);
    expect(written.data).toEqual({});
    expect(JSON.parse(row(t.engine, created.uid).labels)).toEqual(labels);
    expect(JSON.parse(row(t.engine, created.uid).application_data)).toEqual(data);
    expect(t.engine.profiles.getProfiles([created.uid], ['*']).profiles[0].data).toEqual(data);
  });

  it('keeps one profile per user: activating twice never creates a second document', () => {
    const before = (t.engine.db.prepare('SELECT COUNT(*) AS n FROM profiles').get() as { n: number }).n;
    first('once');
    t.clock.now += 31_000;
    t.engine.profiles.activate(auth('once', { roles: ['x'] }));
    const after = (t.engine.db.prepare('SELECT COUNT(*) AS n FROM profiles').get() as { n: number }).n;
    expect(after).toBe(before + 1);
  });
});

describe('uid differentiator (compatibility notes §4.4)', () => {
  it('a document holding <base>_0 for the same username from another realm makes the native profile <base>_1', async () => {
    const dir = tempDir();
    // A profile document that already exists, created by the file realm's rac-user.
    const db = openDatabase(dir);
    new ProfilesStore(db).create({
      uid: `${RAC_USER_BASE}_0`,
      enabled: true,
      lastSynchronized: START - 1000,
      user: userDoc('rac-user', { name: 'default_file', type: 'file' }),
      labels: {},
      applicationData: {},
    });
    db.close();

    const t = await openEngine(dir);
    try {
      const native = t.engine.profiles.activate(auth('rac-user'));
      expect(native.uid).toBe(`${RAC_USER_BASE}_1`);
      expect(native.user.realm_name).toBe('default_native');
      expect(native._doc._seq_no).toBe(1);

      // Re-activation finds the _1 document again.
      t.clock.now += 31_000;
      expect(t.engine.profiles.activate(auth('rac-user')).uid).toBe(`${RAC_USER_BASE}_1`);

      // The file realm's document is untouched, and the file user (any file realm name) still owns _0.
      expect(t.engine.profiles.get(`${RAC_USER_BASE}_0`)?.user.realm.type).toBe('file');
      const file = t.engine.profiles.activate(auth('rac-user', {}, { name: 'renamed_file', type: 'file' }));
      expect(file.uid).toBe(`${RAC_USER_BASE}_0`);
    } finally {
      t.engine.close();
    }
  });

  it('realms other than file/native match by name too: another ldap realm gets the next differentiator', async () => {
    const t = await openEngine();
    try {
      const ldap1 = t.engine.profiles.activate(auth('jacknich', {}, { name: 'ldap1', type: 'ldap' }));
      expect(ldap1.uid).toBe(`${JACKNICH_BASE}_0`);
      const ldap2 = t.engine.profiles.activate(auth('jacknich', {}, { name: 'ldap2', type: 'ldap' }));
      expect(ldap2.uid).toBe(`${JACKNICH_BASE}_1`);
      const native = t.engine.profiles.activate(auth('jacknich'));
      expect(native.uid).toBe(`${JACKNICH_BASE}_2`);
      t.clock.now += 31_000;
      expect(t.engine.profiles.activate(auth('jacknich', {}, { name: 'ldap1', type: 'ldap' })).uid).toBe(`${JACKNICH_BASE}_0`);
    } finally {
      t.engine.close();
    }
  });

  it('fails with a 500 once _0 to _9 are all taken by other users', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const store = new ProfilesStore(db);
    for (let n = 0; n <= 9; n++) {
      store.create({
        uid: `${JACKNICH_BASE}_${n}`,
        enabled: true,
        lastSynchronized: START,
        user: userDoc('jacknich', { name: `ldap${n}`, type: 'ldap' }),
        labels: {},
        applicationData: {},
      });
    }
    db.close();

    const t = await openEngine(dir);
    try {
      const error = thrownEsError(() => t.engine.profiles.activate(auth('jacknich')));
      expect(error.status).toBe(500);
      expect(error.type).toBe('exception');
      expect(error.reason).toBe(`profile differentiator value is too high for base Uid [${JACKNICH_BASE}]`);
    } finally {
      t.engine.close();
    }
  });

  it('more than one matching profile is a 500 "multiple [N] profiles" error', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const store = new ProfilesStore(db);
    for (const uid of ['u_twin_0', 'u_twin_1']) {
      store.create({
        uid,
        enabled: true,
        lastSynchronized: START,
        user: userDoc('twin', { name: 'default_native', type: 'native' }),
        labels: {},
        applicationData: {},
      });
    }
    db.close();

    const t = await openEngine(dir);
    try {
      const error = thrownEsError(() => t.engine.profiles.activate(auth('twin')));
      expect(error.status).toBe(500);
      expect(error.type).toBe('exception');
      expect([
        'multiple [2] profiles [u_twin_0,u_twin_1] found for user [twin] from realm [default_native]',
        'multiple [2] profiles [u_twin_1,u_twin_0] found for user [twin] from realm [default_native]',
      ]).toContain(error.reason);
    } finally {
      t.engine.close();
    }
  });
});

describe('subject checks (compatibility notes §4.1)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await openEngine();
  });
  afterAll(() => t.engine.close());

  it('an API key subject: 400 illegal_argument_exception', () => {
    const subject: Authentication = { ...auth('bob'), authenticationType: 'api_key', subjectType: 'api_key' };
    const error = thrownEsError(() => t.engine.profiles.activate(subject));
    expect(error.status).toBe(400);
    expect(error.type).toBe('illegal_argument_exception');
    expect(error.reason).toBe('profile is supported for user only, but subject is a [api_key]');
  });

  it('a service account subject: 400 illegal_argument_exception', () => {
    const subject: Authentication = { ...auth('elastic/fleet-server'), subjectType: 'service_account' };
    const error = thrownEsError(() => t.engine.profiles.activate(subject));
    expect(error.status).toBe(400);
    expect(error.reason).toBe('profile is supported for user only, but subject is a [service_account]');
  });

  it('an internal user: 500 illegal_state_exception', () => {
    const subject: Authentication = {
      ...auth('_xpack'),
      authenticatingRealm: { name: '__attach', type: '__attach', nodeName: NODE },
      authenticationType: 'internal',
    };
    const error = thrownEsError(() => t.engine.profiles.activate(subject));
    expect(error.status).toBe(500);
    expect(error.type).toBe('illegal_state_exception');
    expect(error.reason).toBe('profile should not be created for internal user [_xpack]');
  });

  it('creates nothing for rejected subjects', () => {
    const count = () => (t.engine.db.prepare('SELECT COUNT(*) AS n FROM profiles').get() as { n: number }).n;
    const before = count();
    const rejected: Authentication[] = [
      { ...auth('bob'), authenticationType: 'api_key', subjectType: 'api_key' },
      { ...auth('_system'), authenticationType: 'internal' },
    ];
    for (const subject of rejected) expect(() => t.engine.profiles.activate(subject)).toThrow(EsError);
    expect(count()).toBe(before);
  });

  it('anonymous is allowed', () => {
    const subject: Authentication = {
      ...auth('_anonymous', { roles: ['anonymous_role'] }),
      authenticatingRealm: { name: '__anonymous', type: '__anonymous', nodeName: NODE },
      authenticationType: 'anonymous',
    };
    expect(t.engine.profiles.activate(subject).uid).toBe(ANONYMOUS_UID);
  });
});

describe('getProfiles (compatibility notes §6.1)', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await openEngine();
  });
  afterAll(() => t.engine.close());

  it('before any profile exists: every uid errors with "profile index does not exist"', () => {
    const result = t.engine.profiles.getProfiles(['u_a_0', 'u_b_0'], []);
    expect(result).toEqual({
      profiles: [],
      errors: {
        count: 2,
        details: {
          u_a_0: { type: 'exception', reason: 'profile index does not exist' },
          u_b_0: { type: 'exception', reason: 'profile index does not exist' },
        },
      },
    });
  });

  it('missing uids: resource_not_found_exception "profile document not found"; found ones are listed', () => {
    const joe = t.engine.profiles.activate(auth('joe', { fullName: 'Bazooka Joe' }));
    expect(joe.uid).toBe(JOE_UID);
    const result = t.engine.profiles.getProfiles([JOE_UID, 'no_such_profile_uid'], []);
    expect(Object.keys(result)).toEqual(['profiles', 'errors']);
    expect(result.profiles.map((p) => p.uid)).toEqual([JOE_UID]);
    expect(result.errors).toEqual({
      count: 1,
      details: { no_such_profile_uid: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
    });
  });

  it('has no errors key when every uid is found', () => {
    const result = t.engine.profiles.getProfiles([JOE_UID], []);
    expect(Object.keys(result)).toEqual(['profiles']);
  });

  it('returns disabled profiles with enabled:false', () => {
    const p = t.engine.profiles.activate(auth('off'));
    t.engine.profiles.setEnabled(p.uid, false);
    expect(t.engine.profiles.getProfiles([p.uid], []).profiles[0].enabled).toBe(false);
  });

  it('enable/disable takes a new _seq_no only when the state changes (the update detects a noop)', () => {
    const p = t.engine.profiles.activate(auth('toggle'));
    const seqNo = () => t.engine.profiles.getProfiles([p.uid], []).profiles[0]._doc._seq_no;
    const created = seqNo();
    t.engine.profiles.setEnabled(p.uid, true);
    expect(seqNo()).toBe(created);
    t.engine.profiles.setEnabled(p.uid, false);
    const disabled = seqNo();
    expect(disabled).toBeGreaterThan(created);
    t.engine.profiles.setEnabled(p.uid, false);
    expect(seqNo()).toBe(disabled);
    t.engine.profiles.setEnabled(p.uid, true);
    expect(seqNo()).toBeGreaterThan(disabled);
  });

  it('enable/disable of an unknown uid is a 404 document_missing_exception', () => {
    const error = thrownEsError(() => t.engine.profiles.setEnabled('u_nobody_0', true));
    expect(error.status).toBe(404);
    expect(error.type).toBe('document_missing_exception');
    expect(error.reason).toBe('[profile_u_nobody_0]: document missing');
  });

  describe('data filter', () => {
    const data = {
      app1: { key1: 'v1', key2: 'v2' },
      app2: { theme: 'dark' },
      other: { x: 1 },
    };
    let uid: string;
    beforeAll(() => {
      uid = t.engine.profiles.activate(auth('data-owner')).uid;
      t.engine.db.prepare('UPDATE profiles SET application_data = ? WHERE uid = ?').run(JSON.stringify(data), uid);
    });
    const get = (patterns: string[]) => t.engine.profiles.getProfiles([uid], patterns).profiles[0].data;

    it('no data parameter: {}', () => {
      expect(get([])).toEqual({});
    });
    it('app1', () => {
      expect(get(['app1'])).toEqual({ app1: { key1: 'v1', key2: 'v2' } });
    });
    it('app1,app2', () => {
      expect(get(['app1', 'app2'])).toEqual({ app1: { key1: 'v1', key2: 'v2' }, app2: { theme: 'dark' } });
    });
    it('*', () => {
      expect(get(['*'])).toEqual(data);
    });
    it('app*', () => {
      expect(get(['app*'])).toEqual({ app1: { key1: 'v1', key2: 'v2' }, app2: { theme: 'dark' } });
    });
    it('app1.key1', () => {
      expect(get(['app1.key1'])).toEqual({ app1: { key1: 'v1' } });
    });
  });
});

describe('filterApplicationData', () => {
  const data = {
    app1: { key1: 'v1', key2: { deep: true } },
    app2: { theme: 'dark' },
    application: 'flat',
    other: { x: 1 },
  };

  it('empty or blank pattern lists select nothing', () => {
    expect(filterApplicationData(data, [])).toEqual({});
    expect(filterApplicationData(data, ['', ' '])).toEqual({});
  });

  it('a top-level name selects that whole key only', () => {
    expect(filterApplicationData(data, ['app1'])).toEqual({ app1: data.app1 });
    expect(filterApplicationData(data, ['app'])).toEqual({});
  });

  it('several names select each', () => {
    expect(filterApplicationData(data, ['app1', 'app2'])).toEqual({ app1: data.app1, app2: data.app2 });
  });

  it('* selects everything', () => {
    expect(filterApplicationData(data, ['*'])).toEqual(data);
  });

  it('only * is special: ? and \\ are ordinary characters', () => {
    const odd = { 'a?c': 1, abc: 2, 'x\\y': 3 };
    expect(filterApplicationData(odd, ['a?c'])).toEqual({ 'a?c': 1 });
    expect(filterApplicationData(odd, ['x\\y'])).toEqual({ 'x\\y': 3 });
  });

  it('patterns from the request are matched in linear time', () => {
    // A backtracking RegExp needs about a second here (and grows combinatorially).
    for (const pattern of ['a*'.repeat(8) + 'b', 'a*'.repeat(9) + 'b']) {
      const started = performance.now();
      expect(filterApplicationData({ ['a'.repeat(40)]: 1 }, [pattern])).toEqual({});
      expect(performance.now() - started).toBeLessThan(150);
    }
  });

  it('app* selects every key starting with app', () => {
    expect(filterApplicationData(data, ['app*'])).toEqual({ app1: data.app1, app2: data.app2, application: 'flat' });
  });

  it('a dotted path selects inside an object', () => {
    expect(filterApplicationData(data, ['app1.key1'])).toEqual({ app1: { key1: 'v1' } });
    expect(filterApplicationData(data, ['app1.key2.deep'])).toEqual({ app1: { key2: { deep: true } } });
  });

  it('a path that matches nothing selects nothing, not an empty parent', () => {
    expect(filterApplicationData(data, ['app1.nope'])).toEqual({});
    expect(filterApplicationData(data, ['app2.theme.x'])).toEqual({});
  });

  it('a wildcard inside a path', () => {
    expect(filterApplicationData(data, ['*.theme'])).toEqual({ app2: { theme: 'dark' } });
  });

  it('does not modify its input', () => {
    const copy = JSON.parse(JSON.stringify(data));
    filterApplicationData(data, ['app1.key1', '*']);
    expect(data).toEqual(copy);
  });
});
