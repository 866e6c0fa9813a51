import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, openTestApi, type TestApi } from './test-harness';

/**
 * Access tokens and activation under run-as (es-security-runas-user), as Elasticsearch does them:
 * - a client_credentials token stands for the caller's whole authentication: the run-as user,
 *   looked up in its realm, with the caller as the authenticating subject;
 * - the token's user and realm are its effective subject's (TokenService.createTokenDocument:
 *   access_token.realm is the effective realm), which invalidation by username/realm_name uses;
 * - only the creating client may refresh, compared by effective subject (user and realm:
 *   Subject.canAccessResourcesOf);
 * - an activate access_token grant with a run-as token authorizes the run-as again
 *   (TransportGrantAction) and activates the run-as user's profile in its own realm.
 */

const ELASTIC = basicAuth('elastic', 'elastic-password');
const JOE = basicAuth('joe', 'joe-password');
const RUNNER = basicAuth('runner', 'runner-password');
const RESERVED = { name: 'reserved', type: 'reserved' };
const NATIVE = { name: 'default_native', type: 'native' };
const AUTHENTICATE_ACTION = 'cluster:admin/xpack/security/user/authenticate';

let api: TestApi;

function asUser(username: string): Record<string, string> {
  return { 'es-security-runas-user': username };
}

async function ok(reply: Promise<{ status: number; body: any; raw: string }>) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await reply;
  expect(r.status, r.raw).toBe(200);
  return r.body;
}

beforeAll(async () => {
  api = await openTestApi('elastic-password');
  await ok(api.call('PUT', '/_security/role/token_user', { cluster: ['manage_token'] }));
  await ok(api.call('PUT', '/_security/role/runner_role', { cluster: ['manage_token'], run_as: ['joe'] }));
  await ok(api.call('PUT', '/_security/user/joe', { password: 'joe-password', roles: ['token_user'] }));
  await ok(api.call('PUT', '/_security/user/bob', { password: 'bob-password', roles: ['viewer'] }));
  await ok(api.call('PUT', '/_security/user/runner', { password: 'runner-password', roles: ['runner_role'] }));
});
afterAll(() => api.close());

/** Each test starts without live tokens, so invalidation counts are its own. */
beforeEach(async () => {
  for (const realm of ['reserved', 'default_native']) {
    await ok(api.call('DELETE', '/_security/oauth2/token', { realm_name: realm }));
  }
});

describe('client_credentials token created under run-as', () => {
  it('stands for the run-as user: reserved authentication realm, native lookup realm', async () => {
    const created = await ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'client_credentials' }, ELASTIC, asUser('joe')));
    expect(created.authentication).toMatchObject({ username: 'joe', authentication_realm: RESERVED, lookup_realm: NATIVE });
    const me = await ok(api.call('GET', '/_security/_authenticate', undefined, `Bearer ${created.access_token}`));
    expect(me).toMatchObject({ username: 'joe', authentication_realm: RESERVED, lookup_realm: NATIVE, authentication_type: 'token' });
  });

  it('belongs to the run-as user\'s realm for invalidation by realm_name', async () => {
    const created = await ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'client_credentials' }, ELASTIC, asUser('joe')));
    const byReserved = await ok(api.call('DELETE', '/_security/oauth2/token', { realm_name: 'reserved' }));
    expect(byReserved.invalidated_tokens).toBe(0);
    const byNative = await ok(api.call('DELETE', '/_security/oauth2/token', { realm_name: 'default_native', username: 'joe' }));
    expect(byNative.invalidated_tokens).toBe(1);
    const me = await api.call('GET', '/_security/_authenticate', undefined, `Bearer ${created.access_token}`);
    expect(me.status).toBe(401);
  });

  it('belongs to the run-as user for invalidation by username', async () => {
    await ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'client_credentials' }, ELASTIC, asUser('joe')));
    expect((await ok(api.call('DELETE', '/_security/oauth2/token', { username: 'elastic' }))).invalidated_tokens).toBe(0);
    expect((await ok(api.call('DELETE', '/_security/oauth2/token', { username: 'joe' }))).invalidated_tokens).toBe(1);
  });
});

describe('password token created by a run-as client', () => {
  async function bobTokenCreatedAsJoe() {
    return ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'password', username: 'bob', password: 'bob-password' }, ELASTIC, asUser('joe')));
  }

  it('is the password user\'s token: the run-as header plays no part in its user', async () => {
    const created = await bobTokenCreatedAsJoe();
    expect(created.authentication).toMatchObject({ username: 'bob', authentication_realm: NATIVE, lookup_realm: NATIVE });
    const invalidated = await ok(api.call('DELETE', '/_security/oauth2/token', { realm_name: 'default_native', username: 'bob' }));
    expect(invalidated.invalidated_tokens).toBe(2);
  });

  it('is refreshed by the effective client (joe), not by the authenticating one (elastic)', async () => {
    const created = await bobTokenCreatedAsJoe();
    const refresh = { grant_type: 'refresh_token', refresh_token: created.refresh_token };
    const byElastic = await api.call('POST', '/_security/oauth2/token', refresh, ELASTIC);
    expect(byElastic.status).toBe(400);
    expect(byElastic.body).toEqual({ error: 'invalid_grant', error_description: 'tokens must be refreshed by the creating client' });
    const byJoe = await ok(api.call('POST', '/_security/oauth2/token', refresh, JOE));
    expect(byJoe.authentication).toMatchObject({ username: 'bob', authentication_type: 'token' });
  });

  it('may also be refreshed by anyone running as the client', async () => {
    const created = await bobTokenCreatedAsJoe();
    const refresh = { grant_type: 'refresh_token', refresh_token: created.refresh_token };
    const byRunner = await ok(api.call('POST', '/_security/oauth2/token', refresh, RUNNER, asUser('joe')));
    expect(byRunner.authentication.username).toBe('bob');
  });

  it('a token joe created is refreshed as joe only: runner itself is refused, runner running as joe is not', async () => {
    // The client is compared by user and realm: runner running as joe is joe of default_native.
    const created = await ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'password', username: 'bob', password: 'bob-password' }, JOE));
    const refresh = { grant_type: 'refresh_token', refresh_token: created.refresh_token };
    const byRunner = await api.call('POST', '/_security/oauth2/token', refresh, RUNNER);
    expect(byRunner.body).toEqual({ error: 'invalid_grant', error_description: 'tokens must be refreshed by the creating client' });
    await ok(api.call('POST', '/_security/oauth2/token', refresh, RUNNER, asUser('joe')));
  });
});

describe('activate with an access token created under run-as', () => {
  it('activates the run-as user\'s profile in the realm it was looked up in', async () => {
    const created = await ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'client_credentials' }, ELASTIC, asUser('joe')));
    const profile = await ok(api.call('POST', '/_security/profile/_activate', { grant_type: 'access_token', access_token: created.access_token }));
    expect(profile.user).toMatchObject({ username: 'joe', realm_name: 'default_native' });
    // The same profile as joe's own password activation.
    const own = await ok(api.call('POST', '/_security/profile/_activate', { grant_type: 'password', username: 'joe', password: 'joe-password' }));
    expect(own.uid).toBe(profile.uid);
  });

  it('authorizes the run-as again: a token whose creator may no longer run as the user is refused', async () => {
    const created = await ok(api.call('POST', '/_security/oauth2/token', { grant_type: 'client_credentials' }, RUNNER, asUser('joe')));
    const grant = { grant_type: 'access_token', access_token: created.access_token };
    await ok(api.call('POST', '/_security/profile/_activate', grant));
    await ok(api.call('PUT', '/_security/role/runner_role', { cluster: ['manage_token'], run_as: [] }));
    try {
      const refused = await api.call('POST', '/_security/profile/_activate', grant);
      expect(refused.status, refused.raw).toBe(403);
      expect(refused.body.error.type).toBe('security_exception');
      expect(refused.body.error.reason).toBe(
        `action [${AUTHENTICATE_ACTION}] is unauthorized for user [runner] with effective roles [runner_role], ` +
          'because user [runner] is unauthorized to run as [joe]',
      );
    } finally {
      await ok(api.call('PUT', '/_security/role/runner_role', { cluster: ['manage_token'], run_as: ['joe'] }));
    }
  });
});

describe('client_credentials for a service account', () => {
  it('is refused as in Elasticsearch', async () => {
    const reply = await api.call('POST', '/_security/oauth2/token', { grant_type: 'client_credentials' }, `Bearer ${api.engine.consoleIdentity.credential}`);
    expect(reply.status, reply.raw).toBe(400);
    expect(reply.body.error.reason).toBe('OAuth2 token creation is not supported for service accounts');
  });
});
