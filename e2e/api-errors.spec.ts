import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';
import { ACTIVATE_ACTION, basic, esClient, esErrorBody, expectedUid, rawRequest, type RawRequest, type RawResponse } from './support/es-http';

/**
 * Exact error bodies and headers of the Elasticsearch-compatible API over raw HTTP
 * (compatibility notes §1.3, §1.4, §2.3, §2.4, §9, §13).
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const ELASTIC = basic('elastic', ELASTIC_PASSWORD);
const JOE_PASSWORD = 's3krit-password';
const ACTIVATE = '/_security/profile/_activate';
const JSON_TYPE = { 'content-type': 'application/json' };
const MIB = 1024 * 1024;

/** The WWW-Authenticate values Elasticsearch may send, in its priority order (§2.4). */
const WWW_AUTHENTICATE_ORDER = ['Negotiate', 'Bearer realm="security"', 'ApiKey', 'Basic realm="security" charset="UTF-8"'];

let server: RunningServer;

/** A raw request that must come from the Elasticsearch API: X-elastic-product and a JSON content type on every answer. */
async function es(path: string, options: RawRequest & { auth?: string } = {}): Promise<RawResponse> {
  const headers = { ...(options.auth ? { authorization: options.auth } : {}), ...(options.headers ?? {}) };
  const response = await rawRequest(server.url, path, { ...options, headers });
  expect(response.headers['x-elastic-product'], `X-elastic-product on ${options.method ?? 'GET'} ${path}`).toEqual(['Elasticsearch']);
  expect(response.header('content-type'), `content type of ${options.method ?? 'GET'} ${path}`).toMatch(
    /^application\/(json|vnd\.elasticsearch\+json)/,
  );
  return response;
}

function activateBody(grant: Record<string, unknown>): string {
  return JSON.stringify(grant);
}

/** POST to the activate API as `elastic`, as another caller, or (auth null) without credentials. */
async function postActivate(body: string, auth: string | null = ELASTIC, path = ACTIVATE): Promise<RawResponse> {
  return es(path, { method: 'POST', auth: auth ?? undefined, headers: JSON_TYPE, body });
}

/**
 * The WWW-Authenticate challenges of a response, whether sent as separate header lines (as
 * Elasticsearch does) or joined into one line with commas (equivalent per RFC 9110 §11.6.1).
 */
function challenges(response: RawResponse): string[] {
  return (response.headers['www-authenticate'] ?? []).flatMap((line) => line.split(/,\s*(?=(?:Negotiate|Bearer|ApiKey|Basic)\b)/));
}

function expectWwwAuthenticate(response: RawResponse): void {
  const values = challenges(response);
  expect(values).toContain('Basic realm="security" charset="UTF-8"');
  // Every value is one Elasticsearch sends, each once, in its priority order.
  const positions = values.map((v) => WWW_AUTHENTICATE_ORDER.indexOf(v));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(new Set(values).size).toBe(values.length);
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  const client = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
  try {
    await client.security.putUser({ username: 'joe', password: JOE_PASSWORD, roles: ['superuser'], full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' });
    await client.security.putUser({ username: 'bob', password: 'bob-password', roles: ['viewer'] });
    await client.security.putUser({ username: 'carol', password: 'carol-password', roles: ['viewer', 'no_such_role'] });
  } finally {
    await client.close();
  }
});

test.afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test.describe('401 authentication failures', () => {
  test('no credentials: missing authentication credentials, with WWW-Authenticate headers also in the body', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), null);
    expect(response.status).toBe(401);
    expectWwwAuthenticate(response);
    const reason = 'missing authentication credentials for REST request [/_security/profile/_activate]';
    const header = { 'WWW-Authenticate': challenges(response) };
    expect(response.json()).toEqual(esErrorBody('security_exception', reason, 401, { header }));
    // The header object sits after type and reason, in root_cause and in error.
    expect(Object.keys(response.json().error)).toEqual(['root_cause', 'type', 'reason', 'header']);
  });

  test('each WWW-Authenticate challenge is its own header line, as Elasticsearch sends them (§2.4)', async () => {
    // BUG (deviation from compatibility notes §2.4 "multiple headers"): the challenges arrive joined into ONE
    // header line ("Bearer realm=\"security\", ApiKey, Basic realm=\"security\" charset=\"UTF-8\""),
    // because the route handler builds a web Headers object, which folds repeated values with ", ".
    // Equivalent for RFC-conforming clients, but not byte-identical to Elasticsearch.
    test.fail();
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), null);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toEqual(response.json().error.header['WWW-Authenticate']);
  });

  test('no credentials: the message quotes the query string of the URI', async () => {
    const response = await es('/_security/profile/some_uid?data=app1');
    expect(response.status).toBe(401);
    expect(response.json().error.reason).toBe('missing authentication credentials for REST request [/_security/profile/some_uid?data=app1]');
  });

  test('wrong caller password: unable to authenticate user for REST request', async () => {
    const response = await postActivate(
      activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }),
      basic('joe', 'not-the-password'),
    );
    expect(response.status).toBe(401);
    expectWwwAuthenticate(response);
    const reason = 'unable to authenticate user [joe] for REST request [/_security/profile/_activate]';
    expect(response.json()).toEqual(esErrorBody('security_exception', reason, 401, { header: { 'WWW-Authenticate': challenges(response) } }));
  });

  test('wrong grant password: unable to authenticate user [joe] for action [...profile/activate]', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: 'wrong-password' }));
    expect(response.status).toBe(401);
    expectWwwAuthenticate(response);
    const reason = `unable to authenticate user [joe] for action [${ACTIVATE_ACTION}]`;
    expect(reason).toBe('unable to authenticate user [joe] for action [cluster:admin/xpack/security/profile/activate]');
    expect(response.json()).toEqual(esErrorBody('security_exception', reason, 401, { header: { 'WWW-Authenticate': challenges(response) } }));
  });

  test('grant for an unknown user, or a whitespace-only username (not blank, so not a validation error): 401', async () => {
    const unknown = await postActivate(activateBody({ grant_type: 'password', username: 'nobody', password: 'whatever1' }));
    expect(unknown.status).toBe(401);
    expect(unknown.json().error.reason).toBe(`unable to authenticate user [nobody] for action [${ACTIVATE_ACTION}]`);

    const spaces = await postActivate(activateBody({ grant_type: 'password', username: ' ', password: ' ' }));
    expect(spaces.status).toBe(401);
    expect(spaces.json().error.reason).toBe(`unable to authenticate user [ ] for action [${ACTIVATE_ACTION}]`);
  });

  test('malformed Basic header: 401 security_exception', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), 'Basic %%%not-base64');
    expect(response.status).toBe(401);
    expect(response.json().error.type).toBe('security_exception');
  });
});

test.describe('403 authorization failures', () => {
  test('caller without manage_user_profile: the compatibility notes §2.3 message', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), basic('bob', 'bob-password'));
    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toBeUndefined();
    const reason =
      'action [cluster:admin/xpack/security/profile/activate] is unauthorized for user [bob] with effective roles [viewer], ' +
      'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]';
    expect(response.json()).toEqual(esErrorBody('security_exception', reason, 403));
  });

  test('assigned roles that do not exist are named in the 403 message', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), basic('carol', 'carol-password'));
    expect(response.status).toBe(403);
    expect(response.json().error.reason).toBe(
      'action [cluster:admin/xpack/security/profile/activate] is unauthorized for user [carol] with effective roles [viewer] ' +
        '(assigned roles [no_such_role] were not found), this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
    );
  });

  test('validation runs before authorization: an unprivileged caller with an invalid body gets 400, not 403 (§1.4)', async () => {
    const response = await postActivate('{}', basic('bob', 'bob-password'));
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(esErrorBody('action_request_validation_exception', 'Validation Failed: 1: [grant_type] is required;', 400));
  });
});

test.describe('400 request validation (§1.4)', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['empty object', {}, 'Validation Failed: 1: [grant_type] is required;'],
    [
      'password grant without credentials',
      { grant_type: 'password' },
      'Validation Failed: 1: [username] is required for grant_type [password];2: [password] is required for grant_type [password];',
    ],
    [
      'password grant with empty strings (blank)',
      { grant_type: 'password', username: '', password: '' },
      'Validation Failed: 1: [username] is required for grant_type [password];2: [password] is required for grant_type [password];',
    ],
    [
      'password grant with an access token',
      { grant_type: 'password', username: 'joe', password: JOE_PASSWORD, access_token: 'abc' },
      'Validation Failed: 1: [access_token] is not supported for grant_type [password];',
    ],
    [
      'password grant with client_authentication',
      { grant_type: 'password', username: 'joe', password: JOE_PASSWORD, client_authentication: { scheme: 'SharedSecret', value: 's' } },
      'Validation Failed: 1: [client_authentication] is not supported for grant_type [password];',
    ],
    [
      'access_token grant with username and password',
      { grant_type: 'access_token', access_token: 'x', username: 'u', password: 'p' },
      'Validation Failed: 1: [username] is not supported for grant_type [access_token];2: [password] is not supported for grant_type [access_token];',
    ],
    ['access_token grant without a token', { grant_type: 'access_token' }, 'Validation Failed: 1: [access_token] is required for grant_type [access_token];'],
    [
      'access_token grant with a client_authentication scheme other than SharedSecret',
      { grant_type: 'access_token', access_token: 'x', client_authentication: { scheme: 'Basic', value: 's' } },
      'Validation Failed: 1: [client_authentication.scheme] must be set to [SharedSecret];',
    ],
    ['unknown grant type', { grant_type: 'foo' }, 'Validation Failed: 1: grant_type [foo] is not supported;'],
    ['grant types are case-sensitive', { grant_type: 'Password', username: 'joe', password: JOE_PASSWORD }, 'Validation Failed: 1: grant_type [Password] is not supported;'],
  ];
  for (const [name, body, reason] of cases) {
    test(name, async () => {
      const response = await postActivate(JSON.stringify(body));
      expect(response.status).toBe(400);
      expect(response.json()).toEqual(esErrorBody('action_request_validation_exception', reason, 400));
    });
  }
});

test.describe('400 parse errors (§1.3)', () => {
  test('no body: parse_exception "request body is required"', async () => {
    const response = await es(ACTIVATE, { method: 'POST', auth: ELASTIC });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(esErrorBody('parse_exception', 'request body is required', 400));
  });

  test('unknown field, with its [line:col]', async () => {
    const response = await postActivate('{"grant_type":"password","foo":1}');
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(esErrorBody('x_content_parse_exception', '[1:26] [activate_profile_request] unknown field [foo]', 400));
  });

  test('unknown field on a later line, with a "did you mean" suggestion', async () => {
    const response = await postActivate('{\n  "grant_type": "password",\n  "usernme": "joe"\n}');
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(
      esErrorBody('x_content_parse_exception', '[3:3] [activate_profile_request] unknown field [usernme] did you mean [username]?', 400),
    );
  });

  test('values of the wrong JSON type', async () => {
    const cases: Array<[string, string]> = [
      ['{"grant_type":1}', '[1:15] [activate_profile_request] grant_type doesn\'t support values of type: VALUE_NUMBER'],
      ['{"grant_type":null}', '[1:15] [activate_profile_request] grant_type doesn\'t support values of type: VALUE_NULL'],
      ['{"grant_type":"password","username":{"a":1}}', '[1:37] [activate_profile_request] username doesn\'t support values of type: START_OBJECT'],
      ['{"grant_type":"password","password":true}', '[1:37] [activate_profile_request] password doesn\'t support values of type: VALUE_BOOLEAN'],
    ];
    for (const [body, reason] of cases) {
      const response = await postActivate(body);
      expect(response.status, body).toBe(400);
      expect(response.json(), body).toEqual(esErrorBody('x_content_parse_exception', reason, 400));
    }
  });

  test('a body that is not an object', async () => {
    const response = await postActivate('[]');
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(esErrorBody('x_content_parse_exception', '[1:1] [activate_profile_request] Expected START_OBJECT but was: START_ARRAY', 400));
  });

  test('malformed JSON: x_content_parse_exception located at the offending line', async () => {
    const response = await postActivate('{\n  "grant_type": "password",\n  "username": }');
    expect(response.status).toBe(400);
    const error = response.json().error;
    expect(error.type).toBe('x_content_parse_exception');
    expect(error.reason).toMatch(/^\[3:\d+\] /);
    expect(error.root_cause).toEqual([{ type: 'x_content_parse_exception', reason: error.reason }]);
    expect(response.json().status).toBe(400);
  });

  test('unknown URL parameter: unrecognized parameter', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), ELASTIC, `${ACTIVATE}?x=1`);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual(
      esErrorBody('illegal_argument_exception', 'request [/_security/profile/_activate] contains unrecognized parameter: [x]', 400),
    );
  });
});

test.describe('routing errors (§13)', () => {
  test('unknown path: 400 with the plain-string error, before authentication', async () => {
    const response = await es('/_foo?x=1');
    expect(response.status).toBe(400);
    expect(response.text).toBe('{"error":"no handler found for uri [/_foo?x=1] and method [GET]","status":400}');
    const authenticated = await es('/_foo?x=1', { auth: ELASTIC });
    expect(authenticated.status).toBe(400);
    expect(authenticated.json()).toEqual({ error: 'no handler found for uri [/_foo?x=1] and method [GET]', status: 400 });
  });

  test('a path in another letter case is an unknown path, not an HTML page', async () => {
    for (const path of ['/_Security/user', '/_SECURITY/_authenticate']) {
      const response = await es(path, { auth: ELASTIC });
      expect(response.status, path).toBe(400);
      expect(response.json()).toEqual({ error: `no handler found for uri [${path}] and method [GET]`, status: 400 });
    }
  });

  test('a malformed percent escape in the path: 400 with RestUtils.decodeComponent\'s message, never a 500', async () => {
    const cases: Array<[string, string]> = [
      ['/_security/user/%', 'unterminated escape sequence at end of string: %'],
      ['/_security/user/ab%a', 'partial escape sequence at end of string: ab%a'],
      ['/_foo/x%zz', "invalid escape sequence `%zz' at index 1 of: x%zz"],
      // Elasticsearch would decode these two; the framework cannot route them, so they are refused plainly.
      ['/_security/user/%C3%28', 'path segment [%C3%28] does not decode to UTF-8 text'],
      ['/_security/user/a%%b', 'path segment [a%%b] uses "%%" for "%": escape it as %25'],
    ];
    for (const [path, reason] of cases) {
      const response = await es(path, { auth: ELASTIC });
      expect(response.status, path).toBe(400);
      expect(response.json(), path).toEqual(esErrorBody('illegal_argument_exception', reason, 400));
    }
    // Well-formed escapes, ASCII or not, still reach the API.
    expect((await es('/_security/user/el%61stic', { auth: ELASTIC })).status).toBe(200);
    expect((await es('/_security/user/%C3%A9l%C3%A8ve', { auth: ELASTIC })).status).toBe(404);
    // A console page with a malformed escape: a plain 400 too.
    const page = await rawRequest(server.url, '/profiles/%');
    expect(page.status).toBe(400);
    expect(page.text).toContain('unterminated escape sequence');
  });

  test('known path, wrong method: 405 with the Allow header', async () => {
    const response = await es('/_security/_authenticate', { method: 'POST', auth: ELASTIC });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toEqual(['GET']);
    expect(response.json()).toEqual({
      error: 'Incorrect HTTP method for uri [/_security/_authenticate] and method [POST], allowed: [GET]',
      status: 405,
    });
  });

  test('405 quotes the query string and lists every method of the matching routes', async () => {
    // /_security/profile/_activate matches POST (activate) and GET (get profile with uid "_activate").
    const response = await es(`${ACTIVATE}?x=1`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    const body = response.json();
    expect(body.status).toBe(405);
    const match = /^Incorrect HTTP method for uri \[\/_security\/profile\/_activate\?x=1\] and method \[DELETE\], allowed: \[(.*)\]$/.exec(body.error);
    expect(match, body.error).not.toBeNull();
    const allowed = match![1].split(', ');
    expect([...allowed].sort()).toEqual(['GET', 'POST']);
    expect(response.headers['allow']?.[0].split(',').sort()).toEqual(['GET', 'POST']);
  });
});

test.describe('413 request body over http.max_content_length (1 MiB default)', () => {
  test('a body of exactly the limit is accepted, one byte more is refused', async () => {
    const json = '{"grant_type":"foo"}';
    const atLimit = json + ' '.repeat(MIB - json.length);
    expect(Buffer.byteLength(atLimit)).toBe(MIB);
    const accepted = await postActivate(atLimit);
    expect(accepted.status).toBe(400);
    expect(accepted.json().error.reason).toBe('Validation Failed: 1: grant_type [foo] is not supported;');

    const over = await postActivate(atLimit + ' ');
    expect(over.status).toBe(413);
    expect(over.json().status).toBe(413);
  });

  test('an oversized body sent without Content-Length (chunked) is refused too', async () => {
    const json = '{"grant_type":"foo"}';
    const response = await es(ACTIVATE, { method: 'POST', auth: ELASTIC, headers: JSON_TYPE, body: json + ' '.repeat(MIB + 100), chunked: true });
    expect(response.status).toBe(413);
  });
});

test('HTTP_MAX_CONTENT_LENGTH=1kb lowers the limit', async () => {
  const small = await startServer({ env: { ELASTIC_PASSWORD, HTTP_MAX_CONTENT_LENGTH: '1kb' } });
  try {
    const json = '{"grant_type":"foo"}';
    const send = (body: string) =>
      rawRequest(small.url, ACTIVATE, { method: 'POST', headers: { ...JSON_TYPE, authorization: ELASTIC }, body });
    const atLimit = await send(json + ' '.repeat(1024 - json.length));
    expect(atLimit.status).toBe(400);
    expect(atLimit.json().error.reason).toBe('Validation Failed: 1: grant_type [foo] is not supported;');
    const over = await send(json + ' '.repeat(1025 - json.length));
    expect(over.status).toBe(413);
    expect(over.headers['x-elastic-product']).toEqual(['Elasticsearch']);
    expect(over.json().status).toBe(413);
  } finally {
    await small.stop();
    fs.rmSync(small.dataDir, { recursive: true, force: true });
  }
});

test.describe('content negotiation', () => {
  test('406 for an unsupported Content-Type', async () => {
    const body = activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD });
    const response = await es(ACTIVATE, { method: 'POST', auth: ELASTIC, headers: { 'content-type': 'text/plain' }, body });
    expect(response.status).toBe(406);
    expect(response.json()).toEqual({ error: 'Content-Type header [text/plain] is not supported', status: 406 });
  });

  test('406 for a body without Content-Type', async () => {
    const body = activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD });
    const response = await es(ACTIVATE, { method: 'POST', auth: ELASTIC, body });
    expect(response.status).toBe(406);
    expect(response.json()).toEqual({ error: 'Content-Type header is missing', status: 406 });
  });

  test('plain application/json: JSON response', async () => {
    const response = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }));
    expect(response.status).toBe(200);
    expect(response.header('content-type')).toMatch(/^application\/json/);
    expect(response.json().uid).toBe(expectedUid('joe'));
  });

  for (const version of [8, 9]) {
    test(`application/vnd.elasticsearch+json; compatible-with=${version} is accepted`, async () => {
      const media = `application/vnd.elasticsearch+json; compatible-with=${version}`;
      const response = await es(ACTIVATE, {
        method: 'POST',
        auth: ELASTIC,
        headers: { 'content-type': media, accept: media },
        body: activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }),
      });
      expect(response.status).toBe(200);
      expect(response.header('content-type')).toMatch(new RegExp(`^application/vnd\\.elasticsearch\\+json; ?compatible-with=${version}`));
      expect(response.json().uid).toBe(expectedUid('joe'));
      expect(response.json().user.realm_name).toBe('default_native');
    });
  }

  test('?pretty indents the JSON the way Elasticsearch does', async () => {
    const compact = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }));
    const pretty = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), ELASTIC, `${ACTIVATE}?pretty`);
    expect(pretty.status).toBe(200);
    expect(compact.text).not.toContain('\n');
    expect(pretty.text.startsWith('{\n  "uid" : "')).toBe(true);
    expect(pretty.text).toContain('\n  "user" : {\n    "username" : "joe",');
    expect(pretty.json()).toEqual(compact.json());

    const prettyError = await es('/_security/profile/x?pretty');
    expect(prettyError.status).toBe(401);
    expect(prettyError.text).toContain('\n  "error" : {');
  });
});

test('?pretty prints empty objects as "{ }" like Jackson\'s pretty printer in Elasticsearch', async () => {
  // Elasticsearch pretty-prints with Jackson's DefaultPrettyPrinter: empty objects and arrays are
  // "{ }" and "[ ]" (e.g. `"labels" : { },`).
  const pretty = await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }), ELASTIC, `${ACTIVATE}?pretty`);
  expect(pretty.status).toBe(200);
  expect(pretty.text).toContain('\n  "labels" : { },\n  "data" : { },\n');
});

test('X-elastic-product: Elasticsearch also on success responses of every method used', async () => {
  const uid = expectedUid('joe');
  await postActivate(activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }));
  for (const [method, path] of [
    ['GET', `/_security/profile/${uid}`],
    ['POST', `/_security/profile/${uid}/_disable`],
    ['PUT', `/_security/profile/${uid}/_enable`],
    ['GET', '/_security/_authenticate'],
    ['GET', '/_security/user/joe'],
    ['GET', '/_security/role/superuser'],
  ] as const) {
    const response = await es(path, { method, auth: ELASTIC });
    expect(response.status, `${method} ${path}`).toBe(200);
  }
});

test('a console (non-API) path that does not exist answers the HTML not-found page, not Elasticsearch JSON', async () => {
  const response = await rawRequest(server.url, '/no-such-page');
  expect(response.status).toBe(404);
  expect(response.header('content-type')).toMatch(/^text\/html/);
  expect(response.text).not.toContain('no handler found');
  expect(response.text.toLowerCase()).toContain('<html');
});

test.describe('GET / (RestMainAction): the clients\' info() and ping()', () => {
  test('the official client gets node and version information, and ping() answers true', async () => {
    const client = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
    try {
      const info = await client.info();
      expect(Object.keys(info)).toEqual(['name', 'cluster_name', 'cluster_uuid', 'version', 'tagline']);
      expect(info.tagline).toBe('You Know, for Search');
      expect(info.version.number).toBe('9.0.0');
      expect(info.version.build_flavor).toBe('profile-console');
      expect(info.cluster_uuid).toMatch(/^[A-Za-z0-9_-]{22}$/);
      // The same data directory keeps its identity.
      expect((await client.info()).cluster_uuid).toBe(info.cluster_uuid);
      expect(await client.ping()).toBe(true);
    } finally {
      await client.close();
    }
  });

  test('curl gets JSON, with authentication and the monitor privilege, as from Elasticsearch', async () => {
    const ok = await es('/', { auth: ELASTIC, headers: { accept: '*/*' } });
    expect(ok.status).toBe(200);
    expect(ok.json().cluster_name).toBe('profile-console');
    expect(ok.header('vary')).toMatch(/(^|,)\s*Accept\s*(,|$)/i);
    const anonymous = await es('/', { headers: { accept: '*/*' } });
    expect(anonymous.status).toBe(401);
    const viewer = await es('/', { auth: basic('bob', 'bob-password') });
    expect(viewer.status).toBe(403);
    expect(viewer.json().error.reason).toBe(
      'action [cluster:monitor/main] is unauthorized for user [bob] with effective roles [viewer], this action is granted by the cluster privileges [monitor,manage,all]',
    );
  });

  test('a browser asking for HTML still gets the console', async () => {
    const page = await rawRequest(server.url, '/', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(307);
    expect(page.header('location')).toBe('/profiles/activate');
    expect(page.headers['x-elastic-product']).toBeUndefined();
  });
});

test('a body that does not decompress as its Content-Encoding says: 400 illegal_argument_exception, never a 500', async () => {
  const response = await es(ACTIVATE, {
    method: 'POST',
    auth: ELASTIC,
    headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    body: activateBody({ grant_type: 'password', username: 'joe', password: JOE_PASSWORD }),
  });
  expect(response.status).toBe(400);
  expect(response.json().error.type).toBe('illegal_argument_exception');
  expect(response.json().error.reason).toMatch(/^request body is not valid \[gzip\] content: /);
});
