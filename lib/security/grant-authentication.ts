import type { Authentication } from './authentication';
import type { AuthenticationService } from './authentication-service';
import type { AuthorizationService } from './authorization';
import type { Grant } from './grant';
import { ACCESS_TOKEN_GRANT, PASSWORD_GRANT } from './grant';
import { authenticationError, EsError } from './errors';
import { Actions } from './actions';

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

  /**
   * Synchronous when a password grant's credentials are already cached. The result may be a
   * run-as authentication (a token created under run-as, or a grant's `run_as`): pass it to
   * `authorizeGrantAuthentication` before using it.
   */
  authenticate(grant: Grant, action: string): Authentication | Promise<Authentication> {
    if (grant.grant_type === PASSWORD_GRANT && grant.run_as === undefined) {
      const cached = this.authentication.cachedPasswordAuthentication(grant.username as string, grant.password as string);
      if (cached) return cached;
    }
    return this.authenticateSlowly(grant, action);
  }

  private async authenticateSlowly(grant: Grant, action: string): Promise<Authentication> {
    const auth = await this.authenticateCredentials(grant, action);
    return grant.run_as === undefined ? auth : this.maybeRunAs(auth, grant, grant.run_as, action);
  }

  /**
   * The run-as step of AuthenticatorChain for the grant's `run_as` (TransportGrantAction puts it
   * in the run-as header): ignored when the authentication does not support run-as (the grant
   * then fails in authorizeGrantAuthentication); an empty or disabled run-as user fails the
   * grant's authentication; a user no realm knows becomes the effective user without a lookup
   * realm, for authorization to refuse.
   */
  private maybeRunAs(auth: Authentication, grant: Grant, username: string, action: string): Authentication {
    return this.authentication.applyRunAs(auth, username, () =>
      authenticationError(`unable to authenticate user [${grantPrincipal(grant, auth)}] for action [${action}]`),
    );
  }

  private async authenticateCredentials(grant: Grant, action: string): Promise<Authentication> {
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

/** AuthenticationToken.principal() of a grant's credentials (a JWT's user stands in for its principal). */
function grantPrincipal(grant: Grant, auth: Authentication): string {
  if (grant.grant_type === PASSWORD_GRANT) return grant.username as string;
  if (grant.grant_type === ACCESS_TOKEN_GRANT && auth.authenticationType === 'token') return BEARER_TOKEN_PRINCIPAL;
  return auth.user.username;
}

/** TransportGrantAction's answer when the grant asked for run-as and did not get it (or another user). */
export const GRANT_RUN_AS_NOT_SUPPORTED = 'the provided grant credentials do not support run-as';

/**
 * TransportGrantAction's checks after the grant authenticated, before the action runs:
 * - a run-as authentication (e.g. an access token created by a client running as another user,
 *   even without a requested `run_as`) must still be authorized: its authenticating subject must
 *   be allowed to run as the effective user, checked by authorizing
 *   cluster:admin/xpack/security/user/authenticate for it (403 otherwise);
 * - a requested `run_as` that the authentication did not honour, or honoured as another user,
 *   fails with 400 "the provided grant credentials do not support run-as".
 * Without run-as (the usual activation) this reads two properties and does nothing else.
 */
export function authorizeGrantAuthentication(
  auth: Authentication,
  grant: Grant,
  authorization: Pick<AuthorizationService, 'authorize'>,
): void {
  if (auth.authenticatingSubject !== undefined) {
    if (grant.run_as !== undefined && grant.run_as !== auth.user.username) {
      throw new EsError(400, 'status_exception', GRANT_RUN_AS_NOT_SUPPORTED);
    }
    authorization.authorize(auth, Actions.userAuthenticate);
  } else if (grant.run_as !== undefined) {
    throw new EsError(400, 'status_exception', GRANT_RUN_AS_NOT_SUPPORTED);
  }
}
