import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './test-harness';

/** GET /_security/user/_privileges and user _has_privileges over cluster, index and application privileges. */

let api: TestApi;
const LOGS = 'Basic ' + Buffer.from('logs_reader:reader-password').toString('base64');

beforeAll(async () => {
  api = await openTestApi('elastic-password');
  const role = await api.call('PUT', '/_security/role/logs_role', {
    cluster: ['monitor', 'manage_own_api_key'],
    indices: [
      { names: ['logs-*', 'audit'], privileges: ['read', 'view_index_metadata'] },
      { names: ['metrics-*'], privileges: ['write'], query: { term: { team: 'a' } } },
    ],
    applications: [{ application: 'myapp', privileges: ['read'], resources: ['space:default'] }],
    run_as: ['bot_*'],
  });
  expect(role.status, role.raw).toBe(200);
  const user = await api.call('PUT', '/_security/user/logs_reader', { password: 'reader-password', roles: ['logs_role', 'viewer'] });
  expect(user.status, user.raw).toBe(200);
});
afterAll(() => api.close());

describe('POST /_security/user/_has_privileges', () => {
  it('answers each index and application privilege on its own', async () => {
    const reply = await api.call(
      'POST',
      '/_security/user/_has_privileges',
      {
        cluster: ['monitor', 'manage_security'],
        index: [
          { names: ['logs-2026', 'secrets'], privileges: ['read', 'write'] },
          { names: ['metrics-x'], privileges: ['index'] },
        ],
        application: [{ application: 'myapp', privileges: ['read', 'all'], resources: ['space:default', 'space:other'] }],
      },
      LOGS,
    );
    expect(reply.status, reply.raw).toBe(200);
    expect(reply.body).toEqual({
      username: 'logs_reader',
      has_all_requested: false,
      cluster: { monitor: true, manage_security: false },
      index: {
        'logs-2026': { read: true, write: false },
        // viewer reads every non-restricted index
        secrets: { read: true, write: false },
        'metrics-x': { index: true },
      },
      application: {
        myapp: {
          'space:default': { read: true, all: false },
          'space:other': { read: false, all: false },
        },
      },
    });
  });

  it('says has_all_requested when every privilege is held', async () => {
    const reply = await api.call('POST', '/_security/user/_has_privileges', { index: [{ names: ['audit'], privileges: ['read'] }] }, LOGS);
    expect(reply.body.has_all_requested).toBe(true);
  });

  it('limits an API key\'s answers by its own role descriptors', async () => {
    const key = await api.call('POST', '/_security/api_key', { name: 'narrow', role_descriptors: { r: { indices: [{ names: ['audit'], privileges: ['read'] }] } } }, LOGS);
    expect(key.status, key.raw).toBe(200);
    const reply = await api.call(
      'POST',
      '/_security/user/_has_privileges',
      { index: [{ names: ['audit', 'logs-1'], privileges: ['read'] }] },
      `ApiKey ${key.body.encoded}`,
    );
    expect(reply.body.index).toEqual({ audit: { read: true }, 'logs-1': { read: false } });
  });

  it('needs at least one privilege, and reads the body as RoleDescriptor.parsePrivilegesToCheck', async () => {
    const empty = await api.call('POST', '/_security/user/_has_privileges', { cluster: [] }, LOGS);
    expect(empty.status).toBe(400);
    expect(empty.body.error.reason).toBe('Validation Failed: 1: must specify at least one privilege;');
    const unknown = await api.call('POST', '/_security/user/_has_privileges', { cluster: ['monitor'], foo: 1 }, LOGS);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.type).toBe('parse_exception');
    expect(unknown.body.error.reason).toBe('failed to parse privileges check [logs_reader]. unexpected field [foo]');
    const badIndex = await api.call('POST', '/_security/user/_has_privileges', { index: [{ names: ['a'], privileges: ['nope'] }] }, LOGS);
    expect(badIndex.status).toBe(400);
    expect(badIndex.body.error.reason).toMatch(/^unknown index privilege \[nope\]/);
  });
});

describe('GET /_security/user/_privileges', () => {
  it('lists the caller\'s own privileges over all its roles', async () => {
    const reply = await api.call('GET', '/_security/user/_privileges', undefined, LOGS);
    expect(reply.status, reply.raw).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['cluster', 'global', 'indices', 'applications', 'run_as']);
    // Sorted and de-duplicated over logs_role and viewer.
    expect(reply.body.cluster).toEqual([...new Set(reply.body.cluster as string[])].sort());
    expect(reply.body.cluster).toEqual(expect.arrayContaining(['manage_own_api_key', 'monitor']));
    expect(reply.body.indices).toContainEqual({ names: ['audit', 'logs-*'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false });
    expect(reply.body.indices).toContainEqual({ names: ['metrics-*'], privileges: ['write'], query: ['{"term":{"team":"a"}}'], allow_restricted_indices: false });
    expect(reply.body.applications).toContainEqual({ application: 'myapp', privileges: ['read'], resources: ['space:default'] });
    expect(reply.body.run_as).toEqual(['bot_*']);
  });

  it('is not mistaken for a user named _privileges', async () => {
    const reply = await api.call('GET', '/_security/user/_privileges');
    expect(reply.status, reply.raw).toBe(200);
    expect(reply.body.cluster).toEqual(['all']);
    expect(reply.body.run_as).toEqual(['*']);
  });

  it('refuses API keys with their own role descriptors, as Elasticsearch does', async () => {
    const key = await api.call('POST', '/_security/api_key', { name: 'limited', role_descriptors: { r: { cluster: ['monitor'] } } }, LOGS);
    const reply = await api.call('GET', '/_security/user/_privileges', undefined, `ApiKey ${key.body.encoded}`);
    expect(reply.status, reply.raw).toBe(400);
    expect(reply.body.error.reason).toMatch(/^Cannot retrieve privileges for API keys with assigned role descriptors/);
  });
});

describe('run-as and the privileges APIs', () => {
  it('GET /_security/user/_privileges does not reveal another user\'s privileges to a caller who may not run as them', async () => {
    const reply = await api.call('GET', '/_security/user/_privileges', undefined, LOGS, { 'es-security-runas-user': 'elastic' });
    expect(reply.status, reply.raw).toBe(403);
    expect(reply.body.error.reason).toMatch(/because user \[logs_reader\] is unauthorized to run as \[elastic\]$/);
    const has = await api.call('POST', '/_security/user/_has_privileges', { cluster: ['all'] }, LOGS, { 'es-security-runas-user': 'elastic' });
    expect(has.status, has.raw).toBe(403);
  });

  it('answers for the run-as user when the run-as is granted', async () => {
    const reply = await api.call('GET', '/_security/user/_privileges', undefined, undefined, { 'es-security-runas-user': 'logs_reader' });
    expect(reply.status, reply.raw).toBe(200);
    expect(reply.body.run_as).toEqual(['bot_*']);
  });
});
