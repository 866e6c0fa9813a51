import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecuritySettingsFile, parseSecuritySettings, securitySettingsFromObject, SettingsException } from '../settings-file';
import { parseJwtRealmSettings, parseTimeValue } from './realm-settings';
import { tempDir } from './testing';

const OPTIONS = { lookupRealmNames: ['default_native', 'reserved'], reservedRealmNames: ['default_native', 'reserved'] };
const P = 'xpack.security.authc.realms.jwt.jwt1.';

function realmSettings(extra: Record<string, unknown> = {}, drop: string[] = []) {
  const base: Record<string, unknown> = {
    [P + 'order']: 1,
    [P + 'allowed_issuer']: 'https://issuer.example',
    [P + 'allowed_audiences']: ['es'],
    [P + 'claims.principal']: 'sub',
    [P + 'pkc_jwkset_path']: 'jwks.json',
    [P + 'client_authentication.type']: 'none',
    ...extra,
  };
  for (const key of drop) delete base[P + key];
  return securitySettingsFromObject(base, '/etc/pc');
}

function parseError(settings: ReturnType<typeof realmSettings>): string {
  try {
    parseJwtRealmSettings(settings, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsException);
    return (error as Error).message;
  }
  throw new Error('expected a SettingsException');
}

describe('settings file', () => {
  it('reads flat dotted keys, nested YAML and a mix, into the same flat keys', () => {
    const flat = parseSecuritySettings(
      'xpack.security.authc.realms.jwt.jwt1.order: 2\nxpack.security.authc.realms.jwt.jwt1.allowed_audiences: [a, b]\n',
      '/x',
    );
    const nested = parseSecuritySettings(
      'xpack:\n  security.authc.realms:\n    jwt:\n      jwt1:\n        order: 2\n        allowed_audiences:\n          - a\n          - b\n',
      '/x',
    );
    expect([...flat.values]).toEqual([
      ['xpack.security.authc.realms.jwt.jwt1.order', 2],
      ['xpack.security.authc.realms.jwt.jwt1.allowed_audiences', ['a', 'b']],
    ]);
    expect([...nested.values]).toEqual([...flat.values]);
  });

  it('reads JSON', () => {
    const settings = parseSecuritySettings('{"xpack.security.authc.realms.jwt.j.order": 1}', '/x');
    expect(settings.values.get('xpack.security.authc.realms.jwt.j.order')).toBe(1);
  });

  it('replaces ${NAME} with the environment variable and fails on an unknown one', () => {
    const settings = parseSecuritySettings('a.secret: "${MY_SECRET}"\nb: pre-${MY_SECRET}', '/x', { MY_SECRET: 's3cr3t' });
    expect(settings.values.get('a.secret')).toBe('s3cr3t');
    expect(settings.values.get('b')).toBe('pre-s3cr3t');
    expect(() => parseSecuritySettings('a: ${NOPE}', '/x', {})).toThrow("Could not resolve placeholder 'NOPE'");
  });

  it('rejects a key given twice (also flat and nested)', () => {
    expect(() => parseSecuritySettings('a.b: 1\na:\n  b: 2\n', '/x')).toThrow('duplicate settings key [a.b]');
    expect(() => parseSecuritySettings('a: 1\na: 2\n', '/x')).toThrow(SettingsException);
  });

  it('reports YAML syntax errors without quoting the file', () => {
    let message = '';
    try {
      parseSecuritySettings('hmac_key: "topsecret\nfoo: [', '/x');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Failed to parse security settings/);
    expect(message).not.toContain('topsecret');
  });

  it('loads a file and remembers its directory for relative paths', () => {
    const dir = tempDir();
    const file = path.join(dir, 'security.yml');
    fs.writeFileSync(file, `${P}order: 1\n`);
    const settings = loadSecuritySettingsFile(file);
    expect(settings.baseDir).toBe(dir);
    expect(settings.file).toBe(file);
    expect(() => loadSecuritySettingsFile(path.join(dir, 'missing.yml'))).toThrow(/Failed to load security settings file \[.*missing.yml\]: ENOENT/);
  });
});

describe('JWT realm settings', () => {
  it('applies Elasticsearch defaults', () => {
    const [realm] = parseJwtRealmSettings(realmSettings(), OPTIONS);
    expect(realm).toMatchObject({
      name: 'jwt1',
      order: 1,
      tokenType: 'id_token',
      allowedSignatureAlgorithms: ['RS256'],
      allowedClockSkewMs: 60_000,
      populateUserMetadata: true,
      clientAuthenticationType: 'none',
      pkcJwksetPath: '/etc/pc/jwks.json',
      authorizationRealms: [],
    });
    expect(realm.claims.principal.claim).toBe('sub');
  });

  it('defaults client authentication to shared_secret, which needs the secret', () => {
    expect(parseError(realmSettings({}, ['client_authentication.type']))).toBe(
      `Missing setting for [${P}client_authentication.shared_secret]. It is required when setting [${P}client_authentication.type] is [shared_secret]`,
    );
    const [realm] = parseJwtRealmSettings(
      realmSettings({ [P + 'client_authentication.type']: undefined, [P + 'client_authentication.shared_secret']: 'x' }),
      OPTIONS,
    );
    expect(realm.clientAuthenticationType).toBe('shared_secret');
  });

  it('requires claims.principal, with no default', () => {
    expect(parseError(realmSettings({}, ['claims.principal']))).toBe(`Setting [${P}claims.principal] is required`);
  });

  it('requires an order, an issuer and audiences', () => {
    expect(parseError(realmSettings({}, ['order']))).toBe(
      "'order' is a mandatory parameter for realm config. Found invalid realm config: 'jwt1'",
    );
    expect(parseError(realmSettings({}, ['allowed_issuer']))).toBe(`Invalid empty value for [${P}allowed_issuer].`);
    expect(parseError(realmSettings({}, ['allowed_audiences']))).toBe(`Invalid empty list for [${P}allowed_audiences].`);
  });

  it('rejects unknown settings and values', () => {
    expect(parseError(realmSettings({ [P + 'claims.principle']: 'sub' }))).toMatch(new RegExp(`^unknown setting \\[${P}claims.principle\\]`));
    expect(parseError(realmSettings({ [P + 'token_type']: 'refresh_token' }))).toBe(
      `Invalid value [refresh_token] for [${P}token_type], allowed values are [id_token,access_token]`,
    );
    expect(parseError(realmSettings({ [P + 'allowed_signature_algorithms']: ['RS256', 'none'] }))).toMatch(
      new RegExp(`^Invalid value \\[none\\] for \\[${P}allowed_signature_algorithms\\]\\. Allowed values are \\[HS256, `),
    );
    expect(parseError(realmSettings({ [P + 'allowed_clock_skew']: '60' }))).toBe(
      `failed to parse setting [${P}allowed_clock_skew] with value [60] as a time value: unit is missing or unrecognized`,
    );
    expect(parseError(realmSettings({ [P + 'client_authentication.type']: 'mutual_tls' }))).toBe(
      `Invalid value [mutual_tls] for [${P}client_authentication.type], allowed values are [none,shared_secret]`,
    );
  });

  it('needs allowed subjects for access tokens, and allows fallback claims only there', () => {
    expect(parseError(realmSettings({ [P + 'token_type']: 'access_token' }))).toBe(
      `One of either [${P}allowed_subjects] or [${P}allowed_subject_patterns] must be specified and not be empty.`,
    );
    expect(parseError(realmSettings({ [P + 'fallback_claims.sub']: 'client_id' }))).toBe(
      `fallback claim setting [${P}fallback_claims.sub] is not allowed when JWT realm [jwt1] is [id_token] type`,
    );
    expect(
      parseError(
        realmSettings({ [P + 'token_type']: 'access_token', [P + 'allowed_subjects']: 'a', [P + 'fallback_claims.aud']: 'iss' }),
      ),
    ).toBe(`Invalid fallback claims setting [${P}fallback_claims.aud]. Claim [aud] cannot fallback to a registered claim [iss]`);
    const [realm] = parseJwtRealmSettings(
      realmSettings({
        [P + 'token_type']: 'access_token',
        [P + 'allowed_subject_patterns']: 'svc-*',
        [P + 'fallback_claims.sub']: 'client_id',
        [P + 'fallback_claims.aud']: 'scope',
      }),
      OPTIONS,
    );
    expect(realm.fallbackClaims).toEqual({ sub: 'client_id', aud: 'scope' });
  });

  it('validates keys settings', () => {
    expect(parseError(realmSettings({}, ['pkc_jwkset_path']))).toBe(
      `At least one of [${P}hmac_key] or [${P}hmac_jwkset] or [${P}pkc_jwkset_path] must be set`,
    );
    expect(parseError(realmSettings({ [P + 'hmac_key']: 'k', [P + 'hmac_jwkset']: '{}' }))).toBe(
      `Settings [${P}hmac_jwkset] and [${P}hmac_key] are not allowed at the same time.`,
    );
    expect(parseError(realmSettings({ [P + 'client_authentication.shared_secret']: 'x' }))).toBe(
      `Setting [${P}client_authentication.shared_secret] is not supported, because setting [${P}client_authentication.type] is [none]`,
    );
    expect(parseError(realmSettings({ [P + 'pkc_jwkset_path']: 'https://idp.example/jwks' }))).toMatch(
      new RegExp(`^Setting \\[${P}pkc_jwkset_path\\] value \\[https://idp.example/jwks\\] is a URL`),
    );
  });

  it('validates required claims, claim patterns and authorization realms', () => {
    expect(parseError(realmSettings({ [P + 'required_claims.iss']: 'x' }))).toBe(
      `required claim [${P}required_claims.iss] cannot be one of [iss,sub,aud,exp,nbf,iat]`,
    );
    expect(parseError(realmSettings({ [P + 'required_claims.token_use']: [] }))).toBe(
      `required claim [${P}required_claims.token_use] cannot be empty`,
    );
    expect(parseError(realmSettings({ [P + 'claim_patterns.groups']: '^(.*)$' }))).toBe(
      `Setting [${P}claim_patterns.groups] cannot be set unless [${P}claims.groups] is also set`,
    );
    expect(parseError(realmSettings({ [P + 'authorization_realms']: 'ldap1' }))).toBe(
      'configured authorization realm [ldap1] does not exist (or is not enabled)',
    );
    const [realm] = parseJwtRealmSettings(
      realmSettings({
        [P + 'required_claims.token_use']: 'id',
        [P + 'claims.mail']: 'email',
        [P + 'claim_patterns.principal']: '^([^@]+)@example\\.com$',
        [P + 'authorization_realms']: 'default_native',
      }),
      OPTIONS,
    );
    expect(realm.requiredClaims).toEqual([{ name: 'token_use', values: ['id'] }]);
    expect(realm.claims.principal.pattern?.source).toBe('^([^@]+)@example\\.com$');
    expect(realm.authorizationRealms).toEqual(['default_native']);
  });

  it('orders realms, rejects duplicate orders, and skips disabled realms', () => {
    const second = 'xpack.security.authc.realms.jwt.jwt0.';
    const two = securitySettingsFromObject(
      {
        ...Object.fromEntries(realmSettings().values),
        [second + 'order']: 0,
        [second + 'allowed_issuer']: 'i',
        [second + 'allowed_audiences']: 'a',
        [second + 'claims.principal']: 'sub',
        [second + 'hmac_key']: 'k',
        [second + 'client_authentication.type']: 'none',
      },
      '/x',
    );
    expect(parseJwtRealmSettings(two, OPTIONS).map((r) => r.name)).toEqual(['jwt0', 'jwt1']);
    const clash = securitySettingsFromObject({ ...Object.fromEntries(two.values), [second + 'order']: 1 }, '/x');
    expect(() => parseJwtRealmSettings(clash, OPTIONS)).toThrow('Found multiple realms configured with the same order: 1: [jwt1, jwt0]');
    const disabled = securitySettingsFromObject({ ...Object.fromEntries(two.values), [second + 'enabled']: false }, '/x');
    expect(parseJwtRealmSettings(disabled, OPTIONS).map((r) => r.name)).toEqual(['jwt1']);
  });

  it('accepts comma-separated lists as Elasticsearch does', () => {
    const [realm] = parseJwtRealmSettings(realmSettings({ [P + 'allowed_audiences']: 'a, b' }), OPTIONS);
    expect(realm.allowedAudiences).toEqual(['a', 'b']);
  });

  it('parses time values', () => {
    expect(parseTimeValue('60s')).toBe(60_000);
    expect(parseTimeValue('500ms')).toBe(500);
    expect(parseTimeValue('2m')).toBe(120_000);
    expect(parseTimeValue('0')).toBe(0);
    expect(parseTimeValue('5')).toBeUndefined();
  });
});
