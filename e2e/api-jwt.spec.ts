import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { Client, errors } from '@elastic/elasticsearch';
import type { SecurityActivateUserProfileRequest } from '@elastic/elasticsearch/lib/api/types';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { startServer, type RunningServer } from './support/server';
import { ACTIVATE_ACTION, basic, esClient, esErrorBody, expectedUid, rawRequest, type Json } from './support/es-http';

/**
 * JWT realms end to end (compatibility notes §8): two realms from a YAML settings file, one for ID tokens
 * verified with an RS256 JWK set file, one for access tokens signed with HMAC and guarded by a
 * client shared secret; tokens minted here with jose from keys made here. Role mappings give the
 * JWT users their roles; activation yields profiles whose realm_name is the JWT realm's name.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const HMAC_KEY = 'e2e-hmac-key-that-is-at-least-32-bytes';
const SHARED_SECRET = 'e2e-client-shared-secret';
const ID_ISSUER = 'https://idp.example';
const SVC_ISSUER = 'https://svc.example';

let server: RunningServer;
let client: Client;
let configDir: string;
let rsaPrivateKey: CryptoKey;

async function mint(claims: JWTPayload, key: CryptoKey | Uint8Array, alg: string, kid?: string, lifetime = 300): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + lifetime, ...claims })
    .setProtectedHeader(kid ? { alg, kid } : { alg })
    .sign(key);
}

const idToken = (sub: string, extra: JWTPayload = {}) =>
  mint({ iss: ID_ISSUER, aud: 'profile-console', sub, ...extra }, rsaPrivateKey, 'RS256', 'idp-key-1');
const accessToken = (clientId: string, extra: JWTPayload = {}) =>
  mint({ iss: SVC_ISSUER, aud: 'api', client_id: clientId, ...extra }, new TextEncoder().encode(HMAC_KEY), 'HS256');

function activateWithJwt(token: string, secret?: string) {
  const request = {
    grant_type: 'access_token',
    access_token: token,
    ...(secret === undefined ? {} : { client_authentication: { scheme: 'SharedSecret', value: secret } }),
  } as SecurityActivateUserProfileRequest;
  return client.security.activateUserProfile(request);
}

function rawActivate(body: unknown) {
  return rawRequest(server.url, '/_security/profile/_activate', {
    method: 'POST',
    headers: { authorization: basic('elastic', ELASTIC_PASSWORD), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; body: Json }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof errors.ResponseError) return { status: error.meta.statusCode ?? 0, body: error.meta.body };
    throw error;
  }
  throw new Error('expected the request to fail');
}

test.beforeAll(async () => {
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-jwt-config-'));
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  rsaPrivateKey = privateKey;
  fs.writeFileSync(path.join(configDir, 'idp-jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-key-1', use: 'sig' }] }));
  // Flat dotted keys for one realm, nested YAML for the other; secrets from the environment.
  fs.writeFileSync(
    path.join(configDir, 'security.yml'),
    [
      'xpack.security.authc.realms.jwt.jwt_idp.order: 1',
      'xpack.security.authc.realms.jwt.jwt_idp.token_type: id_token',
      `xpack.security.authc.realms.jwt.jwt_idp.allowed_issuer: "${ID_ISSUER}"`,
      'xpack.security.authc.realms.jwt.jwt_idp.allowed_audiences: [profile-console]',
      'xpack.security.authc.realms.jwt.jwt_idp.pkc_jwkset_path: idp-jwks.json',
      'xpack.security.authc.realms.jwt.jwt_idp.claims.principal: sub',
      'xpack.security.authc.realms.jwt.jwt_idp.claims.name: name',
      'xpack.security.authc.realms.jwt.jwt_idp.claims.mail: email',
      'xpack.security.authc.realms.jwt.jwt_idp.claims.groups: groups',
      'xpack.security.authc.realms.jwt.jwt_idp.client_authentication.type: none',
      'xpack:',
      '  security:',
      '    authc:',
      '      realms:',
      '        jwt:',
      '          jwt_svc:',
      '            order: 2',
      '            token_type: access_token',
      `            allowed_issuer: "${SVC_ISSUER}"`,
      '            allowed_audiences: [api]',
      '            allowed_subject_patterns: ["svc-*"]',
      '            allowed_signature_algorithms: [HS256]',
      '            hmac_key: "${JWT_HMAC_KEY}"',
      '            fallback_claims.sub: client_id',
      '            claims.principal: client_id',
      '            client_authentication:',
      '              type: shared_secret',
      '              shared_secret: "${JWT_SHARED_SECRET}"',
      '',
    ].join('\n'),
  );
  server = await startServer({
    env: {
      ELASTIC_PASSWORD,
      SECURITY_SETTINGS_FILE: path.join(configDir, 'security.yml'),
      JWT_HMAC_KEY: HMAC_KEY,
      JWT_SHARED_SECRET: SHARED_SECRET,
    },
  });
  client = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
});

test.afterAll(async () => {
  await client?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

test('role mapping API: put, get, get all, delete, with Elasticsearch shapes', async () => {
  const rules = { all: [{ field: { 'realm.name': 'jwt_idp' } }, { field: { groups: 'admins' } }] };
  expect(await client.security.putRoleMapping({ name: 'idp-admins', enabled: true, roles: ['superuser'], rules, metadata: { v: 1 } })).toEqual({
    role_mapping: { created: true },
  });
  expect(await client.security.putRoleMapping({ name: 'idp-admins', enabled: true, roles: ['superuser'], rules, metadata: { v: 2 } })).toEqual({
    role_mapping: { created: false },
  });
  expect(await client.security.getRoleMapping({ name: 'idp-admins' })).toEqual({
    'idp-admins': { enabled: true, roles: ['superuser'], rules, metadata: { v: 2 } },
  });
  await client.security.putRoleMapping({ name: 'svc-viewers', enabled: true, roles: ['viewer'], rules: { field: { username: 'svc-*' } } });
  await client.security.putRoleMapping({ name: 'everyone-disabled', enabled: false, roles: ['editor'], rules: { field: { username: '*' } } });
  expect(Object.keys(await client.security.getRoleMapping())).toEqual(['everyone-disabled', 'idp-admins', 'svc-viewers']);

  // Unknown names: 404 with an empty object; delete reports found.
  const missing = await rawRequest(server.url, '/_security/role_mapping/nope', { headers: { authorization: basic('elastic', ELASTIC_PASSWORD) } });
  expect(missing.status).toBe(404);
  expect(missing.json()).toEqual({});
  await client.security.putRoleMapping({ name: 'tmp', enabled: true, roles: ['viewer'], rules: { field: { username: 'x' } } });
  expect(await client.security.deleteRoleMapping({ name: 'tmp' })).toEqual({ found: true });
  const again = await failure(client.security.deleteRoleMapping({ name: 'tmp' }));
  expect(again).toEqual({ status: 404, body: { found: false } });
});

test('role mapping API: bad bodies are 400 with Elasticsearch messages', async () => {
  const put = (body: unknown) =>
    rawRequest(server.url, '/_security/role_mapping/bad', {
      method: 'PUT',
      headers: { authorization: basic('elastic', ELASTIC_PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const noRoles = await put({ enabled: true, roles: [], rules: { field: { username: 'x' } } });
  expect(noRoles.status).toBe(400);
  expect(noRoles.json()).toEqual(
    esErrorBody('action_request_validation_exception', 'Validation Failed: 1: role-mapping roles or role-templates are missing;', 400),
  );
  const noEnabled = await put({ roles: ['viewer'], rules: { field: { username: 'x' } } });
  expect(noEnabled.status).toBe(400);
  expect(noEnabled.json().error.reason).toBe('failed to parse role-mapping [bad]. missing field [enabled]');
  const badRule = await put({ enabled: true, roles: ['viewer'], rules: { field: { username: { x: 1 } } } });
  expect(badRule.status).toBe(400);
  expect(badRule.json().error.caused_by).toEqual({
    type: 'parse_exception',
    reason: 'failed to parse rules expression. expected a field value but found [START_OBJECT] instead',
  });
  const unknown = await put({ enabled: true, roles: ['viewer'], rules: { field: { username: 'x' } }, role: 'x' });
  expect(unknown.status).toBe(400);
  expect(unknown.json().error.reason).toMatch(/^\[1:\d+\] \[role-mapping\] unknown field \[role\] did you mean/);
});

test('role mapping API needs manage_security; read_security may only read', async () => {
  await client.security.putRole({ name: 'rm_reader', cluster: ['read_security'] });
  await client.security.putUser({ username: 'reader', password: 'reader-password', roles: ['rm_reader'] });
  const reader = esClient(server.url, 'reader', 'reader-password');
  try {
    expect(await reader.security.getRoleMapping({ name: 'idp-admins' })).toHaveProperty('idp-admins');
    const denied = await failure(reader.security.putRoleMapping({ name: 'x', enabled: true, roles: ['superuser'], rules: { field: { username: '*' } } }));
    expect(denied.status).toBe(403);
    expect(denied.body.error.reason).toBe(
      'action [cluster:admin/xpack/security/role_mapping/put] is unauthorized for user [reader] with effective roles [rm_reader], ' +
        'this action is granted by the cluster privileges [manage_security,all]',
    );
  } finally {
    await reader.close();
  }
});

test('activate with an RS256 ID token (official client): profile of the principal claim in realm jwt_idp', async () => {
  const token = await idToken('alice', { name: 'Alice Liddell', email: 'alice@example.com', groups: ['admins'] });
  const profile = await activateWithJwt(token);
  expect(profile.uid).toBe(expectedUid('alice'));
  expect(profile.enabled).toBe(true);
  expect(profile.user).toEqual({
    username: 'alice',
    roles: ['superuser'],
    realm_name: 'jwt_idp',
    email: 'alice@example.com',
    full_name: 'Alice Liddell',
  });
  // Same token again: same profile.
  expect((await activateWithJwt(token)).uid).toBe(profile.uid);
});

test('activate with an HMAC access token and the client shared secret (official client)', async () => {
  const token = await accessToken('svc-reporting');
  const profile = await activateWithJwt(token, SHARED_SECRET);
  expect(profile.uid).toBe(expectedUid('svc-reporting'));
  expect(profile.user).toEqual({ username: 'svc-reporting', roles: ['viewer'], realm_name: 'jwt_svc' });
});

test('activate with raw HTTP: missing or wrong secret, expired token, unknown issuer are 401; nothing echoed', async () => {
  const at = await accessToken('svc-reporting');
  const ok = await fetch(`${server.url}/_security/profile/_activate`, {
    method: 'POST',
    headers: { authorization: basic('elastic', ELASTIC_PASSWORD), 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'access_token', access_token: at, client_authentication: { scheme: 'SharedSecret', value: SHARED_SECRET } }),
  });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('x-elastic-product')).toBe('Elasticsearch');
  expect(((await ok.json()) as Json).user.realm_name).toBe('jwt_svc');

  const reason = `unable to authenticate user [${SVC_ISSUER}/api/svc-reporting/svc-reporting] for action [${ACTIVATE_ACTION}]`;
  for (const body of [
    { grant_type: 'access_token', access_token: at },
    { grant_type: 'access_token', access_token: at, client_authentication: { scheme: 'SharedSecret', value: 'wrong-secret' } },
  ]) {
    const response = await rawActivate(body);
    expect(response.status).toBe(401);
    expect(response.json().error.reason).toBe(reason);
    expect(response.header('www-authenticate')).toBeDefined();
    expect(response.text).not.toContain(at);
    expect(response.text).not.toContain('wrong-secret');
  }

  const expired = await mint({ iss: ID_ISSUER, aud: 'profile-console', sub: 'alice', iat: Math.floor(Date.now() / 1000) - 7200 }, rsaPrivateKey, 'RS256', 'idp-key-1', -3600);
  const expiredResponse = await rawActivate({ grant_type: 'access_token', access_token: expired });
  expect(expiredResponse.status).toBe(401);
  expect(expiredResponse.json().error.reason).toBe(`unable to authenticate user [${ID_ISSUER}/profile-console/alice/alice] for action [${ACTIVATE_ACTION}]`);

  const stranger = await mint({ iss: 'https://stranger.example', aud: 'x', sub: 'eve' }, rsaPrivateKey, 'RS256', 'idp-key-1');
  const strangerResponse = await rawActivate({ grant_type: 'access_token', access_token: stranger });
  expect(strangerResponse.status).toBe(401);
  expect(strangerResponse.json().error.reason).toBe(`unable to authenticate user [https://stranger.example/x/eve/eve] for action [${ACTIVATE_ACTION}]`);

  // The scheme is validated before the token is looked at.
  const scheme = await rawActivate({ grant_type: 'access_token', access_token: at, client_authentication: { scheme: 'Basic', value: SHARED_SECRET } });
  expect(scheme.status).toBe(400);
  expect(scheme.json().error.reason).toBe('Validation Failed: 1: [client_authentication.scheme] must be set to [SharedSecret];');
});

test('the same username in the native realm and a JWT realm gets two profiles (_0 and _1)', async () => {
  await client.security.putUser({ username: 'joe', password: 'joe-password', roles: ['viewer'], full_name: 'Native Joe' });
  const native = await client.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 'joe-password' });
  const jwt = await activateWithJwt(await idToken('joe', { name: 'JWT Joe' }));
  expect(native.uid).toBe(expectedUid('joe', 0));
  expect(jwt.uid).toBe(expectedUid('joe', 1));
  expect(native.user.realm_name).toBe('default_native');
  expect(jwt.user).toEqual({ username: 'joe', roles: [], realm_name: 'jwt_idp', full_name: 'JWT Joe' });
  // Each keeps its own profile on re-activation.
  expect((await activateWithJwt(await idToken('joe'))).uid).toBe(expectedUid('joe', 1));
  expect((await client.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 'joe-password' })).uid).toBe(expectedUid('joe', 0));
});

test('Bearer JWT callers: authenticated by the JWT realm, authorized by mapped roles', async () => {
  const alice = await idToken('alice', { groups: ['admins'] });
  const asAlice = new Client({ node: server.url, auth: { bearer: alice }, maxRetries: 0 });
  const bob = await idToken('bob', { groups: ['staff'] });
  const asBob = new Client({ node: server.url, auth: { bearer: bob }, maxRetries: 0 });
  try {
    const me = await asAlice.security.authenticate();
    expect(me).toMatchObject({
      username: 'alice',
      roles: ['superuser'],
      authentication_realm: { name: 'jwt_idp', type: 'jwt' },
      authentication_type: 'realm',
    });
    expect(me.metadata).toMatchObject({ jwt_claim_sub: 'alice', jwt_token_type: 'id_token' });
    expect(await asAlice.security.getRoleMapping({ name: 'svc-viewers' })).toHaveProperty('svc-viewers');
    const denied = await failure(asBob.security.getRoleMapping());
    expect(denied.status).toBe(403);
  } finally {
    await asAlice.close();
    await asBob.close();
  }

  // A bad Bearer JWT is a 401 naming the token principal; a non-JWT Bearer token goes to the token service.
  const forged = (await idToken('alice')).replace(/\.[^.]+$/, '.AAAA');
  const bad = await rawRequest(server.url, '/_security/_authenticate', { headers: { authorization: `Bearer ${forged}` } });
  expect(bad.status).toBe(401);
  expect(bad.json().error.reason).toBe(`unable to authenticate user [${ID_ISSUER}/profile-console/alice/alice] for REST request [/_security/_authenticate]`);
  const opaque = await rawRequest(server.url, '/_security/_authenticate', { headers: { authorization: 'Bearer bm90LWEtand0' } });
  expect(opaque.status).toBe(401);
  expect(opaque.json().error.reason).toBe('unable to authenticate user [_bearer_token] for REST request [/_security/_authenticate]');

  // A realm with client authentication rejects a Bearer JWT sent without ES-Client-Authentication.
  const svc = await accessToken('svc-reporting');
  const noSecret = await rawRequest(server.url, '/_security/_authenticate', { headers: { authorization: `Bearer ${svc}` } });
  expect(noSecret.status).toBe(401);
  expect(noSecret.json().error.reason).toBe(
    `unable to authenticate user [${SVC_ISSUER}/api/svc-reporting/svc-reporting] for REST request [/_security/_authenticate]`,
  );
});

test('Bearer JWT caller with ES-Client-Authentication: SharedSecret for a shared_secret realm', async () => {
  const svc = await accessToken('svc-reporting');
  const response = await rawRequest(server.url, '/_security/_authenticate', {
    headers: { authorization: `Bearer ${svc}`, 'es-client-authentication': `SharedSecret ${SHARED_SECRET}` },
  });
  expect(response.status).toBe(200);
  expect(response.json()).toMatchObject({ username: 'svc-reporting', authentication_realm: { name: 'jwt_svc', type: 'jwt' } });
});

test('a JWT realm with a missing required setting stops the server at start, naming the setting', async () => {
  const file = path.join(configDir, 'broken.yml');
  fs.writeFileSync(
    file,
    [
      'xpack.security.authc.realms.jwt.jwt1.order: 1',
      `xpack.security.authc.realms.jwt.jwt1.allowed_issuer: "${ID_ISSUER}"`,
      'xpack.security.authc.realms.jwt.jwt1.allowed_audiences: [x]',
      'xpack.security.authc.realms.jwt.jwt1.pkc_jwkset_path: idp-jwks.json',
      'xpack.security.authc.realms.jwt.jwt1.client_authentication.type: none',
      '',
    ].join('\n'),
  );
  await expect(startServer({ env: { ELASTIC_PASSWORD, SECURITY_SETTINGS_FILE: file }, timeoutMs: 20_000 })).rejects.toThrow(
    'Setting [xpack.security.authc.realms.jwt.jwt1.claims.principal] is required',
  );
});
