import { Actions } from '@/lib/security/actions';
import { authenticateResponse } from '@/lib/security/authentication';
import { authenticationError, EsError, formatValidationMessages, validationError } from '@/lib/security/errors';
import { InvalidGrantError, type IssuedTokens, type InvalidationResult } from '@/lib/security/token-service';
import type { RouteDefinition, RestContext, HandlerResult } from '../types';
import { parseObject } from '../x-content';

const GRANT_TYPES = ['password', '_kerberos', 'refresh_token', 'client_credentials'];

const TOKEN_REQUEST_FIELDS = {
  grant_type: { kind: 'string' },
  username: { kind: 'string' },
  password: { kind: 'string' },
  kerberos_ticket: { kind: 'string' },
  refresh_token: { kind: 'string' },
  scope: { kind: 'string' },
} as const;

interface TokenRequest {
  grant_type?: string;
  username?: string;
  password?: string;
  kerberos_ticket?: string;
  refresh_token?: string;
  scope?: string;
}

/** CreateTokenRequest.validate, messages and order as in Elasticsearch. */
function validateTokenRequest(req: TokenRequest): string[] {
  const errors: string[] = [];
  const unsupported = (field: keyof TokenRequest) => {
    if (req[field] !== undefined && req[field] !== '') errors.push(`${field} is not supported with the ${req.grant_type} grant_type`);
  };
  switch (req.grant_type) {
    case 'password':
      unsupported('kerberos_ticket');
      unsupported('refresh_token');
      if (!req.username) errors.push('username is missing');
      if (!req.password) errors.push('password is missing');
      break;
    case '_kerberos':
      unsupported('username');
      unsupported('password');
      unsupported('refresh_token');
      if (!req.kerberos_ticket) errors.push('kerberos_ticket is missing');
      break;
    case 'refresh_token':
      unsupported('username');
      unsupported('password');
      unsupported('kerberos_ticket');
      if (!req.refresh_token) errors.push('refresh_token is missing');
      break;
    case 'client_credentials':
      unsupported('username');
      unsupported('password');
      unsupported('kerberos_ticket');
      unsupported('refresh_token');
      break;
    default:
      errors.push(`grant_type only supports the values: [${GRANT_TYPES.join(', ')}]`);
  }
  return errors;
}

/** CreateTokenResponse, in its key order; a requested scope is answered with "full". */
function tokenResponse(issued: IssuedTokens, scopeRequested = false): Record<string, unknown> {
  return {
    access_token: issued.accessToken,
    type: 'Bearer',
    expires_in: issued.expiresInSeconds,
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    ...(scopeRequested ? { scope: 'full' } : {}),
    authentication: authenticateResponse(issued.authentication),
  };
}

/**
 * RestGetTokenAction answers validation failures OAuth2-style: unsupported_grant_type when the
 * first message is about grant_type, invalid_request otherwise.
 */
function tokenValidationFailure(problems: string[]): HandlerResult {
  const error = problems[0].includes('grant_type') ? 'unsupported_grant_type' : 'invalid_request';
  return { status: 400, body: { error, error_description: formatValidationMessages(problems) } };
}

/** The token endpoint reports grant failures OAuth2-style: {"error":"invalid_grant","error_description":...}. */
function invalidGrant(error: InvalidGrantError): HandlerResult {
  return { status: 400, body: { error: 'invalid_grant', error_description: error.description } };
}

function createToken(ctx: RestContext) {
  const { source, root } = ctx.requiredBody();
  const req = parseObject(source, root, 'token_request', TOKEN_REQUEST_FIELDS) as TokenRequest;
  return async (): Promise<HandlerResult> => {
    const problems = validateTokenRequest(req);
    if (problems.length > 0) return tokenValidationFailure(problems);
    const { engine, caller } = ctx;
    const scoped = req.scope !== undefined;
    if (req.grant_type === 'refresh_token') {
      engine.authorization.authorize(caller, Actions.tokenRefresh);
      try {
        return { body: tokenResponse(engine.tokens.refresh(req.refresh_token as string, caller), scoped) };
      } catch (error) {
        if (error instanceof InvalidGrantError) return invalidGrant(error);
        throw error;
      }
    }
    engine.authorization.authorize(caller, Actions.tokenCreate);
    if (req.grant_type === 'client_credentials') {
      // TransportCreateTokenAction: the token stands for the caller's whole authentication (under
      // run-as: the run-as user, looked up in its realm, with the caller as authenticating subject).
      if (caller.subjectType === 'service_account') {
        throw new EsError(400, 'security_exception', 'OAuth2 token creation is not supported for service accounts');
      }
      return { body: tokenResponse(engine.tokens.createToken(caller, caller, false), scoped) };
    }
    if (req.grant_type === '_kerberos') {
      throw authenticationError(`unable to authenticate user [_kerberos] for action [${Actions.tokenCreate}]`);
    }
    // The password grant authenticates in a stashed context: the run-as header plays no part in
    // the token's user; the caller (run-as included) is only the client allowed to refresh it.
    const subject = await engine.authentication.authenticatePassword(req.username as string, req.password as string);
    if (!subject) throw authenticationError(`unable to authenticate user [${req.username}] for action [${Actions.tokenCreate}]`);
    return { body: tokenResponse(engine.tokens.createToken(subject, caller, true), scoped) };
  };
}

const INVALIDATE_FIELDS = {
  token: { kind: 'string' },
  refresh_token: { kind: 'string' },
  realm_name: { kind: 'string' },
  username: { kind: 'string' },
} as const;

function invalidateToken(ctx: RestContext) {
  const { source, root } = ctx.requiredBody();
  const req = parseObject(source, root, 'invalidate_token', INVALIDATE_FIELDS) as Record<string, string | undefined>;
  return () => {
    if (req.token && req.refresh_token) throw validationError(['only one of [token, refresh_token] may be sent per request']);
    const tokenString = req.token ?? req.refresh_token;
    const problems: string[] = [];
    if (req.realm_name || req.username) {
      if (tokenString) {
        problems.push('token string must not be provided when realm name or username is specified');
        problems.push('token type must not be provided when realm name or username is specified');
      }
    } else if (!tokenString) {
      problems.push('token string must be provided when not specifying a realm name or a username');
    }
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.tokenInvalidate);
    let result: InvalidationResult | undefined;
    if (req.token) result = ctx.engine.tokens.invalidateAccessToken(req.token);
    else if (req.refresh_token) result = ctx.engine.tokens.invalidateRefreshToken(req.refresh_token);
    else result = ctx.engine.tokens.invalidateByOwner(req.username || undefined, req.realm_name || undefined);
    const body = {
      invalidated_tokens: result?.invalidated ?? 0,
      previously_invalidated_tokens: result?.previouslyInvalidated ?? 0,
      error_count: 0,
    };
    // An unknown token string answers 404 with zero counts, as Elasticsearch does.
    return { status: result === undefined ? 404 : 200, body };
  };
}

export const tokenRoutes: RouteDefinition[] = [
  { methods: ['POST'], path: '/_security/oauth2/token', handler: createToken },
  { methods: ['DELETE'], path: '/_security/oauth2/token', handler: invalidateToken },
];
