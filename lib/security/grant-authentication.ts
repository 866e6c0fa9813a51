import type { Authentication } from './authentication';
import type { AuthenticationService } from './authentication-service';
import type { Grant } from './grant';
import { ACCESS_TOKEN_GRANT, PASSWORD_GRANT } from './grant';
import { authenticationError, EsError } from './errors';

/**
 * Authenticates a token presented in an `access_token` grant. Returns undefined when the token
 * is not its kind. The token service and JWT realms plug in here.
 */
export interface AccessTokenAuthenticator {
  /** Whether the string looks like this authenticator's token (e.g. a three-part JWT). */
  recognizes(token: string): boolean;
  authenticate(token: string, clientSecret: string | undefined, action: string): Promise<Authentication>;
}

/** Principal Elasticsearch prints for an access token it could not authenticate. */
export const BEARER_TOKEN_PRINCIPAL = '_bearer_token';

/**
 * TransportGrantAction's authentication of the grant's credentials. The caller's identity plays
 * no part: the result is the user whose password or token is in the grant.
 */
export class GrantAuthenticator {
  private readonly jwtAuthenticators: AccessTokenAuthenticator[] = [];
  private readonly bearerAuthenticators: AccessTokenAuthenticator[] = [];

  constructor(private readonly authentication: AuthenticationService) {}

  addJwtAuthenticator(authenticator: AccessTokenAuthenticator): void {
    this.jwtAuthenticators.push(authenticator);
  }

  addBearerTokenAuthenticator(authenticator: AccessTokenAuthenticator): void {
    this.bearerAuthenticators.push(authenticator);
  }

  /** Synchronous when a password grant's credentials are already cached. */
  authenticate(grant: Grant, action: string): Authentication | Promise<Authentication> {
    if (grant.grant_type === PASSWORD_GRANT) {
      const cached = this.authentication.cachedPasswordAuthentication(grant.username as string, grant.password as string);
      if (cached) return cached;
    }
    return this.authenticateSlowly(grant, action);
  }

  private async authenticateSlowly(grant: Grant, action: string): Promise<Authentication> {
    if (grant.grant_type === PASSWORD_GRANT) {
      const username = grant.username as string;
      const auth = await this.authentication.authenticatePassword(username, grant.password as string);
      if (!auth) throw authenticationError(`unable to authenticate user [${username}] for action [${action}]`);
      return auth;
    }
    if (grant.grant_type === ACCESS_TOKEN_GRANT) {
      const token = grant.access_token as string;
      const jwt = this.jwtAuthenticators.find((a) => a.recognizes(token));
      if (jwt) return jwt.authenticate(token, grant.client_authentication?.value, action);
      if (grant.client_authentication !== undefined) {
        throw new EsError(400, 'security_exception', '[client_authentication] not supported with the supplied access_token type');
      }
      for (const authenticator of this.bearerAuthenticators) {
        if (authenticator.recognizes(token)) return authenticator.authenticate(token, undefined, action);
      }
      throw authenticationError(`unable to authenticate user [${BEARER_TOKEN_PRINCIPAL}] for action [${action}]`);
    }
    throw new EsError(400, 'security_exception', `the grant type [${grant.grant_type}] is not supported`);
  }
}
