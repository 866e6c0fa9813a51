import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './test-harness';

/** PUT /_security/role bodies as RoleDescriptor.parse reads them (the e2e tests cover the common errors). */

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi('elastic-password');
});
afterAll(() => api.close());

describe('PUT /_security/role application privileges', () => {
  it('reads each entry with ApplicationResourcePrivileges\' ObjectParser', async () => {
    const reply = await api.call('PUT', '/_security/role/apps', { applications: [{ application: 'myapp', privileges: ['read'], resources: ['*'], foo: 1 }] });
    expect(reply.status, reply.raw).toBe(400);
    expect(reply.body.error.type).toBe('x_content_parse_exception');
    expect(reply.body.error.reason).toMatch(/^\[1:\d+\] \[application\] unknown field \[foo\]$/);
  });

  it('requires resources and privileges', async () => {
    const reply = await api.call('PUT', '/_security/role/apps', { applications: [{ application: 'myapp', privileges: ['read'] }] });
    expect(reply.status, reply.raw).toBe(400);
    expect(reply.body.error.reason).toBe('failed to parse application privileges for role [apps]. missing required [resources] field');
  });
});

describe('PUT /_security/role global privileges', () => {
  it('are kept and returned after cluster, as RoleDescriptor.toXContent writes them', async () => {
    const global = { application: { manage: { applications: ['myapp'] } } };
    const put = await api.call('PUT', '/_security/role/global_role', { cluster: ['monitor'], global, description: 'with global' });
    expect(put.status, put.raw).toBe(200);
    const got = await api.call('GET', '/_security/role/global_role');
    expect(Object.keys(got.body.global_role)).toEqual(['cluster', 'global', 'indices', 'applications', 'run_as', 'metadata', 'transient_metadata', 'description']);
    expect(got.body.global_role.global).toEqual(global);
  });
});
