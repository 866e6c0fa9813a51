import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEngine } from '@/lib/security/engine';
import { EsError } from '@/lib/security/errors';
import { EsApiDispatcher } from './dispatch';
import type { EsResponse } from './types';
import { suggestSimilar } from './suggest-similar';

const ACTIVATE_PATH = '/_security/profile/_activate';
const ACTIVATE_ACTION = 'cluster:admin/xpack/security/profile/activate';
const JOE_UID = 'u_eGdcwXYIE3LEOrqz6p-3DHQ4HrAtxuk_ttRNFh2m7rM_0'; // compatibility notes §4.3
const WWW_AUTHENTICATE = ['Bearer realm="security"', 'ApiKey', 'Basic realm="security" charset="UTF-8"'];
const MAX_CONTENT_LENGTH = 4096;

let dataDir: string;
let engine: SecurityEngine;
let dispatcher: EsApiDispatcher;

function basic(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}
const ELASTIC = basic('elastic', 'elastic-password');
const BOB = basic('bob', 'bob-password'); // role viewer: may not activate
const JSON_TYPE = 'application/json';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-dispatch-test-'));
  engine = await SecurityEngine.open({
    dataDir,
    nodeName: 'node-1',
    elasticPassword: 'elastic-password',
    tokenPurgeIntervalMs: 0,
    announce: () => undefined,
  });
  await engine.users.put('bob', { password: 'bob-password', roles: ['viewer'] });
  await engine.users.put('joe', {
    password: 's3krit-password',
    roles: ['superuser'],
    fullName: 'Bazooka Joe',
    email: 'joe@bazooka.gum',
  });
  dispatcher = new EsApiDispatcher(engine, { maxContentLength: MAX_CONTENT_LENGTH, logError: () => undefined });
});

afterAll(() => {
  engine.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Call {
  method?: string;
  /** Path with an optional "?query". */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  via?: EsApiDispatcher;
  oversizedBodyBytes?: number;
  unreadableBody?: EsError;
}

interface Result extends EsResponse {
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Dispatches in-process; every response must carry the product header. */
async function call({ method = 'GET', url, headers = {}, body = '', via = dispatcher, oversizedBodyBytes, unreadableBody }: Call): Promise<Result> {
  const q = url.indexOf('?');
  const response = await via.dispatch({
    method,
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? '' : url.slice(q + 1),
    headers: new Headers(headers),
    body,
    oversizedBodyBytes,
    unreadableBody,
  });
  expect(response.headers['x-elastic-product']).toBe('Elasticsearch');
  const json = response.body === '' || response.headers['content-type'] === 'application/yaml' ? undefined : JSON.parse(response.body);
  return { ...response, json };
}

/** POST to _activate as `authorization` with a JSON body. */
function activate(body: string, authorization: string | null = ELASTIC, query = '', extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, ...extraHeaders };
  if (authorization) headers.authorization = authorization;
  return call({ method: 'POST', url: ACTIVATE_PATH + (query ? `?${query}` : ''), headers, body });
}

/** Elasticsearch's structured error: {error:{root_cause:[{type,reason}],type,reason,...},status}. */
function expectEsError(res: Result, status: number, type: string, reason: string | RegExp) {
  expect(res.status).toBe(status);
  expect(Object.keys(res.json)).toEqual(['error', 'status']);
  expect(res.json.status).toBe(status);
  const error = res.json.error;
  expect(Object.keys(error).slice(0, 3)).toEqual(['root_cause', 'type', 'reason']);
  expect(error.type).toBe(type);
  if (typeof reason === 'string') expect(error.reason).toBe(reason);
  else expect(error.reason).toMatch(reason);
  expect(error.root_cause).toHaveLength(1);
  expect(Object.keys(error.root_cause[0]).slice(0, 2)).toEqual(['type', 'reason']);
  expect(error.root_cause[0].type).toBe(type);
  expect(error.root_cause[0].reason).toBe(error.reason);
  return error;
}

function expectParseError(res: Result, reason: string | RegExp) {
  return expectEsError(res, 400, 'x_content_parse_exception', reason);
}

describe('activation through the dispatcher', () => {
  it('200 with the profile in Elasticsearch key order and JSON content type', async () => {
    const res = await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Object.keys(res.json)).toEqual(['uid', 'enabled', 'last_synchronized', 'user', 'labels', 'data', '_doc']);
    expect(res.json.uid).toBe(JOE_UID);
    expect(res.json.user).toEqual({
      username: 'joe',
      roles: ['superuser'],
      realm_name: 'default_native',
      email: 'joe@bazooka.gum',
      full_name: 'Bazooka Joe',
    });
    expect(Object.keys(res.json.user)).toEqual(['username', 'roles', 'realm_name', 'email', 'full_name']);
    expect(res.json.labels).toEqual({});
    expect(res.json.data).toEqual({});
    expect(Object.keys(res.json._doc)).toEqual(['_primary_term', '_seq_no']);
    expect(typeof res.json.last_synchronized).toBe('number');
  });

  it('?pretty renders Elasticsearch-style pretty JSON', async () => {
    const res = await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}', ELASTIC, 'pretty');
    expect(res.status).toBe(200);
    expect(res.body).toContain(`"uid" : "${JOE_UID}"`);
    expect(res.body.endsWith('\n')).toBe(true);
  });

  it('?pretty and ?human take booleans as RestRequest.paramAsBoolean reads them', async () => {
    const grant = '{"grant_type":"password","username":"joe","password":"s3krit-password"}';
    for (const [query, pretty] of [['pretty=true', true], ['pretty=', true], ['pretty=false', false], ['human=true', false], ['human=false&pretty', true]] as const) {
      const res = await activate(grant, ELASTIC, query);
      expect(res.status, query).toBe(200);
      expect(res.body.includes('"uid" : '), query).toBe(pretty);
    }
    for (const query of ['pretty=maybe', 'human=yes', 'pretty=TRUE']) {
      // Before authentication, like the HTTP layer's bad-request path: no credentials needed.
      const res = await activate(grant, null, query);
      const value = query.split('=')[1];
      expectEsError(res, 400, 'illegal_argument_exception', `Failed to parse value [${value}] as only [true] or [false] are allowed.`);
      expect(res.body.endsWith('\n')).toBe(false);
    }
  });

  it('?format=yaml answers YAML as Elasticsearch writes it; json and unknown names answer JSON', async () => {
    const grant = '{"grant_type":"password","username":"joe","password":"s3krit-password"}';
    const yaml = await activate(grant, ELASTIC, 'format=yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toBe('application/yaml');
    expect(yaml.body.startsWith('---\n')).toBe(true);
    expect(yaml.body).toContain(`uid: "${JOE_UID}"`);
    // Sequences sit at their key's indentation, as Jackson writes them.
    expect(yaml.body).toContain('  roles:\n  - "superuser"\n');
    for (const query of ['format=json', 'format=JSON', 'format=whatever']) {
      const res = await activate(grant, ELASTIC, query);
      expect(res.status, query).toBe(200);
      expect(res.headers['content-type'], query).toBe('application/json');
      expect(JSON.parse(res.body).uid, query).toBe(JOE_UID);
    }
    // Errors come in the requested format too.
    const denied = await activate(grant, null, 'format=yaml');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatch(/^---\nerror:\n  root_cause:\n  - type: "security_exception"/);
  });

  it('?format=cbor or smile is refused: this server writes only JSON and YAML', async () => {
    const res = await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}', ELASTIC, 'format=cbor');
    expectEsError(res, 406, 'illegal_argument_exception', 'format [cbor] is not supported by this server; use [json] or [yaml]');
  });

  it('bad grant password: 401 for the action, with WWW-Authenticate headers', async () => {
    const res = await activate('{"grant_type":"password","username":"joe","password":"wrong-password"}');
    const error = expectEsError(res, 401, 'security_exception', `unable to authenticate user [joe] for action [${ACTIVATE_ACTION}]`);
    expect(res.headers['www-authenticate']).toEqual(WWW_AUTHENTICATE);
    expect(error.header).toEqual({ 'WWW-Authenticate': WWW_AUTHENTICATE });
    expect(error.root_cause[0].header).toEqual({ 'WWW-Authenticate': WWW_AUTHENTICATE });
  });

  it('unknown access token in the grant: 401 for principal _bearer_token', async () => {
    const res = await activate('{"grant_type":"access_token","access_token":"bm90LWEtdG9rZW4"}');
    expectEsError(res, 401, 'security_exception', `unable to authenticate user [_bearer_token] for action [${ACTIVATE_ACTION}]`);
  });

  it('client_authentication with a non-JWT access token: 400 security_exception (compatibility notes §3)', async () => {
    const res = await activate(
      '{"grant_type":"access_token","access_token":"bm90LWEtdG9rZW4","client_authentication":{"scheme":"SharedSecret","value":"s"}}',
    );
    expectEsError(res, 400, 'security_exception', '[client_authentication] not supported with the supplied access_token type');
  });

  it('GET /_security/profile/_activate reaches get-profile with uid "_activate", as in Elasticsearch', async () => {
    const res = await call({ url: ACTIVATE_PATH, headers: { authorization: ELASTIC } });
    expect(res.status).toBe(200);
    expect(res.json.profiles).toEqual([]);
    expect(Object.keys(res.json.errors.details)).toEqual(['_activate']);
  });
});

describe('get profiles through the dispatcher', () => {
  it('splits URL-encoded comma lists of uids (a%2Cb, as the JS client sends) and applies ?data', async () => {
    const data = { app1: { theme: 'default' }, app2: { theme: 'dark' }, other: { x: 1 } };
    engine.db.prepare('UPDATE profiles SET application_data = ? WHERE uid = ?').run(JSON.stringify(data), JOE_UID);

    const res = await call({ url: `/_security/profile/${JOE_UID}%2Cno_such_profile_uid?data=app1,app2`, headers: { authorization: ELASTIC } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['profiles', 'errors']);
    expect(res.json.profiles).toHaveLength(1);
    expect(res.json.profiles[0].uid).toBe(JOE_UID);
    expect(res.json.profiles[0].data).toEqual({ app1: { theme: 'default' }, app2: { theme: 'dark' } });
    expect(res.json.errors).toEqual({
      count: 1,
      details: { no_such_profile_uid: { type: 'resource_not_found_exception', reason: 'profile document not found' } },
    });
  });

  it('without ?data the data is {}', async () => {
    const res = await call({ url: `/_security/profile/${JOE_UID}`, headers: { authorization: ELASTIC } });
    expect(res.json.profiles[0].data).toEqual({});
  });

  it('a caller without a profile privilege gets 403', async () => {
    const res = await call({ url: `/_security/profile/${JOE_UID}`, headers: { authorization: BOB } });
    expectEsError(
      res,
      403,
      'security_exception',
      /^action \[cluster:admin\/xpack\/security\/profile\/get\] is unauthorized for user \[bob\] with effective roles \[viewer\], this action is granted by the cluster privileges \[/,
    );
  });
});

describe('parse errors (compatibility notes §1.3)', () => {
  it('unknown field, with a "did you mean" suggestion', async () => {
    expectParseError(
      await activate('{"grant_typ":"password"}'),
      '[1:2] [activate_profile_request] unknown field [grant_typ] did you mean [grant_type]?',
    );
  });

  it('unknown field without a close candidate: no suggestion', async () => {
    expectParseError(
      await activate('{"grant_type":"password","foo":1}'),
      '[1:26] [activate_profile_request] unknown field [foo]',
    );
  });

  it('"grant_type": 1 -> VALUE_NUMBER, located at the value (1-based column)', async () => {
    expectParseError(
      await activate('{"grant_type":1}'),
      "[1:15] [activate_profile_request] grant_type doesn't support values of type: VALUE_NUMBER",
    );
    expectParseError(
      await activate('{"grant_type": 1}'),
      "[1:16] [activate_profile_request] grant_type doesn't support values of type: VALUE_NUMBER",
    );
  });

  it('null, object, array and boolean values of a string field', async () => {
    expectParseError(
      await activate('{"grant_type":null}'),
      "[1:15] [activate_profile_request] grant_type doesn't support values of type: VALUE_NULL",
    );
    expectParseError(
      await activate('{"grant_type":{"a": 1}}'),
      "[1:15] [activate_profile_request] grant_type doesn't support values of type: START_OBJECT",
    );
    expectParseError(
      await activate('{"username": ["joe"]}'),
      "[1:14] [activate_profile_request] username doesn't support values of type: START_ARRAY",
    );
    expectParseError(
      await activate('{"password":true}'),
      "[1:13] [activate_profile_request] password doesn't support values of type: VALUE_BOOLEAN",
    );
  });

  it('a body that is not an object: "Expected START_OBJECT but was: ..."', async () => {
    expectParseError(await activate('[]'), '[1:1] [activate_profile_request] Expected START_OBJECT but was: START_ARRAY');
    expectParseError(await activate('  [{"grant_type":"password"}]'), '[1:3] [activate_profile_request] Expected START_OBJECT but was: START_ARRAY');
    expectParseError(await activate('"password"'), '[1:1] [activate_profile_request] Expected START_OBJECT but was: VALUE_STRING');
    expectParseError(await activate('null'), '[1:1] [activate_profile_request] Expected START_OBJECT but was: VALUE_NULL');
  });

  it('positions count lines and columns in multi-line bodies (1-based)', async () => {
    const body = '{\n  "grant_type": "password",\n  "username": "joe",\n  "passwd": "x"\n}';
    expectParseError(
      await activate(body),
      '[4:3] [activate_profile_request] unknown field [passwd] did you mean [password]?',
    );
    expectParseError(
      await activate('{\n\t"grant_type":\n\t\t1\n}'),
      "[3:3] [activate_profile_request] grant_type doesn't support values of type: VALUE_NUMBER",
    );
  });

  it('CRLF line breaks count once', async () => {
    expectParseError(await activate('{\r\n  "foo": 1\r\n}'), '[2:3] [activate_profile_request] unknown field [foo]');
  });

  it('client_authentication is parsed by its own parser; errors inside are wrapped', async () => {
    const res = await activate(
      '{"grant_type":"access_token","access_token":"t","client_authentication":{"scheme":"SharedSecret","valu":"x"}}',
    );
    const error = expectParseError(res, /^\[1:\d+\] \[activate_profile_request\] failed to parse field \[client_authentication\]$/);
    expect(error.caused_by).toEqual({
      type: 'x_content_parse_exception',
      reason: '[1:98] [client_authentication] unknown field [valu] did you mean [value]?',
    });
  });

  it('client_authentication needs both scheme and value', async () => {
    const res = await activate('{"grant_type":"access_token","access_token":"t","client_authentication":{"scheme":"SharedSecret"}}');
    const error = expectParseError(res, /^\[1:\d+\] \[activate_profile_request\] failed to parse field \[client_authentication\]$/);
    expect(error.caused_by).toEqual({ type: 'illegal_argument_exception', reason: 'Required [value]' });
  });

  // Elasticsearch's ObjectParser wraps a nested parser's failure with `parser.getTokenLocation()`
  // at the moment of failure (ObjectParser.throwFailedToParse), i.e. the token the inner parser
  // stopped at: here the value "x" of the unknown inner field (column 105), not the "{" (73).
  it('the wrapping error of a nested failure is located where the inner parser failed', async () => {
    const res = await activate(
      '{"grant_type":"access_token","access_token":"t","client_authentication":{"scheme":"SharedSecret","valu":"x"}}',
    );
    expectParseError(res, '[1:105] [activate_profile_request] failed to parse field [client_authentication]');
  });

  // ObjectParser.assertSupports checks the token type of every declared field first;
  // client_authentication is an OBJECT field, so a string is "doesn't support values of type".
  it('a non-object client_authentication is a "doesn\'t support values of type" error', async () => {
    expectParseError(
      await activate('{"grant_type":"access_token","access_token":"t","client_authentication":"SharedSecret x"}'),
      "[1:73] [activate_profile_request] client_authentication doesn't support values of type: VALUE_STRING",
    );
  });

  it('malformed JSON: x_content_parse_exception with a [line:col] prefix and a json_parse_exception cause', async () => {
    const res = await activate('{"grant_type": "password",}');
    const error = expectParseError(
      res,
      /^\[1:\d+\] Unexpected character \('\}' \(code 125\)\): was expecting double-quote to start field name/,
    );
    expect(error.caused_by.type).toBe('json_parse_exception');
    expect(error.caused_by.reason).toMatch(/^Unexpected character \('\}' \(code 125\)\): was expecting double-quote to start field name/);

    const multiLine = await activate('{\n  "grant_type": "password",\n}');
    expectParseError(multiLine, /^\[3:\d+\] Unexpected character \('\}' \(code 125\)\)/);
  });

  it('truncated JSON is a parse error too', async () => {
    const res = await activate('{"grant_type": "password"');
    expectParseError(res, /^\[1:\d+\] Unexpected end-of-input/);
  });

  // Jackson reports the parser's *current* location for syntax errors, i.e. just after the
  // offending character (a "<" in column 1 is reported at column 2), and Elasticsearch's
  // JsonXContentParser copies that location into the "[L:C]" prefix.
  it('a syntax error is located one past the offending character, as Jackson does', async () => {
    expectParseError(await activate('{"grant_type": "password",}'), /^\[1:28\] /);
  });

  // For an unexpected character where a value is expected Jackson says "Unexpected character
  // ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null',
  // 'true' or 'false')".
  it('an unexpected character where a value should start uses Jackson\'s "expected a valid value" text', async () => {
    expectParseError(
      await activate('<grant/>'),
      /Unexpected character \('<' \(code 60\)\): expected a valid value \(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\)/,
    );
  });

  it('duplicate keys are rejected', async () => {
    expectParseError(
      await activate('{"grant_type":"password","grant_type":"access_token"}'),
      /^\[1:\d+\] Duplicate field 'grant_type'/,
    );
    expectParseError(
      await activate('{"grant_type":"access_token","access_token":"t","client_authentication":{"scheme":"a","scheme":"b","value":"v"}}'),
      /Duplicate field 'scheme'/,
    );
  });

  // JSON.parse keeps the last of two equal keys; the check must see that an escaped name is the same key.
  it('a duplicate key spelled with an escape is still a duplicate', async () => {
    expectParseError(await activate('{"username":"a","\\u0075sername":"b","grant_type":"password","password":"p"}'), /Duplicate field 'username'/);
  });

  it('keys inside string values are not keys', async () => {
    const reply = await activate('{"grant_type":"password","username":"\\"username\\":","password":"x"}');
    expect(reply.body).not.toMatch(/Duplicate field/);
  });

  // Jackson detects a duplicate in JsonReadContext.setCurrentName, right after reading the
  // name, and reports the current location: just past the closing quote (column 38 here).
  it('a duplicate key is located just past the duplicate name, as Jackson does', async () => {
    expectParseError(await activate('{"grant_type":"password","grant_type":"access_token"}'), /^\[1:38\] Duplicate field 'grant_type'/);
  });

  // Elasticsearch parses request bodies from bytes (UTF8StreamJsonParser), whose column
  // numbers count bytes; "ü" is two bytes in UTF-8, so the unknown field is at column 23.
  it('columns count UTF-8 bytes, as Jackson does for byte input', async () => {
    expectParseError(
      await activate('{"username":"jürgen","foo":1}'),
      '[1:23] [activate_profile_request] unknown field [foo]',
    );
  });

  it('no body: 400 parse_exception "request body is required"', async () => {
    const res = await call({ method: 'POST', url: ACTIVATE_PATH, headers: { authorization: ELASTIC } });
    expectEsError(res, 400, 'parse_exception', 'request body is required');
  });

  it('parse errors come before validation and before unrecognized parameters', async () => {
    expectParseError(await activate('{"grant_type": 1}', ELASTIC, 'foo=bar'), /grant_type doesn't support values of type: VALUE_NUMBER/);
  });
});

describe('"did you mean" suggestions', () => {
  it('lists several candidates best first, ties by name', () => {
    expect(suggestSimilar('foo', ['fox', 'fop', 'bar'])).toBe(' did you mean any of [fop, fox]?');
    expect(suggestSimilar('passwd', ['password', 'username', 'grant_type'])).toBe(' did you mean [password]?');
    expect(suggestSimilar('zzz', ['password'])).toBe('');
  });

  it('requires a similarity above 0.5 (1 - distance / longer length)', () => {
    // "ab" vs "abcd": distance 2, longer length 4 -> exactly 0.5 -> no suggestion.
    expect(suggestSimilar('ab', ['abcd'])).toBe('');
    // "abc" vs "abcd": 0.75.
    expect(suggestSimilar('abc', ['abcd'])).toBe(' did you mean [abcd]?');
  });
});

describe('query parameters', () => {
  it('an unknown parameter: 400 illegal_argument_exception naming the path without query', async () => {
    expectEsError(
      await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}', ELASTIC, 'foo=bar'),
      400,
      'illegal_argument_exception',
      'request [/_security/profile/_activate] contains unrecognized parameter: [foo]',
    );
  });

  it('several unknown parameters: sorted, plural, with suggestions from the known ones', async () => {
    expectEsError(
      await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}', ELASTIC, 'zeta=1&prety=true&alpha=2'),
      400,
      'illegal_argument_exception',
      'request [/_security/profile/_activate] contains unrecognized parameters: [alpha], [prety] -> did you mean [pretty]?, [zeta]',
    );
  });

  it('is checked before validation', async () => {
    expectEsError(
      await activate('{}', ELASTIC, 'foo=bar'),
      400,
      'illegal_argument_exception',
      'request [/_security/profile/_activate] contains unrecognized parameter: [foo]',
    );
  });

  it('accepts the common response parameters', async () => {
    const res = await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}', ELASTIC, 'human&error_trace=false');
    expect(res.status).toBe(200);
  });
});

describe('routing errors (compatibility notes §13)', () => {
  it('unknown path: 400 with a plain-string error, uri including the query', async () => {
    const res = await call({ url: '/_security/nothing_here', headers: { authorization: ELASTIC } });
    expect(res.status).toBe(400);
    expect(res.body).toBe('{"error":"no handler found for uri [/_security/nothing_here] and method [GET]","status":400}');

    const withQuery = await call({ method: 'POST', url: '/_security/nothing_here?x=1' });
    expect(withQuery.json).toEqual({ error: 'no handler found for uri [/_security/nothing_here?x=1] and method [POST]', status: 400 });
  });

  it('known path, wrong method: 405 with the allowed methods and an Allow header', async () => {
    const res = await call({ method: 'DELETE', url: ACTIVATE_PATH });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({
      error: 'Incorrect HTTP method for uri [/_security/profile/_activate] and method [DELETE], allowed: [GET, POST]',
      status: 405,
    });
    expect(res.headers.allow).toBe('GET,POST');
  });

  it('405 names the uri with its query string', async () => {
    const res = await call({ method: 'DELETE', url: `${ACTIVATE_PATH}?pretty` });
    expect(res.status).toBe(405);
    expect(res.json.error).toBe(`Incorrect HTTP method for uri [${ACTIVATE_PATH}?pretty] and method [DELETE], allowed: [GET, POST]`);
  });

  it('OPTIONS: 200 with the Allow header and no body', async () => {
    const res = await call({ method: 'OPTIONS', url: ACTIVATE_PATH });
    expect(res.status).toBe(200);
    expect(res.headers.allow).toBe('GET,POST');
    expect(res.body).toBe('');
  });

  it('routing errors need no credentials', async () => {
    expect((await call({ method: 'PATCH', url: ACTIVATE_PATH })).status).toBe(405);
    expect((await call({ url: '/nope' })).status).toBe(400);
  });
});

describe('content negotiation', () => {
  const VALID = '{"grant_type":"password","username":"joe","password":"s3krit-password"}';

  it('a body without Content-Type: 406 "Content-Type header is missing", before authentication', async () => {
    const res = await call({ method: 'POST', url: ACTIVATE_PATH, body: VALID });
    expect(res.status).toBe(406);
    expect(res.body).toBe('{"error":"Content-Type header is missing","status":406}');
  });

  it('an unsupported Content-Type: 406 naming it', async () => {
    const res = await activate(VALID, ELASTIC, '', { 'content-type': 'text/plain' });
    expect(res.status).toBe(406);
    expect(res.json).toEqual({ error: 'Content-Type header [text/plain] is not supported', status: 406 });
  });

  it('application/json with a charset is fine', async () => {
    expect((await activate(VALID, ELASTIC, '', { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(200);
  });

  it.each([8, 9])('compatible-with=%i (what the official clients send) is accepted and echoed', async (version) => {
    const res = await activate(VALID, ELASTIC, '', {
      'content-type': `application/vnd.elasticsearch+json; compatible-with=${version}`,
      accept: `application/vnd.elasticsearch+json; compatible-with=${version},text/plain`,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.elasticsearch+json');
    expect(res.headers['content-type']).toContain(`compatible-with=${version}`);
    expect(res.json.uid).toBe(JOE_UID);
  });

  it('compatible-with=7 is rejected: 400 media_type_header_exception', async () => {
    const res = await activate(VALID, ELASTIC, '', {
      'content-type': 'application/vnd.elasticsearch+json; compatible-with=7',
      accept: 'application/vnd.elasticsearch+json; compatible-with=7',
    });
    const error = expectEsError(res, 400, 'media_type_header_exception', 'Invalid media-type value on headers [Content-Type, Accept]');
    expect(error.caused_by.type).toBe('status_exception');
  });

  it('different versions in Content-Type and Accept are rejected', async () => {
    const res = await activate(VALID, ELASTIC, '', {
      'content-type': 'application/vnd.elasticsearch+json; compatible-with=8',
      accept: 'application/vnd.elasticsearch+json; compatible-with=9',
    });
    expectEsError(res, 400, 'media_type_header_exception', 'Invalid media-type value on headers [Content-Type, Accept]');
  });

  it('a versioned Accept on a bodyless GET is honoured', async () => {
    const res = await call({
      url: '/_security/_authenticate',
      headers: { authorization: ELASTIC, accept: 'application/vnd.elasticsearch+json; compatible-with=9' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('compatible-with=9');
  });
});

describe('request size limit', () => {
  it('a body above http.max_content_length: 413, before routing and authentication', async () => {
    const body = JSON.stringify({ grant_type: 'password', username: 'joe', password: 'x'.repeat(MAX_CONTENT_LENGTH) });
    const res = await call({ method: 'POST', url: ACTIVATE_PATH, headers: { 'content-type': JSON_TYPE }, body });
    expect(res.status).toBe(413);
    if (res.json !== undefined && typeof res.json.error === 'object') {
      expect(Object.keys(res.json)).toEqual(['error', 'status']);
      expect(res.json.status).toBe(413);
    }
  });

  it('counts UTF-8 bytes, and a body of exactly the limit is accepted', async () => {
    const small = new EsApiDispatcher(engine, { maxContentLength: 64, logError: () => undefined });
    const exact = '{"grant_type":"password","username":"joe","password":"' + 'p'.repeat(8) + '"}';
    const padded = exact + ' '.repeat(64 - Buffer.byteLength(exact));
    expect(Buffer.byteLength(padded)).toBe(64);
    const ok = await call({ via: small, method: 'POST', url: ACTIVATE_PATH, headers: { 'content-type': JSON_TYPE, authorization: ELASTIC }, body: padded });
    expect(ok.status).toBe(401); // passed the size check; the grant password is wrong

    // 63 ASCII characters + one two-byte character = 65 bytes.
    const multiByte = padded.slice(0, 63) + 'é';
    expect(multiByte.length).toBe(64);
    const tooLarge = await call({ via: small, method: 'POST', url: ACTIVATE_PATH, headers: { 'content-type': JSON_TYPE }, body: multiByte });
    expect(tooLarge.status).toBe(413);
  });

  it('a body too large to read (oversizedBodyBytes) is refused too', async () => {
    const res = await call({ method: 'POST', url: ACTIVATE_PATH, headers: { 'content-type': JSON_TYPE }, oversizedBodyBytes: 10_000_000 });
    expect(res.status).toBe(413);
  });

  it('returns the caller\'s X-Opaque-Id on answers and errors, and adds none when it was not sent', async () => {
    const ok = await call({ url: '/_security/_authenticate', headers: { authorization: ELASTIC, 'x-opaque-id': 'job-42' } });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-opaque-id']).toBe('job-42');
    const denied = await call({ url: '/_security/_authenticate', headers: { 'x-opaque-id': 'job-43' } });
    expect(denied.status).toBe(401);
    expect(denied.headers['x-opaque-id']).toBe('job-43');
    expect(denied.headers['www-authenticate']).toBeDefined();
    const options = await call({ method: 'OPTIONS', url: '/_security/_authenticate', headers: { 'x-opaque-id': 'job-44' } });
    expect(options.headers['x-opaque-id']).toBe('job-44');
    const plain = await call({ url: '/_security/_authenticate', headers: { authorization: ELASTIC } });
    expect(plain.headers['x-opaque-id']).toBeUndefined();
  });

  it('a body that could not be read (a corrupt gzip body) is answered with its error before routing or authentication', async () => {
    const problem = new EsError(400, 'illegal_argument_exception', 'request body is not valid [gzip] content: incorrect header check');
    for (const url of [ACTIVATE_PATH, '/_no_such_api']) {
      const res = await call({ method: 'POST', url, headers: { 'content-type': JSON_TYPE }, unreadableBody: problem });
      expectEsError(res, 400, 'illegal_argument_exception', 'request body is not valid [gzip] content: incorrect header check');
    }
  });
});

describe('order of checks: authentication, parsing, validation, authorization', () => {
  it('no credentials: 401 even with an invalid or malformed body', async () => {
    for (const body of ['{}', '{"grant_type": 1}', '{oops']) {
      const res = await activate(body, null);
      expectEsError(res, 401, 'security_exception', `missing authentication credentials for REST request [${ACTIVATE_PATH}]`);
      expect(res.headers['www-authenticate']).toEqual(WWW_AUTHENTICATE);
    }
  });

  it('wrong caller password: 401 naming the caller and the uri', async () => {
    const res = await activate('{}', basic('bob', 'nope-nope'), 'pretty');
    expectEsError(res, 401, 'security_exception', `unable to authenticate user [bob] for REST request [${ACTIVATE_PATH}?pretty]`);
  });

  it('a caller without privileges sending an invalid body gets 400 (validation first)', async () => {
    expectEsError(await activate('{}', BOB), 400, 'action_request_validation_exception', 'Validation Failed: 1: [grant_type] is required;');
    expectEsError(
      await activate('{"grant_type":"password"}', BOB),
      400,
      'action_request_validation_exception',
      'Validation Failed: 1: [username] is required for grant_type [password];2: [password] is required for grant_type [password];',
    );
  });

  it('the same caller with a valid body gets the exact 403', async () => {
    expectEsError(
      await activate('{"grant_type":"password","username":"joe","password":"s3krit-password"}', BOB),
      403,
      'security_exception',
      'action [cluster:admin/xpack/security/profile/activate] is unauthorized for user [bob] with effective roles [viewer], ' +
        'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
    );
  });

  it('the 403 comes before the grant is checked (a wrong grant password still gives 403)', async () => {
    const res = await activate('{"grant_type":"password","username":"joe","password":"wrong-password"}', BOB);
    expect(res.status).toBe(403);
  });

  it('validation examples of compatibility notes §1.4 through the API', async () => {
    expectEsError(
      await activate('{"grant_type":"access_token","access_token":"x","username":"u","password":"p"}'),
      400,
      'action_request_validation_exception',
      'Validation Failed: 1: [username] is not supported for grant_type [access_token];2: [password] is not supported for grant_type [access_token];',
    );
    expectEsError(
      await activate('{"grant_type":"foo"}'),
      400,
      'action_request_validation_exception',
      'Validation Failed: 1: grant_type [foo] is not supported;',
    );
  });
});
