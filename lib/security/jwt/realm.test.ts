import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSPKI, importJWK } from 'jose';
import type { User } from '../authentication';
import { EsError } from '../errors';
import type { UserData } from '../role-mappings';
import { securitySettingsFromObject, SettingsException } from '../settings-file';
import { createJwtRealms, JwtRealms, sharedSecretFromHeader } from './jwt-realms';
import { parseJwt } from './token';
import { makeKeyPair, mint, tempDir, unsecuredJwt, writeJwks, type TestKeyPair } from './testing';

const ISSUER = 'https://idp.example';
const HMAC_KEY = 'an-hmac-key-of-at-least-32-bytes-long!';
const SECRET = 'client-shared-secret';
const ACTION = 'cluster:admin/xpack/security/profile/activate';

const ID = 'xpack.security.authc.realms.jwt.jwt_id.';
const AT = 'xpack.security.authc.realms.jwt.jwt_at.';

let rsa: TestKeyPair;
let rsaOther: TestKeyPair;
let ec: TestKeyPair;
let dir: string;
let jwksFile: string;

const seenRoleQueries: UserData[] = [];
const nativeUsers: Record<string, User> = {
  joe: { username: 'joe', roles: ['editor'], fullName: 'Joe Native', email: 'joe@native.example', metadata: { team: 'a' }, enabled: true },
};

function baseSettings(extra: Record<string, unknown> = {}) {
  return {
    // An ID-token realm verified with an RSA/EC JWK set file; no client authentication.
    [ID + 'order']: 1,
    [ID + 'allowed_issuer']: ISSUER,
    [ID + 'allowed_audiences']: ['es-console', 'other'],
    [ID + 'allowed_signature_algorithms']: ['RS256', 'ES256', 'HS256'],
    [ID + 'hmac_key']: HMAC_KEY,
    [ID + 'pkc_jwkset_path']: 'jwks.json',
    [ID + 'claims.principal']: 'sub',
    [ID + 'claims.groups']: 'groups',
    [ID + 'claims.name']: 'name',
    [ID + 'claims.mail']: 'email',
    [ID + 'client_authentication.type']: 'none',
    // An access-token realm with HMAC and a shared secret.
    [AT + 'order']: 2,
    [AT + 'token_type']: 'access_token',
    [AT + 'allowed_issuer']: 'https://at-issuer.example',
    [AT + 'allowed_audiences']: 'api',
    [AT + 'allowed_subject_patterns']: ['svc-*', '/user-[0-9]+/'],
    [AT + 'allowed_signature_algorithms']: 'HS256',
    [AT + 'hmac_key']: HMAC_KEY,
    [AT + 'fallback_claims.sub']: 'client_id',
    [AT + 'claims.principal']: 'client_id',
    [AT + 'required_claims.token_use']: 'access',
    [AT + 'client_authentication.type']: 'shared_secret',
    [AT + 'client_authentication.shared_secret']: SECRET,
    ...extra,
  };
}

function realms(extra: Record<string, unknown> = {}, now: () => number = Date.now): JwtRealms {
  const created = createJwtRealms(securitySettingsFromObject(baseSettings(extra), dir), {
    nodeName: 'node-1',
    now,
    resolveRoles: (user) => {
      seenRoleQueries.push(user);
      return user.groups.includes('admins') ? ['superuser'] : ['viewer'];
    },
    lookupUser: (realm, username) => (realm === 'default_native' ? nativeUsers[username] : undefined),
    lookupRealmNames: ['default_native', 'reserved'],
    reservedRealmNames: ['default_native', 'reserved'],
  });
  if (!created) throw new Error('no realms');
  return created;
}

function idClaims(extra: Record<string, unknown> = {}) {
  return { iss: ISSUER, aud: 'es-console', sub: 'alice', name: 'Alice Liddell', email: 'alice@example.com', groups: ['admins'], ...extra };
}

function atClaims(extra: Record<string, unknown> = {}) {
  return { iss: 'https://at-issuer.example', aud: 'api', client_id: 'svc-reporting', token_use: 'access', ...extra };
}

const hmacSecret = new TextEncoder().encode(HMAC_KEY);

/** Authenticates through the grant path and returns the 401 reason, or the authentication. */
async function grant(chain: JwtRealms, token: string, secret?: string) {
  try {
    return { auth: await chain.grantAuthenticator().authenticate(token, secret, ACTION) };
  } catch (error) {
    expect(error).toBeInstanceOf(EsError);
    expect((error as EsError).status).toBe(401);
    return { reason: (error as EsError).reason };
  }
}

/** Collects each realm's (logged-only) reason for not authenticating. */
function withFailures(extra: Record<string, unknown> = {}, now?: () => number) {
  const failures: string[] = [];
  const chain = realms(extra, now);
  const withListener = new JwtRealms(chain.realms, (realm, message, cause) => failures.push(`${realm}: ${message} ${cause ?? ''}`));
  return { chain: withListener, failures };
}

beforeAll(async () => {
  rsa = await makeKeyPair('RS256', 'rsa-1');
  rsaOther = await makeKeyPair('RS256', 'rsa-2');
  ec = await makeKeyPair('ES256', 'ec-1');
  dir = tempDir();
  jwksFile = path.join(dir, 'jwks.json');
  writeJwks(jwksFile, [rsa.publicJwk, ec.publicJwk]);
});

describe('JWT realms: success', () => {
  it('authenticates an RS256 ID token: user from the claims, roles from role mappings, realm name', async () => {
    const chain = realms();
    const token = await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1' });
    const { auth } = await grant(chain, token);
    expect(auth?.user).toMatchObject({ username: 'alice', roles: ['superuser'], fullName: 'Alice Liddell', email: 'alice@example.com', enabled: true });
    expect(auth?.authenticatingRealm).toEqual({ name: 'jwt_id', type: 'jwt', nodeName: 'node-1' });
    expect(auth?.user.metadata).toMatchObject({ jwt_claim_sub: 'alice', jwt_claim_groups: ['admins'], jwt_token_type: 'id_token' });
    expect(seenRoleQueries.at(-1)).toMatchObject({ username: 'alice', groups: ['admins'], realmName: 'jwt_id', dn: null });
  });

  it('authenticates ES256 and HS256 tokens with the keys configured for them', async () => {
    const chain = realms();
    expect((await grant(chain, await mint(idClaims(), ec.privateKey, { alg: 'ES256', kid: 'ec-1' }))).auth?.user.username).toBe('alice');
    expect((await grant(chain, await mint(idClaims(), hmacSecret, { alg: 'HS256' }))).auth?.user.username).toBe('alice');
  });

  it('tries every key when the token has no kid', async () => {
    const { auth } = await grant(realms(), await mint(idClaims(), rsa.privateKey));
    expect(auth?.user.username).toBe('alice');
  });

  it('access tokens: shared secret, fallback sub claim, subject patterns, required claims', async () => {
    const chain = realms();
    const token = await mint(atClaims(), hmacSecret, { alg: 'HS256', typ: 'at+jwt' });
    const { auth } = await grant(chain, token, SECRET);
    expect(auth?.user.username).toBe('svc-reporting');
    expect(auth?.authenticatingRealm.name).toBe('jwt_at');
    expect(auth?.user.metadata.jwt_token_type).toBe('access_token');
    const regexSubject = await mint(atClaims({ client_id: 'user-42' }), hmacSecret, { alg: 'HS256' });
    expect((await grant(chain, regexSubject, SECRET)).auth?.user.username).toBe('user-42');
  });

  it('delegates authorization to the native realm: roles, full name and email from there', async () => {
    const chain = realms({ [ID + 'authorization_realms']: 'default_native' });
    const { auth } = await grant(chain, await mint(idClaims({ sub: 'joe' }), rsa.privateKey, { kid: 'rsa-1' }));
    expect(auth?.user).toMatchObject({ username: 'joe', roles: ['editor'], fullName: 'Joe Native', email: 'joe@native.example' });
    expect(auth?.authenticatingRealm.name).toBe('jwt_id');
    const missing = await grant(chain, await mint(idClaims({ sub: 'nobody' }), rsa.privateKey, { kid: 'rsa-1' }));
    expect(missing.reason).toMatch(/^unable to authenticate user \[.*nobody\] for action/);
  });

  it('applies claim patterns and leaves metadata out when populate_user_metadata is false', async () => {
    const chain = realms({
      [ID + 'claims.principal']: 'email',
      [ID + 'claim_patterns.principal']: '^([^@]+)@example\\.com$',
      [ID + 'populate_user_metadata']: false,
    });
    const { auth } = await grant(chain, await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1' }));
    expect(auth?.user.username).toBe('alice');
    expect(auth?.user.metadata).toEqual({ jwt_token_type: 'id_token' });
  });

  it('accepts tokens within the allowed clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await mint(idClaims({ exp: now - 30, iat: now - 600 }), rsa.privateKey, { kid: 'rsa-1' });
    expect((await grant(realms(), token)).auth?.user.username).toBe('alice');
  });
});

describe('JWT realms: rejections', () => {
  const principal = `${ISSUER}/es-console/alice/alice`;

  async function rejected(token: string, cause: RegExp, options: { secret?: string; extra?: Record<string, unknown> } = {}) {
    const { chain, failures } = withFailures(options.extra);
    const result = await grant(chain, token, options.secret);
    expect(result.auth).toBeUndefined();
    expect(failures.some((f) => f.startsWith('jwt_id:') && cause.test(f)), failures.join('\n')).toBe(true);
    expect(result.reason).not.toContain(token);
    return result.reason as string;
  }

  it('expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const reason = await rejected(
      await mint(idClaims({ iat: now - 3600, exp: now - 120 }), rsa.privateKey, { kid: 'rsa-1' }),
      /date claim \[exp\] value \[\d+\] must be after now/,
    );
    expect(reason).toBe(`unable to authenticate user [${principal}] for action [${ACTION}]`);
  });

  it('not yet valid (nbf) and issued in the future (iat)', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejected(await mint(idClaims({ nbf: now + 600 }), rsa.privateKey, { kid: 'rsa-1' }), /date claim \[nbf\].*must be before now/);
    await rejected(await mint(idClaims({ iat: now + 600, exp: now + 900 }), rsa.privateKey, { kid: 'rsa-1' }), /date claim \[iat\].*must be before now/);
  });

  it('missing exp', async () => {
    await rejected(await mint(idClaims({ exp: undefined }), rsa.privateKey, { kid: 'rsa-1' }), /missing required date claim \[exp\]/);
  });

  it('wrong issuer', async () => {
    const reason = await rejected(
      await mint(idClaims({ iss: 'https://evil.example' }), rsa.privateKey, { kid: 'rsa-1' }),
      /string claim \[iss\] has value \[https:\/\/evil.example\] which does not match/,
    );
    expect(reason).toBe(`unable to authenticate user [https://evil.example/es-console/alice/alice] for action [${ACTION}]`);
  });

  it('wrong audience', async () => {
    await rejected(await mint(idClaims({ aud: ['kibana'] }), rsa.privateKey, { kid: 'rsa-1' }), /string claim \[aud\] has value \[kibana\]/);
  });

  it('bad signature: signed by another key under a known kid', async () => {
    await rejected(await mint(idClaims(), rsaOther.privateKey, { kid: 'rsa-1' }), /JWT signature verification failed/);
  });

  it('tampered payload', async () => {
    const token = await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...idClaims({ sub: 'mallory' }), iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    await rejected(`${h}.${forged}.${s}`, /JWT signature verification failed/);
  });

  it('unknown kid', async () => {
    await rejected(await mint(idClaims(), rsaOther.privateKey, { kid: 'rsa-unknown' }), /not any JWKs available after filtering/);
  });

  it('alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    await rejected(unsecuredJwt({ ...idClaims(), iat: now, exp: now + 60 }), /invalid JWT algorithm \[none\]/);
  });

  it('HS/RS confusion: an HS256 token "signed" with the RSA public key is never checked against RSA keys', async () => {
    const publicKey = (await importJWK(rsa.publicJwk, 'RS256')) as CryptoKey;
    const pem = new TextEncoder().encode(await exportSPKI(publicKey));
    const jwkBytes = new TextEncoder().encode(JSON.stringify(rsa.publicJwk));
    // HS256 is allowed in this realm, but only the configured HMAC key verifies it.
    await rejected(await mint(idClaims(), pem, { alg: 'HS256', kid: 'rsa-1' }), /JWT signature verification failed/);
    await rejected(await mint(idClaims(), jwkBytes, { alg: 'HS256', kid: 'rsa-1' }), /JWT signature verification failed/);
  });

  it('wrong key type for the algorithm (ES256 token pointing at an RSA key)', async () => {
    await rejected(await mint(idClaims(), ec.privateKey, { alg: 'ES256', kid: 'rsa-1' }), /not any JWKs available after filtering/);
  });

  it('algorithm not allowed in the realm', async () => {
    const ps = await makeKeyPair('PS256', 'rsa-1');
    await rejected(await mint(idClaims(), ps.privateKey, { alg: 'PS256', kid: 'rsa-1' }), /invalid JWT algorithm \[PS256\]/);
  });

  it('missing principal claim', async () => {
    const { chain, failures } = withFailures({ [ID + 'claims.principal']: 'preferred_username' });
    const result = await grant(chain, await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1' }));
    expect(result.reason).toBe(`unable to authenticate user [<unrecognized-jwt> by ${ISSUER}] for action [${ACTION}]`);
    expect(failures.join('\n')).toMatch(/jwt_id: Realm \[jwt_id\] no principal for token/);
  });

  it('wrong typ header for an ID token', async () => {
    await rejected(await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1', typ: 'at+jwt' }), /invalid jwt typ header/);
  });

  it('garbage claims are a failed JWT, not a crash', async () => {
    const token = await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1' });
    const [h, , s] = token.split('.');
    const result = await grant(realms(), `${h}.${Buffer.from('not json').toString('base64url')}.${s}`);
    expect(result.reason).toBe(`unable to authenticate user [<unrecognized-jwt>] for action [${ACTION}]`);
  });
});

describe('JWT realms: client authentication (shared secret)', () => {
  async function atFailure(secret: string | undefined) {
    const failures: string[] = [];
    const chain = new JwtRealms(realms().realms, (realm, message, cause) => failures.push(`${realm}: ${message} ${cause ?? ''}`));
    const result = await grant(chain, await mint(atClaims(), hmacSecret, { alg: 'HS256' }), secret);
    return { result, failures: failures.join('\n') };
  }

  it('missing secret', async () => {
    const { result, failures } = await atFailure(undefined);
    expect(result.reason).toBe(`unable to authenticate user [https://at-issuer.example/api/svc-reporting/svc-reporting] for action [${ACTION}]`);
    expect(failures).toContain('jwt_at: Realm [jwt_at] client authentication failed for token=[https://at-issuer.example/api/svc-reporting/svc-reporting]. Rejected client. Authentication type is [SHARED_SECRET] and secret is missing.');
  });

  it('wrong secret (also one that is a prefix of the right one)', async () => {
    for (const secret of ['nope', SECRET.slice(0, -1), SECRET + 'x']) {
      const { result, failures } = await atFailure(secret);
      expect(result.auth).toBeUndefined();
      expect(failures).toContain('secret did not match');
      expect(result.reason).not.toContain(secret);
    }
  });

  it('subject not allowed', async () => {
    const failures: string[] = [];
    const chain = new JwtRealms(realms().realms, (realm, message, cause) => failures.push(`${realm}: ${cause ?? ''}`));
    const result = await grant(chain, await mint(atClaims({ client_id: 'intruder' }), hmacSecret, { alg: 'HS256' }), SECRET);
    expect(result.auth).toBeUndefined();
    expect(failures.join('\n')).toMatch(/jwt_at: string claim \[sub \(fallback: client_id\)\] has value \[intruder\]/);
  });

  it('required claim value wrong', async () => {
    const result = await grant(realms(), await mint(atClaims({ token_use: 'id' }), hmacSecret, { alg: 'HS256' }), SECRET);
    expect(result.auth).toBeUndefined();
  });

  it('reads the ES-Client-Authentication header', () => {
    expect(sharedSecretFromHeader('SharedSecret abc')).toBe('abc');
    expect(sharedSecretFromHeader('sharedsecret  abc ')).toBe('abc');
    expect(sharedSecretFromHeader('Basic abc')).toBeUndefined();
    expect(sharedSecretFromHeader('SharedSecret ')).toBeUndefined();
    expect(sharedSecretFromHeader(null)).toBeUndefined();
  });
});

describe('JWT realms: caller (Authorization: Bearer) authentication', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

  it('authenticates a Bearer JWT, with the shared secret header when the realm needs it', async () => {
    const header = realms().headerAuthenticator();
    const id = await mint(idClaims(), rsa.privateKey, { kid: 'rsa-1' });
    expect((await header.authenticate(`Bearer ${id}`, '/_security/_authenticate'))?.user.username).toBe('alice');
    const at = await mint(atClaims(), hmacSecret, { alg: 'HS256' });
    const auth = await header.authenticate(`Bearer ${at}`, '/x', headers({ 'es-client-authentication': `SharedSecret ${SECRET}` }));
    expect(auth?.user.username).toBe('svc-reporting');
    await expect(header.authenticate(`Bearer ${at}`, '/_security/_authenticate')).rejects.toMatchObject({
      status: 401,
      reason: 'unable to authenticate user [https://at-issuer.example/api/svc-reporting/svc-reporting] for REST request [/_security/_authenticate]',
    });
  });

  it('leaves other credentials to other authenticators', async () => {
    const header = realms().headerAuthenticator();
    expect(await header.authenticate('Bearer dGhpcyBpcyBub3QgYSBqd3Q=', '/x')).toBeUndefined();
    expect(await header.authenticate('Bearer a.b', '/x')).toBeUndefined();
    expect(await header.authenticate('Basic ZWxhc3RpYzpwYXNz', '/x')).toBeUndefined();
    expect(realms().recognizes('dGhpcyBpcyBub3QgYSBqd3Q=')).toBe(false);
    expect(parseJwt('x.y.z')).toBeUndefined();
  });
});

describe('JWT realms: keys', () => {
  it('reloads the JWK set file when it changes', async () => {
    const localDir = tempDir();
    const file = path.join(localDir, 'jwks.json');
    writeJwks(file, [rsa.publicJwk]);
    const chain = realms({ [ID + 'pkc_jwkset_path']: file });
    const rotated = await mint(idClaims(), rsaOther.privateKey, { kid: 'rsa-2' });
    expect((await grant(chain, rotated)).auth).toBeUndefined();
    writeJwks(file, [rsa.publicJwk, rsaOther.publicJwk]);
    expect((await grant(chain, rotated)).auth?.user.username).toBe('alice');
    // A broken file keeps the keys that were loaded.
    fs.writeFileSync(file, '{"keys": [');
    expect((await grant(chain, rotated)).auth?.user.username).toBe('alice');
  });

  it('refuses to start with a missing or bad JWK set file, naming the setting', () => {
    const localDir = tempDir();
    expect(() => realms({ [ID + 'pkc_jwkset_path']: path.join(localDir, 'none.json') })).toThrow(
      new SettingsException(`Failed to read contents for setting [${ID}pkc_jwkset_path] value [${path.join(localDir, 'none.json')}].`),
    );
    const bad = path.join(localDir, 'bad.json');
    fs.writeFileSync(bad, 'not json');
    expect(() => realms({ [ID + 'pkc_jwkset_path']: bad })).toThrow(`JWKSet parse failed for setting [${ID}pkc_jwkset_path]`);
    const weak = path.join(localDir, 'weak.json');
    writeJwks(weak, [ec.publicJwk]);
    expect(() =>
      realms({ [ID + 'pkc_jwkset_path']: weak, [ID + 'allowed_signature_algorithms']: 'RS256', [ID + 'hmac_key']: undefined }),
    ).toThrow(/^No available JWK and algorithm for HMAC or PKC in \[.*pkc_jwkset_path\]/);
  });

  it('ignores HMAC keys shorter than the hash', () => {
    expect(() =>
      realms({ [AT + 'hmac_key']: 'too-short', [ID + 'hmac_key']: undefined }),
    ).toThrow(/No available JWK and algorithm for HMAC or PKC in \[xpack.security.authc.realms.jwt.jwt_at.hmac_key\]/);
  });
});
