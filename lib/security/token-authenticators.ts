import type { Authentication } from './authentication';
import type { HeaderAuthenticator } from './authentication-service';
import type { AccessTokenAuthenticator } from './grant-authentication';
import { BEARER_TOKEN_PRINCIPAL } from './grant-authentication';
import type { TokenService } from './token-service';
import type { ApiKeyService } from './api-key-service';
import { authenticationError, EsError } from './errors';

/** TokenService's header for an expired access token. */
const EXPIRED_TOKEN_WWW_AUTHENTICATE = 'Bearer realm="security", error="invalid_token", error_description="The access token expired"';

function tokenExpired(): EsError {
  return authenticationError('token expired', [EXPIRED_TOKEN_WWW_AUTHENTICATE]);
}

function bearerCredential(authorization: string): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return match ? match[1] : undefined;
}

/** `Authorization: Bearer <token-service access token>`. */
export class BearerTokenHeaderAuthenticator implements HeaderAuthenticator {
  constructor(private readonly tokens: TokenService) {}

  async authenticate(authorization: string, requestUri: string): Promise<Authentication | undefined> {
    const token = bearerCredential(authorization);
    if (token === undefined) return undefined;
    const check = this.tokens.checkAccessToken(token);
    if (check.kind === 'valid') return check.authentication;
    if (check.kind === 'expired') throw tokenExpired();
    throw authenticationError(`unable to authenticate user [${BEARER_TOKEN_PRINCIPAL}] for REST request [${requestUri}]`);
  }
}

/** Token-service access tokens presented in an activate `access_token` grant. */
export class BearerTokenGrantAuthenticator implements AccessTokenAuthenticator {
  constructor(private readonly tokens: TokenService) {}

  recognizes(token: string): boolean {
    return !token.includes('.');
  }

  async authenticate(token: string, _clientSecret: string | undefined, action: string): Promise<Authentication> {
    const check = this.tokens.checkAccessToken(token);
    if (check.kind === 'valid') return check.authentication;
    if (check.kind === 'expired') throw tokenExpired();
    throw authenticationError(`unable to authenticate user [${BEARER_TOKEN_PRINCIPAL}] for action [${action}]`);
  }
}

/** `Authorization: ApiKey base64(id:api_key)`. */
export class ApiKeyHeaderAuthenticator implements HeaderAuthenticator {
  constructor(private readonly apiKeys: ApiKeyService) {}

  async authenticate(authorization: string): Promise<Authentication | undefined> {
    const match = /^ApiKey\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0 || colon === decoded.length - 1) {
      throw authenticationError('unable to authenticate with provided credentials and anonymous access is not allowed for this request');
    }
    return this.apiKeys.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  }
}
