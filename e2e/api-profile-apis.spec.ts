import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Client } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { basic, esClient, esErrorBody, expectedUid, rawRequest, type RawResponse, outcome } from './support/es-http';

/**
 * The profile APIs beyond activate, over HTTP against the built app, with the official client:
 * update data, suggest, has privileges, enable/disable and GET _security/user?with_profile_uid.
 * Mirrors Elasticsearch's YAML REST tests user_profile/10_basic.yml and 40_has_privileges.yml,
 * the client-compat tests/security/130_user_profile.yml and parts of ProfileIT (compatibility notes §6, §10).
 * Error bodies are checked byte for byte (as parsed JSON) over raw HTTP where the text matters.
 *
 * Every test activates the profiles it needs (activation is idempotent), so tests do not depend on
 * each other's writes; the only order that matters is that the empty-store test runs first.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
/** The password of every user created here (the YAML tests' password). */
const PASSWORD = 's3krit-password';

const PUT_DATA_ACTION = 'cluster:admin/xpack/security/profile/put/data';
const PROFILE_INDEX = '.security-profile-8';

let server: RunningServer;
let admin: Client;
const clients: Client[] = [];

function clientAs(username: string, password = PASSWORD): Client {
  const client = esClient(server.url, username, password);
  clients.push(client);
  return client;
}


/** Activates (creates or refreshes) the profile of a user created here; answers the profile. */
async function activate(username: string, password = PASSWORD) {
  return admin.security.activateUserProfile({ grant_type: 'password', username, password });
}

async function getProfile(uid: string, data?: string) {
  const result = await admin.security.getUserProfile(data === undefined ? { uid } : { uid, data });
  expect(result.profiles, JSON.stringify(result)).toHaveLength(1);
  return result.profiles[0];
}

/** A JSON request as the elastic user over raw HTTP, so that the exact body can be compared. */
async function rawJson(method: string, path: string, body?: unknown, authorization = basic('elastic', ELASTIC_PASSWORD)): Promise<RawResponse> {
  const headers: Record<string, string> = { authorization };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return rawRequest(server.url, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Asserts an error answer: status, the x-elastic-product header, and the exact JSON body. */
function expectError(response: RawResponse, status: number, expected: unknown): void {
  expect(response.status, response.text).toBe(status);
  expect(response.header('content-type')).toContain('application/json');
  expect(response.json()).toEqual(expected);
}

function validationFailed(...messages: string[]): unknown {
  return esErrorBody('action_request_validation_exception', 'Validation Failed: ' + messages.map((m, i) => `${i + 1}: ${m};`).join(''), 400);
}

/** Elasticsearch's engine exceptions carry the shard they happened on. */
function shardErrorBody(type: string, reason: string, status: number): unknown {
  return esErrorBody(type, reason, status, { index_uuid: expect.any(String), shard: '0', index: PROFILE_INDEX });
}

function uidsOf(result: { profiles: Array<{ uid: string }> }): string[] {
  return result.profiles.map((p) => p.uid);
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  admin = clientAs('elastic', ELASTIC_PASSWORD);
  const putUser = async (username: string, roles: string[], extra: { full_name?: string; email?: string } = {}) => {
    await admin.security.putUser({ username, password: PASSWORD, roles, ...extra });
  };
  // 40_has_privileges.yml roles.
  await admin.security.putRole({
    name: 'role1',
    indices: [
      { names: ['index1*'], privileges: ['all'] },
      { names: ['index2*'], privileges: ['read'] },
    ],
  });
  await admin.security.putRole({
    name: 'role2',
    indices: [
      { names: ['index2*'], privileges: ['all'] },
      { names: ['index1*'], privileges: ['read'] },
    ],
  });
  await admin.security.putRole({ name: 'profile_reader', cluster: ['read_security'] });

  await putUser('joe', ['superuser'], { full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' }); // 10_basic.yml
  await putUser('super', ['superuser']); // 40_has_privileges.yml
  await putUser('user1', ['role1']);
  await putUser('user2', ['role2']);
  await putUser('juan', ['superuser'], { full_name: 'Juan Pérez' }); // 130_user_profile.yml
  await putUser('ursula', ['superuser'], { full_name: 'Ursula Update', email: 'ursula@example.com' }); // update-data semantics
  await putUser('tiberius', ['viewer'], { full_name: 'Marcus Aurelius', email: 'emperor@rome.example' }); // suggest matching
  await putUser('dora', ['viewer'], { full_name: 'Dora Explorer', email: 'dora@example.org' }); // suggest + disable
  await putUser('reader', ['profile_reader']); // read_security only; never gets a profile
});

test.afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

// Must stay first: no profile has been activated yet.
test('suggest on an empty store: took 0, total 0, no profiles (the profile index does not exist)', async () => {
  const raw = await rawJson('POST', '/_security/profile/_suggest', { name: 'joe' });
  expect(raw.status, raw.text).toBe(200);
  expect(raw.header('x-elastic-product')).toBe('Elasticsearch');
  expect(raw.json()).toEqual({ took: 0, total: { value: 0, relation: 'eq' }, profiles: [] });

  const viaClient = await admin.security.suggestUserProfiles({ name: '' });
  expect(viaClient).toEqual({ took: 0, total: { value: 0, relation: 'eq' }, profiles: [] });
});

test.describe('10_basic.yml', () => {
  test('Test user profile apis', async () => {
    const activated = await activate('joe');
    const uid = activated.uid;
    expect(uid).toBe(expectedUid('joe'));
    expect(activated.user.username).toBe('joe');
    expect(activated.user.roles).toEqual(['superuser']);
    expect(activated.user.full_name).toBe('Bazooka Joe');
    expect(activated.user.realm_name).toBe('default_native');
    expect(activated.user).not.toHaveProperty('realm_domain');
    expect(activated._doc).toEqual({ _primary_term: expect.any(Number), _seq_no: expect.any(Number) });

    const got = await admin.security.getUserProfile({ uid });
    expect(got.profiles).toHaveLength(1);
    expect(got.profiles[0].uid).toBe(uid);
    expect(got.profiles[0].user.username).toBe('joe');
    expect(got.profiles[0].data).toEqual({});
    expect(got).not.toHaveProperty('errors');

    expect(
      await admin.security.updateUserProfileData({
        uid,
        labels: { kibana: { spaces: 'demo' } },
        data: { app1: { theme: 'default' }, app2: { theme: 'dark' } },
      }),
    ).toEqual({ acknowledged: true });

    const app1 = await getProfile(uid, 'app1');
    expect(app1.uid).toBe(uid);
    expect(app1.data).toEqual({ app1: { theme: 'default' } });
    expect(app1.labels).toEqual({ kibana: { spaces: 'demo' } });

    const again = await activate('joe');
    expect(again.uid).toBe(uid);
    // Activation never returns application data, and keeps the labels.
    expect(again.data).toEqual({});
    expect(again.labels).toEqual({ kibana: { spaces: 'demo' } });

    const all = await getProfile(uid, '*');
    expect(all.labels).toEqual({ kibana: { spaces: 'demo' } });
    expect(all.data).toEqual({ app1: { theme: 'default' }, app2: { theme: 'dark' } });

    const missing = await admin.security.getUserProfile({ uid: 'no_such_profile_uid' });
    expect(missing).toEqual({
      profiles: [],
      errors: { count: 1, details: { no_such_profile_uid: { type: 'resource_not_found_exception', reason: 'profile document not found' } } },
    });
  });

  test('Test enable disable user profile', async () => {
    const { uid } = await activate('joe');
    expect((await getProfile(uid)).enabled).toBe(true);
    expect(await admin.security.disableUserProfile({ uid })).toEqual({ acknowledged: true });
    expect((await getProfile(uid)).enabled).toBe(false);
    expect(await admin.security.enableUserProfile({ uid })).toEqual({ acknowledged: true });
    expect((await getProfile(uid)).enabled).toBe(true);
  });

  test('Test suggest user profile', async () => {
    const { uid } = await activate('joe');
    const result = await admin.security.suggestUserProfiles({ name: 'joe', size: 5 });
    expect(result.profiles).toHaveLength(1);
    expect(result.profiles[0].uid).toBe(uid);
  });
});

test('40_has_privileges.yml: Test has privileges for profiles', async () => {
  const superClient = clientAs('super');
  const profile1 = await activate('user1');
  expect(profile1.user.username).toBe('user1');
  const uid1 = profile1.uid;
  expect(uid1).toBeTruthy();
  const profile2 = await activate('user2');
  expect(profile2.user.username).toBe('user2');
  const uid2 = profile2.uid;
  expect(uid2).toBeTruthy();

  const read = await superClient.security.hasPrivilegesUserProfile({
    uids: [uid1, uid2, 'dummy_missing'],
    privileges: { index: [{ names: ['index1*', 'index2*'], privileges: ['read'] }] },
  });
  expect(read.has_privilege_uids).toHaveLength(2);
  expect([...read.has_privilege_uids].sort()).toEqual([uid1, uid2].sort());
  expect(read.errors).toEqual({
    count: 1,
    details: { dummy_missing: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
  });

  const allAndRead = await superClient.security.hasPrivilegesUserProfile({
    uids: [uid1, uid2],
    privileges: { index: [{ names: ['index1*', 'index2*'], privileges: ['all', 'read'] }] },
  });
  expect(allAndRead).toEqual({ has_privilege_uids: [] });

  const mixed = await superClient.security.hasPrivilegesUserProfile({
    uids: [uid1, 'dummy'],
    privileges: {
      index: [
        { names: ['index1*'], privileges: ['all', 'read'] },
        { names: ['index1*', 'index2*'], privileges: ['read'] },
      ],
    },
  });
  expect(mixed.has_privilege_uids).toEqual([uid1]);
  expect(mixed.errors).toEqual({
    count: 1,
    details: { dummy: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
  });
});

test('130_user_profile.yml: activate, enable/disable, has privileges, suggest with a label hint, update labels', async () => {
  const activated = await activate('juan');
  const uid = activated.uid;
  expect(uid).toBe(expectedUid('juan'));
  expect(activated.user.full_name).toBe('Juan Pérez');

  expect((await admin.security.getUserProfile({ uid })).profiles[0].enabled).toBe(true);
  expect(await admin.security.disableUserProfile({ uid })).toEqual({ acknowledged: true });
  expect((await admin.security.getUserProfile({ uid })).profiles[0].enabled).toBe(false);
  expect(await admin.security.enableUserProfile({ uid })).toEqual({ acknowledged: true });
  expect((await admin.security.getUserProfile({ uid })).profiles[0].enabled).toBe(true);

  const privileges = await admin.security.hasPrivilegesUserProfile({
    uids: [uid],
    privileges: { index: [{ names: ['index1*'], privileges: ['read'] }] },
  });
  expect(privileges.has_privilege_uids).toBeTruthy();
  expect(privileges.has_privilege_uids).toEqual([uid]);

  // The label hint only boosts: juan has no "direction" label and is still found.
  const suggested = await admin.security.suggestUserProfiles({
    name: 'juan',
    size: 5,
    hint: { labels: { direction: ['north', 'east'] } },
  });
  expect(suggested.profiles).toHaveLength(1);
  expect(suggested.profiles[0].uid).toBe(uid);

  expect(await admin.security.updateUserProfileData({ uid, labels: { kibana: { spaces: 'demo' } } })).toEqual({ acknowledged: true });
  expect((await getProfile(uid)).labels).toEqual({ kibana: { spaces: 'demo' } });
});

test.describe('update profile data', () => {
  test('merges nested objects, replaces scalars and arrays, keeps other applications, and stores explicit nulls', async () => {
    const { uid } = await activate('ursula');
    expect(
      await admin.security.updateUserProfileData({
        uid,
        labels: { team: { name: 'blue' } },
        data: { merge: { a: 1, nested: { x: 1, y: [1, 2] }, keep: 'k' }, other: { untouched: true } },
      }),
    ).toEqual({ acknowledged: true });
    expect(
      await admin.security.updateUserProfileData({
        uid,
        labels: { team: { size: 'small' } },
        data: { merge: { a: 2, nested: { y: [3], z: true }, keep: null, added: { deep: 'v' } } },
      }),
    ).toEqual({ acknowledged: true });

    const profile = await getProfile(uid, '*');
    expect(profile.labels).toEqual({ team: { name: 'blue', size: 'small' } });
    expect(profile.data).toEqual({
      merge: { a: 2, nested: { x: 1, y: [3], z: true }, keep: null, added: { deep: 'v' } },
      other: { untouched: true },
    });
    // The null is stored, not a removal of the key.
    expect(Object.prototype.hasOwnProperty.call(profile.data.merge, 'keep')).toBe(true);

    // Data selection by name and pattern (ProfileIT testGetProfiles).
    expect((await getProfile(uid, 'other')).data).toEqual({ other: { untouched: true } });
    expect(Object.keys((await getProfile(uid, 'merge,other')).data).sort()).toEqual(['merge', 'other']);
    expect(Object.keys((await getProfile(uid, 'oth*')).data)).toEqual(['other']);
    expect((await getProfile(uid)).data).toEqual({});
  });

  test('a write takes a new _seq_no and leaves last_synchronized alone', async () => {
    const { uid } = await activate('ursula');
    const before = await getProfile(uid);
    expect(await admin.security.updateUserProfileData({ uid, data: { seq: { step: before._doc._seq_no } } })).toEqual({ acknowledged: true });
    const after = await getProfile(uid);
    expect(after._doc._seq_no).toBeGreaterThan(before._doc._seq_no);
    expect(after._doc._primary_term).toBe(before._doc._primary_term);
    expect(after.last_synchronized).toBe(before.last_synchronized);
    expect(after.user).toEqual(before.user);
  });

  test('if_seq_no / if_primary_term: a match writes, a stale pair answers 409 version_conflict_engine_exception', async () => {
    const { uid } = await activate('ursula');
    const current = (await getProfile(uid))._doc;
    expect(
      await admin.security.updateUserProfileData({
        uid,
        data: { cas: { v: 1 } },
        if_seq_no: current._seq_no,
        if_primary_term: current._primary_term,
      }),
    ).toEqual({ acknowledged: true });
    const next = (await getProfile(uid))._doc;
    expect(next._seq_no).toBeGreaterThan(current._seq_no);

    const stale = await outcome(
      admin.security.updateUserProfileData({
        uid,
        data: { cas: { v: 2 } },
        if_seq_no: current._seq_no,
        if_primary_term: current._primary_term,
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual(
      shardErrorBody(
        'version_conflict_engine_exception',
        `[profile_${uid}]: version conflict, required seqNo [${current._seq_no}], primary term [${current._primary_term}]. ` +
          `current document has seqNo [${next._seq_no}] and primary term [${next._primary_term}]`,
        409,
      ),
    );
    // The rejected write changed nothing.
    expect((await getProfile(uid, 'cas')).data).toEqual({ cas: { v: 1 } });
    expect((await getProfile(uid))._doc).toEqual(next);

    const wrongTerm = await rawJson(
      'POST',
      `/_security/profile/${uid}/_data?if_seq_no=${next._seq_no}&if_primary_term=${next._primary_term + 1}`,
      { data: { cas: { v: 3 } } },
    );
    expectError(
      wrongTerm,
      409,
      shardErrorBody(
        'version_conflict_engine_exception',
        `[profile_${uid}]: version conflict, required seqNo [${next._seq_no}], primary term [${next._primary_term + 1}]. ` +
          `current document has seqNo [${next._seq_no}] and primary term [${next._primary_term}]`,
        409,
      ),
    );
  });

  test('validation: empty update, a dot in an application name, a leading underscore (exact 400 bodies)', async () => {
    const { uid } = await activate('ursula');
    const path = `/_security/profile/${uid}/_data`;
    expectError(await rawJson('PUT', path, {}), 400, validationFailed('update request is empty'));
    expectError(await rawJson('POST', path, { labels: {}, data: {} }), 400, validationFailed('update request is empty'));
    expectError(
      await rawJson('PUT', path, { labels: { 'kibana.spaces': 'demo' } }),
      400,
      validationFailed('application name must not contain dot, but found [kibana.spaces]'),
    );
    expectError(
      await rawJson('POST', path, { data: { _private: { a: 1 } } }),
      400,
      validationFailed('application name must not start with underscore, but found [_private]'),
    );
    expectError(
      await rawJson('POST', path, { labels: { 'a.b': 'x' }, data: { _y: {} } }),
      400,
      validationFailed('application name must not contain dot, but found [a.b]', 'application name must not start with underscore, but found [_y]'),
    );
    // Nothing was written.
    const profile = await getProfile(uid, '*');
    expect(profile.labels).not.toHaveProperty(['kibana.spaces']);
    expect(profile.labels).not.toHaveProperty(['a.b']);
    expect(profile.data).not.toHaveProperty('_private');
    expect(profile.data).not.toHaveProperty('_y');
  });

  test('an unknown uid answers 404 document_missing_exception', async () => {
    await activate('ursula'); // the profile index exists
    const viaClient = await outcome(admin.security.updateUserProfileData({ uid: 'u_no_such_profile_0', labels: { a: 'b' } }));
    expect(viaClient.status).toBe(404);
    expect(viaClient.body).toEqual(shardErrorBody('document_missing_exception', '[profile_u_no_such_profile_0]: document missing', 404));

    const raw = await rawJson('PUT', '/_security/profile/u_no_such_profile_0/_data', { data: { app: { k: 'v' } } });
    expectError(raw, 404, shardErrorBody('document_missing_exception', '[profile_u_no_such_profile_0]: document missing', 404));
  });
});

test.describe('suggest', () => {
  test('response shape: took, total {value, relation}, profiles of uid/user/labels/data only', async () => {
    const { uid } = await activate('tiberius');
    const raw = await rawJson('POST', '/_security/profile/_suggest', { name: 'tiberius' });
    expect(raw.status, raw.text).toBe(200);
    const body = raw.json();
    expect(Object.keys(body)).toEqual(['took', 'total', 'profiles']);
    expect(typeof body.took).toBe('number');
    expect(body.took).toBeGreaterThanOrEqual(0);
    expect(body.total).toEqual({ value: 1, relation: 'eq' });
    expect(body.profiles).toHaveLength(1);
    const hit = body.profiles[0];
    expect(Object.keys(hit)).toEqual(['uid', 'user', 'labels', 'data']);
    expect(hit).toEqual({
      uid,
      user: { username: 'tiberius', roles: ['viewer'], realm_name: 'default_native', email: 'emperor@rome.example', full_name: 'Marcus Aurelius' },
      labels: {},
      data: {},
    });
    expect(hit).not.toHaveProperty('enabled');
    expect(hit).not.toHaveProperty('last_synchronized');
    expect(hit).not.toHaveProperty('_doc');

    // GET without a body is a suggest with the defaults.
    const get = await rawJson('GET', '/_security/profile/_suggest');
    expect(get.status, get.text).toBe(200);
    expect(uidsOf(get.json())).toContain(uid);
  });

  test('prefix matching on the username, on full-name words and on the email, case-insensitively', async () => {
    const { uid } = await activate('tiberius');
    for (const name of ['tib', 'tiberius', 'TIBER', 'marc', 'aur', 'Aurelius', 'marcus aur', 'emper', 'emperor@rome']) {
      const result = await admin.security.suggestUserProfiles({ name });
      expect(uidsOf(result), name).toEqual([uid]);
      expect(result.total, name).toEqual({ value: 1, relation: 'eq' });
    }
    const none = await admin.security.suggestUserProfiles({ name: 'zzzqx' });
    expect(none.profiles).toEqual([]);
    expect(none.total).toEqual({ value: 0, relation: 'eq' });

    // A name matching several profiles finds each of them.
    const u1 = (await activate('user1')).uid;
    const u2 = (await activate('user2')).uid;
    const users = await admin.security.suggestUserProfiles({ name: 'user' });
    expect(uidsOf(users).sort()).toEqual([u1, u2].sort());
    expect(users.total).toEqual({ value: 2, relation: 'eq' });
  });

  test('size limits the profiles returned, not the total', async () => {
    await activate('tiberius');
    await activate('dora');
    await activate('joe');
    const everything = await admin.security.suggestUserProfiles({ size: 100 });
    const count = everything.profiles.length;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(everything.total).toEqual({ value: count, relation: 'eq' });

    const two = await admin.security.suggestUserProfiles({ size: 2 });
    expect(two.profiles).toHaveLength(2);
    expect(two.total).toEqual({ value: count, relation: 'eq' });
    const zero = await admin.security.suggestUserProfiles({ size: 0 });
    expect(zero.profiles).toEqual([]);
    expect(zero.total).toEqual({ value: count, relation: 'eq' });
  });

  test('disabled profiles are left out, even when hinted, and come back once enabled', async () => {
    const { uid } = await activate('dora');
    expect(uidsOf(await admin.security.suggestUserProfiles({ name: 'dora' }))).toEqual([uid]);

    await admin.security.disableUserProfile({ uid });
    try {
      const disabled = await admin.security.suggestUserProfiles({ name: 'dora', hint: { uids: [uid] } });
      expect(disabled.profiles).toEqual([]);
      expect(disabled.total).toEqual({ value: 0, relation: 'eq' });
      expect(uidsOf(await admin.security.suggestUserProfiles({ size: 100 }))).not.toContain(uid);
      // GET still returns it.
      expect((await getProfile(uid)).enabled).toBe(false);
    } finally {
      await admin.security.enableUserProfile({ uid });
    }
    expect(uidsOf(await admin.security.suggestUserProfiles({ name: 'dora' }))).toEqual([uid]);
  });

  test('data selection in the body or as a query parameter, but not both', async () => {
    const { uid } = await activate('tiberius');
    await admin.security.updateUserProfileData({ uid, data: { app1: { theme: 'default' }, app2: { theme: 'dark' } } });

    const none = await admin.security.suggestUserProfiles({ name: 'tiberius' });
    expect(none.profiles[0].data).toEqual({});
    const inBody = await admin.security.suggestUserProfiles({ name: 'tiberius', data: 'app1' });
    expect(inBody.profiles[0].data).toEqual({ app1: { theme: 'default' } });
    const inQuery = await admin.security.suggestUserProfiles({ name: 'tiberius' }, { querystring: { data: 'app2' } });
    expect(inQuery.profiles[0].data).toEqual({ app2: { theme: 'dark' } });
    const all = await rawJson('POST', '/_security/profile/_suggest?data=*', { name: 'tiberius' });
    expect(all.json().profiles[0].data).toEqual({ app1: { theme: 'default' }, app2: { theme: 'dark' } });

    const both = await rawJson('POST', '/_security/profile/_suggest?data=app2', { name: 'tiberius', data: 'app1' });
    expectError(
      both,
      400,
      esErrorBody('illegal_argument_exception', 'The [data] parameter must be specified in either request body or as query parameter, but not both', 400),
    );
  });

  test('size and hint validation messages (exact 400 bodies)', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ size: -1 }, ['[size] parameter cannot be negative but was [-1]']],
      [{ hint: {} }, ['[hint] parameter cannot be empty']],
      [{ hint: { uids: [] } }, ['[uids] hint cannot be empty']],
      [{ hint: { labels: { a: 'x', b: 'y' } } }, ['[labels] hint supports a single key, got [a,b]']],
      [{ hint: { labels: { 'kibana.*': 'x' } } }, ['[labels] hint key cannot contain wildcard']],
      [{ hint: { labels: { direction: [] } } }, ['[labels] hint value cannot be empty']],
      [{ size: -2, hint: {} }, ['[size] parameter cannot be negative but was [-2]', '[hint] parameter cannot be empty']],
    ];
    for (const [body, messages] of cases) {
      const response = await rawJson('POST', '/_security/profile/_suggest', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json(), JSON.stringify(body)).toEqual(validationFailed(...messages));
    }

    // A label value that is neither a string nor a list of strings is a parse error.
    const number = await rawJson('POST', '/_security/profile/_suggest', { hint: { labels: { direction: 1 } } });
    expect(number.status, number.text).toBe(400);
    expect(number.text).toContain('[labels] hint supports either string or list of strings as its value');
  });
});

test('GET /_security/user?with_profile_uid=true shows profile_uid only for users with a profile', async () => {
  const joeUid = (await activate('joe')).uid;
  const juanUid = (await activate('juan')).uid;

  const users = await admin.security.getUser({ with_profile_uid: true });
  expect(users.joe.profile_uid).toBe(joeUid);
  expect(users.juan.profile_uid).toBe(juanUid);
  expect(users.reader).toBeDefined();
  expect(users.reader).not.toHaveProperty('profile_uid');
  expect(users.kibana_system).not.toHaveProperty('profile_uid');

  const named = await admin.security.getUser({ username: ['joe', 'reader'], with_profile_uid: true });
  expect(named.joe.profile_uid).toBe(joeUid);
  expect(named.reader).not.toHaveProperty('profile_uid');

  const without = await admin.security.getUser({ username: 'joe' });
  expect(without.joe).not.toHaveProperty('profile_uid');
});

test('read_security can get, suggest and check privileges of profiles, but not update their data', async () => {
  const reader = clientAs('reader');
  const { uid } = await activate('joe');

  expect((await reader.security.getUserProfile({ uid })).profiles[0].uid).toBe(uid);
  expect(uidsOf(await reader.security.suggestUserProfiles({ name: 'joe' }))).toEqual([uid]);
  expect(
    await reader.security.hasPrivilegesUserProfile({ uids: [uid], privileges: { cluster: ['monitor'] } }),
  ).toEqual({ has_privilege_uids: [uid] });

  const denialReason =
    `action [${PUT_DATA_ACTION}] is unauthorized for user [reader] with effective roles [profile_reader], ` +
    'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]';
  const viaClient = await outcome(reader.security.updateUserProfileData({ uid, labels: { a: 'b' } }));
  expect(viaClient.status).toBe(403);
  expect(viaClient.body.error.reason).toMatch(
    /^action \[cluster:admin\/xpack\/security\/profile\/put\/data\] is unauthorized for user \[reader\]/,
  );

  const raw = await rawJson('PUT', `/_security/profile/${uid}/_data`, { labels: { a: 'b' } }, basic('reader', PASSWORD));
  expectError(raw, 403, esErrorBody('security_exception', denialReason, 403));
  expect((await getProfile(uid)).labels).not.toHaveProperty('a');
});
