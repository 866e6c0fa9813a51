import { test, expect } from '@playwright/test';
import type { Client } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { ACTIVATE_ACTION, basic, esErrorBody, expectedUid } from './support/es-http';
import {
  ClientPool,
  NO_ANONYMOUS_MESSAGE,
  encodeApiKey,
  jsonRequest,
  outcome,
  putTestUsers,
  shutDown,
  sleep,
  type TestUser,
} from './support/tokens-helpers';

/**
 * API keys end to end, with the official client and raw HTTP: create, ApiKey caller authentication
 * (compatibility notes §9), activation through ApiKey and Bearer callers (§2), the 403 texts for API keys
 * (§2.3), limitation by the creator's privileges, get, invalidate, expiry and validation.
 *
 * Elasticsearch sources the expectations come from (elastic/elasticsearch):
 * - x-pack/plugin/src/yamlRestTest/.../api_key/10_basic.yml, 11_invalidation.yml, 40_view_role_descriptors.yml;
 * - ApiKey.java (GET key order), ApiKeyService.java (authentication failures, invalidation of active keys only);
 * - ManageOwnApiKeyClusterPrivilege.java (what manage_own_api_key allows) and RBACEngine (an API key may get itself by id);
 * - InvalidateApiKeyRequest.java, CreateApiKeyRequest validation messages.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const ELASTIC = basic('elastic', ELASTIC_PASSWORD);
const API_KEY_REALM = { name: '_es_api_key', type: '_es_api_key' };
const USER_PUT_ACTION = 'cluster:admin/xpack/security/user/put';
const API_KEY_INVALIDATE_ACTION = 'cluster:admin/xpack/security/api_key/invalidate';
const API_KEY_GET_ACTION = 'cluster:admin/xpack/security/api_key/get';

function user(username: string, roles: string[], full_name: string): TestUser {
  return { username, password: `${username}-password`, roles, full_name, email: `${username}@example.com` };
}

const JOE = user('joe', ['superuser'], 'Bazooka Joe');
const ALICE = user('alice', ['viewer'], 'Alice Liddell');
const PROFILE_ADMIN = user('profile_admin', ['user_profile_admin'], 'Profile Admin');
/** manage_api_key, like api_key_admin in 40_view_role_descriptors.yml. */
const KEY_ADMIN = user('key_admin', ['key_admin_role'], 'API key admin');
/** Exactly manage_own_api_key plus viewer. */
const OWN_KEYS_VIEWER = user('own_keys_viewer', ['own_keys', 'viewer'], 'Own Keys Viewer');
/**
 * The other key owners hold `own_keys_creator`: manage_own_api_key plus the raw create action. In
 * Elasticsearch that is the same as manage_own_api_key alone (ManageOwnApiKeyClusterPrivilege grants
 * CreateApiKeyRequest); the server refuses key creation to manage_own_api_key (see the test.fail
 * below), and the raw action keeps the ownership rules of get/invalidate testable meanwhile.
 */
const LIMITED = user('limited_user', ['own_keys_creator', 'viewer'], 'Limited User');
const OTHER = user('other_user', ['own_keys_creator'], 'Other User');
const OWNER = user('owner_user', ['own_keys_creator'], 'Owner User');
const TEMP = user('temp_user', ['own_keys_creator'], 'Temp User');

let server: RunningServer;
const pool = new ClientPool(() => server.url);
let admin: Client;

function clientOf(u: TestUser): Client {
  return pool.basic(u.username, u.password);
}

function apiKeyRequest(method: string, path: string, encoded: string, body?: unknown) {
  return jsonRequest(server.url, method, path, `ApiKey ${encoded}`, body);
}

function authenticateWithApiKey(encoded: string) {
  return apiKeyRequest('GET', '/_security/_authenticate', encoded);
}

/** The 401 for API key credentials that failed, with ApiKeyService's reason in the metadata. */
function apiKeyFailure(detail: string) {
  return {
    error: {
      root_cause: [{ type: 'security_exception', reason: NO_ANONYMOUS_MESSAGE, additional_unsuccessful_credentials: `API key: ${detail}` }],
      type: 'security_exception',
      reason: NO_ANONYMOUS_MESSAGE,
      additional_unsuccessful_credentials: `API key: ${detail}`,
    },
    status: 401,
  };
}

function apiKeyDenial(action: string, id: string, owner: string, privileges: string) {
  return `action [${action}] is unauthorized for API key id [${id}] of user [${owner}], this action is granted by the cluster privileges [${privileges}]`;
}

/** Matches a text that starts with `prefix`, literally. */
function startingWith(prefix: string): RegExp {
  return new RegExp('^' + prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

function joeGrant(client: Client) {
  return client.security.activateUserProfile({ grant_type: 'password', username: JOE.username, password: JOE.password });
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  admin = pool.basic('elastic', ELASTIC_PASSWORD);
  await admin.security.putRole({ name: 'key_admin_role', cluster: ['manage_api_key'] });
  await admin.security.putRole({ name: 'own_keys', cluster: ['manage_own_api_key'] });
  await admin.security.putRole({ name: 'own_keys_creator', cluster: ['manage_own_api_key', 'cluster:admin/xpack/security/api_key/create'] });
  await putTestUsers(admin, [JOE, ALICE, PROFILE_ADMIN, KEY_ADMIN, OWN_KEYS_VIEWER, LIMITED, OTHER, OWNER, TEMP]);
});

test.afterAll(async () => {
  await shutDown(server, pool);
});

test.describe('create and ApiKey authentication', () => {
  test('create: id, name, expiration, api_key, encoded = base64(id:api_key), in that order', async () => {
    const before = Date.now();
    const key = await clientOf(KEY_ADMIN).security.createApiKey({
      name: 'my-api-key',
      expiration: '1d',
      role_descriptors: { 'role-a': { cluster: ['manage_user_profile'] } },
    });
    const after = Date.now();
    expect(Object.keys(key)).toEqual(['id', 'name', 'expiration', 'api_key', 'encoded']);
    expect(key.name).toBe('my-api-key');
    // The shapes of Elasticsearch's ids and secrets (20 and 22 URL-safe Base64 characters, as in the docs' example).
    expect(key.id).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(key.api_key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key.encoded).toBe(encodeApiKey(key.id, key.api_key));
    expect(key.expiration).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(key.expiration).toBeLessThanOrEqual(after + 86_400_000);

    const noExpiry = await clientOf(KEY_ADMIN).security.createApiKey({ name: 'my-api-key' });
    expect(Object.keys(noExpiry)).toEqual(['id', 'name', 'api_key', 'encoded']);
    // Names need not be unique; ids are.
    expect(noExpiry.id).not.toBe(key.id);
  });

  test('ApiKey caller: _authenticate shows the owner, no roles, realm _es_api_key, authentication_type api_key and api_key {id, name}', async () => {
    const key = await clientOf(KEY_ADMIN).security.createApiKey({ name: 'whoami-key' });
    const me = await pool.apiKey(key.encoded).security.authenticate();
    expect(me).toEqual({
      username: 'key_admin',
      roles: [],
      full_name: 'API key admin',
      email: 'key_admin@example.com',
      metadata: {},
      enabled: true,
      authentication_realm: API_KEY_REALM,
      lookup_realm: API_KEY_REALM,
      authentication_type: 'api_key',
      api_key: { id: key.id, name: 'whoami-key' },
    });
    // The client may also be given the {id, api_key} pair (it sends base64(id:api_key) itself); raw, the same header.
    expect((await pool.apiKey({ id: key.id, api_key: key.api_key }).security.authenticate()).api_key).toEqual({ id: key.id, name: 'whoami-key' });
    const raw = await authenticateWithApiKey(key.encoded);
    expect(raw.status).toBe(200);
    expect(raw.json().api_key).toEqual({ id: key.id, name: 'whoami-key' });
  });

  test('a wrong secret: 401 "API key: invalid credentials"', async () => {
    const key = await admin.security.createApiKey({ name: 'secret-check' });
    const response = await authenticateWithApiKey(encodeApiKey(key.id, 'Xk3Ww9_wrong-secret_Ab'));
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject(apiKeyFailure('invalid credentials'));
    expect(response.headers['www-authenticate']).toBeDefined();
  });

  test('an unknown key id: 401 "API key: unable to find apikey with id <id>"', async () => {
    // Regression guard for a fixed deviation (formerly): the server reports "API key: invalid credentials" for an id it does not know. ApiKeyService
    // (loadApiKeyAndValidateCredentials) answers unsuccessful("unable to find apikey with id " + id).
    const response = await authenticateWithApiKey(encodeApiKey('nosuchkeyidnosuchkey', 'Xk3Ww9_wrong-secret_Ab'));
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject(apiKeyFailure('unable to find apikey with id nosuchkeyidnosuchkey'));
  });
});

test.describe('activation through ApiKey and Bearer callers (compatibility notes §2)', () => {
  test('an ApiKey caller with manage_user_profile activates the grant user\'s profile', async () => {
    const key = await admin.security.createApiKey({ name: 'profiles-key', role_descriptors: { profiles: { cluster: ['manage_user_profile'] } } });
    const profile = await joeGrant(pool.apiKey(key.encoded));
    expect(profile.uid).toBe(expectedUid('joe'));
    expect(profile.user).toMatchObject({ username: 'joe', roles: ['superuser'], realm_name: 'default_native' });

    // A key without role descriptors has its owner's privileges (elastic: superuser).
    const inheriting = await admin.security.createApiKey({ name: 'inheriting-key' });
    expect((await joeGrant(pool.apiKey(inheriting.encoded))).uid).toBe(expectedUid('joe'));
  });

  test('a Bearer caller with manage_user_profile activates; one without gets the user 403', async () => {
    const token = await admin.security.getToken({ grant_type: 'password', username: PROFILE_ADMIN.username, password: PROFILE_ADMIN.password });
    const profile = await joeGrant(pool.bearer(token.access_token));
    expect(profile.uid).toBe(expectedUid('joe'));
    expect(profile.user.realm_name).toBe('default_native');

    const aliceToken = await admin.security.getToken({ grant_type: 'password', username: ALICE.username, password: ALICE.password });
    const denied = await outcome(joeGrant(pool.bearer(aliceToken.access_token)));
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual(
      esErrorBody(
        'security_exception',
        `action [${ACTIVATE_ACTION}] is unauthorized for user [alice] with effective roles [viewer], ` +
          'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
        403,
      ),
    );
  });

  test('a key whose role descriptors lack manage_user_profile: 403 "... for API key id [<id>] of user [<owner>] ..."', async () => {
    const key = await admin.security.createApiKey({ name: 'tokens-only', role_descriptors: { tokens: { cluster: ['manage_token'] } } });
    const response = await outcome(joeGrant(pool.apiKey(key.encoded)));
    expect(response.status).toBe(403);
    expect(response.body).toEqual(
      esErrorBody('security_exception', apiKeyDenial(ACTIVATE_ACTION, key.id, 'elastic', 'manage_user_profile,manage_security,all'), 403),
    );
    // Raw, the same text.
    const raw = await apiKeyRequest('POST', '/_security/profile/_activate', key.encoded, { grant_type: 'password', username: 'joe', password: JOE.password });
    expect(raw.status).toBe(403);
    expect(raw.json().error.reason).toBe(apiKeyDenial(ACTIVATE_ACTION, key.id, 'elastic', 'manage_user_profile,manage_security,all'));
    // Validation still comes before authorization.
    const invalid = await apiKeyRequest('POST', '/_security/profile/_activate', key.encoded, { grant_type: 'password' });
    expect(invalid.status).toBe(400);
    expect(invalid.json().error.type).toBe('action_request_validation_exception');
  });

  test('a user with only manage_own_api_key + viewer creates a key asking for manage_security: the key still cannot put users', async () => {
    // Regression guard for a fixed deviation (formerly): the server refuses the key creation itself with 403 ("action [cluster:admin/xpack/security/api_key/create]
    // is unauthorized for user [own_keys_viewer] ..."). ManageOwnApiKeyClusterPrivilege grants every
    // CreateApiKeyRequest (extendedCheck returns true for it); the key is then limited by the owner's roles.
    const key = await clientOf(OWN_KEYS_VIEWER).security.createApiKey({ name: 'wishful-admin', role_descriptors: { admin: { cluster: ['manage_security'] } } });
    const putUser = await outcome(pool.apiKey(key.encoded).security.putUser({ username: 'mallory', password: 'mallory-password', roles: ['superuser'] }));
    expect(putUser.status).toBe(403);
    expect(putUser.body).toEqual(esErrorBody('security_exception', apiKeyDenial(USER_PUT_ACTION, key.id, 'own_keys_viewer', 'manage_security,all'), 403));
  });

  test('a key is limited by its creator: manage_security asked by a key creator with only viewer besides does not let it put users', async () => {
    const key = await clientOf(LIMITED).security.createApiKey({ name: 'wishful-admin', role_descriptors: { admin: { cluster: ['manage_security', 'manage_user_profile'] } } });
    const keyClient = pool.apiKey(key.encoded);
    const putUser = await outcome(keyClient.security.putUser({ username: 'mallory', password: 'mallory-password', roles: ['superuser'] }));
    expect(putUser.status).toBe(403);
    expect(putUser.body).toEqual(esErrorBody('security_exception', apiKeyDenial(USER_PUT_ACTION, key.id, 'limited_user', 'manage_security,all'), 403));
    const activate = await outcome(joeGrant(keyClient));
    expect(activate.status).toBe(403);
    expect(activate.body.error.reason).toBe(apiKeyDenial(ACTIVATE_ACTION, key.id, 'limited_user', 'manage_user_profile,manage_security,all'));
    // The key itself authenticates fine, as its owner.
    expect((await keyClient.security.authenticate()).username).toBe('limited_user');
    expect(await admin.security.getUser({ username: 'mallory' }).catch((e) => e.meta?.statusCode)).toBe(404);

    // The same descriptors on a superuser's key do allow it.
    const strong = await admin.security.createApiKey({ name: 'real-admin', role_descriptors: { admin: { cluster: ['manage_security'] } } });
    expect(await pool.apiKey(strong.encoded).security.putUser({ username: 'mallory', password: 'mallory-password', roles: ['viewer'] })).toEqual({ created: true });
  });
});

test.describe('GET /_security/api_key', () => {
  test('by id, by name and name prefix, with_limited_by (ApiKey.java key order)', async () => {
    const keyAdmin = clientOf(KEY_ADMIN);
    const before = Date.now();
    const one = await keyAdmin.security.createApiKey({ name: 'getter-one', expiration: '1d', metadata: { team: 'a' } });
    const two = await keyAdmin.security.createApiKey({ name: 'getter-two' });
    const after = Date.now();

    const byId = await keyAdmin.security.getApiKey({ id: one.id });
    expect(byId.api_keys).toHaveLength(1);
    const view = byId.api_keys[0];
    expect(Object.keys(view)).toEqual(['id', 'name', 'type', 'creation', 'expiration', 'invalidated', 'username', 'realm', 'realm_type', 'metadata', 'role_descriptors']);
    expect(view).toEqual({
      id: one.id,
      name: 'getter-one',
      type: 'rest',
      creation: expect.any(Number),
      expiration: one.expiration,
      invalidated: false,
      username: 'key_admin',
      realm: 'default_native',
      realm_type: 'native',
      metadata: { team: 'a' },
      role_descriptors: {},
    });
    expect(view.creation).toBeGreaterThanOrEqual(before - 1000);
    expect(view.creation).toBeLessThanOrEqual(after + 1000);

    const byName = await keyAdmin.security.getApiKey({ name: 'getter-two' });
    expect(byName.api_keys.map((k) => k.id)).toEqual([two.id]);
    expect(byName.api_keys[0]).not.toHaveProperty('expiration');

    const byPrefix = await keyAdmin.security.getApiKey({ name: 'getter-*' });
    expect(byPrefix.api_keys.map((k) => k.id).sort()).toEqual([one.id, two.id].sort());

    // limited_by: the owner's role descriptors at creation, only when asked for (40_view_role_descriptors.yml).
    const limited = await keyAdmin.security.getApiKey({ id: one.id, with_limited_by: true });
    expect(limited.api_keys[0].limited_by).toEqual([
      { key_admin_role: { cluster: ['manage_api_key'], indices: [], applications: [], run_as: [], metadata: {}, transient_metadata: { enabled: true } } },
    ]);
  });

  test('owner=true, or username and realm_name of the caller: only the caller\'s own keys', async () => {
    const mine = await clientOf(LIMITED).security.createApiKey({ name: 'mine-1' });
    const theirs = await clientOf(OTHER).security.createApiKey({ name: 'theirs-1' });

    const own = await clientOf(LIMITED).security.getApiKey({ owner: true });
    expect(own.api_keys.map((k) => k.id)).toContain(mine.id);
    expect(own.api_keys.map((k) => k.id)).not.toContain(theirs.id);
    expect(new Set(own.api_keys.map((k) => k.username))).toEqual(new Set(['limited_user']));

    const named = await clientOf(LIMITED).security.getApiKey({ username: 'limited_user', realm_name: 'default_native' });
    expect(named.api_keys.map((k) => k.id).sort()).toEqual(own.api_keys.map((k) => k.id).sort());

    // An admin may look at anyone's keys.
    const byAdmin = await admin.security.getApiKey({ username: 'other_user' });
    expect(byAdmin.api_keys.map((k) => k.id)).toEqual([theirs.id]);

    // Asking for somebody else's keys with only manage_own_api_key: 403.
    const others = await outcome(clientOf(LIMITED).security.getApiKey({ username: 'other_user', realm_name: 'default_native' }));
    expect(others.status).toBe(403);
    expect(others.body.error.reason).toMatch(
      startingWith(`action [${API_KEY_GET_ACTION}] is unauthorized for user [limited_user] with effective roles [own_keys_creator,viewer], this action is granted by the cluster privileges [`),
    );
  });

  test('role descriptors are shown in Elasticsearch\'s normalized form (40_view_role_descriptors.yml)', async () => {
    // Regression guard for a fixed deviation (formerly): the server echoes the role descriptors as they were sent. Elasticsearch parses them into
    // RoleDescriptor objects and renders every field (indices with allow_restricted_indices, applications,
    // run_as, metadata, transient_metadata) and accepts "index" for "indices".
    const key = await clientOf(KEY_ADMIN).security.createApiKey({
      name: 'key-2-with-single-assigned-role-descriptor',
      role_descriptors: { 'role-a': { cluster: ['all'], indices: [{ names: ['index-a'], privileges: ['read'] }] } },
    });
    const response = await clientOf(KEY_ADMIN).security.getApiKey({ id: key.id });
    expect(response.api_keys[0].role_descriptors).toEqual({
      'role-a': {
        cluster: ['all'],
        indices: [{ names: ['index-a'], privileges: ['read'], allow_restricted_indices: false }],
        applications: [],
        run_as: [],
        metadata: {},
        transient_metadata: { enabled: true },
      },
    });
  });

  test('an API key can get its own information by id', async () => {
    const key = await clientOf(LIMITED).security.createApiKey({ name: 'self-viewer' });
    const response = await pool.apiKey(key.encoded).security.getApiKey({ id: key.id });
    expect(response.api_keys.map((k) => k.id)).toEqual([key.id]);
    expect(response.api_keys[0]).not.toHaveProperty('limited_by');
  });

  test('an API key with only manage_own_api_key cannot see its own limited-by: 403', async () => {
    // Regression guard for a fixed deviation (formerly): the server answers 200 with limited_by. ManageOwnApiKeyClusterPrivilege refuses a GetApiKeyRequest
    // with with_limited_by from an API key ("An API key requires manage_api_key privilege or higher to view
    // any limited-by role descriptors"); 40_view_role_descriptors.yml expects "catch: forbidden".
    const key = await clientOf(LIMITED).security.createApiKey({ name: 'key-0-limited-by-api-key-user' });
    const response = await outcome(pool.apiKey(key.encoded).security.getApiKey({ id: key.id, with_limited_by: true }));
    expect(response.status).toBe(403);
    expect(response.body.error.reason).toMatch(startingWith(`action [${API_KEY_GET_ACTION}] is unauthorized for API key id [${key.id}] of user [limited_user]`));
  });

  test('a user with only manage_own_api_key must name itself as owner (owner=true, or username and realm_name)', async () => {
    // Regression guard for a fixed deviation (formerly): the server silently narrows such requests to the caller's own keys (and so, e.g., a
    // {"realm_name":"default_native"} invalidation by a manage_own_api_key user invalidates all of its keys).
    // In Elasticsearch, ManageOwnApiKeyClusterPrivilege only grants get/invalidate requests with owner=true,
    // with both the caller's username and realm_name, or from an API key naming its own id; anything else
    // gets 403 (11_invalidation.yml: realm_name alone -> forbidden).
    const mine = await clientOf(LIMITED).security.createApiKey({ name: 'mine-2' });
    const theirs = await clientOf(OTHER).security.createApiKey({ name: 'theirs-2' });
    const limited = clientOf(LIMITED);
    const byRealm = await outcome(limited.security.invalidateApiKey({ realm_name: 'default_native' }));
    expect(byRealm.status).toBe(403);
    expect(byRealm.body.error.reason).toBe(
      `action [${API_KEY_INVALIDATE_ACTION}] is unauthorized for user [limited_user] with effective roles [own_keys_creator,viewer], ` +
        'this action is granted by the cluster privileges [manage_api_key,manage_security,all]',
    );
    expect((await outcome(limited.security.getApiKey())).status).toBe(403);
    expect((await outcome(limited.security.getApiKey({ id: mine.id }))).status).toBe(403);
    expect((await outcome(limited.security.invalidateApiKey({ ids: [theirs.id] }))).status).toBe(403);
    expect((await outcome(limited.security.invalidateApiKey({ ids: [mine.id] }))).status).toBe(403);
  });
});

test.describe('DELETE /_security/api_key', () => {
  test('by ids: both invalidated, then 401 "API key: api key has been invalidated"; GET shows invalidated and invalidation', async () => {
    const k1 = await admin.security.createApiKey({ name: 'doomed-1' });
    const k2 = await admin.security.createApiKey({ name: 'doomed-2' });
    expect((await authenticateWithApiKey(k1.encoded)).status).toBe(200);
    const before = Date.now();
    const result = await admin.security.invalidateApiKey({ ids: [k1.id, k2.id] });
    expect(Object.keys(result)).toEqual(['invalidated_api_keys', 'previously_invalidated_api_keys', 'error_count']);
    expect([...result.invalidated_api_keys].sort()).toEqual([k1.id, k2.id].sort());
    expect(result.previously_invalidated_api_keys).toEqual([]);
    expect(result.error_count).toBe(0);
    for (const key of [k1, k2]) {
      const response = await authenticateWithApiKey(key.encoded);
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject(apiKeyFailure('api key has been invalidated'));
      expect((await outcome(pool.apiKey(key.encoded).security.authenticate())).status).toBe(401);
    }
    const view = (await admin.security.getApiKey({ id: k1.id })).api_keys[0];
    expect(view.invalidated).toBe(true);
    expect(view.invalidation).toBeGreaterThanOrEqual(before - 1000);
    // active_only leaves invalidated keys out.
    expect((await admin.security.getApiKey({ id: k1.id, active_only: true })).api_keys).toEqual([]);
  });

  test('invalidating already invalidated keys finds no active key: empty lists', async () => {
    // Regression guard for a fixed deviation (formerly): the server lists the keys under previously_invalidated_api_keys. ApiKeyService.invalidateApiKeys
    // searches active keys only (filterOutInvalidatedKeys = true) and answers InvalidateApiKeyResponse.emptyResponse()
    // when none is found.
    const key = await admin.security.createApiKey({ name: 'doomed-twice' });
    await admin.security.invalidateApiKey({ ids: [key.id] });
    expect(await admin.security.invalidateApiKey({ ids: [key.id] })).toEqual({ invalidated_api_keys: [], previously_invalidated_api_keys: [], error_count: 0 });
  });

  test('by name: the named key is invalidated and refused', async () => {
    const key = await admin.security.createApiKey({ name: 'named-for-deletion' });
    const result = await admin.security.invalidateApiKey({ name: 'named-for-deletion' });
    expect(result).toEqual({ invalidated_api_keys: [key.id], previously_invalidated_api_keys: [], error_count: 0 });
    expect((await authenticateWithApiKey(key.encoded)).status).toBe(401);
  });

  test('by owner: all of the caller\'s keys, and no one else\'s', async () => {
    const owner = clientOf(OWNER);
    const a = await owner.security.createApiKey({ name: 'owned-a' });
    const b = await owner.security.createApiKey({ name: 'owned-b' });
    const bystander = await clientOf(OTHER).security.createApiKey({ name: 'bystander' });
    const result = await owner.security.invalidateApiKey({ owner: true });
    expect([...result.invalidated_api_keys].sort()).toEqual([a.id, b.id].sort());
    expect(result.error_count).toBe(0);
    for (const key of [a, b]) expect((await authenticateWithApiKey(key.encoded)).status).toBe(401);
    expect((await authenticateWithApiKey(bystander.encoded)).status).toBe(200);
  });

  test('by username, as an admin (11_invalidation.yml)', async () => {
    const key = await clientOf(TEMP).security.createApiKey({ name: 'temp-key', expiration: '1d' });
    expect(await clientOf(KEY_ADMIN).security.invalidateApiKey({ username: 'temp_user' })).toEqual({
      invalidated_api_keys: [key.id],
      previously_invalidated_api_keys: [],
      error_count: 0,
    });
    expect((await authenticateWithApiKey(key.encoded)).status).toBe(401);
  });

  test('a user with only manage_own_api_key cannot invalidate someone else\'s keys', async () => {
    const theirs = await clientOf(OTHER).security.createApiKey({ name: 'not-yours' });
    const limited = clientOf(LIMITED);
    const reason =
      `action [${API_KEY_INVALIDATE_ACTION}] is unauthorized for user [limited_user] with effective roles [own_keys_creator,viewer], ` +
      'this action is granted by the cluster privileges [manage_api_key,manage_security,all]';
    for (const body of [{ username: 'other_user' }, { username: 'other_user', realm_name: 'default_native' }]) {
      const response = await outcome(limited.security.invalidateApiKey(body));
      expect(response.status, JSON.stringify(body)).toBe(403);
      expect(response.body).toEqual(esErrorBody('security_exception', reason, 403));
    }
    // With owner=true the request is about the caller's keys only: someone else's id is simply not found.
    expect(await limited.security.invalidateApiKey({ ids: [theirs.id], owner: true })).toEqual({
      invalidated_api_keys: [],
      previously_invalidated_api_keys: [],
      error_count: 0,
    });
    expect((await authenticateWithApiKey(theirs.encoded)).status).toBe(200);
    // owner=true with ids of one's own key does invalidate it.
    const mine = await limited.security.createApiKey({ name: 'mine-to-drop' });
    expect((await limited.security.invalidateApiKey({ ids: [mine.id], owner: true })).invalidated_api_keys).toEqual([mine.id]);
  });

  test('an API key may invalidate itself by id', async () => {
    const key = await clientOf(LIMITED).security.createApiKey({ name: 'self-destruct' });
    const result = await pool.apiKey(key.encoded).security.invalidateApiKey({ ids: [key.id] });
    expect(result).toEqual({ invalidated_api_keys: [key.id], previously_invalidated_api_keys: [], error_count: 0 });
    expect((await authenticateWithApiKey(key.encoded)).status).toBe(401);
  });
});

test.describe('expiry and validation', () => {
  test('a key created with expiration "1s" is refused once expired: 401 "API key: api key is expired"', async () => {
    const before = Date.now();
    const key = await admin.security.createApiKey({ name: 'short-lived', expiration: '1s' });
    expect(key.expiration).toBeGreaterThanOrEqual(before + 1000);
    expect(key.expiration).toBeLessThanOrEqual(Date.now() + 1000);
    // Bounded wait: until just past the expiration (about 1.5 s).
    await sleep(Math.max(0, (key.expiration as number) + 500 - Date.now()));
    const response = await authenticateWithApiKey(key.encoded);
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject(apiKeyFailure('api key is expired'));
    // Still listed, not invalidated; active_only leaves it out.
    const view = (await admin.security.getApiKey({ id: key.id })).api_keys[0];
    expect(view).toMatchObject({ id: key.id, invalidated: false, expiration: key.expiration });
    expect((await admin.security.getApiKey({ id: key.id, active_only: true })).api_keys).toEqual([]);
  });

  test('create validation: names and metadata keys (CreateApiKeyRequest.validate)', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: '_private' }, 'api key name may not begin with an underscore'],
      [{ name: ' padded ' }, 'api key name may not begin or end with whitespace'],
      [{ name: 'fine', metadata: { _reserved: 1 } }, 'API key metadata keys may not start with [_]'],
    ];
    for (const [body, message] of cases) {
      const response = await jsonRequest(server.url, 'POST', '/_security/api_key', ELASTIC, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json()).toEqual(esErrorBody('action_request_validation_exception', `Validation Failed: 1: ${message};`, 400));
    }
  });

  test('invalidate validation: something to invalidate, no empty ids array, no blank id', async () => {
    const none = await jsonRequest(server.url, 'DELETE', '/_security/api_key', ELASTIC, {});
    expect(none.status).toBe(400);
    expect(none.json()).toEqual(
      esErrorBody(
        'action_request_validation_exception',
        'Validation Failed: 1: One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false;',
        400,
      ),
    );
    // Elasticsearch 8 reports these from validate(), newer versions while building the request; the message is the same.
    const empty = await jsonRequest(server.url, 'DELETE', '/_security/api_key', ELASTIC, { ids: [] });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Field [ids] cannot be an empty array');
    const viaClient = await outcome(admin.security.invalidateApiKey({ ids: [] }));
    expect(viaClient.status).toBe(400);

    const blank = await jsonRequest(server.url, 'DELETE', '/_security/api_key', ELASTIC, { ids: ['some-id', ' '] });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Field [ids] must not contain blank id, but got blank id at index position: [1]');
  });

  test('invalidate validation: several blank ids are all reported', async () => {
    // Regression guard for a fixed deviation (formerly): the server reports only the first blank id. InvalidateApiKeyRequest lists every blank index:
    // "Field [ids] must not contain blank id, but got blank ids at index positions: [0, 2]".
    const response = await jsonRequest(server.url, 'DELETE', '/_security/api_key', ELASTIC, { ids: ['', 'some-id', ' '] });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Field [ids] must not contain blank id, but got blank ids at index positions: [0, 2]');
  });
});
