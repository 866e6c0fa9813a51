import path from 'node:path';
import { SettingsException, type SecuritySettings, type SettingValue } from '../settings-file';

/**
 * JWT realm settings (`xpack.security.authc.realms.jwt.<name>.*`), validated with
 * Elasticsearch's names, defaults and messages (JwtRealmSettings, ClaimSetting, RealmSettings).
 */

export const JWT_REALM_PREFIX = 'xpack.security.authc.realms.jwt.';

export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;
export const EC_ALGORITHMS = ['ES256', 'ES384', 'ES512'] as const;
export const PKC_ALGORITHMS: readonly string[] = [...RSA_ALGORITHMS, ...EC_ALGORITHMS];
export const SUPPORTED_ALGORITHMS: readonly string[] = [...HMAC_ALGORITHMS, ...PKC_ALGORITHMS];

/** Claims with prescribed meanings (RFC 7519 §4.1): fallback claims may not point at them. */
export const REGISTERED_CLAIM_NAMES: readonly string[] = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];
const INVALID_REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat'];

export type TokenType = 'id_token' | 'access_token';
export type ClientAuthenticationType = 'shared_secret' | 'none';

export interface ClaimSetting {
  /** The JWT claim to read. */
  claim: string;
  /** `claim_patterns.<x>`: the value is the first group of the first match. */
  pattern?: RegExp;
  /** Full setting key, for messages. */
  settingKey: string;
}

export interface JwtRealmConfig {
  name: string;
  order: number;
  tokenType: TokenType;
  allowedIssuer: string;
  allowedAudiences: string[];
  allowedSignatureAlgorithms: string[];
  allowedClockSkewMs: number;
  allowedSubjects: string[];
  allowedSubjectPatterns: string[];
  /** Only for access_token realms: claims used when `sub` / `aud` are absent. */
  fallbackClaims: { sub?: string; aud?: string };
  requiredClaims: Array<{ name: string; values: string[] }>;
  claims: {
    principal: ClaimSetting;
    groups?: ClaimSetting;
    name?: ClaimSetting;
    mail?: ClaimSetting;
    dn?: ClaimSetting;
  };
  /** Absolute path of the PKC JWK set file. */
  pkcJwksetPath?: string;
  hmacKey?: string;
  hmacJwkset?: string;
  clientAuthenticationType: ClientAuthenticationType;
  clientAuthenticationSharedSecret?: string;
  populateUserMetadata: boolean;
  authorizationRealms: string[];
  /** Full setting key of a realm setting, for messages. */
  key(setting: string): string;
}

/** Settings each JWT realm accepts (besides the `required_claims.*` group). */
const KNOWN_SETTINGS = new Set([
  'order',
  'enabled',
  'token_type',
  'allowed_issuer',
  'allowed_audiences',
  'allowed_signature_algorithms',
  'allowed_clock_skew',
  'allowed_subjects',
  'allowed_subject_patterns',
  'fallback_claims.sub',
  'fallback_claims.aud',
  'claims.principal',
  'claims.groups',
  'claims.name',
  'claims.mail',
  'claims.dn',
  'claim_patterns.principal',
  'claim_patterns.groups',
  'claim_patterns.name',
  'claim_patterns.mail',
  'claim_patterns.dn',
  'pkc_jwkset_path',
  'hmac_key',
  'hmac_jwkset',
  'client_authentication.type',
  'client_authentication.shared_secret',
  'client_authentication.rotation_grace_period',
  'populate_user_metadata',
  'authorization_realms',
  'jwt.cache.ttl',
  'jwt.cache.size',
  // Settings for fetching a JWK set over HTTPS. Accepted for compatibility; this engine reads
  // JWK sets from files only.
  'http.connect_timeout',
  'http.connection_read_timeout',
  'http.socket_timeout',
  'http.max_connections',
  'http.max_endpoint_connections',
]);

export interface JwtRealmSettingsOptions {
  /** Names of realms that can look users up, for `authorization_realms`. */
  lookupRealmNames: readonly string[];
  /** Names taken by the built-in realms. */
  reservedRealmNames: readonly string[];
}

/** Reads every enabled JWT realm from the settings, ordered by `order`. Throws SettingsException. */
export function parseJwtRealmSettings(settings: SecuritySettings, options: JwtRealmSettingsOptions): JwtRealmConfig[] {
  const byRealm = new Map<string, Map<string, SettingValue>>();
  for (const [key, value] of settings.values) {
    if (!key.startsWith(JWT_REALM_PREFIX)) continue;
    const rest = key.slice(JWT_REALM_PREFIX.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) {
      throw new SettingsException(
        `unknown setting [${key}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings`,
      );
    }
    const realm = rest.slice(0, dot);
    let realmSettings = byRealm.get(realm);
    if (!realmSettings) byRealm.set(realm, (realmSettings = new Map()));
    realmSettings.set(rest.slice(dot + 1), value);
  }

  const realms: JwtRealmConfig[] = [];
  for (const [name, values] of byRealm) {
    const config = parseRealm(name, values, settings.baseDir, options);
    if (config) realms.push(config);
  }

  const byOrder = new Map<number, string[]>();
  for (const realm of realms) byOrder.set(realm.order, [...(byOrder.get(realm.order) ?? []), realm.name]);
  const duplicates = [...byOrder.entries()].filter(([, names]) => names.length > 1);
  if (duplicates.length > 0) {
    throw new SettingsException(
      'Found multiple realms configured with the same order: ' +
        duplicates.map(([order, names]) => `${order}: [${names.join(', ')}]`).join('; '),
    );
  }
  return realms.sort((a, b) => a.order - b.order);
}

class RealmSettingsReader {
  constructor(
    readonly name: string,
    private readonly values: Map<string, SettingValue>,
  ) {}

  key(setting: string): string {
    return `${JWT_REALM_PREFIX}${this.name}.${setting}`;
  }

  has(setting: string): boolean {
    const value = this.values.get(setting);
    return value !== undefined && value !== null;
  }

  string(setting: string): string | undefined {
    const value = this.values.get(setting);
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) {
      // The value is not quoted: this may be a secret setting.
      throw new SettingsException(`Failed to parse setting [${this.key(setting)}]: expected a single value, not a list`);
    }
    return String(value);
  }

  /** A list setting: a YAML list, or a comma-separated string (Settings.getAsList). */
  list(setting: string): string[] | undefined {
    const value = this.values.get(setting);
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.map((v) => (v === null ? '' : String(v)));
    return String(value)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  boolean(setting: string, fallback: boolean): boolean {
    const value = this.string(setting);
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new SettingsException(
      `Failed to parse value [${value}] as only [true] or [false] are allowed. (setting [${this.key(setting)}])`,
    );
  }

  integer(setting: string, fallback: number, min = Number.MIN_SAFE_INTEGER): number {
    const value = this.string(setting);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) throw new SettingsException(`Failed to parse value [${value}] for setting [${this.key(setting)}]`);
    const n = Number(value);
    if (n < min) throw new SettingsException(`Failed to parse value [${value}] for setting [${this.key(setting)}] must be >= ${min}`);
    return n;
  }

  /** A time setting ("60s", "500ms", "1m"), in milliseconds. */
  time(setting: string, fallbackMs: number): number {
    const value = this.string(setting);
    if (value === undefined) return fallbackMs;
    const parsed = parseTimeValue(value);
    if (parsed === undefined) {
      throw new SettingsException(
        `failed to parse setting [${this.key(setting)}] with value [${value}] as a time value: unit is missing or unrecognized`,
      );
    }
    return parsed;
  }

  names(): string[] {
    return [...this.values.keys()];
  }
}

const TIME_UNITS: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseTimeValue(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '0' || trimmed === '-1') return Number(trimmed);
  const match = /^(\d+(?:\.\d+)?)\s*(nanos|micros|ms|s|m|h|d)$/.exec(trimmed);
  if (!match) return undefined;
  return Number(match[1]) * TIME_UNITS[match[2]];
}

function invalidEmptyValue(key: string): SettingsException {
  return new SettingsException(`Invalid empty value for [${key}].`);
}

function parseRealm(
  name: string,
  values: Map<string, SettingValue>,
  baseDir: string,
  options: JwtRealmSettingsOptions,
): JwtRealmConfig | undefined {
  const s = new RealmSettingsReader(name, values);
  for (const setting of s.names()) {
    if (!KNOWN_SETTINGS.has(setting) && !setting.startsWith('required_claims.') && !setting.startsWith('ssl.')) {
      throw new SettingsException(
        `unknown setting [${s.key(setting)}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings`,
      );
    }
  }
  if (!s.boolean('enabled', true)) return undefined;
  if (options.reservedRealmNames.includes(name)) {
    throw new SettingsException(`Found multiple realms configured with the same name: [${name}] is the name of a built-in realm`);
  }
  if (!s.has('order')) {
    throw new SettingsException(`'order' is a mandatory parameter for realm config. Found invalid realm config: '${name}'`);
  }
  const order = s.integer('order', 0);

  const tokenTypeValue = s.string('token_type') ?? 'id_token';
  const tokenType = tokenTypeValue.toLowerCase();
  if (tokenType !== 'id_token' && tokenType !== 'access_token') {
    throw new SettingsException(`Invalid value [${tokenTypeValue}] for [${s.key('token_type')}], allowed values are [id_token,access_token]`);
  }

  const allowedIssuer = s.string('allowed_issuer') ?? '';
  if (allowedIssuer === '') throw invalidEmptyValue(s.key('allowed_issuer'));

  const allowedAudiences = s.list('allowed_audiences') ?? [];
  if (allowedAudiences.length === 0) throw new SettingsException(`Invalid empty list for [${s.key('allowed_audiences')}].`);
  for (const audience of allowedAudiences) if (audience === '') throw invalidEmptyValue(s.key('allowed_audiences'));

  const algorithms = s.list('allowed_signature_algorithms') ?? ['RS256'];
  const allowedList = `[${SUPPORTED_ALGORITHMS.join(', ')}]`;
  if (algorithms.length === 0) {
    throw new SettingsException(`Invalid empty list for [${s.key('allowed_signature_algorithms')}]. Allowed values are ${allowedList}.`);
  }
  for (const alg of algorithms) {
    if (alg === '') throw invalidEmptyValue(s.key('allowed_signature_algorithms'));
    if (!SUPPORTED_ALGORITHMS.includes(alg)) {
      throw new SettingsException(`Invalid value [${alg}] for [${s.key('allowed_signature_algorithms')}]. Allowed values are ${allowedList}.`);
    }
  }

  const allowedClockSkewMs = s.time('allowed_clock_skew', 60_000);

  const allowedSubjects = s.list('allowed_subjects') ?? [];
  const allowedSubjectPatterns = s.list('allowed_subject_patterns') ?? [];
  for (const subject of allowedSubjects) if (subject === '') throw invalidEmptyValue(s.key('allowed_subjects'));
  for (const pattern of allowedSubjectPatterns) if (pattern === '') throw invalidEmptyValue(s.key('allowed_subject_patterns'));
  const subjectsConfigured = s.has('allowed_subjects') || s.has('allowed_subject_patterns');
  if ((tokenType === 'access_token' || subjectsConfigured) && allowedSubjects.length === 0 && allowedSubjectPatterns.length === 0) {
    throw new SettingsException(
      `One of either [${s.key('allowed_subjects')}] or [${s.key('allowed_subject_patterns')}] must be specified and not be empty.`,
    );
  }

  const fallbackClaims: JwtRealmConfig['fallbackClaims'] = {};
  for (const claim of ['sub', 'aud'] as const) {
    const setting = `fallback_claims.${claim}`;
    if (!s.has(setting)) continue;
    if (tokenType === 'id_token') {
      throw new SettingsException(
        `fallback claim setting [${s.key(setting)}] is not allowed when JWT realm [${name}] is [id_token] type`,
      );
    }
    const value = s.string(setting) ?? '';
    if (value === '') throw invalidEmptyValue(s.key(setting));
    if (value !== claim && REGISTERED_CLAIM_NAMES.includes(value)) {
      throw new SettingsException(
        `Invalid fallback claims setting [${s.key(setting)}]. Claim [${claim}] cannot fallback to a registered claim [${value}]`,
      );
    }
    fallbackClaims[claim] = value;
  }

  const requiredClaims: JwtRealmConfig['requiredClaims'] = [];
  for (const setting of s.names().filter((n) => n.startsWith('required_claims.'))) {
    const claim = setting.slice('required_claims.'.length);
    if (INVALID_REQUIRED_CLAIMS.includes(claim)) {
      throw new SettingsException(`required claim [${s.key(setting)}] cannot be one of [${INVALID_REQUIRED_CLAIMS.join(',')}]`);
    }
    const allowed = (s.list(setting) ?? []).filter((v) => v !== '');
    if (allowed.length === 0) throw new SettingsException(`required claim [${s.key(setting)}] cannot be empty`);
    requiredClaims.push({ name: claim, values: allowed });
  }

  const claimSetting = (kind: string, required: boolean): ClaimSetting | undefined => {
    const claimKey = `claims.${kind}`;
    const patternKey = `claim_patterns.${kind}`;
    const claim = s.string(claimKey);
    if (claim === undefined || claim === '') {
      if (required) throw new SettingsException(`Setting [${s.key(claimKey)}] is required`);
      if (s.has(patternKey)) {
        throw new SettingsException(`Setting [${s.key(patternKey)}] cannot be set unless [${s.key(claimKey)}] is also set`);
      }
      return undefined;
    }
    const patternText = s.string(patternKey);
    let pattern: RegExp | undefined;
    if (patternText !== undefined) {
      try {
        pattern = new RegExp(patternText);
      } catch {
        throw new SettingsException(`Invalid regular expression [${patternText}] for setting [${s.key(patternKey)}]`);
      }
    }
    return { claim, pattern, settingKey: s.key(claimKey) };
  };
  const claims: JwtRealmConfig['claims'] = { principal: claimSetting('principal', true) as ClaimSetting };
  for (const kind of ['groups', 'name', 'mail', 'dn'] as const) {
    const setting = claimSetting(kind, false);
    if (setting) claims[kind] = setting;
  }

  const populateUserMetadata = s.boolean('populate_user_metadata', true);

  const clientTypeValue = s.string('client_authentication.type') ?? 'shared_secret';
  const clientAuthenticationType = clientTypeValue.toLowerCase();
  if (clientAuthenticationType !== 'shared_secret' && clientAuthenticationType !== 'none') {
    throw new SettingsException(
      `Invalid value [${clientTypeValue}] for [${s.key('client_authentication.type')}], allowed values are [none,shared_secret]`,
    );
  }
  const sharedSecret = s.string('client_authentication.shared_secret') || undefined;
  if (clientAuthenticationType === 'shared_secret' && sharedSecret === undefined) {
    throw new SettingsException(
      `Missing setting for [${s.key('client_authentication.shared_secret')}]. It is required when setting [${s.key('client_authentication.type')}] is [shared_secret]`,
    );
  }
  if (clientAuthenticationType === 'none' && sharedSecret !== undefined) {
    throw new SettingsException(
      `Setting [${s.key('client_authentication.shared_secret')}] is not supported, because setting [${s.key('client_authentication.type')}] is [none]`,
    );
  }
  s.time('client_authentication.rotation_grace_period', 60_000);
  s.time('jwt.cache.ttl', 20 * 60_000);
  s.integer('jwt.cache.size', 100_000, 0);

  const pkcPath = s.string('pkc_jwkset_path') || undefined;
  const hmacKey = s.string('hmac_key') || undefined;
  const hmacJwkset = s.string('hmac_jwkset') || undefined;
  if (!pkcPath && !hmacKey && !hmacJwkset) {
    throw new SettingsException(
      `At least one of [${s.key('hmac_key')}] or [${s.key('hmac_jwkset')}] or [${s.key('pkc_jwkset_path')}] must be set`,
    );
  }
  if (hmacKey && hmacJwkset) {
    throw new SettingsException(`Settings [${s.key('hmac_jwkset')}] and [${s.key('hmac_key')}] are not allowed at the same time.`);
  }
  let pkcJwksetPath: string | undefined;
  if (pkcPath) {
    if (/^https?:/i.test(pkcPath)) {
      throw new SettingsException(
        `Setting [${s.key('pkc_jwkset_path')}] value [${pkcPath}] is a URL; this engine reads JWK sets from files only. Download the JWK set to a file and set its path.`,
      );
    }
    pkcJwksetPath = path.resolve(baseDir, pkcPath);
  }

  const authorizationRealms = s.list('authorization_realms') ?? [];
  for (const realm of authorizationRealms) {
    if (!options.lookupRealmNames.includes(realm)) {
      throw new SettingsException(`configured authorization realm [${realm}] does not exist (or is not enabled)`);
    }
  }

  return {
    name,
    order,
    tokenType,
    allowedIssuer,
    allowedAudiences,
    allowedSignatureAlgorithms: algorithms,
    allowedClockSkewMs,
    allowedSubjects,
    allowedSubjectPatterns,
    fallbackClaims,
    requiredClaims,
    claims,
    pkcJwksetPath,
    hmacKey,
    hmacJwkset,
    clientAuthenticationType,
    clientAuthenticationSharedSecret: sharedSecret,
    populateUserMetadata,
    authorizationRealms,
    key: (setting) => s.key(setting),
  };
}
