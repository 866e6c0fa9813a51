import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './test-harness';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi('elastic-password');
  await api.call('PUT', '/_security/user/joe', { password: 'joe-password', roles: ['superuser'] });
});
afterAll(() => api.close());

describe('GET /_security/api_key?with_profile_uid', () => {
  it('adds the owner\'s profile uid once the owner has a profile, and only when asked', async () => {
    const joe = 'Basic ' + Buffer.from('joe:joe-password').toString('base64');
    const created = await api.call('POST', '/_security/api_key', { name: 'joe-key' }, joe);
    expect(created.status, created.raw).toBe(200);

    const before = await api.call('GET', `/_security/api_key?id=${created.body.id}&with_profile_uid=true`);
    expect(before.body.api_keys[0]).not.toHaveProperty('profile_uid');

    const activated = await api.call('POST', '/_security/profile/_activate', { grant_type: 'password', username: 'joe', password: 'joe-password' });
    expect(activated.status, activated.raw).toBe(200);

    const withUid = await api.call('GET', `/_security/api_key?id=${created.body.id}&with_profile_uid=true`);
    expect(withUid.body.api_keys[0].profile_uid).toBe(activated.body.uid);
    const keys = Object.keys(withUid.body.api_keys[0]);
    expect(keys[keys.length - 1]).toBe('profile_uid');

    const without = await api.call('GET', `/_security/api_key?id=${created.body.id}`);
    expect(without.body.api_keys[0]).not.toHaveProperty('profile_uid');
  });
});

describe('POST /_security/api_key from an API key (a derived key)', () => {
  const derivedMessage = 'creating derived api keys requires an explicit role descriptor that is empty (has no privileges)';
  let parentAuth: string;
  let parentId: string;

  beforeAll(async () => {
    const joe = 'Basic ' + Buffer.from('joe:joe-password').toString('base64');
    const parent = await api.call('POST', '/_security/api_key', { name: 'parent' }, joe);
    expect(parent.status, parent.raw).toBe(200);
    parentAuth = `ApiKey ${parent.body.encoded}`;
    parentId = parent.body.id;
  });

  it.each([
    ['no role descriptors', {}],
    ['an empty role_descriptors map', { role_descriptors: {} }],
    ['a descriptor with a cluster privilege', { role_descriptors: { r: { cluster: ['monitor'] } } }],
    ['a descriptor with index privileges', { role_descriptors: { r: { indices: [{ names: ['a'], privileges: ['read'] }] } } }],
    ['one empty and one granting descriptor', { role_descriptors: { a: {}, b: { run_as: ['x'] } } }],
  ])('is refused with %s: it would inherit the parent\'s privileges and outlive its invalidation', async (_, extra) => {
    const response = await api.call('POST', '/_security/api_key', { name: 'derived', ...extra }, parentAuth);
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.type).toBe('illegal_argument_exception');
    expect(response.body.error.reason).toBe(derivedMessage);
  });

  it('is allowed with an explicit empty descriptor, and then can do nothing', async () => {
    const derived = await api.call('POST', '/_security/api_key', { name: 'derived', role_descriptors: { none: {} } }, parentAuth);
    expect(derived.status, derived.raw).toBe(200);
    const derivedAuth = `ApiKey ${derived.body.encoded}`;
    const attempt = await api.call('GET', '/_security/user', undefined, derivedAuth);
    expect(attempt.status, attempt.raw).toBe(403);
    // Not even another (empty) key: creating keys needs a privilege the empty key lacks.
    const grandchild = await api.call('POST', '/_security/api_key', { name: 'grandchild', role_descriptors: { none: {} } }, derivedAuth);
    expect(grandchild.status, grandchild.raw).toBe(403);
  });

  it('is refused even after the parent key is invalidated (the parent no longer authenticates)', async () => {
    const invalidated = await api.call('DELETE', '/_security/api_key', { ids: [parentId] });
    expect(invalidated.status, invalidated.raw).toBe(200);
    const response = await api.call('POST', '/_security/api_key', { name: 'late' }, parentAuth);
    expect(response.status, response.raw).toBe(401);
  });
});

describe('POST /_security/api_key role_descriptors', () => {
  it('reads each descriptor as a role: a non-object is a parse error naming it', async () => {
    const response = await api.call('POST', '/_security/api_key', { name: 'k', role_descriptors: { r: 5 } });
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.type).toBe('parse_exception');
    expect(response.body.error.reason).toBe('failed to parse role [r]. expected an object but found [VALUE_NUMBER] instead');
  });

  it('refuses unknown fields in a descriptor', async () => {
    const response = await api.call('POST', '/_security/api_key', { name: 'k', role_descriptors: { r: { cluster: ['monitor'], foo: 1 } } });
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.reason).toBe('failed to parse role [r]. unexpected field [foo]');
  });

  it('validates privileges and metadata as a put role does, collecting every problem', async () => {
    const response = await api.call('POST', '/_security/api_key', {
      name: 'k',
      role_descriptors: { r: { cluster: ['bogus'], indices: [{ names: ['a'], privileges: ['nope'] }], metadata: { _x: 1 } } },
    });
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.type).toBe('action_request_validation_exception');
    expect(response.body.error.reason).toMatch(
      /^Validation Failed: 1: unknown cluster privilege \[bogus\]\..*;2: unknown index privilege \[nope\]\..*;3: role descriptor metadata keys may not start with \[_\];$/,
    );
  });
});
