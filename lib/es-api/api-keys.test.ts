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
