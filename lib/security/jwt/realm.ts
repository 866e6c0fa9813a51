import { createHash, timingSafeEqual } from 'node:crypto';
import { compactVerify } from 'jose';
import type { Authentication, RealmRef, User } from '../authentication';
import type { UserData } from '../role-mappings';
import { SettingsException } from '../settings-file';
import { filterKeys, hmacKeyFromString, importVerificationKey, JwkSetFile, keyFitsAlgorithm, parseJwkSet, type KeySet, type VerificationKey } from './keys';
import { compilePattern, PatternError } from '../patterns';
import { HMAC_ALGORITHMS, PKC_ALGORITHMS, type ClaimSetting, type JwtRealmConfig } from './realm-settings';
import { asString, asStringList, claimWithFallback, type ParsedJwt } from './token';

export const JWT_REALM_TYPE = 'jwt';

export interface JwtRealmDependencies {
  nodeName: string;
  /** Role mappings (the realm's roles when it does not delegate authorization). */
  resolveRoles(user: UserData): string[];
  /** Looks a user up in a realm named in `authorization_realms`. */
  lookupUser(realmName: string, username: string): User | undefined;
  now(): number;
}

export type RealmOutcome =
  | { kind: 'success'; authentication: Authentication }
  /** The realm did not authenticate the token; the next realm may. Reasons are for logs only. */
  | { kind: 'unsuccessful'; message: string; cause?: string };

class ValidationFailure extends Error {}

function fail(message: string): never {
  throw new ValidationFailure(message);
}

/** Compares secrets in constant time (fixed-length digests, so the length leaks nothing either). */
export function secretsEqual(expected: string, actual: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(actual, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * One JWT realm (Elasticsearch's JwtRealm + JwtAuthenticator): client authentication, header and
 * claim validation, signature verification, then the user from the claims with roles from role
 * mappings, or from the `authorization_realms`.
 */
export class JwtRealm {
  readonly ref: RealmRef;
  private readonly hmac?: KeySet;
  private readonly pkc?: JwkSetFile;
  private readonly subjectPatterns: RegExp[];

  constructor(
    readonly config: JwtRealmConfig,
    private readonly deps: JwtRealmDependencies,
  ) {
    this.ref = { name: config.name, type: JWT_REALM_TYPE, nodeName: deps.nodeName };
    const algorithms = config.allowedSignatureAlgorithms;
    const hmacAlgorithms = algorithms.filter((a) => (HMAC_ALGORITHMS as readonly string[]).includes(a));
    const pkcAlgorithms = algorithms.filter((a) => PKC_ALGORITHMS.includes(a));
    if (config.hmacJwkset !== undefined) {
      this.hmac = filterKeys(parseJwkSet(config.hmacJwkset, config.key('hmac_jwkset')), hmacAlgorithms);
    } else if (config.hmacKey !== undefined) {
      this.hmac = filterKeys([hmacKeyFromString(config.hmacKey)], hmacAlgorithms);
    }
    if (config.pkcJwksetPath !== undefined) {
      this.pkc = new JwkSetFile(config.pkcJwksetPath, config.key('pkc_jwkset_path'), pkcAlgorithms, deps.now);
    }
    const usable = (this.hmac?.keys.length ?? 0) + (this.pkc?.current.keys.length ?? 0);
    if (usable === 0) {
      const configured = [
        config.hmacKey !== undefined ? config.key('hmac_key') : undefined,
        config.hmacJwkset !== undefined ? config.key('hmac_jwkset') : undefined,
        config.pkcJwksetPath !== undefined ? config.key('pkc_jwkset_path') : undefined,
      ].filter(Boolean);
      throw new SettingsException(
        `No available JWK and algorithm for HMAC or PKC in [${configured.join(', ')}] for the algorithms in ` +
          `[${config.key('allowed_signature_algorithms')}] ([${algorithms.join(',')}]). ` +
          'HMAC keys must be at least as long as the hash (HS256: 32 bytes), RSA keys at least 2048 bits, EC keys on the curve of the algorithm.',
      );
    }
    this.subjectPatterns = config.allowedSubjectPatterns.map((pattern) => {
      try {
        return compilePattern(pattern);
      } catch (error) {
        const reason = error instanceof PatternError ? error.message : 'invalid pattern';
        throw new SettingsException(`Invalid pattern for setting [${config.key('allowed_subject_patterns')}]: ${reason}`);
      }
    });
  }

  get name(): string {
    return this.config.name;
  }

  /** The part of the token principal this realm can build: `aud/sub/principal` (JwtRealm.buildTokenPrincipal). */
  buildTokenPrincipal(claims: Record<string, unknown>): string | undefined {
    const subject = asString(claimWithFallback(claims, 'sub', this.config.fallbackClaims).value);
    if (!subject) return undefined;
    const audiences = asStringList(claimWithFallback(claims, 'aud', this.config.fallbackClaims).value);
    if (!audiences || audiences.length === 0) return undefined;
    let principal: string | undefined;
    try {
      principal = claimValues(claims, this.config.claims.principal)[0];
    } catch {
      return undefined;
    }
    if (!principal) return undefined;
    return `${[...new Set(audiences)].sort().join(',')}/${subject}/${principal}`;
  }

  async authenticate(jwt: ParsedJwt, tokenPrincipal: string, clientSecret: string | undefined): Promise<RealmOutcome> {
    const name = this.config.name;
    // 1. Client authentication.
    if (this.config.clientAuthenticationType === 'shared_secret') {
      const expected = this.config.clientAuthenticationSharedSecret as string;
      if (clientSecret === undefined || clientSecret === '') {
        return {
          kind: 'unsuccessful',
          message: `Realm [${name}] client authentication failed for token=[${tokenPrincipal}].`,
          cause: 'Rejected client. Authentication type is [SHARED_SECRET] and secret is missing.',
        };
      }
      if (!secretsEqual(expected, clientSecret)) {
        return {
          kind: 'unsuccessful',
          message: `Realm [${name}] client authentication failed for token=[${tokenPrincipal}].`,
          cause: 'Rejected client. Authentication type is [SHARED_SECRET] and secret did not match.',
        };
      }
    }

    // 2. Header and claims, then the signature.
    try {
      if (!jwt.claims) fail('Failed to parse JWT claims set');
      this.validateHeaderAndClaims(jwt.header, jwt.claims);
      await this.verifySignature(jwt);
    } catch (error) {
      if (!(error instanceof ValidationFailure)) throw error;
      return { kind: 'unsuccessful', message: `Realm [${name}] JWT validation failed for token=[${tokenPrincipal}].`, cause: error.message };
    }
    const claims = jwt.claims;

    // 3. The user.
    let principal: string | undefined;
    let values: { groups: string[]; dn?: string; mail?: string; name?: string };
    try {
      principal = claimValues(claims, this.config.claims.principal)[0];
      const single = (setting?: ClaimSetting) => (setting ? claimValues(claims, setting)[0] : undefined);
      values = {
        groups: this.config.claims.groups ? claimValues(claims, this.config.claims.groups) : [],
        dn: single(this.config.claims.dn),
        mail: single(this.config.claims.mail),
        name: single(this.config.claims.name),
      };
    } catch (error) {
      return { kind: 'unsuccessful', message: `Realm [${name}] no principal for token=[${tokenPrincipal}].`, cause: (error as Error).message };
    }
    if (!principal) {
      return {
        kind: 'unsuccessful',
        message: `Realm [${name}] no principal for token=[${tokenPrincipal}] parser=[${describeClaimSetting(this.config.claims.principal)}].`,
      };
    }

    if (this.config.authorizationRealms.length > 0) {
      for (const realmName of this.config.authorizationRealms) {
        const user = this.deps.lookupUser(realmName, principal);
        if (user) return { kind: 'success', authentication: this.authentication(user) };
      }
      return {
        kind: 'unsuccessful',
        message: `the principal [${principal}] was authenticated, but no user could be found in realms [${this.config.authorizationRealms.join(',')}]`,
      };
    }

    const metadata = this.userMetadata(claims);
    const roles = this.deps.resolveRoles({
      username: principal,
      dn: values.dn ?? null,
      groups: values.groups,
      metadata,
      realmName: name,
    });
    return {
      kind: 'success',
      authentication: this.authentication({
        username: principal,
        roles,
        fullName: values.name ?? null,
        email: values.mail ?? null,
        metadata,
        enabled: true,
      }),
    };
  }

  private authentication(user: User): Authentication {
    return { user, authenticatingRealm: this.ref, authenticationType: 'realm', subjectType: 'user' };
  }

  /** `jwt_token_type`, plus `jwt_claim_<name>` for claims of simple types when populate_user_metadata. */
  private userMetadata(claims: Record<string, unknown>): Record<string, unknown> {
    const metadata: Record<string, unknown> = {};
    if (this.config.populateUserMetadata) {
      for (const [claim, value] of Object.entries(claims)) {
        if (isSimple(value) || (Array.isArray(value) && value.every(isSimple))) metadata[`jwt_claim_${claim}`] = value;
      }
    }
    metadata.jwt_token_type = this.config.tokenType;
    return metadata;
  }

  private validateHeaderAndClaims(header: Record<string, unknown>, claims: Record<string, unknown>): void {
    const config = this.config;
    const fallbacks = config.fallbackClaims;

    // typ: JWT for ID tokens; access tokens may also say at+jwt (RFC 9068).
    if (header.typ !== undefined) {
      const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : '';
      const allowed = config.tokenType === 'id_token' ? ['jwt'] : ['jwt', 'at+jwt', 'application/at+jwt'];
      if (!allowed.includes(typ)) fail('invalid jwt typ header');
    }

    const iss = asString(claims.iss);
    if (iss === undefined) fail('missing required string claim [iss]');
    if (iss !== config.allowedIssuer) {
      fail(`string claim [iss] has value [${iss}] which does not match allowed claim values [${config.allowedIssuer}]`);
    }

    const sub = claimWithFallback(claims, 'sub', config.tokenType === 'access_token' ? fallbacks : {});
    const subject = asString(sub.value);
    if (subject === undefined) fail(`missing required string claim [${sub.description}]`);
    if (config.allowedSubjects.length > 0 || this.subjectPatterns.length > 0) {
      const allowed = config.allowedSubjects.includes(subject) || this.subjectPatterns.some((p) => p.test(subject));
      if (!allowed) {
        fail(
          `string claim [${sub.description}] has value [${subject}] which does not match allowed claim values [${config.allowedSubjects.join(',')}] or patterns [${config.allowedSubjectPatterns.join(',')}]`,
        );
      }
    }

    const aud = claimWithFallback(claims, 'aud', config.tokenType === 'access_token' ? fallbacks : {});
    const audiences = asStringList(aud.value);
    if (audiences === undefined) fail(`missing required string claim [${aud.description}]`);
    if (!audiences.some((a) => config.allowedAudiences.includes(a))) {
      fail(
        `string claim [${aud.description}] has value [${audiences.join(',')}] which does not match allowed claim values [${config.allowedAudiences.join(',')}]`,
      );
    }

    const alg = header.alg as string;
    if (!config.allowedSignatureAlgorithms.includes(alg)) {
      fail(`invalid JWT algorithm [${alg}], allowed algorithms are [${config.allowedSignatureAlgorithms.join(',')}]`);
    }

    const now = this.deps.now();
    const skew = config.allowedClockSkewMs;
    this.dateClaim(claims, 'iat', 'before', false, now, skew);
    this.dateClaim(claims, 'exp', 'after', false, now, skew);
    this.dateClaim(claims, 'nbf', 'before', true, now, skew);
    if (config.tokenType === 'id_token') this.dateClaim(claims, 'auth_time', 'before', true, now, skew);

    for (const required of config.requiredClaims) {
      const values = asStringList(claims[required.name]);
      if (values === undefined) fail(`missing required string claim [${required.name}]`);
      if (!values.some((v) => required.values.includes(v))) {
        fail(
          `string claim [${required.name}] has value [${values.join(',')}] which does not match allowed claim values [${required.values.join(',')}]`,
        );
      }
    }
  }

  private dateClaim(
    claims: Record<string, unknown>,
    name: string,
    relation: 'before' | 'after',
    optional: boolean,
    now: number,
    skewMs: number,
  ): void {
    const value = claims[name];
    if (value === undefined || value === null) {
      if (optional) return;
      fail(`missing required date claim [${name}]`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`cannot parse date claim [${name}]`);
    const millis = Math.floor(value * 1000);
    if (relation === 'before' && !(millis < now + skewMs)) {
      fail(`date claim [${name}] value [${millis}] must be before now [${now}]`);
    }
    if (relation === 'after' && !(millis > now - skewMs)) {
      fail(`date claim [${name}] value [${millis}] must be after now [${now}]`);
    }
  }

  private async verifySignature(jwt: ParsedJwt): Promise<void> {
    const alg = jwt.header.alg as string;
    const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
    if ((HMAC_ALGORITHMS as readonly string[]).includes(alg)) {
      if (!this.hmac) {
        fail(
          `algorithm [${alg}] is a HMAC signing algorithm, but none of the HMAC JWK settings [${this.config.key('hmac_key')}, ${this.config.key('hmac_jwkset')}] is configured`,
        );
      }
      return verifyWithKeys(jwt.raw, alg, kid, this.hmac.keys);
    }
    if (PKC_ALGORITHMS.includes(alg)) {
      if (!this.pkc) {
        fail(`algorithm [${alg}] is a PKC signing algorithm, but PKC JWK setting [${this.config.key('pkc_jwkset_path')}] is not configured`);
      }
      const keySet = await this.pkc.keys();
      try {
        return await verifyWithKeys(jwt.raw, alg, kid, keySet.keys);
      } catch (error) {
        // Keys may have been rotated in the file since the last look: reload once and retry.
        if (error instanceof ValidationFailure && (await this.pkc.reloadAfterFailure())) {
          return verifyWithKeys(jwt.raw, alg, kid, this.pkc.current.keys);
        }
        throw error;
      }
    }
    fail(`algorithm [${alg}] is not in the list of supported algorithms`);
  }
}

function isSimple(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
}

function describeClaimSetting(setting: ClaimSetting): string {
  return setting.pattern
    ? `Claim [${setting.claim}] with pattern [${setting.pattern.source}] for [${setting.settingKey}]`
    : `Claim [${setting.claim}] for [${setting.settingKey}]`;
}

/** ClaimParser: the claim's string values, through the claim pattern's first group when set. */
export function claimValues(claims: Record<string, unknown>, setting: ClaimSetting): string[] {
  const raw = claims[setting.claim];
  let values: string[];
  if (raw === undefined || raw === null) values = [];
  else {
    const list = asStringList(raw);
    if (list === undefined) throw new Error(`Setting [${setting.settingKey}] expects a claim with String or a String Array value`);
    values = list;
  }
  if (!setting.pattern) return values;
  const pattern = setting.pattern;
  return values.flatMap((value) => {
    const match = pattern.exec(value);
    const group = match?.[1];
    return group ? [group] : [];
  });
}

/**
 * Tries the keys that can verify this token (Elasticsearch's validateSignature): keys with the
 * token's kid (or without a kid), with the token's alg (or without an alg), of a type and size
 * that fit the algorithm. An HS* token is never checked against an RSA or EC key, so a public
 * key cannot be abused as an HMAC secret.
 */
async function verifyWithKeys(raw: string, alg: string, kid: string | undefined, keys: readonly VerificationKey[]): Promise<void> {
  const candidates = keys.filter(
    (key) => (kid === undefined || key.kid === undefined || key.kid === kid) && (key.alg === undefined || key.alg === alg) && keyFitsAlgorithm(key, alg),
  );
  if (candidates.length === 0) {
    fail('Signature verification was not attempted since there are not any JWKs available after filtering for incompatible keys.');
  }
  for (const key of candidates) {
    try {
      await compactVerify(raw, await importVerificationKey(key, alg), { algorithms: [alg] });
      return;
    } catch {
      // try the next key
    }
  }
  fail('JWT signature verification failed.');
}
