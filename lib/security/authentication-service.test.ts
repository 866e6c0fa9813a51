import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SecurityEngine } from './engine';
import { EsError } from './errors';
import { parseBasicAuthorization } from './authentication-service';
import { verifyPassword } from './password-hasher';
import { rejectedEsError, thrownEsError } from './test-assertions';

// Count bcrypt verifications while keeping the real ones.
vi.mock('./password-hasher', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./password-hasher')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const bcryptChecks = () => vi.mocked(verifyPassword).mock.calls.length;

const WWW_AUTHENTICATE = ['Bearer realm="security"', 'ApiKey', 'Basic realm="security" charset="UTF-8"'];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-authc-test-'));
  dirs.push(dir);
  return dir;
}

function basic(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}



function expect401(error: EsError, reason: string) {
  expect(error.status).toBe(401);
  expect(error.type).toBe('security_exception');
  expect(error.reason).toBe(reason);
  expect(error.headers).toEqual({ 'WWW-Authenticate': WWW_AUTHENTICATE });
}

describe('parseBasicAuthorization', () => {
  it('splits username and password at the first colon', () => {
    expect(parseBasicAuthorization(basic('alice', 'pa:ss:word'))).toEqual({ username: 'alice', password: 'pa:ss:word' });
  });

  it('accepts an empty password and UTF-8 credentials', () => {
    expect(parseBasicAuthorization(basic('alice', ''))).toEqual({ username: 'alice', password: '' });
    expect(parseBasicAuthorization(basic('jürgen', 'pässwörd'))).toEqual({ username: 'jürgen', password: 'pässwörd' });
  });

  it('matches the scheme case-insensitively', () => {
    const encoded = Buffer.from('alice:pw').toString('base64');
    expect(parseBasicAuthorization(`basic ${encoded}`)).toEqual({ username: 'alice', password: 'pw' });
    expect(parseBasicAuthorization(`BASIC ${encoded}`)).toEqual({ username: 'alice', password: 'pw' });
  });

  it('accepts base64 without padding, as Java\'s decoder does', () => {
    // "alice:p" is 7 bytes: "YWxpY2U6cA==" padded.
    expect(parseBasicAuthorization('Basic YWxpY2U6cA')).toEqual({ username: 'alice', password: 'p' });
  });

  it('decodes exactly as Buffer does, including padding atob refuses and invalid UTF-8', () => {
    for (const encoded of ['YWxpY2U6cA=', Buffer.from([0x61, 0x3a, 0xff, 0x62]).toString('base64'), Buffer.from('zoë:pässwörd €').toString('base64')]) {
      const decoded = Buffer.from(encoded, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      expect(parseBasicAuthorization(`Basic ${encoded}`)).toEqual({ username: decoded.slice(0, colon), password: decoded.slice(colon + 1) });
    }
    expect(parseBasicAuthorization(`Basic ${Buffer.from([0x61, 0x3a, 0xff]).toString('base64')}`)).toEqual({ username: 'a', password: '\uFFFD' });
  });

  it('leaves other schemes to other authenticators', () => {
    expect(parseBasicAuthorization('Bearer abc')).toBeUndefined();
    expect(parseBasicAuthorization('ApiKey abc')).toBeUndefined();
  });

  it('bad base64: "invalid basic authentication header encoding"', () => {
    for (const header of ['Basic !!!!', 'Basic YWxp Y2U6cHc=', 'Basic Y']) {
      expect401(thrownEsError(() => parseBasicAuthorization(header)), 'invalid basic authentication header encoding');
    }
  });

  it('no colon: "invalid basic authentication header value"', () => {
    const header = 'Basic ' + Buffer.from('alice').toString('base64');
    expect401(thrownEsError(() => parseBasicAuthorization(header)), 'invalid basic authentication header value');
  });

  // Elasticsearch's UsernamePasswordToken.extractToken only rejects a missing colon (index < 0);
  // ":password" yields the empty username, which the realms then fail to authenticate
  // ("unable to authenticate user [] for REST request [...]").
  it('":password" yields the empty username, as in Elasticsearch', () => {
    expect(parseBasicAuthorization(basic('', 'pw'))).toEqual({ username: '', password: 'pw' });
  });
});

describe('AuthenticationService with the reserved and native realms', () => {
  let engine: SecurityEngine;
  const announced: string[] = [];

  beforeAll(async () => {
    engine = await SecurityEngine.open({
      dataDir: tempDir(),
      nodeName: 'node-1',
      elasticPassword: 'elastic-bootstrap-pw',
      announce: (m) => announced.push(m),
    });
    await engine.users.put('alice', { password: 'alice-pw-1', roles: ['viewer'], fullName: 'Alice', email: 'alice@example.com' });
  });
  afterAll(() => engine.close());

  it('does not announce anything when ELASTIC_PASSWORD is given', () => {
    expect(announced).toEqual([]);
  });

  it('no Authorization header: 401 naming the URI with its query string', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(undefined, '/_security/_authenticate?pretty')),
      'missing authentication credentials for REST request [/_security/_authenticate?pretty]',
    );
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest('', '/_security/_authenticate')),
      'missing authentication credentials for REST request [/_security/_authenticate]',
    );
  });

  it('a header of an unknown scheme counts as missing credentials', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest('Negotiate abc', '/x')),
      'missing authentication credentials for REST request [/x]',
    );
  });

  it('malformed Basic headers are 401s with the parse error', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest('Basic %%%', '/x')),
      'invalid basic authentication header encoding',
    );
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest('Basic ' + Buffer.from('nocolon').toString('base64'), '/x')),
      'invalid basic authentication header value',
    );
  });

  it('unknown user: "unable to authenticate user [..] for REST request [..]"', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(basic('nobody', 'whatever'), '/_security/_authenticate')),
      'unable to authenticate user [nobody] for REST request [/_security/_authenticate]',
    );
  });

  it('wrong password of a reserved user: same 401', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(basic('elastic', 'wrong-password'), '/_security/_authenticate')),
      'unable to authenticate user [elastic] for REST request [/_security/_authenticate]',
    );
  });

  it('elastic authenticates with the bootstrap password, in the reserved realm', async () => {
    const auth = await engine.authentication.authenticateRequest(basic('elastic', 'elastic-bootstrap-pw'), '/x');
    expect(auth.user.username).toBe('elastic');
    expect(auth.user.roles).toEqual(['superuser']);
    expect(auth.authenticatingRealm).toEqual({ name: 'reserved', type: 'reserved', nodeName: 'node-1' });
    expect(auth.authenticationType).toBe('realm');
    expect(auth.subjectType).toBe('user');
  });

  it('kibana_system exists without a password until one is set', async () => {
    expect(engine.users.get('kibana_system')).toBeDefined();
    expect(await engine.authentication.authenticatePassword('kibana_system', '')).toBeUndefined();
    expect(await engine.authentication.authenticatePassword('kibana_system', 'anything')).toBeUndefined();
  });

  it('a native user authenticates in default_native with its user data', async () => {
    const auth = await engine.authentication.authenticateRequest(basic('alice', 'alice-pw-1'), '/x');
    expect(auth.authenticatingRealm).toEqual({ name: 'default_native', type: 'native', nodeName: 'node-1' });
    expect(auth.user).toMatchObject({ username: 'alice', roles: ['viewer'], fullName: 'Alice', email: 'alice@example.com', enabled: true });
  });

  it('repeated requests are answered from the credential cache (no bcrypt)', async () => {
    await engine.authentication.authenticatePassword('alice', 'alice-pw-1');
    const before = bcryptChecks();
    for (let i = 0; i < 3; i++) {
      expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-1')).toBeDefined();
    }
    expect(bcryptChecks()).toBe(before);
  });

  it('a wrong password is checked with bcrypt every time (failures are not cached)', async () => {
    const before = bcryptChecks();
    expect(await engine.authentication.authenticatePassword('alice', 'not-it')).toBeUndefined();
    expect(await engine.authentication.authenticatePassword('alice', 'not-it')).toBeUndefined();
    expect(bcryptChecks()).toBe(before + 2);
    // ...and does not evict the good credentials.
    expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-1')).toBeDefined();
    expect(bcryptChecks()).toBe(before + 2);
  });

  it('a changed password drops the cached credential at once', async () => {
    expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-1')).toBeDefined();
    await engine.users.changePassword('alice', { password: 'alice-pw-2' });
    expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-1')).toBeUndefined();
    expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-2')).toBeDefined();
  });

  it('a disabled user is refused at once, and accepted again when re-enabled', async () => {
    expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-2')).toBeDefined();
    engine.users.setEnabled('alice', false, 'elastic');
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(basic('alice', 'alice-pw-2'), '/x')),
      'unable to authenticate user [alice] for REST request [/x]',
    );
    engine.users.setEnabled('alice', true, 'elastic');
    expect(await engine.authentication.authenticatePassword('alice', 'alice-pw-2')).toBeDefined();
  });

  it('an updated user (roles, names) is seen at once, not the cached snapshot', async () => {
    expect((await engine.authentication.authenticatePassword('alice', 'alice-pw-2'))?.user.roles).toEqual(['viewer']);
    await engine.users.put('alice', { roles: ['editor'], fullName: 'Alice B', email: null });
    const auth = await engine.authentication.authenticatePassword('alice', 'alice-pw-2');
    expect(auth?.user).toMatchObject({ roles: ['editor'], fullName: 'Alice B', email: null });
  });

  it('a deleted user is refused at once', async () => {
    await engine.users.put('temp', { password: 'temp-password' });
    expect(await engine.authentication.authenticatePassword('temp', 'temp-password')).toBeDefined();
    engine.users.delete('temp');
    expect(await engine.authentication.authenticatePassword('temp', 'temp-password')).toBeUndefined();
  });

  it('the reserved realm owns its usernames: a failed elastic login does not fall through to the native realm', async () => {
    // Even a password that is valid for a native user does not help: the chain stops at the reserved realm.
    expect(await engine.authentication.authenticatePassword('elastic', 'alice-pw-2')).toBeUndefined();
  });
});

describe('credential cache TTL through the engine', () => {
  let engine: SecurityEngine;
  beforeEach(async () => {
    // Before opening: the realm caches read the monotonic clock (performance.now) for TTLs.
    vi.useFakeTimers({ toFake: ['Date', 'performance'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    engine = await SecurityEngine.open({
      dataDir: tempDir(),
      nodeName: 'node-1',
      elasticPassword: 'elastic-bootstrap-pw',
      credentialCacheTtlMs: 1_000,
      announce: () => undefined,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    engine.close();
  });

  it('runs bcrypt again once the cached entry is older than credentialCacheTtlMs', async () => {
    const start = bcryptChecks();
    await engine.authentication.authenticatePassword('elastic', 'elastic-bootstrap-pw');
    expect(bcryptChecks()).toBe(start + 1);
    vi.advanceTimersByTime(999);
    await engine.authentication.authenticatePassword('elastic', 'elastic-bootstrap-pw');
    expect(bcryptChecks()).toBe(start + 1);
    vi.advanceTimersByTime(1);
    expect(await engine.authentication.authenticatePassword('elastic', 'elastic-bootstrap-pw')).toBeDefined();
    expect(bcryptChecks()).toBe(start + 2);
  });
});

describe('reserved user bootstrap without ELASTIC_PASSWORD', () => {
  const dataDir = tempDir();
  let generated: string;

  it('generates a password, announces it once, and it works', async () => {
    const announced: string[] = [];
    const engine = await SecurityEngine.open({ dataDir, nodeName: 'node-1', announce: (m) => announced.push(m), apiOrigin: 'http://127.0.0.1:4123' });
    try {
      expect(announced).toHaveLength(1);
      // The example command names the address the server actually listens on.
      expect(announced[0]).toContain('curl -u elastic http://127.0.0.1:4123/_security/_authenticate');
      const match = /^ {4}([A-Za-z0-9]{20})$/m.exec(announced[0]);
      expect(match).not.toBeNull();
      generated = match![1];
      expect(announced[0]).toContain('"elastic"');

      const auth = await engine.authentication.authenticateRequest(basic('elastic', generated), '/x');
      expect(auth.user.username).toBe('elastic');
      // Only a bcrypt hash is stored.
      const stored = engine.users.get('elastic')?.passwordHash ?? '';
      expect(stored).toMatch(/^\$2[aby]\$10\$/);
      expect(stored).not.toContain(generated);
    } finally {
      engine.close();
    }
  });

  it('is not announced again on the next open of the same data dir; the password still works', async () => {
    const announced: string[] = [];
    const engine = await SecurityEngine.open({ dataDir, nodeName: 'node-1', announce: (m) => announced.push(m) });
    try {
      expect(announced).toEqual([]);
      expect(await engine.authentication.authenticatePassword('elastic', generated)).toBeDefined();
    } finally {
      engine.close();
    }
  });

  it('a later ELASTIC_PASSWORD does not replace the stored one', async () => {
    const announced: string[] = [];
    const engine = await SecurityEngine.open({
      dataDir,
      nodeName: 'node-1',
      elasticPassword: 'a-new-bootstrap-pw',
      announce: (m) => announced.push(m),
    });
    try {
      // Said once, without the password itself.
      expect(announced).toHaveLength(1);
      expect(announced[0]).toContain('ELASTIC_PASSWORD is only used on the first start');
      expect(announced[0]).not.toContain('a-new-bootstrap-pw');
      expect(await engine.authentication.authenticatePassword('elastic', 'a-new-bootstrap-pw')).toBeUndefined();
      expect(await engine.authentication.authenticatePassword('elastic', generated)).toBeDefined();
    } finally {
      engine.close();
    }
  });

  it('an ELASTIC_PASSWORD equal to the stored one is not remarked on', async () => {
    const announced: string[] = [];
    const engine = await SecurityEngine.open({ dataDir, nodeName: 'node-1', elasticPassword: generated, announce: (m) => announced.push(m) });
    engine.close();
    expect(announced).toEqual([]);
  });

  it('two fresh data dirs get different generated passwords', async () => {
    const passwords: string[] = [];
    for (let i = 0; i < 2; i++) {
      const engine = await SecurityEngine.open({
        dataDir: tempDir(),
        nodeName: 'node-1',
        announce: (m) => passwords.push(/^ {4}([A-Za-z0-9]{20})$/m.exec(m)![1]),
      });
      engine.close();
    }
    expect(passwords).toHaveLength(2);
    expect(passwords[0]).not.toBe(passwords[1]);
  });
});

describe('run-as: the es-security-runas-user header (AuthenticatorChain.maybeLookupRunAsUser)', () => {
  let engine: SecurityEngine;
  const uri = '/_security/_authenticate';
  const elastic = basic('elastic', 'elastic-bootstrap-pw');
  const runAsHeader = (value: string) => new Headers({ 'es-security-runas-user': value });

  beforeAll(async () => {
    engine = await SecurityEngine.open({ dataDir: tempDir(), nodeName: 'node-1', elasticPassword: 'elastic-bootstrap-pw', announce: () => undefined });
    await engine.users.put('alice', { password: 'alice-pw-1', roles: ['viewer'], fullName: 'Alice', email: 'alice@example.com' });
    await engine.users.put('bob', { password: 'bob-password', roles: ['editor'], fullName: 'Bob B', email: 'bob@example.com', metadata: { team: 'b' } });
    await engine.users.put('dora', { password: 'dora-password', roles: ['viewer'] });
    engine.users.setEnabled('dora', false, 'elastic');
  });
  afterAll(() => engine.close());

  it('without the header nothing changes, and a cached caller is still answered synchronously', async () => {
    await engine.authentication.authenticateRequest(elastic, uri);
    const auth = engine.authentication.authenticateRequest(elastic, uri, new Headers());
    expect(auth).not.toBeInstanceOf(Promise);
    expect(auth).toEqual(engine.authentication.cachedPasswordAuthentication('elastic', 'elastic-bootstrap-pw'));
    expect((auth as { authenticatingSubject?: unknown }).authenticatingSubject).toBeUndefined();
  });

  it('runs as a native user: effective user bob, authenticated by elastic in the reserved realm', async () => {
    const auth = await engine.authentication.authenticateRequest(elastic, uri, runAsHeader('bob'));
    expect(auth.user).toEqual({ username: 'bob', roles: ['editor'], fullName: 'Bob B', email: 'bob@example.com', metadata: { team: 'b' }, enabled: true });
    expect(auth.authenticatingRealm).toEqual({ name: 'reserved', type: 'reserved', nodeName: 'node-1' });
    expect(auth.lookupRealm).toEqual({ name: 'default_native', type: 'native', nodeName: 'node-1' });
    expect(auth.authenticationType).toBe('realm');
    expect(auth.subjectType).toBe('user');
    expect(auth.authenticatingSubject?.user.username).toBe('elastic');
    expect(auth.authenticatingSubject?.subjectType).toBe('user');
  });

  it('the cached path stays synchronous with the header too (the lookup is a local read)', async () => {
    await engine.authentication.authenticateRequest(elastic, uri);
    const auth = engine.authentication.authenticateRequest(elastic, uri, runAsHeader('bob'));
    expect(auth).not.toBeInstanceOf(Promise);
    expect((auth as { user: { username: string } }).user.username).toBe('bob');
  });

  it('reserved users are looked up in the reserved realm', async () => {
    const auth = await engine.authentication.authenticateRequest(basic('alice', 'alice-pw-1'), uri, runAsHeader('kibana_system'));
    expect(auth.user.username).toBe('kibana_system');
    expect(auth.user.metadata).toEqual({ _reserved: true });
    expect(auth.lookupRealm).toEqual({ name: 'reserved', type: 'reserved', nodeName: 'node-1' });
    expect(auth.authenticatingRealm.type).toBe('native');
  });

  it('an unknown user is still the effective user, without a lookup realm (authorization refuses it)', async () => {
    const auth = await engine.authentication.authenticateRequest(elastic, uri, runAsHeader('nobody'));
    expect(auth.user).toEqual({ username: 'nobody', roles: [], fullName: null, email: null, metadata: {}, enabled: true });
    expect(auth.lookupRealm).toBeUndefined();
    expect(auth.authenticatingSubject?.user.username).toBe('elastic');
    expect(() => engine.authorization.authorize(auth, 'cluster:admin/xpack/security/user/authenticate')).toThrow(
      'action [cluster:admin/xpack/security/user/authenticate] is unauthorized for user [elastic] with effective roles [superuser], because user [elastic] is unauthorized to run as [nobody]',
    );
  });

  it('an empty username fails authentication with the caller\'s principal (401)', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(elastic, uri, runAsHeader(''))),
      'unable to authenticate user [elastic] for REST request [/_security/_authenticate]',
    );
    // Also from the slow path (a credential not yet cached).
    await engine.users.put('eve', { password: 'eve-password', roles: ['superuser'] });
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(basic('eve', 'eve-password'), '/x?pretty', runAsHeader(''))),
      'unable to authenticate user [eve] for REST request [/x?pretty]',
    );
  });

  it('a disabled run-as user fails authentication (AuthenticatorChain.finishAuthentication)', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(elastic, uri, runAsHeader('dora'))),
      'unable to authenticate user [elastic] for REST request [/_security/_authenticate]',
    );
  });

  it('a failed authentication stays the caller\'s 401, whatever the header', async () => {
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(basic('elastic', 'wrong'), uri, runAsHeader('bob'))),
      'unable to authenticate user [elastic] for REST request [/_security/_authenticate]',
    );
  });

  it('access tokens may run as (authentication type token is kept)', async () => {
    const caller = await engine.authentication.authenticateRequest(elastic, uri);
    const issued = engine.tokens.createToken(caller, caller, false);
    const auth = await engine.authentication.authenticateRequest(`Bearer ${issued.accessToken}`, uri, runAsHeader('bob'));
    expect(auth.user.username).toBe('bob');
    expect(auth.authenticationType).toBe('token');
    expect(auth.lookupRealm?.name).toBe('default_native');
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(`Bearer ${issued.accessToken}`, uri, runAsHeader(''))),
      'unable to authenticate user [_bearer_token] for REST request [/_security/_authenticate]',
    );
  });

  it('a token created under run-as cannot run as again (no chained run-as): the header is ignored', async () => {
    const runAsCaller = await engine.authentication.authenticateRequest(elastic, uri, runAsHeader('bob'));
    const issued = engine.tokens.createToken(runAsCaller, runAsCaller, false);
    const auth = await engine.authentication.authenticateRequest(`Bearer ${issued.accessToken}`, uri, runAsHeader('alice'));
    expect(auth.user.username).toBe('bob');
    expect(auth.authenticatingSubject?.user.username).toBe('elastic');
  });

  it('API keys may run as; the effective subject is then the user, not the key', async () => {
    const owner = await engine.authentication.authenticateRequest(elastic, uri);
    const key = engine.apiKeys.create(owner, { name: 'runner', roleDescriptors: {}, metadata: {} });
    const auth = await engine.authentication.authenticateRequest(`ApiKey ${key.encoded}`, uri, runAsHeader('bob'));
    expect(auth.user.username).toBe('bob');
    expect(auth.authenticationType).toBe('api_key');
    expect(auth.subjectType).toBe('user');
    expect(auth.apiKey).toBeUndefined();
    expect(auth.authenticatingSubject?.apiKey?.id).toBe(key.id);
    expect(auth.authenticatingRealm.name).toBe('_es_api_key');
    expect401(
      await rejectedEsError(engine.authentication.authenticateRequest(`ApiKey ${key.encoded}`, uri, runAsHeader(''))),
      `unable to authenticate user [${key.id}] for REST request [/_security/_authenticate]`,
    );
  });

  it('service accounts do not support run-as: the header is ignored', async () => {
    const auth = await engine.authentication.authenticateRequest(`Bearer ${engine.consoleIdentity.credential}`, uri, runAsHeader('bob'));
    expect(auth.subjectType).toBe('service_account');
    expect(auth.authenticatingSubject).toBeUndefined();
    // Even an empty name is ignored rather than refused.
    const empty = await engine.authentication.authenticateRequest(`Bearer ${engine.consoleIdentity.credential}`, uri, runAsHeader(''));
    expect(empty.user.username).toBe('elastic/profile-console');
  });

  it('lookupUser: reserved names only in the reserved realm, others in the native realm', () => {
    expect(engine.authentication.lookupUser('elastic')?.realm.name).toBe('reserved');
    expect(engine.authentication.lookupUser('bob')?.realm.name).toBe('default_native');
    expect(engine.authentication.lookupUser('dora')?.user.enabled).toBe(false);
    expect(engine.authentication.lookupUser('nobody')).toBeUndefined();
  });
});
