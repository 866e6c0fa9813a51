import type { Authentication, RealmRef, User } from './authentication';
import { RUN_AS_USER_HEADER, runAs, supportsRunAs } from './authentication';
import type { PasswordRealm } from './realms';
import { authenticationError, EsError } from './errors';
import { BEARER_TOKEN_PRINCIPAL } from './grant-authentication';

/**
 * Reads one kind of credential from the Authorization header. Returns undefined when the
 * header is not its kind, so the next authenticator can try; throws a 401 when the header is
 * its kind but wrong. Bearer tokens and API keys plug in here as further authenticators.
 */
export interface HeaderAuthenticator {
  /** `headers` gives access to other request headers (e.g. ES-Client-Authentication for JWTs). */
  authenticate(
    authorization: string,
    requestUri: string,
    headers?: { get(name: string): string | null },
  ): Promise<Authentication | undefined>;
}

export class AuthenticationService {
  private readonly headerAuthenticators: HeaderAuthenticator[] = [];
  /** Tried after all others: the token service takes any Bearer token nobody else claimed. */
  private readonly fallbackAuthenticators: HeaderAuthenticator[] = [];

  constructor(private readonly realms: readonly PasswordRealm[]) {
    this.headerAuthenticators.push(new BasicAuthenticator(this));
  }

  addHeaderAuthenticator(authenticator: HeaderAuthenticator): void {
    this.headerAuthenticators.push(authenticator);
  }

  addFallbackHeaderAuthenticator(authenticator: HeaderAuthenticator): void {
    this.fallbackAuthenticators.push(authenticator);
  }

  /**
   * Authenticates the caller of a REST request, or fails with Elasticsearch's 401. Basic
   * credentials already in a realm's cache are answered synchronously: the common request then
   * creates no promises here, which matters under the framework's async context tracking.
   */
  authenticateRequest(
    authorization: string | null | undefined,
    requestUri: string,
    headers?: { get(name: string): string | null },
  ): Authentication | Promise<Authentication> {
    if (authorization) {
      let credentials: { username: string; password: string } | undefined;
      try {
        credentials = parseBasicAuthorization(authorization);
      } catch (error) {
        // Failures are always reported the same way: as a rejected promise.
        return Promise.reject(error);
      }
      const cached = credentials && this.cachedPasswordAuthentication(credentials.username, credentials.password);
      if (cached) {
        // Without the run-as header (the usual request) this costs one header lookup.
        const runAsUsername = headers?.get(RUN_AS_USER_HEADER);
        if (runAsUsername === null || runAsUsername === undefined) return cached;
        try {
          return this.maybeRunAs(cached, runAsUsername, authorization, requestUri);
        } catch (error) {
          return Promise.reject(error);
        }
      }
    }
    return this.authenticateRequestSlowly(authorization, requestUri, headers);
  }

  private async authenticateRequestSlowly(
    authorization: string | null | undefined,
    requestUri: string,
    headers?: { get(name: string): string | null },
  ): Promise<Authentication> {
    if (authorization) {
      for (const authenticator of [...this.headerAuthenticators, ...this.fallbackAuthenticators]) {
        const result = await authenticator.authenticate(authorization, requestUri, headers);
        if (!result) continue;
        const runAsUsername = headers?.get(RUN_AS_USER_HEADER);
        return runAsUsername === null || runAsUsername === undefined ? result : this.maybeRunAs(result, runAsUsername, authorization, requestUri);
      }
    }
    throw authenticationError(`missing authentication credentials for REST request [${requestUri}]`);
  }

  /**
   * The run-as step after a successful authentication, when the request carries the run-as header
   * (AuthenticatorChain.maybeLookupRunAsUser, RealmsAuthenticator.lookupRunAsUser and
   * AuthenticatorChain.finishAuthentication in Elasticsearch 9):
   * - an authentication that does not support run-as (Authentication.supportsRunAs) keeps its own
   *   identity: the header is ignored;
   * - an empty username fails authentication (runAsDenied of a REST request is the failed-
   *   authentication 401 naming the credential's principal);
   * - otherwise the user is looked up in the realms that support lookup. An unknown user still
   *   becomes the effective user, without a lookup realm, so that authorization refuses it (no
   *   different answer that would tell which usernames exist);
   * - a disabled run-as user fails authentication like a disabled authenticating user.
   * Whether the caller may run as that user is authorization's question (AuthorizationService).
   */
  private maybeRunAs(auth: Authentication, runAsUsername: string, authorization: string, requestUri: string): Authentication {
    return this.applyRunAs(auth, runAsUsername, () => failedAuthentication(authorization, auth, requestUri));
  }

  /**
   * The run-as step itself, shared by request authentication and grants (whose `run_as`
   * TransportGrantAction passes the same way); `failure` is the 401 of the credential at hand.
   */
  applyRunAs(auth: Authentication, runAsUsername: string, failure: () => EsError): Authentication {
    if (!supportsRunAs(auth)) return auth;
    if (runAsUsername === '') throw failure();
    const found = this.lookupUser(runAsUsername);
    const result = found
      ? runAs(auth, found.user, found.realm)
      : runAs(auth, { username: runAsUsername, roles: [], fullName: null, email: null, metadata: {}, enabled: true }, undefined);
    if (!result.user.enabled) throw failure();
    return result;
  }

  /** RealmUserLookup: the first realm (in chain order) that supports lookup and knows the user. */
  lookupUser(username: string): { user: User; realm: RealmRef } | undefined {
    for (const realm of this.realms) {
      const user = realm.lookupUser?.(username);
      if (user) return { user, realm: realm.ref };
    }
    return undefined;
  }

  /** The realm chain's answer when a realm has these credentials cached; undefined otherwise. */
  cachedPasswordAuthentication(username: string, password: string): Authentication | undefined {
    for (const realm of this.realms) {
      const user = realm.cached(username, password);
      if (user) return { user, authenticatingRealm: realm.ref, authenticationType: 'realm', subjectType: 'user' };
    }
    return undefined;
  }

  /** Runs the realm chain for a username and password; undefined when no realm accepts them. */
  async authenticatePassword(username: string, password: string): Promise<Authentication | undefined> {
    for (const realm of this.realms) {
      const result = await realm.authenticate(username, password);
      if (result.kind === 'success') {
        return {
          user: result.user,
          authenticatingRealm: realm.ref,
          authenticationType: 'realm',
          subjectType: 'user',
        };
      }
      if (result.kind === 'terminate') return undefined;
    }
    return undefined;
  }

  invalidateUser(username: string): void {
    for (const realm of this.realms) realm.invalidate(username);
  }
}

/** `Authorization: Basic base64(username:password)`. */
class BasicAuthenticator implements HeaderAuthenticator {
  constructor(private readonly service: AuthenticationService) {}

  async authenticate(authorization: string, requestUri: string): Promise<Authentication | undefined> {
    const credentials = parseBasicAuthorization(authorization);
    if (!credentials) return undefined;
    const auth = await this.service.authenticatePassword(credentials.username, credentials.password);
    if (!auth) {
      throw authenticationError(`unable to authenticate user [${credentials.username}] for REST request [${requestUri}]`);
    }
    return auth;
  }
}

/**
 * DefaultAuthenticationFailureHandler.failedAuthentication for a REST request: "unable to
 * authenticate user [<principal of the presented credential>] for REST request [<uri>]".
 */
function failedAuthentication(authorization: string, auth: Authentication, requestUri: string): EsError {
  return authenticationError(`unable to authenticate user [${credentialPrincipal(authorization, auth)}] for REST request [${requestUri}]`);
}

/**
 * AuthenticationToken.principal() of the credential that authenticated: the username of Basic
 * credentials, the id of an API key, `_bearer_token` for a token-service access token. A JWT's
 * principal (issuer/audiences/subject/principal) is built by the JWT realms, which do not expose
 * it here; its user's name stands in for it.
 */
function credentialPrincipal(authorization: string, auth: Authentication): string {
  const credentials = parseBasicAuthorization(authorization);
  if (credentials) return credentials.username;
  if (auth.authenticationType === 'api_key' && auth.apiKey) return auth.apiKey.id;
  if (auth.authenticationType === 'token') return BEARER_TOKEN_PRINCIPAL;
  return auth.user.username;
}

/**
 * Splits a Basic header, with Elasticsearch's errors for a malformed one. Returns undefined
 * when the header uses another scheme.
 */
export function parseBasicAuthorization(authorization: string): { username: string; password: string } | undefined {
  const match = /^Basic\s+(.*)$/i.exec(authorization.trim());
  if (!match) return undefined;
  const encoded = match[1].trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 === 1) {
    throw authenticationError('invalid basic authentication header encoding');
  }
  const decoded = decodeBase64Utf8(encoded);
  const colon = decoded.indexOf(':');
  // Only a missing colon is malformed; an empty username simply fails in the realms.
  if (colon < 0) {
    throw authenticationError('invalid basic authentication header value');
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Base64 to UTF-8 text, exactly as `Buffer.from(encoded, 'base64').toString('utf8')`. Every
 * request decodes its Basic header, and atob() takes half the time of a Buffer round trip for
 * the usual ASCII credentials; anything else (non-ASCII bytes, padding atob refuses) takes the
 * Buffer route, so the result never differs.
 */
function decodeBase64Utf8(encoded: string): string {
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    return Buffer.from(encoded, 'base64').toString('utf8');
  }
  for (let i = 0; i < binary.length; i++) {
    if (binary.charCodeAt(i) > 0x7f) return Buffer.from(binary, 'latin1').toString('utf8');
  }
  return binary;
}

export function isEsError(error: unknown): error is EsError {
  return error instanceof EsError;
}
