import type { Authentication, User } from '../authentication';
import type { HeaderAuthenticator } from '../authentication-service';
import type { AccessTokenAuthenticator } from '../grant-authentication';
import { authenticationError } from '../errors';
import type { SecuritySettings } from '../settings-file';
import { JwtRealm, type JwtRealmDependencies, type RealmOutcome } from './realm';
import { parseJwtRealmSettings, type JwtRealmSettingsOptions } from './realm-settings';
import { parseJwt, type ParsedJwt } from './token';

/** The header carrying the client's shared secret next to `Authorization: Bearer <jwt>`. */
export const CLIENT_AUTHENTICATION_HEADER = 'ES-Client-Authentication';
const SHARED_SECRET_SCHEME = 'SharedSecret';

/** What a header authenticator may see of the request besides Authorization. */
export interface RequestHeaders {
  get(name: string): string | null;
}

/** Called with each realm that did not authenticate a token; never given the token itself. */
export type JwtFailureListener = (realm: string, message: string, cause: string | undefined) => void;

/**
 * The configured JWT realms in order, as one authenticator for `Authorization: Bearer <jwt>`
 * callers and for `access_token` grants. Each realm tries the token in turn; the first success
 * wins; when none succeeds the 401 names the token principal (issuer/audiences/subject/principal),
 * never the token.
 */
export class JwtRealms {
  constructor(
    readonly realms: readonly JwtRealm[],
    private readonly onFailure?: JwtFailureListener,
  ) {}

  /** Whether a bearer credential is a JWT (three base64url parts, a JSON header with `alg`). */
  recognizes(token: string): boolean {
    return parseJwt(token) !== undefined;
  }

  /**
   * Elasticsearch's token principal: `iss/` + the first realm's `aud/sub/principal`, or
   * `<unrecognized-jwt>` forms when no realm can build one.
   */
  tokenPrincipal(jwt: ParsedJwt): string {
    const issuer = jwt.claims ? jwt.claims.iss : undefined;
    if (typeof issuer !== 'string' || issuer === '') return '<unrecognized-jwt>';
    for (const realm of this.realms) {
      const suffix = realm.buildTokenPrincipal(jwt.claims as Record<string, unknown>);
      if (suffix !== undefined) return `${issuer}/${suffix}`;
    }
    return `<unrecognized-jwt> by ${issuer}`;
  }

  /** Runs the realm chain. Resolves to the authentication, or to the token principal on failure. */
  async authenticate(jwt: ParsedJwt, clientSecret: string | undefined): Promise<{ authentication?: Authentication; principal: string }> {
    const principal = this.tokenPrincipal(jwt);
    for (const realm of this.realms) {
      const outcome: RealmOutcome = await realm.authenticate(jwt, principal, clientSecret);
      if (outcome.kind === 'success') return { authentication: outcome.authentication, principal };
      this.onFailure?.(realm.name, outcome.message, outcome.cause);
    }
    return { principal };
  }

  /** For the caller of a REST request. Returns undefined for anything but a Bearer JWT. */
  headerAuthenticator(): HeaderAuthenticator & {
    authenticate(authorization: string, requestUri: string, headers?: RequestHeaders): Promise<Authentication | undefined>;
  } {
    return {
      authenticate: async (authorization: string, requestUri: string, headers?: RequestHeaders) => {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
        if (!match) return undefined;
        const jwt = parseJwt(match[1]);
        if (!jwt) return undefined;
        const secret = sharedSecretFromHeader(headers?.get(CLIENT_AUTHENTICATION_HEADER) ?? null);
        const result = await this.authenticate(jwt, secret);
        if (result.authentication) return result.authentication;
        throw authenticationError(`unable to authenticate user [${result.principal}] for REST request [${requestUri}]`);
      },
    };
  }

  /** For `grant_type: access_token` with a JWT; the grant's client_authentication value is the secret. */
  grantAuthenticator(): AccessTokenAuthenticator {
    return {
      recognizes: (token) => this.recognizes(token),
      authenticate: async (token, clientSecret, action) => {
        const jwt = parseJwt(token);
        if (!jwt) throw authenticationError(`unable to authenticate user [<unrecognized-jwt>] for action [${action}]`);
        const result = await this.authenticate(jwt, clientSecret);
        if (result.authentication) return result.authentication;
        throw authenticationError(`unable to authenticate user [${result.principal}] for action [${action}]`);
      },
    };
  }
}

/** `ES-Client-Authentication: SharedSecret <secret>` (scheme compared case-insensitively, as Elasticsearch does). */
export function sharedSecretFromHeader(value: string | null): string | undefined {
  if (!value) return undefined;
  const prefix = SHARED_SECRET_SCHEME + ' ';
  if (value.length < prefix.length || value.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return undefined;
  const secret = value.slice(prefix.length).trim();
  return secret === '' ? undefined : secret;
}

export interface CreateJwtRealmsOptions extends JwtRealmSettingsOptions, JwtRealmDependencies {
  onFailure?: JwtFailureListener;
}

/** Builds the JWT realms from settings; undefined when none is configured. Throws SettingsException. */
export function createJwtRealms(settings: SecuritySettings, options: CreateJwtRealmsOptions): JwtRealms | undefined {
  const configs = parseJwtRealmSettings(settings, options);
  if (configs.length === 0) return undefined;
  return new JwtRealms(
    configs.map((config) => new JwtRealm(config, options)),
    options.onFailure,
  );
}

/** A lookup for `authorization_realms` over the users table (reserved and native realms). */
export function storedUserLookup(
  getUser: (username: string) => User | undefined,
  isReserved: (username: string) => boolean,
  realmNames: { reserved: string; native: string },
): (realmName: string, username: string) => User | undefined {
  return (realmName, username) => {
    if (realmName === realmNames.reserved && !isReserved(username)) return undefined;
    if (realmName === realmNames.native && isReserved(username)) return undefined;
    if (realmName !== realmNames.reserved && realmName !== realmNames.native) return undefined;
    const user = getUser(username);
    return user && user.enabled ? user : undefined;
  };
}
