import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Client } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { ACTIVATE_ACTION, basic, esClient, expectedUid, outcome, rawRequest, type Json } from './support/es-http';

/**
 * The user and role APIs that activation depends on, driven with the official client: Elasticsearch
 * response shapes, credential-cache invalidation on every user change, role-based authorization of
 * the activate API (compatibility notes §2.2, §2.3), reserved roles and users, and _authenticate.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';

let server: RunningServer;
let admin: Client;
const clients: Client[] = [];

function clientAs(username: string, password: string): Client {
  const client = esClient(server.url, username, password);
  clients.push(client);
  return client;
}

/** One request as elastic over plain HTTP, for exact error bodies. */
async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { authorization: basic('elastic', ELASTIC_PASSWORD) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await rawRequest(server.url, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: response.json() };
}

function grant(username: string, password: string) {
  return admin.security.activateUserProfile({ grant_type: 'password', username, password });
}

function grantFailure(username: string) {
  return `unable to authenticate user [${username}] for action [${ACTIVATE_ACTION}]`;
}

function denial(username: string, roles: string) {
  return (
    `action [${ACTIVATE_ACTION}] is unauthorized for user [${username}] with effective roles [${roles}], ` +
    'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]'
  );
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  admin = clientAs('elastic', ELASTIC_PASSWORD);
  await admin.security.putUser({ username: 'joe', password: 's3krit-password', roles: ['superuser'], full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' });
});

test.afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test.describe('users', () => {
  test('put, get and delete a user with Elasticsearch response shapes', async () => {
    expect(await admin.security.putUser({ username: 'ann', password: 'ann-password', roles: ['viewer'], full_name: 'Ann A', email: 'ann@example.com', metadata: { team: 'x' } })).toEqual({ created: true });
    expect(await admin.security.putUser({ username: 'ann', roles: ['viewer', 'editor'], full_name: 'Ann B' })).toEqual({ created: false });

    expect(await admin.security.getUser({ username: 'ann' })).toEqual({
      ann: { username: 'ann', roles: ['viewer', 'editor'], full_name: 'Ann B', email: null, metadata: {}, enabled: true },
    });
    // The update without a password kept the old one.
    expect((await grant('ann', 'ann-password')).user.full_name).toBe('Ann B');

    const all = await admin.security.getUser();
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['elastic', 'kibana_system', 'joe', 'ann']));
    expect(all.elastic).toMatchObject({ username: 'elastic', roles: ['superuser'], metadata: { _reserved: true }, enabled: true });

    expect(await admin.security.deleteUser({ username: 'ann' })).toEqual({ found: true });
    const again = await outcome(admin.security.deleteUser({ username: 'ann' }));
    expect({ status: again.status, body: again.body }).toEqual({ status: 404, body: { found: false } });
    // The deleted user's cached credentials are gone at once.
    const afterDelete = await outcome(grant('ann', 'ann-password'));
    expect(afterDelete.status).toBe(401);
    expect(afterDelete.body.error.reason).toBe(grantFailure('ann'));
  });

  test('GET of an unknown user: 404 with an empty object', async () => {
    const nobody = await outcome(admin.security.getUser({ username: 'nobody' }));
    expect({ status: nobody.status, body: nobody.body }).toEqual({ status: 404, body: {} });
    // With ignore, the client hands back the body as Elasticsearch sends it.
    expect(await admin.security.getUser({ username: 'nobody' }, { ignore: [404] })).toEqual({});
  });

  test('after a password change the new password activates and the old one fails at once', async () => {
    await admin.security.putUser({ username: 'pat', password: 'first-password', roles: ['viewer'] });
    const before = await grant('pat', 'first-password'); // now in the credential cache
    const pat = clientAs('pat', 'first-password');
    expect((await pat.security.authenticate()).username).toBe('pat');

    expect(await admin.security.changePassword({ username: 'pat', password: 'second-password' })).toEqual({});

    const old = await outcome(grant('pat', 'first-password'));
    expect(old.status).toBe(401);
    expect(old.body.error.type).toBe('security_exception');
    expect(old.body.error.reason).toBe(grantFailure('pat'));
    // Also as the caller of a request.
    const oldCaller = await outcome(pat.security.authenticate());
    expect(oldCaller.status).toBe(401);
    expect(oldCaller.body.error.reason).toBe('unable to authenticate user [pat] for REST request [/_security/_authenticate]');

    const after = await grant('pat', 'second-password');
    expect(after.uid).toBe(before.uid);
    expect(after.uid).toBe(expectedUid('pat'));
  });

  test('a user may change their own password without manage_security', async () => {
    await admin.security.putUser({ username: 'sam', password: 'sam-password-1', roles: ['viewer'] });
    const sam = clientAs('sam', 'sam-password-1');
    expect(await sam.security.changePassword({ password: 'sam-password-2' })).toEqual({});
    expect((await outcome(grant('sam', 'sam-password-1'))).status).toBe(401);
    expect((await grant('sam', 'sam-password-2')).user.username).toBe('sam');
  });

  test("a disabled user's grant fails with 401; enabling the user again restores it", async () => {
    await admin.security.putUser({ username: 'dan', password: 'dan-password', roles: ['viewer'] });
    const profile = await grant('dan', 'dan-password');

    expect(await admin.security.disableUser({ username: 'dan' })).toEqual({});
    const disabled = await outcome(grant('dan', 'dan-password'));
    expect(disabled.status).toBe(401);
    expect(disabled.body.error.reason).toBe(grantFailure('dan'));
    // The profile itself stays as it was (profiles are not disabled with the user).
    expect((await admin.security.getUserProfile({ uid: profile.uid })).profiles[0].enabled).toBe(true);

    expect(await admin.security.enableUser({ username: 'dan' })).toEqual({});
    expect((await grant('dan', 'dan-password')).uid).toBe(profile.uid);
  });

  test('a user put with enabled:false cannot be used in a grant', async () => {
    await admin.security.putUser({ username: 'ed', password: 'ed-password', roles: ['viewer'], enabled: false });
    const result = await outcome(grant('ed', 'ed-password'));
    expect(result.status).toBe(401);
    expect(result.body.error.reason).toBe(grantFailure('ed'));
  });

  test('GET /_security/_authenticate for a native user', async () => {
    const joe = clientAs('joe', 's3krit-password');
    expect(await joe.security.authenticate()).toEqual({
      username: 'joe',
      roles: ['superuser'],
      full_name: 'Bazooka Joe',
      email: 'joe@bazooka.gum',
      metadata: {},
      enabled: true,
      authentication_realm: { name: 'default_native', type: 'native' },
      lookup_realm: { name: 'default_native', type: 'native' },
      authentication_type: 'realm',
    });
  });

  test('GET /_security/_authenticate for the reserved elastic user', async () => {
    // Reserved-realm users carry {"_reserved": true} in their metadata, as in Elasticsearch.
    expect(await admin.security.authenticate()).toEqual({
      username: 'elastic',
      roles: ['superuser'],
      full_name: null,
      email: null,
      metadata: { _reserved: true },
      enabled: true,
      authentication_realm: { name: 'reserved', type: 'reserved' },
      lookup_realm: { name: 'reserved', type: 'reserved' },
      authentication_type: 'realm',
    });
  });
});

test.describe('roles and the activate privilege', () => {
  test('the reserved roles superuser, kibana_system and viewer exist', async () => {
    const roles = await admin.security.getRole({ name: 'superuser,kibana_system,viewer' });
    expect(Object.keys(roles).sort()).toEqual(['kibana_system', 'superuser', 'viewer']);
    for (const name of ['superuser', 'kibana_system', 'viewer']) expect(roles[name].metadata).toMatchObject({ _reserved: true });
    expect(roles.superuser.cluster).toEqual(['all']);
    expect(roles.viewer.cluster).toEqual([]);
    expect(roles.kibana_system.cluster).toEqual(expect.arrayContaining(['cluster:admin/xpack/security/profile/activate']));

    const unknown = await outcome(admin.security.getRole({ name: 'no_such_role' }));
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: 404, body: {} });
  });

  test('reserved roles cannot be redefined', async () => {
    const result = await outcome(admin.security.putRole({ name: 'superuser', cluster: ['monitor'] }));
    expect(result.status).toBe(400);
    expect(result.body.error.type).toBe('action_request_validation_exception');
  });

  test('a role with manage_user_profile lets its user activate; one with only monitor does not', async () => {
    expect(await admin.security.putRole({ name: 'profile_manager', cluster: ['manage_user_profile'] })).toEqual({ role: { created: true } });
    expect(await admin.security.putRole({ name: 'monitor_only', cluster: ['monitor'] })).toEqual({ role: { created: true } });
    await admin.security.putUser({ username: 'manager', password: 'manager-password', roles: ['profile_manager'] });
    await admin.security.putUser({ username: 'watcher', password: 'watcher-password', roles: ['monitor_only'] });

    const manager = clientAs('manager', 'manager-password');
    const profile = await manager.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' });
    expect(profile.uid).toBe(expectedUid('joe'));
    // The profile belongs to the grant's user, not to the caller.
    expect(profile.user.username).toBe('joe');
    expect((await manager.security.getUserProfile({ uid: profile.uid })).profiles[0].uid).toBe(profile.uid);

    const watcher = clientAs('watcher', 'watcher-password');
    const denied = await outcome(watcher.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' }));
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        root_cause: [{ type: 'security_exception', reason: denial('watcher', 'monitor_only') }],
        type: 'security_exception',
        reason: denial('watcher', 'monitor_only'),
      },
      status: 403,
    });
  });

  test('manage_security grants activate too; a changed role takes effect at once', async () => {
    expect(await admin.security.putRole({ name: 'sec_admin', cluster: ['manage_security'] })).toEqual({ role: { created: true } });
    await admin.security.putUser({ username: 'secadmin', password: 'secadmin-password', roles: ['sec_admin'] });
    const secadmin = clientAs('secadmin', 'secadmin-password');
    expect((await secadmin.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' })).user.username).toBe('joe');

    expect(await admin.security.putRole({ name: 'sec_admin', cluster: ['monitor'] })).toEqual({ role: { created: false } });
    const denied = await outcome(secadmin.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' }));
    expect(denied.status).toBe(403);
    expect(denied.body.error.reason).toBe(denial('secadmin', 'sec_admin'));

    expect(await admin.security.deleteRole({ name: 'sec_admin' })).toEqual({ found: true });
    const missing = await outcome(secadmin.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' }));
    expect(missing.status).toBe(403);
    expect(missing.body.error.reason).toBe(
      `action [${ACTIVATE_ACTION}] is unauthorized for user [secadmin] with effective roles [] (assigned roles [sec_admin] were not found), ` +
        'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
    );
  });

  test('a raw action pattern in a role grants exactly that action', async () => {
    await admin.security.putRole({ name: 'activate_only', cluster: ['cluster:admin/xpack/security/profile/activate'] });
    await admin.security.putUser({ username: 'activator', password: 'activator-password', roles: ['activate_only'] });
    const activator = clientAs('activator', 'activator-password');
    const profile = await activator.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' });
    expect(profile.uid).toBe(expectedUid('joe'));

    const get = await outcome(activator.security.getUserProfile({ uid: profile.uid }));
    expect(get.status).toBe(403);
    expect(get.body.error.reason).toMatch(
      /^action \[cluster:admin\/xpack\/security\/profile\/get\] is unauthorized for user \[activator\] with effective roles \[activate_only\], this action is granted by the cluster privileges \[/,
    );
  });

  test('kibana_system, once given a password, activates profiles on behalf of users (Kibana flow, §11)', async () => {
    expect(await admin.security.changePassword({ username: 'kibana_system', password: 'kibana-password' })).toEqual({});
    const kibana = clientAs('kibana_system', 'kibana-password');
    const profile = await kibana.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' });
    expect(profile.uid).toBe(expectedUid('joe'));
    expect(profile.user.realm_name).toBe('default_native');

    // kibana_system may not manage users.
    const put = await outcome(kibana.security.putUser({ username: 'intruder', password: 'intruder-password', roles: ['superuser'] }));
    expect(put.status).toBe(403);
    expect(put.body.error.reason).toMatch(/^action \[cluster:admin\/xpack\/security\/user\/put\] is unauthorized for user \[kibana_system\]/);
  });

  test('unknown cluster and index privileges: 400 action_request_validation_exception naming each', async () => {
    const result = await outcome(
      admin.security.putRole({
        name: 'bad_role',
        cluster: ['no_such_privilege'],
        indices: [{ names: ['logs-*'], privileges: ['read', 'no_such_index_privilege'] }],
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body.error.type).toBe('action_request_validation_exception');
    expect(result.body.error.reason).toMatch(
      /^Validation Failed: 1: unknown cluster privilege \[no_such_privilege\]\. .*;2: unknown index privilege \[no_such_index_privilege\]\. a privilege must be either one of the predefined fixed indices privileges \[.*read.*\] or a pattern over one of the available index actions;$/,
    );
    expect((await outcome(admin.security.getRole({ name: 'bad_role' }))).status).toBe(404);
  });

  test('role bodies are read as RoleDescriptor.parse reads them: unknown fields and wrong types are parse errors', async () => {
    const cases: Array<[unknown, string]> = [
      [{ cluster: ['monitor'], foo: 1 }, 'failed to parse role [strict]. unexpected field [foo]'],
      [{ indices: [{ names: ['a'], privileges: ['read'], foo: 'bar' }] }, 'failed to parse indices privileges for role [strict]. unexpected field [foo]'],
      [{ indices: [{ names: [], privileges: ['read'] }] }, 'failed to parse indices privileges for role [strict]. [names] cannot be an empty array'],
      [{ indices: ['a'] }, 'failed to parse indices privileges for role [strict]. expected field [indices] value to be an array of objects, but found an array element of type [VALUE_STRING]'],
      [{ cluster: 'monitor' }, 'failed to parse role [strict]'],
    ];
    for (const [body, reason] of cases) {
      const response = await raw('PUT', '/_security/role/strict', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.type).toBe('parse_exception');
      expect(response.body.error.reason).toBe(reason);
    }
    // A lone string where an array belongs: the cause says what was found.
    const lone = await raw('PUT', '/_security/role/strict', { cluster: 'monitor' });
    expect(lone.body.error.caused_by).toEqual({
      type: 'parse_exception',
      reason: 'could not parse [cluster] field. expected a string array but found [VALUE_STRING] value instead',
    });
  });

  test('a role keeps its document-level query as JSON text and its field security, in Elasticsearch\'s key order', async () => {
    await admin.security.putRole({
      name: 'dls_role',
      indices: [{ names: ['logs-*'], privileges: ['read'], query: { term: { team: 'a' } }, field_security: { grant: ['*'], except: ['secret'] } }],
      description: 'team a logs',
      metadata: { owner: 'a' },
    });
    const role = (await admin.security.getRole({ name: 'dls_role' })).dls_role as unknown as Record<string, unknown>;
    expect(Object.keys(role)).toEqual(['cluster', 'indices', 'applications', 'run_as', 'metadata', 'transient_metadata', 'description']);
    expect(role.indices).toEqual([
      { names: ['logs-*'], privileges: ['read'], field_security: { grant: ['*'], except: ['secret'] }, query: '{"term":{"team":"a"}}', allow_restricted_indices: false },
    ]);
    const reserved = (await admin.security.getRole({ name: 'viewer' })).viewer as unknown as Record<string, unknown>;
    expect(Object.keys(reserved).at(-1)).toBe('description');
  });

  test('reserved roles cannot be deleted: 400 illegal_argument_exception', async () => {
    const response = await raw('DELETE', '/_security/role/superuser');
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('illegal_argument_exception');
    expect(response.body.error.reason).toBe('role [superuser] is reserved and cannot be deleted');
  });
});
