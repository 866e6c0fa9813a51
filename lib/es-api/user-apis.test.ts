import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from './test-harness';

/** Errors of the user APIs for reserved, internal, missing and own users, as Elasticsearch words them. */

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi('elastic-password');
  await api.call('PUT', '/_security/user/admin_joe', { password: 'joe-password', roles: ['superuser'] });
});
afterAll(() => api.close());

function error(reply: { status: number; body: { error: { type: string; reason: string } }; raw: string }) {
  return { status: reply.status, type: reply.body.error?.type, reason: reply.body.error?.reason };
}

describe('reserved users', () => {
  it('only the password of a reserved user can be changed: a put is a validation failure', async () => {
    const reply = await api.call('PUT', '/_security/user/elastic', { roles: ['viewer'] });
    expect(error(reply)).toEqual({
      status: 400,
      type: 'action_request_validation_exception',
      reason: 'Validation Failed: 1: user [elastic] is reserved and only the password can be changed;',
    });
  });
});

describe('internal users', () => {
  it.each(['_system', '_xpack', '_xpack_security', '_security_profile', '_async_search'])('%s cannot be created', async (name) => {
    const reply = await api.call('PUT', `/_security/user/${name}`, { password: 'some-password' });
    expect(error(reply)).toEqual({ status: 400, type: 'action_request_validation_exception', reason: `Validation Failed: 1: user [${name}] is internal;` });
  });

  it.each([
    ['GET', '/_security/user/_system', undefined],
    ['GET', '/_security/user/admin_joe,_xpack', undefined],
    ['DELETE', '/_security/user/_system', undefined],
    ['PUT', '/_security/user/_xpack/_password', { password: 'some-password' }],
    ['PUT', '/_security/user/_xpack/_disable', undefined],
    ['PUT', '/_security/user/_xpack/_enable', undefined],
  ])('%s %s is refused: the user is internal', async (method, path, body) => {
    const reply = await api.call(method, path, body);
    const name = /(_system|_xpack)/.exec(path)?.[1];
    expect(error(reply)).toEqual({ status: 400, type: 'illegal_argument_exception', reason: `user [${name}] is internal` });
  });

  it('other names that begin with an underscore are ordinary users', async () => {
    const reply = await api.call('PUT', '/_security/user/_team_bot', { password: 'some-password' });
    expect(reply.status, reply.raw).toBe(200);
  });
});

describe('enable and disable', () => {
  it('a user may not change their own enabled status: illegal_argument_exception', async () => {
    const joe = 'Basic ' + Buffer.from('admin_joe:joe-password').toString('base64');
    const reply = await api.call('PUT', '/_security/user/admin_joe/_disable', undefined, joe);
    expect(error(reply)).toEqual({ status: 400, type: 'illegal_argument_exception', reason: 'users may not update the enabled status of their own account' });
  });

  it.each([
    ['_disable', 'disabled'],
    ['_enable', 'enabled'],
  ])('%s of a user that does not exist is a validation failure', async (action, word) => {
    const reply = await api.call('PUT', `/_security/user/nobody/${action}`);
    expect(error(reply)).toEqual({ status: 400, type: 'validation_exception', reason: `Validation Failed: 1: only existing users can be ${word};` });
  });
});

describe('run-as and the own-password rule', () => {
  it('a user without run_as cannot change another user\'s password by running as them', async () => {
    await api.call('PUT', '/_security/user/alice', { password: 'alice-password', roles: ['viewer'] });
    await api.call('PUT', '/_security/user/bob', { password: 'bob-password', roles: ['viewer'] });
    const alice = 'Basic ' + Buffer.from('alice:alice-password').toString('base64');
    const reply = await api.call('POST', '/_security/user/_password', { password: 'taken-over' }, alice, { 'es-security-runas-user': 'bob' });
    expect(reply.status, reply.raw).toBe(403);
    expect(reply.body.error.reason).toBe(
      'action [cluster:admin/xpack/security/user/change_password] is unauthorized for user [alice] with effective roles [viewer], because user [alice] is unauthorized to run as [bob]',
    );
    const bob = 'Basic ' + Buffer.from('bob:bob-password').toString('base64');
    expect((await api.call('GET', '/_security/_authenticate', undefined, bob)).status).toBe(200);
  });

  it('a user allowed to run as another may change that user\'s own password as them', async () => {
    await api.call('PUT', '/_security/role/run_as_bob', { run_as: ['bob'] });
    await api.call('PUT', '/_security/user/carol', { password: 'carol-password', roles: ['run_as_bob'] });
    const carol = 'Basic ' + Buffer.from('carol:carol-password').toString('base64');
    const reply = await api.call('POST', '/_security/user/_password', { password: 'bob-new-password' }, carol, { 'es-security-runas-user': 'bob' });
    expect(reply.status, reply.raw).toBe(200);
    const bob = 'Basic ' + Buffer.from('bob:bob-new-password').toString('base64');
    expect((await api.call('GET', '/_security/_authenticate', undefined, bob)).status).toBe(200);
  });
});
