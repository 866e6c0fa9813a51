import type { Authentication } from './authentication';
import type { PasswordRealm } from './realms';
import { authenticationError, EsError } from './errors';

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
      if (cached) return cached;
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
        if (result) return result;
      }
    }
    throw authenticationError(`missing authentication credentials for REST request [${requestUri}]`);
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
