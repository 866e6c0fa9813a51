import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Client } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { ACTIVATE_ACTION, basic, esClient, esErrorBody, expectedUid, outcome, rawRequest, type Json } from './support/es-http';

/**
 * Run-as (the `es-security-runas-user` header) end to end, with the official client and raw HTTP.
 *
 * Elasticsearch sources the expectations come from (elastic/elasticsearch, 9.x):
 * - AuthenticatorChain.maybeLookupRunAsUser / finishAuthentication and RealmsAuthenticator.lookupRunAsUser
 *   (unknown users become the effective user without a lookup realm; an empty name is a failed authentication);
 * - Authentication.supportsRunAs (no chained run-as, no service accounts; realm, token and API key authentications);
 * - AuthorizationService.maybeAuthorizeRunAs / authorizeRunAs, RBACEngine.authorizeRunAs (Role.checkRunAs);
 * - AuthorizationDenialMessages.runAsDenied and actionDenied ("user [a] run as [b] with effective roles [...]");
 * - Authentication.toXContentFragment (authentication_realm is the caller's, lookup_realm the run-as user's).
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const AUTHENTICATE_ACTION = 'cluster:admin/xpack/security/user/authenticate';
const USER_GET_ACTION = 'cluster:admin/xpack/security/user/get';
const NATIVE = { name: 'default_native', type: 'native' };
const RESERVED = { name: 'reserved', type: 'reserved' };
const WWW_AUTHENTICATE = ['Bearer realm="security"', 'ApiKey', 'Basic realm="security" charset="UTF-8"'];

let server: RunningServer;
let admin: Client;
const clients: Client[] = [];

function clientAs(username: string, password: string): Client {
  const client = esClient(server.url, username, password);
  clients.push(client);
  return client;
}

/** Transport options that make the official client send the run-as header. */
function as(username: string) {
  return { headers: { 'es-security-runas-user': username } };
}

/** One raw request with Basic credentials and (unless undefined) the run-as header. */
async function raw(
  method: string,
  path: string,
  credentials: [string, string],
  runAs: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: Json; headers: Record<string, string[]> }> {
  const headers: Record<string, string> = { authorization: basic(...credentials) };
  if (runAs !== undefined) headers['es-security-runas-user'] = runAs;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await rawRequest(server.url, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: response.json(), headers: response.headers };
}

function runAsDenied(action: string, user: string, roles: string, target: string): string {
  return `action [${action}] is unauthorized for user [${user}] with effective roles [${roles}], because user [${user}] is unauthorized to run as [${target}]`;
}

const ELASTIC: [string, string] = ['elastic', ELASTIC_PASSWORD];
const ALICE: [string, string] = ['alice', 'alice-password'];
const RUNNER: [string, string] = ['runner', 'runner-password'];

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  admin = clientAs(...ELASTIC);
  await admin.security.putRole({ name: 'runner_b', run_as: ['b*'] });
  await admin.security.putUser({ username: 'bob', password: 'bob-password', roles: ['editor'], full_name: 'Bob Builder', email: 'bob@example.com', metadata: { team: 'b' } });
  await admin.security.putUser({ username: 'alice', password: 'alice-password', roles: ['viewer'], full_name: 'Alice Liddell', email: 'alice@example.com' });
  await admin.security.putUser({ username: 'carol', password: 'carol-password', roles: ['viewer'] });
  await admin.security.putUser({ username: 'runner', password: 'runner-password', roles: ['runner_b'] });
  await admin.security.putUser({ username: 'pam', password: 'pam-password', roles: ['user_profile_admin'] });
  await admin.security.putUser({ username: 'joe', password: 'joe-password', roles: ['superuser'] });
});

test.afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test('allowed run-as: _authenticate answers as bob, authenticated by elastic (reserved), looked up in the native realm', async () => {
  expect(await admin.security.authenticate(undefined, as('bob'))).toEqual({
    username: 'bob',
    roles: ['editor'],
    full_name: 'Bob Builder',
    email: 'bob@example.com',
    metadata: { team: 'b' },
    enabled: true,
    authentication_realm: RESERVED,
    lookup_realm: NATIVE,
    authentication_type: 'realm',
  });
  // Without the header the same client is elastic again.
  expect((await admin.security.authenticate()).username).toBe('elastic');
});

test('a reserved user is looked up in the reserved realm', async () => {
  const me = await admin.security.authenticate(undefined, as('kibana_system'));
  expect(me.username).toBe('kibana_system');
  expect(me.roles).toEqual(['kibana_system']);
  expect(me.metadata).toEqual({ _reserved: true });
  expect(me.authentication_realm).toEqual(RESERVED);
  expect(me.lookup_realm).toEqual(RESERVED);
});

test('refused run-as: a user without run_as gets the 403 runAsDenied, exact body', async () => {
  const response = await raw('GET', '/_security/_authenticate', ALICE, 'elastic');
  expect(response.status).toBe(403);
  expect(response.body).toEqual(esErrorBody('security_exception', runAsDenied(AUTHENTICATE_ACTION, 'alice', 'viewer', 'elastic'), 403));
  expect(response.headers['www-authenticate']).toBeUndefined();
  // The official client sees the same.
  const viaClient = await outcome(clientAs(...ALICE).security.authenticate(undefined, as('elastic')));
  expect(viaClient.status).toBe(403);
  expect(viaClient.body.error.reason).toBe(runAsDenied(AUTHENTICATE_ACTION, 'alice', 'viewer', 'elastic'));
});

test('the refusal names the action that was asked for', async () => {
  const response = await raw('GET', '/_security/user', ALICE, 'bob');
  expect(response.status).toBe(403);
  expect(response.body.error.reason).toBe(runAsDenied(USER_GET_ACTION, 'alice', 'viewer', 'bob'));
});

test('unknown run-as user: 403, even for a superuser (no answer tells which users exist)', async () => {
  const response = await raw('GET', '/_security/_authenticate', ELASTIC, 'no_such_user');
  expect(response.status).toBe(403);
  expect(response.body).toEqual(esErrorBody('security_exception', runAsDenied(AUTHENTICATE_ACTION, 'elastic', 'superuser', 'no_such_user'), 403));
});

test('empty run-as header: 401 naming the authenticating user', async () => {
  const response = await raw('GET', '/_security/_authenticate', ELASTIC, '');
  expect(response.status).toBe(401);
  const reason = 'unable to authenticate user [elastic] for REST request [/_security/_authenticate]';
  expect(response.body).toEqual(
    esErrorBody('security_exception', reason, 401, { header: { 'WWW-Authenticate': WWW_AUTHENTICATE } }),
  );
  // The challenges, whether on separate header lines or folded into one (see api-errors.spec.ts).
  const challenges = (response.headers['www-authenticate'] ?? []).flatMap((line) => line.split(/,\s*(?=(?:Bearer|ApiKey|Basic)\b)/));
  expect(challenges).toEqual(WWW_AUTHENTICATE);
});

test('a disabled run-as user: 401 like a disabled caller', async () => {
  await admin.security.disableUser({ username: 'carol' });
  try {
    const response = await raw('GET', '/_security/_authenticate', ELASTIC, 'carol');
    expect(response.status).toBe(401);
    expect(response.body.error.reason).toBe('unable to authenticate user [elastic] for REST request [/_security/_authenticate]');
  } finally {
    await admin.security.enableUser({ username: 'carol' });
  }
});

test('after run-as the effective user\'s roles decide, and the 403 names both users', async () => {
  // bob himself may not list users; elastic running as bob may not either.
  const asBob = await raw('GET', '/_security/user', ['bob', 'bob-password'], undefined);
  expect(asBob.status).toBe(403);
  const direct = asBob.body.error.reason as string;
  expect(direct.startsWith(`action [${USER_GET_ACTION}] is unauthorized for user [bob] with effective roles [editor]`)).toBe(true);

  const response = await raw('GET', '/_security/user', ELASTIC, 'bob');
  expect(response.status).toBe(403);
  expect(response.body).toEqual(
    esErrorBody('security_exception', direct.replace('for user [bob] with', 'for user [elastic] run as [bob] with'), 403),
  );
  const viaClient = await outcome(admin.security.getUser(undefined, as('bob')));
  expect(viaClient.status).toBe(403);
  expect(viaClient.body.error.reason).toContain('is unauthorized for user [elastic] run as [bob] with effective roles [editor]');
});

test('a custom role\'s run_as pattern ["b*"]: bob yes, carol no', async () => {
  const runner = clientAs(...RUNNER);
  const me = await runner.security.authenticate(undefined, as('bob'));
  expect(me.username).toBe('bob');
  expect(me.authentication_realm).toEqual(NATIVE);
  expect(me.lookup_realm).toEqual(NATIVE);

  const refused = await raw('GET', '/_security/_authenticate', RUNNER, 'carol');
  expect(refused.status).toBe(403);
  expect(refused.body.error.reason).toBe(runAsDenied(AUTHENTICATE_ACTION, 'runner', 'runner_b', 'carol'));

  // The pattern grants running as bob, not bob's privileges to the runner itself.
  expect((await outcome(runner.security.getUser())).status).toBe(403);
});

test('profile activation: the caller is authorized as the run-as user, the profile is the grant\'s user\'s', async () => {
  const grant = { grant_type: 'password' as const, username: 'alice', password: 'alice-password' };
  // elastic running as bob (editor) may not activate profiles.
  const refused = await raw('POST', '/_security/profile/_activate', ELASTIC, 'bob', grant);
  expect(refused.status).toBe(403);
  expect(refused.body.error.reason).toBe(
    `action [${ACTIVATE_ACTION}] is unauthorized for user [elastic] run as [bob] with effective roles [editor], ` +
      'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
  );
  // joe (superuser) running as pam (user_profile_admin) may; the profile is alice's, not pam's or joe's.
  const joe = clientAs('joe', 'joe-password');
  const profile = await joe.security.activateUserProfile(grant, as('pam'));
  expect(profile.uid).toBe(expectedUid('alice'));
  expect(profile.user.username).toBe('alice');
  expect(profile.user.realm_name).toBe('default_native');
});

test('API keys may run as: type api_key, the key\'s realm, the user\'s lookup realm, no api_key field', async () => {
  const key = await admin.security.createApiKey({ name: 'run-as-key' });
  const keyClient = new Client({ node: server.url, auth: { apiKey: key.encoded }, maxRetries: 0, requestTimeout: 30_000 });
  clients.push(keyClient);
  const me = await keyClient.security.authenticate(undefined, as('bob'));
  expect(me).toEqual({
    username: 'bob',
    roles: ['editor'],
    full_name: 'Bob Builder',
    email: 'bob@example.com',
    metadata: { team: 'b' },
    enabled: true,
    authentication_realm: { name: '_es_api_key', type: '_es_api_key' },
    lookup_realm: NATIVE,
    authentication_type: 'api_key',
  });
});

test('header ignored where run-as is not supported: a token created under run-as cannot run as again', async () => {
  // elastic runs as joe and creates a token for that authentication (client_credentials).
  const token = await admin.security.getToken({ grant_type: 'client_credentials' }, as('joe'));
  const tokenClient = new Client({ node: server.url, auth: { bearer: token.access_token }, maxRetries: 0, requestTimeout: 30_000 });
  clients.push(tokenClient);
  const plain = await tokenClient.security.authenticate();
  expect(plain.username).toBe('joe');
  expect(plain.authentication_realm).toEqual(RESERVED);
  expect(plain.lookup_realm).toEqual(NATIVE);
  expect(plain.authentication_type).toBe('token');
  // No chained run-as (Authentication.supportsRunAs): the header is ignored, not refused.
  expect(await tokenClient.security.authenticate(undefined, as('alice'))).toEqual(plain);
  expect((await tokenClient.security.authenticate(undefined, as(''))).username).toBe('joe');
});

test('an ordinary access token may run as, like its user', async () => {
  const token = await admin.security.getToken({ grant_type: 'password', username: 'runner', password: 'runner-password' });
  const response = await rawRequest(server.url, '/_security/_authenticate', {
    headers: { authorization: `Bearer ${token.access_token}`, 'es-security-runas-user': 'bob' },
  });
  expect(response.status).toBe(200);
  const body = response.json();
  expect(body.username).toBe('bob');
  expect(body.authentication_type).toBe('token');
  const refused = await rawRequest(server.url, '/_security/_authenticate', {
    headers: { authorization: `Bearer ${token.access_token}`, 'es-security-runas-user': 'alice' },
  });
  expect(refused.status).toBe(403);
  expect(refused.json().error.reason).toBe(runAsDenied(AUTHENTICATE_ACTION, 'runner', 'runner_b', 'alice'));
});
