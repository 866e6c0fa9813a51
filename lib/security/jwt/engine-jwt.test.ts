import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEngine } from '../engine';
import { parseRules } from '../role-mappings';
import { securitySettingsFromObject } from '../settings-file';
import { makeKeyPair, mint, tempDir, writeJwks, type TestKeyPair } from './testing';

/** The engine with a JWT realm: activation through the access_token grant, role mappings, settings errors. */

const P = 'xpack.security.authc.realms.jwt.jwt1.';
const ACTION = 'cluster:admin/xpack/security/profile/activate';
let key: TestKeyPair;
let dir: string;
const engines: SecurityEngine[] = [];

function settings(extra: Record<string, unknown> = {}) {
  return securitySettingsFromObject(
    {
      [P + 'order']: 1,
      [P + 'allowed_issuer']: 'https://idp.example',
      [P + 'allowed_audiences']: 'console',
      [P + 'pkc_jwkset_path']: 'jwks.json',
      [P + 'claims.principal']: 'sub',
      [P + 'claims.name']: 'name',
      [P + 'claims.mail']: 'email',
      [P + 'claims.groups']: 'groups',
      [P + 'client_authentication.type']: 'shared_secret',
      [P + 'client_authentication.shared_secret']: 'sekrit',
      ...extra,
    },
    dir,
  );
}

async function open(extra: Record<string, unknown> = {}): Promise<SecurityEngine> {
  const engine = await SecurityEngine.open({
    dataDir: tempDir('engine-jwt-'),
    nodeName: 'n1',
    elasticPassword: 'changeme',
    tokenPurgeIntervalMs: 0,
    securitySettings: settings(extra),
  });
  engines.push(engine);
  return engine;
}

beforeAll(async () => {
  key = await makeKeyPair('RS256', 'k1');
  dir = tempDir();
  writeJwks(path.join(dir, 'jwks.json'), [key.publicJwk]);
});

afterEach(() => {
  while (engines.length > 0) engines.pop()?.close();
});

describe('engine with a JWT realm', () => {
  it('activates the profile of the principal claim, realm_name = the JWT realm, roles from role mappings', async () => {
    const engine = await open();
    engine.roleMappings.put('admins', {
      enabled: true,
      roles: ['superuser'],
      rules: parseRules({ all: [{ field: { 'realm.name': 'jwt1' } }, { field: { groups: 'admins' } }] }, 'admins'),
      metadata: {},
    });
    const token = await mint(
      { iss: 'https://idp.example', aud: 'console', sub: 'me', name: 'Me Myself', email: 'me@example.com', groups: ['admins'] },
      key.privateKey,
      { kid: 'k1' },
    );
    const subject = await engine.grants.authenticate(
      { grant_type: 'access_token', access_token: token, client_authentication: { scheme: 'SharedSecret', value: 'sekrit' } },
      ACTION,
    );
    const profile = engine.profiles.activate(subject);
    expect(profile.user).toEqual({ username: 'me', roles: ['superuser'], realm_name: 'jwt1', email: 'me@example.com', full_name: 'Me Myself' });
    expect(profile.uid).toMatch(/_0$/);

    await expect(
      engine.grants.authenticate({ grant_type: 'access_token', access_token: token, client_authentication: { scheme: 'SharedSecret', value: 'wrong' } }, ACTION),
    ).rejects.toMatchObject({ status: 401, reason: `unable to authenticate user [https://idp.example/console/me/me] for action [${ACTION}]` });
  });

  it('the same username in the native realm and the JWT realm gets two profiles (_0 and _1)', async () => {
    const engine = await open();
    await engine.users.put('joe', { password: 'joe-password', roles: ['viewer'] });
    const native = await engine.grants.authenticate({ grant_type: 'password', username: 'joe', password: 'joe-password' }, ACTION);
    const nativeProfile = engine.profiles.activate(native);
    const token = await mint({ iss: 'https://idp.example', aud: 'console', sub: 'joe' }, key.privateKey, { kid: 'k1' });
    const jwt = await engine.grants.authenticate(
      { grant_type: 'access_token', access_token: token, client_authentication: { scheme: 'SharedSecret', value: 'sekrit' } },
      ACTION,
    );
    const jwtProfile = engine.profiles.activate(jwt);
    expect(nativeProfile.uid).toMatch(/_0$/);
    expect(jwtProfile.uid).toBe(nativeProfile.uid.replace(/_0$/, '_1'));
    expect(jwtProfile.user.realm_name).toBe('jwt1');
    expect(nativeProfile.user.realm_name).toBe('default_native');
  });

  it('authenticates Bearer JWT callers; other Bearer tokens still reach the token service', async () => {
    const engine = await open({ [P + 'client_authentication.type']: 'none', [P + 'client_authentication.shared_secret']: undefined });
    const token = await mint({ iss: 'https://idp.example', aud: 'console', sub: 'me' }, key.privateKey, { kid: 'k1' });
    const caller = await engine.authentication.authenticateRequest(`Bearer ${token}`, '/_security/_authenticate');
    expect(caller.user.username).toBe('me');
    expect(caller.authenticatingRealm.type).toBe('jwt');
    await expect(engine.authentication.authenticateRequest('Bearer bm90LWEtdG9rZW4=', '/x')).rejects.toMatchObject({
      status: 401,
      reason: 'unable to authenticate user [_bearer_token] for REST request [/x]',
    });
  });

  it('fails to open with the setting named when a realm is misconfigured', async () => {
    await expect(open({ [P + 'claims.principal']: undefined })).rejects.toThrow(`Setting [${P}claims.principal] is required`);
    const settingsFile = path.join(dir, 'security.yml');
    fs.writeFileSync(settingsFile, `${P}order: 1\n${P}allowed_issuer: x\n${P}allowed_audiences: y\n${P}claims.principal: sub\n${P}client_authentication.type: none\n${P}pkc_jwkset_path: missing.json\n`);
    await expect(
      SecurityEngine.open({ dataDir: tempDir('engine-jwt-'), nodeName: 'n1', elasticPassword: 'changeme', tokenPurgeIntervalMs: 0, securitySettingsFile: settingsFile }),
    ).rejects.toThrow(`Failed to read contents for setting [${P}pkc_jwkset_path] value [${path.join(dir, 'missing.json')}].`);
  });
});
