import { test, expect } from '@playwright/test';
import type { Client } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { ACTIVATE_ACTION, basic, esErrorBody, expectedUid } from './support/es-http';
import {
  ClientPool,
  EXPIRED_TOKEN_CHALLENGE,
  UNSUPPORTED_GRANT_TYPE_MESSAGE,
  encodeApiKey,
  jsonRequest,
  oauthError,
  outcome,
  putTestUsers,
  shutDown,
  sleep,
  unknownTokenString,
  type TestUser,
} from './support/tokens-helpers';

/**
 * The token service (compatibility notes §7) end to end, with the official client and raw HTTP: the
 * password, client_credentials and refresh_token grants of POST /_security/oauth2/token, Bearer
 * caller authentication (§2, §9), DELETE /_security/oauth2/token and its counts, expiry, and
 * token-service tokens in the access_token grant of the activate API (§3).
 *
 * Elasticsearch sources the expectations come from (elastic/elasticsearch):
 * - TokenService.java: refresh rules (invalid_grant texts, the 30 s reuse window), invalidation
 *   counts (indexInvalidation), expiredTokenException for expired *and invalidated* tokens;
 * - RestGetTokenAction.java: validation and invalid_grant failures rendered OAuth2-style
 *   {"error":..., "error_description":...};
 * - CreateTokenRequest.java: validation messages; TransportCreateTokenAction.java: scope "full";
 * - TokenAuthIntegTests.java: invalidation by user/realm counts two per token with a refresh token.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const ELASTIC = basic('elastic', ELASTIC_PASSWORD);
const TOKEN_CREATE_ACTION = 'cluster:admin/xpack/security/token/create';
const NATIVE = { name: 'default_native', type: 'native' };
const AUTHENTICATION_KEYS = ['username', 'roles', 'full_name', 'email', 'metadata', 'enabled', 'authentication_realm', 'lookup_realm', 'authentication_type'];

function viewer(username: string): TestUser {
  return { username, password: `${username}-password`, roles: ['viewer'], full_name: `${username} example`, email: `${username}@example.com` };
}

const ALICE: TestUser = { username: 'alice', password: 'alice-password', roles: ['viewer'], full_name: 'Alice Liddell', email: 'alice@example.com' };
const JOE: TestUser = { username: 'joe', password: 's3krit-password', roles: ['superuser'], full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' };
/** Users whose tokens the invalidation tests revoke wholesale, one per test so that they cannot interfere. */
const BOB = viewer('bob');
const CAROL = viewer('carol');
const DAVE = viewer('dave');
const ERIN = viewer('erin');

/** What the token endpoint and _authenticate report for a native user (Authentication.toXContent). */
function authenticationOf(user: TestUser, authenticationType: 'realm' | 'token') {
  return {
    username: user.username,
    roles: user.roles,
    full_name: user.full_name,
    email: user.email,
    metadata: {},
    enabled: true,
    authentication_realm: NATIVE,
    lookup_realm: NATIVE,
    authentication_type: authenticationType,
  };
}

let server: RunningServer;
const pool = new ClientPool(() => server.url);
let admin: Client;

/** A password-grant token for `user`, asked for by `client` (elastic by default). */
function passwordToken(user: TestUser, client: Client = admin) {
  return client.security.getToken({ grant_type: 'password', username: user.username, password: user.password });
}

function refresh(refreshToken: string, client: Client = admin) {
  return client.security.getToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** GET /_security/_authenticate with `Authorization: Bearer <token>`, raw. */
function authenticateWithBearer(token: string) {
  return jsonRequest(server.url, 'GET', '/_security/_authenticate', `Bearer ${token}`);
}

function postToken(body: unknown, authorization = ELASTIC) {
  return jsonRequest(server.url, 'POST', '/_security/oauth2/token', authorization, body);
}

function deleteToken(body: unknown) {
  return jsonRequest(server.url, 'DELETE', '/_security/oauth2/token', ELASTIC, body);
}

function activateWithToken(accessToken: string) {
  return jsonRequest(server.url, 'POST', '/_security/profile/_activate', ELASTIC, { grant_type: 'access_token', access_token: accessToken });
}

function grantFailure(principal: string) {
  return `unable to authenticate user [${principal}] for action [${ACTIVATE_ACTION}]`;
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  admin = pool.basic('elastic', ELASTIC_PASSWORD);
  await putTestUsers(admin, [ALICE, JOE, BOB, CAROL, DAVE, ERIN]);
});

test.afterAll(async () => {
  await shutDown(server, pool);
});

test.describe('POST /_security/oauth2/token: password and client_credentials grants', () => {
  test('password grant: access_token, type Bearer, expires_in 1200, refresh_token, authentication, in that order', async () => {
    const response = await passwordToken(ALICE);
    expect(Object.keys(response)).toEqual(['access_token', 'type', 'expires_in', 'refresh_token', 'authentication']);
    expect(response.type).toBe('Bearer');
    expect(response.expires_in).toBe(1200);
    // Opaque standard-Base64 strings; never a JWT (no dots), access and refresh token differ.
    expect(response.access_token).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(response.refresh_token).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(response.refresh_token).not.toBe(response.access_token);
    // The authentication of the user the token is for (not of the client, elastic), as a realm authentication.
    expect(response.authentication).toEqual(authenticationOf(ALICE, 'realm'));
    expect(Object.keys(response.authentication)).toEqual(AUTHENTICATION_KEYS);
    expect(response.authentication.authentication_realm).toEqual({ name: 'default_native', type: 'native' });
  });

  test('every password grant issues a new pair', async () => {
    const [first, second] = await Promise.all([passwordToken(ALICE), passwordToken(ALICE)]);
    expect(first.access_token).not.toBe(second.access_token);
    expect(first.refresh_token).not.toBe(second.refresh_token);
  });

  test('client_credentials grant: a token for the caller itself, without refresh token', async () => {
    const joe = pool.basic(JOE.username, JOE.password);
    const response = await joe.security.getToken({ grant_type: 'client_credentials' });
    expect(Object.keys(response)).toEqual(['access_token', 'type', 'expires_in', 'authentication']);
    expect(response).toMatchObject({ type: 'Bearer', expires_in: 1200 });
    expect(response.authentication).toEqual(authenticationOf(JOE, 'realm'));
    const me = await pool.bearer(response.access_token).security.authenticate();
    expect(me).toEqual(authenticationOf(JOE, 'token'));
  });

  test('scope is accepted and answered with the only scope Elasticsearch supports, "full"', async () => {
    // Regression guard for a fixed deviation (formerly): the server ignores `scope` and never returns it; TransportCreateTokenAction.getResponseScopeValue
    // answers "full" whenever a scope was requested, and CreateTokenResponse puts it after refresh_token.
    const response = await admin.security.getToken({ grant_type: 'password', username: ALICE.username, password: ALICE.password, scope: 'read' });
    expect(Object.keys(response)).toEqual(['access_token', 'type', 'expires_in', 'refresh_token', 'scope', 'authentication']);
    expect(response.scope).toBe('full');
  });

  test('wrong password or unknown user: 401 unable to authenticate user [...] for action [token/create]', async () => {
    for (const [username, password] of [[ALICE.username, 'wrong-password'], ['nobody', 'whatever-password']]) {
      const response = await postToken({ grant_type: 'password', username, password });
      expect(response.status).toBe(401);
      const reason = `unable to authenticate user [${username}] for action [${TOKEN_CREATE_ACTION}]`;
      expect(response.json()).toMatchObject({ error: { type: 'security_exception', reason, root_cause: [{ type: 'security_exception', reason }] }, status: 401 });
      expect(response.headers['www-authenticate']).toBeDefined();
      // The password never comes back.
      expect(response.text).not.toContain(password);
    }
    const viaClient = await outcome(admin.security.getToken({ grant_type: 'password', username: ALICE.username, password: 'wrong-password' }));
    expect(viaClient.status).toBe(401);
  });

  test('a caller without manage_token may not create tokens: 403', async () => {
    const alice = pool.basic(ALICE.username, ALICE.password);
    const response = await outcome(alice.security.getToken({ grant_type: 'client_credentials' }));
    expect(response.status).toBe(403);
    const reason =
      `action [${TOKEN_CREATE_ACTION}] is unauthorized for user [alice] with effective roles [viewer], ` +
      'this action is granted by the cluster privileges [manage_token,manage_security,all]';
    expect(response.body).toEqual(esErrorBody('security_exception', reason, 403));
  });
});

test.describe('POST /_security/oauth2/token: validation (CreateTokenRequest.validate)', () => {
  /** Each body with the exact validation message Elasticsearch gives, and the OAuth2 error code RestGetTokenAction picks. */
  const CASES: Array<{ body: Record<string, unknown>; code: 'invalid_request' | 'unsupported_grant_type'; message: string }> = [
    { body: { grant_type: 'password' }, code: 'invalid_request', message: 'Validation Failed: 1: username is missing;2: password is missing;' },
    { body: { grant_type: 'password', username: 'alice' }, code: 'invalid_request', message: 'Validation Failed: 1: password is missing;' },
    { body: { grant_type: 'password', password: 'p' }, code: 'invalid_request', message: 'Validation Failed: 1: username is missing;' },
    {
      // Unsupported fields come first; any message naming grant_type makes the error unsupported_grant_type.
      body: { grant_type: 'password', username: 'alice', password: 'p', refresh_token: 'r' },
      code: 'unsupported_grant_type',
      message: 'Validation Failed: 1: refresh_token is not supported with the password grant_type;',
    },
    {
      body: { grant_type: 'refresh_token', refresh_token: 'r', username: 'alice', password: 'p' },
      code: 'unsupported_grant_type',
      message:
        'Validation Failed: 1: username is not supported with the refresh_token grant_type;' +
        '2: password is not supported with the refresh_token grant_type;',
    },
    { body: { grant_type: 'refresh_token' }, code: 'invalid_request', message: 'Validation Failed: 1: refresh_token is missing;' },
    {
      body: { grant_type: 'client_credentials', username: 'alice' },
      code: 'unsupported_grant_type',
      message: 'Validation Failed: 1: username is not supported with the client_credentials grant_type;',
    },
    { body: { grant_type: 'foo' }, code: 'unsupported_grant_type', message: `Validation Failed: 1: ${UNSUPPORTED_GRANT_TYPE_MESSAGE};` },
    // A grant type Elasticsearch knows but does not support, case-sensitive matching, and none at all.
    { body: { grant_type: 'authorization_code' }, code: 'unsupported_grant_type', message: `Validation Failed: 1: ${UNSUPPORTED_GRANT_TYPE_MESSAGE};` },
    { body: { grant_type: 'Password', username: 'alice', password: 'p' }, code: 'unsupported_grant_type', message: `Validation Failed: 1: ${UNSUPPORTED_GRANT_TYPE_MESSAGE};` },
    { body: {}, code: 'unsupported_grant_type', message: `Validation Failed: 1: ${UNSUPPORTED_GRANT_TYPE_MESSAGE};` },
  ];

  test('400 with Elasticsearch\'s validation messages, in order', async () => {
    for (const { body, message } of CASES) {
      const response = await postToken(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.text, JSON.stringify(body)).toContain(JSON.stringify(message));
    }
  });

  test('validation failures are answered OAuth2-style: {"error":"invalid_request"|"unsupported_grant_type","error_description":...}', async () => {
    // Regression guard for a fixed deviation (formerly): the server renders token-request validation failures as a structured
    // action_request_validation_exception; RestGetTokenAction.CreateTokenResponseActionListener
    // sends {"error":"unsupported_grant_type"|"invalid_request","error_description":"Validation Failed: ..."}
    // with status 400 instead (unsupported_grant_type when a message mentions grant_type).
    for (const { body, code, message } of CASES) {
      const response = await postToken(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json(), JSON.stringify(body)).toEqual(oauthError(code, message));
    }
  });

  test('_kerberos grant without ticket: "kerberos_ticket is missing"', async () => {
    // Regression guard for a fixed deviation (formerly): the server says "kerberos ticket is missing"; CreateTokenRequest validates the field by its
    // name: validateRequiredField("kerberos_ticket", ...) -> "kerberos_ticket is missing".
    const response = await postToken({ grant_type: '_kerberos' });
    expect(response.status).toBe(400);
    expect(response.text).toContain(JSON.stringify('Validation Failed: 1: kerberos_ticket is missing;'));
  });

  test('validation runs before authorization: a caller without manage_token gets 400, not 403', async () => {
    const response = await postToken({ grant_type: 'password' }, basic(ALICE.username, ALICE.password));
    expect(response.status).toBe(400);
    expect(response.text).toContain(JSON.stringify('Validation Failed: 1: username is missing;2: password is missing;'));
  });

  test('unknown body field: x_content_parse_exception from the token_request parser', async () => {
    const body = '{"grant_type":"password","username":"joe","password":"x","foo":1}';
    const response = await jsonRequest(server.url, 'POST', '/_security/oauth2/token', ELASTIC, body);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(esErrorBody('x_content_parse_exception', '[1:58] [token_request] unknown field [foo]', 400));
  });
});

test.describe('refresh_token grant (TokenService.refreshToken)', () => {
  test('a refresh gives a new pair; a second use within 30 s gives the same new pair; the old access token still works', async () => {
    const original = await passwordToken(ALICE);
    const refreshed = await refresh(original.refresh_token as string);
    expect(Object.keys(refreshed)).toEqual(['access_token', 'type', 'expires_in', 'refresh_token', 'authentication']);
    expect(refreshed).toMatchObject({ type: 'Bearer', expires_in: 1200 });
    expect(refreshed.access_token).not.toBe(original.access_token);
    expect(refreshed.refresh_token).not.toBe(original.refresh_token);
    expect(refreshed.authentication).toMatchObject({ username: 'alice', roles: ['viewer'], authentication_realm: NATIVE });

    // Within the 30 s window the same refresh token yields the very same pair (concurrent clients).
    const again = await refresh(original.refresh_token as string);
    expect(again.access_token).toBe(refreshed.access_token);
    expect(again.refresh_token).toBe(refreshed.refresh_token);

    // The new access token authenticates alice; refreshing does not invalidate the old access token.
    expect(await pool.bearer(refreshed.access_token).security.authenticate()).toEqual(authenticationOf(ALICE, 'token'));
    expect((await authenticateWithBearer(original.access_token)).status).toBe(200);

    // The new refresh token can itself be refreshed.
    const next = await refresh(refreshed.refresh_token as string);
    expect(next.access_token).not.toBe(refreshed.access_token);
    expect((await authenticateWithBearer(next.access_token)).json().username).toBe('alice');
  });

  test('the refresh response carries the token\'s authentication: authentication_type "token"', async () => {
    // Regression guard for a fixed deviation (formerly): the refresh response says authentication_type "realm". TokenService.innerRefresh passes the
    // stored UserToken's authentication (made with Authentication.token(), type TOKEN) to
    // createOAuth2Tokens, whose CreateTokenResult TransportRefreshTokenAction returns as-is.
    const original = await passwordToken(ALICE);
    const refreshed = await refresh(original.refresh_token as string);
    expect(refreshed.authentication).toEqual(authenticationOf(ALICE, 'token'));
  });

  test('five concurrent refreshes of one refresh token all return the same pair', async () => {
    const original = await passwordToken(ALICE);
    const responses = await Promise.all(Array.from({ length: 5 }, () => refresh(original.refresh_token as string)));
    const pairs = new Set(responses.map((r) => `${r.access_token} ${r.refresh_token}`));
    expect(pairs.size).toBe(1);
    expect(responses[0].access_token).not.toBe(original.access_token);
    for (const response of responses) expect(response).toMatchObject({ type: 'Bearer', expires_in: 1200 });
    expect((await authenticateWithBearer(responses[0].access_token)).status).toBe(200);
  });

  test('a refresh by another client: 400 invalid_grant "tokens must be refreshed by the creating client"', async () => {
    const original = await passwordToken(ALICE); // created by elastic
    // joe is a superuser (so he holds manage_token) but not the client that created the token.
    const response = await outcome(refresh(original.refresh_token as string, pool.basic(JOE.username, JOE.password)));
    expect(response.status).toBe(400);
    expect(response.body).toEqual(oauthError('invalid_grant', 'tokens must be refreshed by the creating client'));
    const raw = await postToken({ grant_type: 'refresh_token', refresh_token: original.refresh_token }, basic(JOE.username, JOE.password));
    expect(raw.status).toBe(400);
    expect(raw.text).toBe('{"error":"invalid_grant","error_description":"tokens must be refreshed by the creating client"}');
    // The failed attempts did not use the refresh token up: its creator can still refresh it.
    const refreshed = await refresh(original.refresh_token as string);
    expect(refreshed.access_token).not.toBe(original.access_token);
  });

  test('an invalidated refresh token: 400 invalid_grant "token has been invalidated"', async () => {
    const original = await passwordToken(ALICE);
    await admin.security.invalidateToken({ refresh_token: original.refresh_token });
    const response = await postToken({ grant_type: 'refresh_token', refresh_token: original.refresh_token });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(oauthError('invalid_grant', 'token has been invalidated'));
  });

  test('an unknown refresh token: 400 invalid_grant "could not refresh the requested token"', async () => {
    for (const refreshToken of [unknownTokenString(), 'not-a-token']) {
      const response = await postToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
      expect(response.status).toBe(400);
      expect(response.json()).toEqual(oauthError('invalid_grant', 'could not refresh the requested token'));
    }
  });

  test('an access token is not a refresh token', async () => {
    const original = await passwordToken(ALICE);
    const response = await postToken({ grant_type: 'refresh_token', refresh_token: original.access_token });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(oauthError('invalid_grant', 'could not refresh the requested token'));
  });
});

test.describe('Bearer caller authentication and DELETE /_security/oauth2/token', () => {
  test('Bearer caller: _authenticate shows the token user, realm default_native, authentication_type "token"', async () => {
    const token = await passwordToken(ALICE);
    const me = await pool.bearer(token.access_token).security.authenticate();
    expect(me).toEqual(authenticationOf(ALICE, 'token'));
    expect(Object.keys(me)).toEqual(AUTHENTICATION_KEYS);
    // The bearer caller has alice's privileges, not the token client's (elastic): viewer cannot list users.
    const denied = await outcome(pool.bearer(token.access_token).security.getUser({ username: 'joe' }));
    expect(denied.status).toBe(403);
    expect(denied.body.error.reason).toBe(
      'action [cluster:admin/xpack/security/user/get] is unauthorized for user [alice] with effective roles [viewer], ' +
        'this action is granted by the cluster privileges [read_security,manage_security,all]',
    );
  });

  test('invalidate by access token: 1/0/0, then 0/1/0; the access token is refused, its refresh token still works', async () => {
    const token = await passwordToken(ALICE);
    expect(await admin.security.invalidateToken({ token: token.access_token })).toEqual({
      invalidated_tokens: 1,
      previously_invalidated_tokens: 0,
      error_count: 0,
    });
    expect(await admin.security.invalidateToken({ token: token.access_token })).toEqual({
      invalidated_tokens: 0,
      previously_invalidated_tokens: 1,
      error_count: 0,
    });
    const refused = await authenticateWithBearer(token.access_token);
    expect(refused.status).toBe(401);
    expect(refused.json().error.type).toBe('security_exception');
    expect((await outcome(pool.bearer(token.access_token).security.authenticate())).status).toBe(401);
    // Access and refresh token are invalidated independently (TokenAuthIntegTests).
    const refreshed = await refresh(token.refresh_token as string);
    expect((await authenticateWithBearer(refreshed.access_token)).status).toBe(200);
  });

  test('an invalidated access token is refused as Elasticsearch does: 401 "token expired" with the invalid_token challenge', async () => {
    // TokenService.checkIfTokenIsValid fails an invalidated token with expiredTokenException():
    // reason "token expired", WWW-Authenticate = the expired-token challenge.
    const token = await passwordToken(ALICE);
    await admin.security.invalidateToken({ token: token.access_token });
    const response = await authenticateWithBearer(token.access_token);
    expect(response.status).toBe(401);
    expect(response.json()).toEqual(esErrorBody('security_exception', 'token expired', 401, { header: { 'WWW-Authenticate': [EXPIRED_TOKEN_CHALLENGE] } }));
    expect(response.headers['www-authenticate']).toEqual([EXPIRED_TOKEN_CHALLENGE]);
  });

  test('an unknown bearer token is refused with 401', async () => {
    const response = await authenticateWithBearer(unknownTokenString());
    expect(response.status).toBe(401);
    expect(response.json().error.type).toBe('security_exception');
  });

  test('invalidate by refresh token: 1/0/0, then 0/1/0; the refresh token is refused, the access token still works', async () => {
    const token = await passwordToken(ALICE);
    expect(await admin.security.invalidateToken({ refresh_token: token.refresh_token })).toEqual({
      invalidated_tokens: 1,
      previously_invalidated_tokens: 0,
      error_count: 0,
    });
    expect(await admin.security.invalidateToken({ refresh_token: token.refresh_token })).toEqual({
      invalidated_tokens: 0,
      previously_invalidated_tokens: 1,
      error_count: 0,
    });
    const response = await outcome(refresh(token.refresh_token as string));
    expect(response).toMatchObject({ status: 400, body: oauthError('invalid_grant', 'token has been invalidated') });
    expect((await authenticateWithBearer(token.access_token)).status).toBe(200);
  });

  test('unknown token or refresh token: 404 with zero counts', async () => {
    for (const body of [{ token: unknownTokenString() }, { refresh_token: unknownTokenString() }, { token: 'not-a-token' }]) {
      const response = await deleteToken(body);
      expect(response.status, JSON.stringify(body)).toBe(404);
      expect(response.text).toBe('{"invalidated_tokens":0,"previously_invalidated_tokens":0,"error_count":0}');
      expect(response.header('x-elastic-product')).toBe('Elasticsearch');
    }
    const viaClient = await outcome(admin.security.invalidateToken({ token: unknownTokenString() }));
    expect(viaClient).toMatchObject({ status: 404, body: { invalidated_tokens: 0, previously_invalidated_tokens: 0, error_count: 0 } });
  });

  test('invalidate by username or by realm: every token of that user or realm is refused afterwards, others are not', async () => {
    const carolTokens = [await passwordToken(CAROL), await passwordToken(CAROL)];
    const aliceToken = await passwordToken(ALICE);
    const byUser = await admin.security.invalidateToken({ username: CAROL.username });
    expect(byUser.error_count).toBe(0);
    expect(byUser.invalidated_tokens).toBeGreaterThan(0);
    for (const token of carolTokens) {
      expect((await authenticateWithBearer(token.access_token)).status).toBe(401);
      expect(await outcome(refresh(token.refresh_token as string))).toMatchObject({ status: 400, body: oauthError('invalid_grant', 'token has been invalidated') });
    }
    expect((await authenticateWithBearer(aliceToken.access_token)).status).toBe(200);

    // realm_name with username narrows the realm to that user (findActiveTokensForRealm + isOfUser).
    const daveToken = await passwordToken(DAVE);
    const byRealmAndUser = await admin.security.invalidateToken({ realm_name: 'default_native', username: DAVE.username });
    expect(byRealmAndUser.invalidated_tokens).toBeGreaterThan(0);
    expect((await authenticateWithBearer(daveToken.access_token)).status).toBe(401);
    expect((await authenticateWithBearer(aliceToken.access_token)).status).toBe(200);

    // A realm (here the reserved realm of elastic) takes every token authenticated by it, and only those.
    const elasticToken = await passwordToken({ username: 'elastic', password: ELASTIC_PASSWORD, roles: ['superuser'], full_name: '', email: '' });
    const byRealm = await admin.security.invalidateToken({ realm_name: 'reserved' });
    expect(byRealm.invalidated_tokens).toBeGreaterThan(0);
    expect((await authenticateWithBearer(elasticToken.access_token)).status).toBe(401);
    expect((await authenticateWithBearer(aliceToken.access_token)).status).toBe(200);

    // Nothing left to invalidate, or a realm without tokens: 200 with zero counts (emptyResult(OK)).
    for (const body of [{ realm_name: 'saml1' }, { username: 'nobody' }]) {
      const response = await deleteToken(body);
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ invalidated_tokens: 0, previously_invalidated_tokens: 0, error_count: 0 });
    }
  });

  test('invalidate by username and by realm count the access and the refresh token of each pair, as Elasticsearch does', async () => {
    // Regression guard for a fixed deviation (formerly): the server counts one per token document and reports a second invalidation as
    // previously_invalidated. TokenService.invalidateAllTokens invalidates the refresh tokens, then the
    // access tokens, carrying the first result over (indexInvalidation), so each password-grant token
    // counts twice (TokenAuthIntegTests.testInvalidateAllTokensForUser: 2 * numOfRequests); a
    // client_credentials token (no refresh token) would count once; already invalidated tokens are not
    // "active" any more and are not counted at all.
    await passwordToken(BOB);
    await passwordToken(BOB);
    expect(await admin.security.invalidateToken({ username: BOB.username })).toEqual({ invalidated_tokens: 4, previously_invalidated_tokens: 0, error_count: 0 });
    expect(await admin.security.invalidateToken({ username: BOB.username })).toEqual({ invalidated_tokens: 0, previously_invalidated_tokens: 0, error_count: 0 });

    await passwordToken(ERIN);
    expect(await admin.security.invalidateToken({ realm_name: 'default_native', username: ERIN.username })).toEqual({
      invalidated_tokens: 2,
      previously_invalidated_tokens: 0,
      error_count: 0,
    });
  });

  test('invalidation validation: a token string or a user/realm, not both (InvalidateTokenRequest.validate)', async () => {
    const none = await deleteToken({});
    expect(none.status).toBe(400);
    expect(none.json()).toEqual(
      esErrorBody('action_request_validation_exception', 'Validation Failed: 1: token string must be provided when not specifying a realm name or a username;', 400),
    );
    const blank = await deleteToken({ token: '' });
    expect(blank.status).toBe(400);
    expect(blank.json().error.reason).toBe('Validation Failed: 1: token string must be provided when not specifying a realm name or a username;');
  });

  test('invalidation validation: a token with a username gets both of Elasticsearch\'s messages', async () => {
    // Regression guard for a fixed deviation (formerly): the server gives only the first message. RestInvalidateTokenAction sets the token type along with
    // the token string, so InvalidateTokenRequest.validate adds "token type must not be provided when realm
    // name or username is specified" as well (InvalidateTokenRequestTests expects both).
    const response = await deleteToken({ token: 'abc', username: 'alice' });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(
      esErrorBody(
        'action_request_validation_exception',
        'Validation Failed: 1: token string must not be provided when realm name or username is specified;' +
          '2: token type must not be provided when realm name or username is specified;',
        400,
      ),
    );
  });
});

test.describe('access_token grant with token-service tokens (compatibility notes §3, §7)', () => {
  test('activation with a token yields the token user\'s profile, realm_name default_native', async () => {
    const token = await passwordToken(ALICE);
    const profile = await admin.security.activateUserProfile({ grant_type: 'access_token', access_token: token.access_token });
    expect(profile.uid).toBe(expectedUid('alice'));
    expect(profile.enabled).toBe(true);
    expect(profile.user).toEqual({ username: 'alice', roles: ['viewer'], realm_name: 'default_native', email: 'alice@example.com', full_name: 'Alice Liddell' });
    expect(Object.keys(profile)).toEqual(['uid', 'enabled', 'last_synchronized', 'user', 'labels', 'data', '_doc']);
    expect(profile.data).toEqual({});

    // A password grant for the same user finds the same profile: the token keeps the original realm.
    const again = await admin.security.activateUserProfile({ grant_type: 'password', username: ALICE.username, password: ALICE.password });
    expect(again.uid).toBe(profile.uid);

    // A client_credentials token of joe activates joe's profile.
    const joeToken = await pool.basic(JOE.username, JOE.password).security.getToken({ grant_type: 'client_credentials' });
    const joe = await admin.security.activateUserProfile({ grant_type: 'access_token', access_token: joeToken.access_token });
    expect(joe.uid).toBe(expectedUid('joe'));
    expect(joe.user.realm_name).toBe('default_native');
  });

  test('a token the server never issued: 401 unable to authenticate user [_bearer_token] for action [profile/activate]', async () => {
    for (const garbage of ['garbage', unknownTokenString(), 'dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCBpdCBpcyBvbmx5IHRlc3QgZGF0YS4gZG8gbm90IHRyeSB0byByZWFkIHRva2VuIQ==']) {
      const response = await activateWithToken(garbage);
      expect(response.status, garbage).toBe(401);
      const reason = grantFailure('_bearer_token');
      expect(response.json()).toMatchObject({ error: { type: 'security_exception', reason, root_cause: [{ type: 'security_exception', reason }] }, status: 401 });
      expect(response.text).not.toContain(garbage);
    }
  });

  test('an invalidated token no longer activates: 401', async () => {
    const token = await passwordToken(ALICE);
    await admin.security.invalidateToken({ token: token.access_token });
    const response = await activateWithToken(token.access_token);
    expect(response.status).toBe(401);
    expect(response.json().error.type).toBe('security_exception');
  });

  test('an invalidated token in a grant: 401 "token expired", as for a Bearer caller', async () => {
    // The grant is authenticated by the same OAuth2TokenAuthenticator, whose
    // TokenService.checkIfTokenIsValid fails an invalidated token with expiredTokenException(),
    // which the authenticator chain passes on unchanged.
    const token = await passwordToken(ALICE);
    await admin.security.invalidateToken({ token: token.access_token });
    const response = await activateWithToken(token.access_token);
    expect(response.status).toBe(401);
    expect(response.json()).toEqual(esErrorBody('security_exception', 'token expired', 401, { header: { 'WWW-Authenticate': [EXPIRED_TOKEN_CHALLENGE] } }));
  });

  test('client_authentication with a token-service token: 400 "[client_authentication] not supported with the supplied access_token type"', async () => {
    const token = await passwordToken(ALICE);
    const response = await outcome(
      admin.security.activateUserProfile({
        grant_type: 'access_token',
        access_token: token.access_token,
        body: { client_authentication: { scheme: 'SharedSecret', value: 'some-shared-secret' } },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual(esErrorBody('security_exception', '[client_authentication] not supported with the supplied access_token type', 400));
  });

  test('a client_credentials token of an API key: 400 "profile is supported for user only, but subject is a [api_key]"', async () => {
    const key = await admin.security.createApiKey({ name: 'token-maker', role_descriptors: { tokens: { cluster: ['manage_token'] } } });
    expect(key.encoded).toBe(encodeApiKey(key.id, key.api_key));
    const keyClient = pool.apiKey(key.encoded);
    const token = await keyClient.security.getToken({ grant_type: 'client_credentials' });
    expect(token.authentication).toMatchObject({ username: 'elastic', authentication_type: 'api_key', api_key: { id: key.id, name: 'token-maker' } });
    const response = await activateWithToken(token.access_token);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(esErrorBody('illegal_argument_exception', 'profile is supported for user only, but subject is a [api_key]', 400));
  });
});

test.describe('expired access tokens (server with TOKEN_TIMEOUT=2s)', () => {
  let shortLived: RunningServer;
  const shortPool = new ClientPool(() => shortLived.url);
  let expired: { access_token: string; refresh_token?: string; expires_in: number };
  let issuedAt = 0;

  test.beforeAll(async () => {
    shortLived = await startServer({ env: { ELASTIC_PASSWORD, TOKEN_TIMEOUT: '2s' } });
    const elastic = shortPool.basic('elastic', ELASTIC_PASSWORD);
    await putTestUsers(elastic, [ALICE]);
    issuedAt = Date.now();
    expired = await elastic.security.getToken({ grant_type: 'password', username: ALICE.username, password: ALICE.password });
    // Valid right after issue...
    const fresh = await jsonRequest(shortLived.url, 'GET', '/_security/_authenticate', `Bearer ${expired.access_token}`);
    expect(fresh.status).toBe(200);
    // ...and expired once its 2 s are over (bounded wait: about 3 s).
    await sleep(Math.max(0, issuedAt + 3_000 - Date.now()));
  });

  test.afterAll(async () => {
    await shutDown(shortLived, shortPool);
  });

  test('expires_in reflects the configured token timeout', async () => {
    expect(expired.expires_in).toBe(2);
  });

  test('an expired Bearer token: 401 "token expired" with only the invalid_token challenge', async () => {
    const response = await jsonRequest(shortLived.url, 'GET', '/_security/_authenticate', `Bearer ${expired.access_token}`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toEqual([EXPIRED_TOKEN_CHALLENGE]);
    expect(response.json()).toEqual(esErrorBody('security_exception', 'token expired', 401, { header: { 'WWW-Authenticate': [EXPIRED_TOKEN_CHALLENGE] } }));
    // The official client sees the same 401.
    const viaClient = await outcome(shortPool.bearer(expired.access_token).security.authenticate());
    expect(viaClient.status).toBe(401);
    expect(viaClient.body.error.reason).toBe('token expired');
  });

  test('an expired token in an access_token grant: 401 "token expired"', async () => {
    const response = await jsonRequest(shortLived.url, 'POST', '/_security/profile/_activate', basic('elastic', ELASTIC_PASSWORD), {
      grant_type: 'access_token',
      access_token: expired.access_token,
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toEqual([EXPIRED_TOKEN_CHALLENGE]);
    expect(response.json()).toEqual(esErrorBody('security_exception', 'token expired', 401, { header: { 'WWW-Authenticate': [EXPIRED_TOKEN_CHALLENGE] } }));
  });

  test('the refresh token outlives the access token (24 h): it still gives a fresh pair', async () => {
    const elastic = shortPool.basic('elastic', ELASTIC_PASSWORD);
    const refreshed = await elastic.security.getToken({ grant_type: 'refresh_token', refresh_token: expired.refresh_token as string });
    expect(refreshed.expires_in).toBe(2);
    const response = await jsonRequest(shortLived.url, 'GET', '/_security/_authenticate', `Bearer ${refreshed.access_token}`);
    expect(response.status).toBe(200);
    expect(response.json().username).toBe('alice');
  });
});
