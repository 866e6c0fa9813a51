/**
 * The profile APIs beyond activate (update data, suggest, has privileges) and
 * GET /_security/user?with_profile_uid, driven through the real engine and dispatcher.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEngine } from '@/lib/security/engine';
import { EsApiDispatcher } from './dispatch';

const ELASTIC = 'elastic-password';
let dir: string;
let engine: SecurityEngine;
let dispatcher: EsApiDispatcher;

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: string;
}

function basic(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

async function call(
  method: string,
  pathAndQuery: string,
  body?: unknown,
  authorization = basic('elastic', ELASTIC),
): Promise<Reply> {
  const [p, query = ''] = pathAndQuery.split('?');
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers = new Map<string, string>([['authorization', authorization]]);
  if (text !== '') headers.set('content-type', 'application/json');
  const response = await dispatcher.dispatch({ method, path: p, query, headers: { get: (n) => headers.get(n.toLowerCase()) ?? null }, body: text });
  return { status: response.status, body: response.body ? JSON.parse(response.body) : undefined, raw: response.body };
}

/** The `reason` of an error reply, after checking its status and type. */
function reason(reply: Reply, status: number, type: string): string {
  expect(reply.status, reply.raw).toBe(status);
  expect(reply.body.error.type, reply.raw).toBe(type);
  expect(reply.body.error.root_cause[0].type).toBe(type);
  return reply.body.error.reason as string;
}

async function putUser(username: string, roles: string[], extra: Record<string, unknown> = {}): Promise<void> {
  const reply = await call('PUT', `/_security/user/${username}`, { password: `${username}-password`, roles, ...extra });
  expect(reply.status, reply.raw).toBe(200);
}

async function activate(username: string): Promise<string> {
  const reply = await call('POST', '/_security/profile/_activate', {
    grant_type: 'password',
    username,
    password: `${username}-password`,
  });
  expect(reply.status, reply.raw).toBe(200);
  return reply.body.uid as string;
}

async function getProfile(uid: string, data = ''): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const reply = await call('GET', `/_security/profile/${uid}${data ? `?data=${data}` : ''}`);
  expect(reply.status).toBe(200);
  return reply.body.profiles[0];
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-apis-'));
  engine = await SecurityEngine.open({ dataDir: dir, nodeName: 'node-1', elasticPassword: ELASTIC });
  dispatcher = new EsApiDispatcher(engine, { maxContentLength: 1024 * 1024 });
  const role = async (name: string, descriptor: unknown) => {
    const reply = await call('PUT', `/_security/role/${name}`, descriptor);
    expect(reply.status, reply.raw).toBe(200);
  };
  await role('role1', { indices: [{ names: ['index1*'], privileges: ['all'] }, { names: ['index2*'], privileges: ['read'] }] });
  await role('role2', { indices: [{ names: ['index2*'], privileges: ['all'] }, { names: ['index1*'], privileges: ['read'] }] });
  await role('profile_reader', { cluster: ['read_security'] });
  await role('nothing', { cluster: ['monitor'] });
  await putUser('joe', ['superuser'], { full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' });
  await putUser('user1', ['role1']);
  await putUser('user2', ['role2']);
  await putUser('reader', ['profile_reader']);
  await putUser('nobody', ['nothing']);
});

afterAll(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('suggest on a store without profiles', () => {
  it('answers took 0, total 0 and no profiles (the profile index does not exist yet)', async () => {
    const reply = await call('POST', '/_security/profile/_suggest', { name: 'joe' });
    expect(reply.status).toBe(200);
    expect(reply.raw).toBe('{"took":0,"total":{"value":0,"relation":"eq"},"profiles":[]}');
  });

  it('answers has_privileges with an empty list and no errors', async () => {
    const reply = await call('POST', '/_security/profile/_has_privileges', {
      uids: ['u_nope_0'],
      privileges: { cluster: ['monitor'] },
    });
    expect(reply.status).toBe(200);
    expect(reply.raw).toBe('{"has_privilege_uids":[]}');
  });
});

describe('update profile data (PUT|POST /_security/profile/{uid}/_data)', () => {
  let uid: string;
  beforeAll(async () => {
    uid = await activate('joe');
  });

  it('follows the 10_basic.yml flow: labels, data, data filter, reactivation keeps both', async () => {
    const update = await call('PUT', `/_security/profile/${uid}/_data`, {
      labels: { kibana: { spaces: 'demo' } },
      data: { app1: { theme: 'default' }, app2: { theme: 'dark' } },
    });
    expect(update.status).toBe(200);
    expect(update.raw).toBe('{"acknowledged":true}');
    expect((await getProfile(uid, 'app1')).data).toEqual({ app1: { theme: 'default' } });
    expect(await activate('joe')).toBe(uid);
    const all = await getProfile(uid, '*');
    expect(all.labels).toEqual({ kibana: { spaces: 'demo' } });
    expect(all.data).toEqual({ app1: { theme: 'default' }, app2: { theme: 'dark' } });
  });

  it('refuses data nested past 1000 levels with a 400, and stores and prints data at the limit', async () => {
    // {"data":{"deep": ... }}: the body's own two levels count towards the limit.
    const deepData = (levels: number) => '{"data":{"deep":' + '{"a":'.repeat(levels - 3) + '[1]' + '}'.repeat(levels - 3) + '}}';
    const refused = await call('POST', `/_security/profile/${uid}/_data`, deepData(1001));
    expect(reason(refused, 400, 'x_content_parse_exception')).toMatch(/Document nesting depth \(1001\) exceeds the maximum allowed \(1000/);
    const stored = await call('POST', `/_security/profile/${uid}/_data`, deepData(1000));
    expect(stored.status, stored.raw).toBe(200);
    const pretty = await call('GET', `/_security/profile/${uid}?data=deep&pretty`);
    expect(pretty.status).toBe(200);
    expect(pretty.raw.split('"a" : ').length - 1).toBe(997);
  });

  it('merges recursively, replaces scalars and arrays, stores explicit nulls, and appends new keys', async () => {
    await call('POST', `/_security/profile/${uid}/_data`, {
      data: { merge: { a: 1, nested: { x: 1, y: [1, 2] }, keep: 'k' } },
    });
    const reply = await call('POST', `/_security/profile/${uid}/_data`, {
      data: { merge: { a: 2, nested: { y: [3], z: true }, keep: null, added: { deep: 'v' } } },
    });
    expect(reply.status).toBe(200);
    const data = (await getProfile(uid, 'merge')).data;
    expect(data).toEqual({ merge: { a: 2, nested: { x: 1, y: [3], z: true }, keep: null, added: { deep: 'v' } } });
    expect(Object.keys(data.merge)).toEqual(['a', 'nested', 'keep', 'added']);
  });

  it('takes a new _seq_no per write, leaves last_synchronized alone, and a no-change update is a noop', async () => {
    const before = await getProfile(uid);
    await call('POST', `/_security/profile/${uid}/_data`, { labels: { counter: { n: before._doc._seq_no } } });
    const after = await getProfile(uid);
    expect(after._doc._seq_no).toBeGreaterThan(before._doc._seq_no);
    expect(after._doc._primary_term).toBe(1);
    expect(after.last_synchronized).toBe(before.last_synchronized);
    const again = await call('POST', `/_security/profile/${uid}/_data`, { labels: { counter: { n: before._doc._seq_no } } });
    expect(again.raw).toBe('{"acknowledged":true}');
    expect((await getProfile(uid))._doc._seq_no).toBe(after._doc._seq_no);
  });

  it('applies if_seq_no / if_primary_term and reports a conflict with Elasticsearch\'s message', async () => {
    const current = (await getProfile(uid))._doc;
    const ok = await call('POST', `/_security/profile/${uid}/_data?if_seq_no=${current._seq_no}&if_primary_term=1&refresh=wait_for`, {
      data: { cas: { v: 1 } },
    });
    expect(ok.status, ok.raw).toBe(200);
    const stale = await call('POST', `/_security/profile/${uid}/_data?if_seq_no=${current._seq_no}&if_primary_term=1`, {
      data: { cas: { v: 2 } },
    });
    const next = (await getProfile(uid))._doc._seq_no;
    expect(reason(stale, 409, 'version_conflict_engine_exception')).toBe(
      `[profile_${uid}]: version conflict, required seqNo [${current._seq_no}], primary term [1]. ` +
        `current document has seqNo [${next}] and primary term [1]`,
    );
    expect(stale.body.error.index).toBe('.security-profile-8');
    const wrongTerm = await call('POST', `/_security/profile/${uid}/_data?if_seq_no=${next}&if_primary_term=2`, { data: { cas: { v: 3 } } });
    expect(reason(wrongTerm, 409, 'version_conflict_engine_exception')).toContain('required seqNo [' + next + '], primary term [2]');
    // Negative values mean "not given", as in the REST handler.
    const ignored = await call('POST', `/_security/profile/${uid}/_data?if_seq_no=-1&if_primary_term=-1`, { data: { cas: { v: 4 } } });
    expect(ignored.status).toBe(200);
  });

  it('validates the seq_no / primary_term pair like the update request', async () => {
    const seqOnly = await call('POST', `/_security/profile/${uid}/_data?if_seq_no=3`, { data: { x: {} } });
    expect(reason(seqOnly, 400, 'action_request_validation_exception')).toBe('Validation Failed: 1: ifSeqNo is set, but primary term is [0];');
    const termOnly = await call('POST', `/_security/profile/${uid}/_data?if_primary_term=4`, { data: { x: {} } });
    expect(reason(termOnly, 400, 'action_request_validation_exception')).toBe(
      'Validation Failed: 1: ifSeqNo is unassigned, but primary term is [4];',
    );
    const notLong = await call('POST', `/_security/profile/${uid}/_data?if_seq_no=abc`, { data: { x: {} } });
    expect(reason(notLong, 400, 'illegal_argument_exception')).toBe('Failed to parse long parameter [if_seq_no] with value [abc]');
    expect(notLong.body.error.caused_by).toEqual({ type: 'number_format_exception', reason: 'For input string: "abc"' });
    const badRefresh = await call('POST', `/_security/profile/${uid}/_data?refresh=soon`, { data: { x: {} } });
    expect(reason(badRefresh, 400, 'illegal_argument_exception')).toBe('Unknown value for refresh: [soon].');
  });

  it('rejects empty updates and application names with a dot or a leading underscore', async () => {
    expect(reason(await call('POST', `/_security/profile/${uid}/_data`, {}), 400, 'action_request_validation_exception')).toBe(
      'Validation Failed: 1: update request is empty;',
    );
    expect(
      reason(await call('POST', `/_security/profile/${uid}/_data`, { labels: {}, data: {} }), 400, 'action_request_validation_exception'),
    ).toBe('Validation Failed: 1: update request is empty;');
    const bad = await call('POST', `/_security/profile/${uid}/_data`, { labels: { 'a.b': 1, _x: 1 }, data: { 'c.d': {}, _y: 2 } });
    expect(reason(bad, 400, 'action_request_validation_exception')).toBe(
      'Validation Failed: 1: application name must not contain dot, but found [a.b,c.d];' +
        '2: application name must not start with underscore, but found [_x,_y];',
    );
  });

  it('parses the body with update_profile_data_request_payload', async () => {
    const unknown = await call('POST', `/_security/profile/${uid}/_data`, { labels: {}, datas: {} });
    expect(reason(unknown, 400, 'x_content_parse_exception')).toBe(
      '[1:14] [update_profile_data_request_payload] unknown field [datas] did you mean [data]?',
    );
    const wrongType = await call('POST', `/_security/profile/${uid}/_data`, { data: 'x' });
    expect(reason(wrongType, 400, 'x_content_parse_exception')).toBe(
      "[1:9] [update_profile_data_request_payload] data doesn't support values of type: VALUE_STRING",
    );
    const nullLabels = await call('POST', `/_security/profile/${uid}/_data`, { labels: null });
    expect(reason(nullLabels, 400, 'x_content_parse_exception')).toContain("labels doesn't support values of type: VALUE_NULL");
    expect(reason(await call('POST', `/_security/profile/${uid}/_data`), 400, 'parse_exception')).toBe('request body is required');
  });

  it('answers 404 document_missing_exception for an unknown uid', async () => {
    const reply = await call('PUT', '/_security/profile/u_missing_0/_data', { labels: { a: 'b' } });
    expect(reason(reply, 404, 'document_missing_exception')).toBe('[profile_u_missing_0]: document missing');
  });

  it('requires manage_user_profile (read_security is not enough), after validation', async () => {
    const denied = await call('POST', `/_security/profile/${uid}/_data`, { labels: { a: 'b' } }, basic('reader', 'reader-password'));
    expect(reason(denied, 403, 'security_exception')).toBe(
      'action [cluster:admin/xpack/security/profile/put/data] is unauthorized for user [reader] with effective roles [profile_reader], ' +
        'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
    );
    const invalid = await call('POST', `/_security/profile/${uid}/_data`, {}, basic('reader', 'reader-password'));
    expect(invalid.status).toBe(400);
  });
});

describe('suggest (GET|POST /_security/profile/_suggest)', () => {
  let joe: string;
  let user1: string;
  let user2: string;
  beforeAll(async () => {
    joe = await activate('joe');
    user1 = await activate('user1');
    user2 = await activate('user2');
  });

  it('finds joe by name with the 10_basic.yml request, without enabled/last_synchronized/_doc', async () => {
    const reply = await call('POST', '/_security/profile/_suggest', { name: 'joe', size: 5 });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['took', 'total', 'profiles']);
    expect(typeof reply.body.took).toBe('number');
    expect(reply.body.total).toEqual({ value: 1, relation: 'eq' });
    expect(reply.body.profiles).toHaveLength(1);
    const hit = reply.body.profiles[0];
    expect(Object.keys(hit)).toEqual(['uid', 'user', 'labels', 'data']);
    expect(hit.uid).toBe(joe);
    expect(hit.user).toEqual({
      username: 'joe',
      roles: ['superuser'],
      realm_name: 'default_native',
      email: 'joe@bazooka.gum',
      full_name: 'Bazooka Joe',
    });
    expect(hit.data).toEqual({});
  });

  it('matches full-name words and email prefixes case-insensitively', async () => {
    for (const name of ['BAZ', 'bazooka j', 'joe@baz']) {
      const reply = await call('POST', '/_security/profile/_suggest', { name });
      expect(reply.body.profiles.map((p: { uid: string }) => p.uid), name).toEqual([joe]);
    }
  });

  it('treats hints as boosts that never filter (130_user_profile.yml)', async () => {
    const reply = await call('POST', '/_security/profile/_suggest', {
      name: 'joe',
      size: 5,
      hint: { labels: { direction: ['north', 'east'] } },
    });
    expect(reply.body.profiles.map((p: { uid: string }) => p.uid)).toEqual([joe]);
    const boosted = await call('POST', '/_security/profile/_suggest', { name: 'user', hint: { uids: [user2] } });
    expect(boosted.body.profiles.map((p: { uid: string }) => p.uid)).toEqual([user2, user1]);
    const plain = await call('POST', '/_security/profile/_suggest', { name: 'user' });
    expect(plain.body.profiles.map((p: { uid: string }) => p.uid)).toEqual([user2, user1]); // more recent first
    const label = await call('POST', '/_security/profile/_suggest', { name: 'user', hint: { labels: { 'kibana.spaces': 'demo' } } });
    expect(label.body.total).toEqual({ value: 2, relation: 'eq' });
  });

  it('returns every enabled profile for an empty name, most recent first, and honours size', async () => {
    const reply = await call('GET', '/_security/profile/_suggest');
    expect(reply.status).toBe(200);
    expect(reply.body.total).toEqual({ value: 3, relation: 'eq' });
    expect(reply.body.profiles.map((p: { uid: string }) => p.uid)).toEqual([user2, user1, joe]);
    const one = await call('POST', '/_security/profile/_suggest', { size: 1 });
    expect(one.body.profiles).toHaveLength(1);
    expect(one.body.total).toEqual({ value: 3, relation: 'eq' });
    const none = await call('POST', '/_security/profile/_suggest', { size: 0 });
    expect(none.body.profiles).toEqual([]);
    // A coercing int read, as Elasticsearch's parser does: fractions are cut, strings read as numbers.
    for (const size of [1.5, '1.9', ' 1 ', '1e0']) {
      const coerced = await call('POST', '/_security/profile/_suggest', { size });
      expect(coerced.status, `size ${JSON.stringify(size)}`).toBe(200);
      expect(coerced.body.profiles, `size ${JSON.stringify(size)}`).toHaveLength(1);
    }
  });

  it('leaves disabled profiles out', async () => {
    expect((await call('POST', `/_security/profile/${user1}/_disable`)).status).toBe(200);
    const reply = await call('POST', '/_security/profile/_suggest', { name: 'user', hint: { uids: [user1] } });
    expect(reply.body.profiles.map((p: { uid: string }) => p.uid)).toEqual([user2]);
    expect((await call('POST', `/_security/profile/${user1}/_enable`)).status).toBe(200);
    const back = await call('POST', '/_security/profile/_suggest', { name: 'user1' });
    expect(back.body.profiles.map((p: { uid: string }) => p.uid)).toEqual([user1]);
  });

  it('selects data with the data field or the data query parameter, not both', async () => {
    const body = await call('POST', '/_security/profile/_suggest', { name: 'joe', data: 'app1' });
    expect(body.body.profiles[0].data).toEqual({ app1: { theme: 'default' } });
    const query = await call('POST', '/_security/profile/_suggest?data=app2', { name: 'joe' });
    expect(query.body.profiles[0].data).toEqual({ app2: { theme: 'dark' } });
    const both = await call('POST', '/_security/profile/_suggest?data=app2', { name: 'joe', data: 'app1' });
    expect(reason(both, 400, 'illegal_argument_exception')).toBe(
      'The [data] parameter must be specified in either request body or as query parameter, but not both',
    );
  });

  it('validates size and hint with Elasticsearch\'s messages', async () => {
    const cases: Array<[unknown, string]> = [
      [{ size: -1 }, 'Validation Failed: 1: [size] parameter cannot be negative but was [-1];'],
      [{ hint: {} }, 'Validation Failed: 1: [hint] parameter cannot be empty;'],
      [{ size: -2, hint: {} }, 'Validation Failed: 1: [size] parameter cannot be negative but was [-2];2: [hint] parameter cannot be empty;'],
      [{ hint: { uids: [] } }, 'Validation Failed: 1: [uids] hint cannot be empty;'],
      [{ hint: { labels: { a: 'x', b: 'y' } } }, 'Validation Failed: 1: [labels] hint supports a single key, got [a,b];'],
      [{ hint: { uids: [], labels: {} } }, 'Validation Failed: 1: [uids] hint cannot be empty;2: [labels] hint supports a single key, got [];'],
      [{ hint: { labels: { 'a*': [] } } }, 'Validation Failed: 1: [labels] hint key cannot contain wildcard;2: [labels] hint value cannot be empty;'],
    ];
    for (const [body, message] of cases) {
      expect(reason(await call('POST', '/_security/profile/_suggest', body), 400, 'action_request_validation_exception'), JSON.stringify(body)).toBe(
        message,
      );
    }
  });

  it('reports label value types and parser errors', async () => {
    const number = await call('POST', '/_security/profile/_suggest', { hint: { labels: { a: 1 } } });
    expect(reason(number, 400, 'parse_exception')).toBe('[labels] hint supports either string or list of strings as its value');
    const mixed = await call('POST', '/_security/profile/_suggest', { hint: { labels: { a: ['x', 2] } } });
    expect(reason(mixed, 400, 'parse_exception')).toBe('[labels] hint supports either string value or list of strings');
    const unknown = await call('POST', '/_security/profile/_suggest', { nam: 'joe' });
    expect(reason(unknown, 400, 'x_content_parse_exception')).toBe(
      '[1:2] [suggest_profile_request_payload] unknown field [nam] did you mean [name]?',
    );
    const hintField = await call('POST', '/_security/profile/_suggest', { hint: { uid: ['x'] } });
    expect(reason(hintField, 400, 'x_content_parse_exception')).toMatch(/^\[1:\d+\] \[suggest_profile_request_payload\] failed to parse field \[hint\]$/);
    expect(hintField.body.error.caused_by.reason).toBe('[1:10] [suggest_profile_request_payload_hint] unknown field [uid] did you mean [uids]?');
    const badSize = await call('POST', '/_security/profile/_suggest', { size: 'ten' });
    expect(reason(badSize, 400, 'x_content_parse_exception')).toBe('[1:9] [suggest_profile_request_payload] failed to parse field [size]');
    expect(badSize.body.error.caused_by).toEqual({ type: 'number_format_exception', reason: 'For input string: "ten"' });
    for (const size of ['', '0x10', 'Infinity']) {
      const notNumber = await call('POST', '/_security/profile/_suggest', { size });
      expect(reason(notNumber, 400, 'x_content_parse_exception'), `size ${JSON.stringify(size)}`).toMatch(/failed to parse field \[size\]$/);
    }
    const hugeSize = await call('POST', '/_security/profile/_suggest', { size: 10001 });
    expect(reason(hugeSize, 400, 'search_phase_execution_exception')).toBe('all shards failed');
    expect(hugeSize.body.error.caused_by.reason).toContain('Result window is too large, from + size must be less than or equal to: [10000] but was [10001]');
  });

  it('is allowed by read_security and denied without it', async () => {
    const reader = await call('POST', '/_security/profile/_suggest', { name: 'joe' }, basic('reader', 'reader-password'));
    expect(reader.status).toBe(200);
    const nobody = await call('POST', '/_security/profile/_suggest', { name: 'joe' }, basic('nobody', 'nobody-password'));
    expect(reason(nobody, 403, 'security_exception')).toBe(
      'action [cluster:admin/xpack/security/profile/suggest] is unauthorized for user [nobody] with effective roles [nothing], ' +
        'this action is granted by the cluster privileges [manage_user_profile,read_security,manage_security,all]',
    );
  });

  it('rejects other methods', async () => {
    const reply = await call('PUT', '/_security/profile/_suggest', {});
    expect(reply.status).toBe(405);
  });
});

describe('has privileges (GET|POST /_security/profile/_has_privileges)', () => {
  let uid1: string;
  let uid2: string;
  beforeAll(async () => {
    uid1 = await activate('user1');
    uid2 = await activate('user2');
  });

  const check = (uids: string[], privileges: unknown, authorization?: string) =>
    call('POST', '/_security/profile/_has_privileges', { uids, privileges }, authorization);

  it('follows 40_has_privileges.yml', async () => {
    const read = await check([uid1, uid2, 'dummy_missing'], { index: [{ names: ['index1*', 'index2*'], privileges: ['read'] }] });
    expect(read.status).toBe(200);
    expect(Object.keys(read.body)).toEqual(['has_privilege_uids', 'errors']);
    expect([...read.body.has_privilege_uids].sort()).toEqual([uid1, uid2].sort());
    expect(read.body.errors).toEqual({
      count: 1,
      details: { dummy_missing: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
    });
    const allAndRead = await check([uid1, uid2], { index: [{ names: ['index1*', 'index2*'], privileges: ['all', 'read'] }] });
    expect(allAndRead.raw).toBe('{"has_privilege_uids":[]}');
    const mixed = await check([uid1, 'dummy'], {
      index: [
        { names: ['index1*'], privileges: ['all', 'read'] },
        { names: ['index1*', 'index2*'], privileges: ['read'] },
      ],
    });
    expect(mixed.body.has_privilege_uids).toEqual([uid1]);
    expect(Object.keys(mixed.body.errors.details)).toEqual(['dummy']);
  });

  it('evaluates cluster and application privileges of reserved roles', async () => {
    const joe = await activate('joe'); // superuser
    const cluster = await check([joe, uid1], { cluster: ['monitor', 'manage_security'] });
    expect(cluster.body.has_privilege_uids).toEqual([joe]);
    const application = await check([joe, uid1], {
      application: [{ application: 'kibana-.kibana', privileges: ['read'], resources: ['space:default'] }],
    });
    expect(application.body.has_privilege_uids).toEqual([joe]);
    const write = await check([uid1], { index: [{ names: ['index1-a'], privileges: ['write', 'index', 'create', 'delete'] }] });
    expect(write.body.has_privilege_uids).toEqual([uid1]);
  });

  it('ignores disabled profiles silently', async () => {
    await call('POST', `/_security/profile/${uid2}/_disable`);
    const reply = await check([uid1, uid2], { index: [{ names: ['index1*'], privileges: ['read'] }] });
    expect(reply.raw).toBe(`{"has_privilege_uids":["${uid1}"]}`);
    await call('POST', `/_security/profile/${uid2}/_enable`);
  });

  it('reports unknown privileges per profile', async () => {
    const reply = await check([uid1], { index: [{ names: ['index1'], privileges: ['reed'] }] });
    expect(reply.status).toBe(200);
    expect(reply.body.has_privilege_uids).toEqual([]);
    expect(reply.body.errors.details[uid1].type).toBe('illegal_argument_exception');
    expect(reply.body.errors.details[uid1].reason).toMatch(/^unknown index privilege \[reed\]\. a privilege must be either one of the predefined fixed indices privileges \[/);
  });

  it('validates the request', async () => {
    const empty = await check([], { cluster: ['monitor'] });
    expect(reason(empty, 400, 'action_request_validation_exception')).toBe('Validation Failed: 1: profile uids list must not be empty;');
    const nothing = await check([uid1], { cluster: [], index: [] });
    expect(reason(nothing, 400, 'action_request_validation_exception')).toBe('Validation Failed: 1: must specify at least one privilege;');
    const appName = await check([], { application: [{ application: 'kib*', privileges: ['read'], resources: ['*'] }] });
    expect(reason(appName, 400, 'action_request_validation_exception')).toBe(
      "Validation Failed: 1: profile uids list must not be empty;2: Application names may not contain '*' (found 'kib*');",
    );
    const missing = await call('POST', '/_security/profile/_has_privileges', { privileges: { cluster: ['monitor'] } });
    expect(reason(missing, 400, 'illegal_argument_exception')).toBe('Required [uids]');
    const bothMissing = await call('POST', '/_security/profile/_has_privileges', {});
    expect(reason(bothMissing, 400, 'illegal_argument_exception')).toBe('Required [uids, privileges]');
    const noBody = await call('POST', '/_security/profile/_has_privileges');
    expect(reason(noBody, 400, 'parse_exception')).toBe('request body or source parameter is required');
  });

  it('reports privilege parse errors like RoleDescriptor.parsePrivilegesToCheck', async () => {
    const none = await call('POST', '/_security/profile/_has_privileges', '{"uids":["a"],"privileges":{}}');
    expect(reason(none, 400, 'x_content_parse_exception')).toBe('[1:28] [profile_has_privileges_request] failed to parse field [privileges]');
    expect(none.body.error.caused_by).toEqual({
      type: 'parse_exception',
      reason: 'failed to parse privileges check [profile_has_privileges_request]. All privilege fields [cluster,index,applications] are missing',
    });
    const unexpected = await check(['a'], { clusters: ['monitor'] });
    expect(unexpected.body.error.caused_by.reason).toBe('failed to parse privileges check [profile_has_privileges_request]. unexpected field [clusters]');
    const dls = await check(['a'], { index: [{ names: ['i'], privileges: ['read'], query: { match_all: {} } }] });
    expect(dls.body.error.caused_by.reason).toBe('Field [query] is not supported in a has_privileges request');
    const fls = await check(['a'], { index: [{ names: ['i'], privileges: ['read'], field_security: { grant: ['a'] } }] });
    expect(fls.body.error.caused_by.reason).toBe('Field [field_security] is not supported in a has_privileges request');
    const noNames = await check(['a'], { index: [{ privileges: ['read'] }] });
    expect(noNames.body.error.caused_by.reason).toBe(
      'failed to parse indices privileges for role [profile_has_privileges_request]. missing required [names] field',
    );
    const badCluster = await check(['a'], { cluster: 'monitor' });
    expect(badCluster.body.error.caused_by).toEqual({
      type: 'parse_exception',
      reason: 'failed to parse role [profile_has_privileges_request]',
      caused_by: {
        type: 'parse_exception',
        reason: 'could not parse [cluster] field. expected a string array but found [VALUE_STRING] value instead',
      },
    });
    const notObject = await check(['a'], 'x');
    expect(reason(notObject, 400, 'x_content_parse_exception')).toBe(
      "[1:28] [profile_has_privileges_request] privileges doesn't support values of type: VALUE_STRING",
    );
  });

  it('is allowed by read_security and denied without it', async () => {
    const reader = await check([uid1], { cluster: ['monitor'] }, basic('reader', 'reader-password'));
    expect(reader.status).toBe(200);
    const nobody = await check([uid1], { cluster: ['monitor'] }, basic('nobody', 'nobody-password'));
    expect(reason(nobody, 403, 'security_exception')).toContain('action [cluster:admin/xpack/security/profile/has_privileges] is unauthorized');
  });
});

describe('GET /_security/user?with_profile_uid=true', () => {
  it('adds profile_uid, last, to users that have a profile', async () => {
    const uid = await activate('joe');
    const elasticUid = (await call('POST', '/_security/profile/_activate', { grant_type: 'password', username: 'elastic', password: ELASTIC })).body
      .uid as string;
    const reply = await call('GET', '/_security/user?with_profile_uid=true');
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.joe)).toEqual(['username', 'roles', 'full_name', 'email', 'metadata', 'enabled', 'profile_uid']);
    expect(reply.body.joe.profile_uid).toBe(uid);
    expect(reply.body.elastic.profile_uid).toBe(elasticUid);
    expect(reply.body.kibana_system.profile_uid).toBeUndefined();
    const named = await call('GET', '/_security/user/joe,kibana_system?with_profile_uid');
    expect(named.body.joe.profile_uid).toBe(uid);
    expect('profile_uid' in named.body.kibana_system).toBe(false);
    const without = await call('GET', '/_security/user/joe');
    expect('profile_uid' in without.body.joe).toBe(false);
    const invalid = await call('GET', '/_security/user?with_profile_uid=yes');
    expect(reason(invalid, 400, 'illegal_argument_exception')).toBe('Failed to parse value [yes] as only [true] or [false] are allowed.');
  });
});

describe('GET|POST /_security/user/_has_privileges', () => {
  it('answers which cluster privileges the caller holds', async () => {
    const reply = await call('POST', '/_security/user/_has_privileges', { cluster: ['manage_security', 'monitor'] });
    expect(reply.status, reply.raw).toBe(200);
    expect(reply.body).toEqual({
      username: 'elastic',
      has_all_requested: true,
      cluster: { manage_security: true, monitor: true },
      index: {},
      application: {},
    });
  });

  it('refuses an unknown privilege with ClusterPrivilegeResolver\'s message, which a put role gives as a validation failure', async () => {
    const reply = await call('POST', '/_security/user/_has_privileges', { cluster: ['bogus'] });
    expect(reason(reply, 400, 'illegal_argument_exception')).toMatch(
      /^unknown cluster privilege \[bogus\]\. a privilege must be either one of the predefined cluster privilege names \[.*manage_security.*\] or a pattern over one of the available cluster actions$/,
    );
    const role = await call('PUT', '/_security/role/bogus_role', { cluster: ['bogus'] });
    // RoleDescriptorRequestValidator collects the resolver's message into the request's validation.
    expect(reason(role, 400, 'action_request_validation_exception')).toBe(`Validation Failed: 1: ${reply.body.error.reason};`);
  });
});

describe('?filter_path on any endpoint', () => {
  it('keeps only the named parts of a successful response', async () => {
    const activated = await call('POST', '/_security/profile/_activate?filter_path=uid,user.username', { grant_type: 'password', username: 'joe', password: 'joe-password' });
    expect(activated.status, activated.raw).toBe(200);
    expect(Object.keys(activated.body)).toEqual(['uid', 'user']);
    expect(activated.body.user).toEqual({ username: 'joe' });
    const authenticate = await call('GET', '/_security/_authenticate?filter_path=-metadata,-authentication_realm,-lookup_realm,-authentication_type,-token,-api_key,-enabled,-full_name,-email');
    expect(authenticate.body).toEqual({ username: 'elastic', roles: ['superuser'] });
    const none = await call('GET', '/_security/_authenticate?filter_path=no_such_field');
    expect(none.raw).toBe('{}');
  });

  it('leaves errors whole', async () => {
    const malformed = await call('POST', '/_security/profile/_suggest?filter_path=x', '{"size":');
    expect(reason(malformed, 400, 'x_content_parse_exception')).toMatch(/Unexpected end-of-input/);
    const denied = await call('POST', '/_security/profile/_activate?filter_path=uid', { grant_type: 'password', username: 'joe', password: 'wrong' });
    expect(reason(denied, 401, 'security_exception')).toContain('unable to authenticate user [joe]');
  });
});

describe('JSON bodies with comments, as Elasticsearch accepts them', () => {
  it('activates from a commented body', async () => {
    const reply = await call(
      'POST',
      '/_security/profile/_activate',
      '{\n  // the user whose profile this is\n  "grant_type": "password", /* inline */ "username": "joe",\n  "password": "joe-password"\n}',
    );
    expect(reply.status, reply.raw).toBe(200);
    expect(reply.body.user.username).toBe('joe');
  });
});

describe('query parameters', () => {
  it('a repeated parameter keeps its last value, as RestUtils.decodeQueryString does', async () => {
    const uid = await activate('joe');
    await call('POST', `/_security/profile/${uid}/_data`, { data: { qp_first: { v: 1 }, qp_last: { v: 2 } } });
    const reply = await call('GET', `/_security/profile/${uid}?data=qp_first&data=qp_last`);
    expect(reply.body.profiles[0].data).toEqual({ qp_last: { v: 2 } });
    const pretty = await call('GET', `/_security/profile/${uid}?pretty=true&pretty=false`);
    expect(pretty.raw.includes('\n')).toBe(false);
  });
});
