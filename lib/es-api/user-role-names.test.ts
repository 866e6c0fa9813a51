import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './test-harness';

/**
 * PUT /_security/user/{name} refuses invalid role names as TransportPutUserAction.validateRequest
 * does (NativeRealmValidationUtil.validateRoleName(role, true)): one message per bad name, after
 * the username's problem.
 */

const ROLE_NAME_RULES =
  'Role names must be at least 1 and no more than 507 characters. They can contain alphanumeric characters (a-z, A-Z, 0-9), ' +
  'spaces, punctuation, and printable symbols in the Basic Latin (ASCII) block. Leading or trailing whitespace is not allowed.';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi('elastic-password');
});
afterAll(() => api.close());

describe('PUT /_security/user with invalid role names', () => {
  it.each([
    ['leading whitespace', ' x'],
    ['trailing whitespace', 'x '],
    ['no characters', ''],
    ['a non-ASCII character', 'r\u00e9le'],
    ['508 characters', 'a'.repeat(508)],
  ])('refuses a role name with %s', async (_label, role) => {
    const reply = await api.call('PUT', '/_security/user/joe', { password: 'joe-password', roles: ['viewer', role] });
    expect(reply.status, reply.raw).toBe(400);
    expect(reply.body.error.type).toBe('action_request_validation_exception');
    expect(reply.body.error.reason).toBe(`Validation Failed: 1: ${ROLE_NAME_RULES};`);
    expect((await api.call('GET', '/_security/user/joe')).status).toBe(404);
  });

  it('reports each bad role after the username, before metadata and password problems', async () => {
    const reply = await api.call('PUT', '/_security/user/%20joe', {
      password: 'short',
      roles: [' a', 'ok', 'b '],
      metadata: { _hidden: 1 },
    });
    expect(reply.status, reply.raw).toBe(400);
    const reason: string = reply.body.error.reason;
    const entries = reason.replace(/^Validation Failed: /, '').split(/;(?=\d+: )/);
    expect(entries[0]).toMatch(/^1: Usernames must be/);
    expect(entries[1]).toBe(`2: ${ROLE_NAME_RULES}`);
    expect(entries[2]).toBe(`3: ${ROLE_NAME_RULES}`);
    expect(entries[3]).toBe('4: metadata keys may not start with [_]');
  });

  it('accepts names with inner spaces and punctuation', async () => {
    const reply = await api.call('PUT', '/_security/user/ann', { password: 'ann-password', roles: ['my role', 'team-a.read'] });
    expect(reply.status, reply.raw).toBe(200);
  });
});
