import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Client, errors } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { esClient, expectedUid, type Json } from './support/es-http';

/**
 * The user-profile scenarios of Elasticsearch's YAML REST tests (compatibility notes §10.1, user_profile/10_basic.yml)
 * that need only activate/get/enable/disable, driven with the official client, plus the uid test vectors
 * (§4.3) and the re-activation rules (§4.1, §4.5).
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const JOE = { username: 'joe', password: 's3krit-password', full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' };
const JOE_UID = 'u_eGdcwXYIE3LEOrqz6p-3DHQ4HrAtxuk_ttRNFh2m7rM_0';

let server: RunningServer;
let client: Client;

async function activate(username: string, password: string) {
  return client.security.activateUserProfile({ grant_type: 'password', username, password });
}

async function statusOf(promise: Promise<unknown>): Promise<{ status: number; body: Json }> {
  try {
    await promise;
    return { status: 200, body: undefined };
  } catch (error) {
    if (error instanceof errors.ResponseError) return { status: error.meta.statusCode ?? 0, body: error.meta.body };
    throw error;
  }
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  client = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
  // 10_basic.yml setup: native user joe, superuser, "Bazooka Joe", joe@bazooka.gum.
  await client.security.putUser({
    username: JOE.username,
    password: JOE.password,
    roles: ['superuser'],
    full_name: JOE.full_name,
    email: JOE.email,
  });
});

test.afterAll(async () => {
  await client?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test('fresh store: GET says the profile index does not exist, the first profile gets _primary_term 1 and _seq_no 0', async () => {
  // §6.1: before any profile exists every uid is reported with "profile index does not exist".
  const before = await client.security.getUserProfile({ uid: JOE_UID });
  expect(before).toEqual({
    profiles: [],
    errors: { count: 1, details: { [JOE_UID]: { type: 'exception', reason: 'profile index does not exist' } } },
  });

  const started = Date.now();
  const profile = await activate(JOE.username, JOE.password);
  // §5: the first document of a fresh index.
  expect(profile._doc).toEqual({ _primary_term: 1, _seq_no: 0 });
  expect(profile.last_synchronized).toBeGreaterThanOrEqual(started - 1000);
  expect(profile.last_synchronized).toBeLessThanOrEqual(Date.now() + 1000);
});

test('Test user profile apis: activate with a password grant answers the profile of joe', async () => {
  const profile = await activate(JOE.username, JOE.password);
  // §4.3 test vector for "joe", and the rule computed here.
  expect(profile.uid).toBe(JOE_UID);
  expect(profile.uid).toBe(expectedUid('joe'));
  expect(profile.enabled).toBe(true);
  expect(typeof profile.last_synchronized).toBe('number');
  expect(profile.user.username).toBe('joe');
  expect(profile.user.roles).toEqual(['superuser']);
  expect(profile.user.full_name).toBe('Bazooka Joe');
  expect(profile.user.email).toBe('joe@bazooka.gum');
  expect(profile.user.realm_name).toBe('default_native');
  expect(profile.user).not.toHaveProperty('realm_domain');
  expect(profile.labels).toEqual({});
  expect(profile.data).toEqual({});
  expect(profile._doc).toEqual({ _primary_term: expect.any(Number), _seq_no: expect.any(Number) });
  // §5: exact key order of the profile and of its user object.
  expect(Object.keys(profile)).toEqual(['uid', 'enabled', 'last_synchronized', 'user', 'labels', 'data', '_doc']);
  expect(Object.keys(profile.user)).toEqual(['username', 'roles', 'realm_name', 'email', 'full_name']);
  expect(Object.keys(profile._doc)).toEqual(['_primary_term', '_seq_no']);
});

test('GET by uid answers the same profile as activate (ProfileIT testActivateProfile)', async () => {
  const activated = await activate(JOE.username, JOE.password);
  const got = await client.security.getUserProfile({ uid: activated.uid });
  expect(Object.keys(got)).toEqual(['profiles']);
  expect(got.profiles).toHaveLength(1);
  expect(got.profiles[0].uid).toBe(activated.uid);
  expect(got.profiles[0].user.username).toBe('joe');
  expect(got.profiles[0].data).toEqual({});
  expect(got.profiles[0]).toEqual(activated);
  expect(Object.keys(got.profiles[0])).toEqual(Object.keys(activated));
});

test('activating again returns the same uid; within 30 s nothing changed is not written again', async () => {
  const first = await activate(JOE.username, JOE.password);
  const second = await activate(JOE.username, JOE.password);
  expect(second.uid).toBe(first.uid);
  // §4.5 grace period: same user doc, enabled, synced < 30 s ago -> stored profile returned unchanged.
  expect(second).toEqual(first);
});

test('GET no_such_profile_uid: 200 with empty profiles and an errors entry', async () => {
  await activate(JOE.username, JOE.password);
  const result = await client.security.getUserProfile({ uid: 'no_such_profile_uid' });
  expect(result).toEqual({
    profiles: [],
    errors: {
      count: 1,
      details: { no_such_profile_uid: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
    },
  });

  const mixed = await client.security.getUserProfile({ uid: [JOE_UID, 'no_such_profile_uid'] });
  expect(mixed.profiles.map((p) => p.uid)).toEqual([JOE_UID]);
  expect(mixed.errors).toEqual({
    count: 1,
    details: { no_such_profile_uid: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
  });
});

test('Test enable disable user profile', async () => {
  const { uid } = await activate(JOE.username, JOE.password);
  expect((await client.security.getUserProfile({ uid })).profiles[0].enabled).toBe(true);

  expect(await client.security.disableUserProfile({ uid })).toEqual({ acknowledged: true });
  const disabled = (await client.security.getUserProfile({ uid })).profiles[0];
  expect(disabled.uid).toBe(uid);
  expect(disabled.enabled).toBe(false);

  expect(await client.security.enableUserProfile({ uid })).toEqual({ acknowledged: true });
  const enabled = (await client.security.getUserProfile({ uid })).profiles[0];
  expect(enabled.enabled).toBe(true);
  // §4.6: enable/disable do not touch last_synchronized; each write takes a new _seq_no.
  expect(enabled.last_synchronized).toBe(disabled.last_synchronized);
  expect(enabled._doc._seq_no).toBeGreaterThan(disabled._doc._seq_no);
  // Enabling an enabled profile changes nothing, so the update is a noop: no new _seq_no.
  expect(await client.security.enableUserProfile({ uid })).toEqual({ acknowledged: true });
  expect((await client.security.getUserProfile({ uid })).profiles[0]._doc._seq_no).toBe(enabled._doc._seq_no);
});

test('the official client with compression: true (gzip request bodies) activates and reads profiles', async () => {
  const compressing = new Client({ node: server.url, auth: { username: 'elastic', password: ELASTIC_PASSWORD }, maxRetries: 0, compression: true });
  try {
    const profile = await compressing.security.activateUserProfile({ grant_type: 'password', username: JOE.username, password: JOE.password });
    expect(profile.uid).toBe(JOE_UID);
    await compressing.security.updateUserProfileData({ uid: JOE_UID, labels: { compressed: 'yes' } });
    expect((await compressing.security.getUserProfile({ uid: JOE_UID })).profiles[0].labels).toMatchObject({ compressed: 'yes' });
  } finally {
    await compressing.close();
  }
});

test('activation re-enables a disabled profile (§4.1, §4.5)', async () => {
  const { uid } = await activate(JOE.username, JOE.password);
  await client.security.disableUserProfile({ uid });
  expect((await client.security.getUserProfile({ uid })).profiles[0].enabled).toBe(false);

  const again = await activate(JOE.username, JOE.password);
  expect(again.uid).toBe(uid);
  expect(again.enabled).toBe(true);
  expect((await client.security.getUserProfile({ uid })).profiles[0].enabled).toBe(true);
});

test('enable and disable of an unknown uid answer 404 document_missing_exception', async () => {
  for (const call of [
    client.security.enableUserProfile({ uid: 'u_unknown_0' }),
    client.security.disableUserProfile({ uid: 'u_unknown_0' }),
  ]) {
    const { status, body } = await statusOf(call);
    expect(status).toBe(404);
    expect(body.status).toBe(404);
    expect(body.error.type).toBe('document_missing_exception');
    expect(body.error.reason).toBe('[profile_u_unknown_0]: document missing');
    expect(body.error.root_cause[0]).toMatchObject({ type: 'document_missing_exception', reason: '[profile_u_unknown_0]: document missing' });
  }
});

test('re-activation after the user changed: same uid, new user fields, null email dropped (§4.5)', async () => {
  await client.security.putUser({ username: 'mary', password: 'mary-password', roles: ['viewer'], full_name: 'Mary Old', email: 'mary@example.com' });
  const first = await activate('mary', 'mary-password');
  expect(first.user).toEqual({ username: 'mary', roles: ['viewer'], realm_name: 'default_native', email: 'mary@example.com', full_name: 'Mary Old' });

  await client.security.putUser({ username: 'mary', roles: ['viewer', 'editor'], full_name: 'Mary New', email: null });
  const second = await activate('mary', 'mary-password');
  expect(second.uid).toBe(first.uid);
  expect(second.user).toEqual({ username: 'mary', roles: ['viewer', 'editor'], realm_name: 'default_native', full_name: 'Mary New' });
  expect(second._doc._seq_no).toBeGreaterThan(first._doc._seq_no);
  expect(second.last_synchronized).toBeGreaterThanOrEqual(first.last_synchronized);
  expect((await client.security.getUserProfile({ uid: first.uid })).profiles[0]).toEqual(second);
});

test('uid test vectors through the API: jacknich (native) and elastic (reserved realm)', async () => {
  await client.security.putUser({ username: 'jacknich', password: 'jacknich-password', roles: ['admin', 'other_role1'], full_name: 'Jack Nicholson', email: 'jacknich@example.com' });
  const jack = await activate('jacknich', 'jacknich-password');
  expect(jack.uid).toBe('u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0');
  expect(jack.user).toEqual({
    username: 'jacknich',
    roles: ['admin', 'other_role1'],
    realm_name: 'default_native',
    email: 'jacknich@example.com',
    full_name: 'Jack Nicholson',
  });

  const elastic = await activate('elastic', ELASTIC_PASSWORD);
  expect(elastic.uid).toBe('u_mGBROF_q5bmFCATbLXAcCwKa0k8JvONAwSruelyKA5E_0');
  expect(elastic.user).toEqual({ username: 'elastic', roles: ['superuser'], realm_name: 'reserved' });
});
