/**
 * Errors raised by the security engine, shaped like Elasticsearch exceptions so the
 * REST layer can render them exactly as Elasticsearch does.
 */

export type EsErrorHeaders = Record<string, string[]>;

export interface EsErrorCause {
  type: string;
  reason: string;
}

export class EsError extends Error {
  readonly status: number;
  readonly type: string;
  readonly reason: string;
  /** Exception headers: sent as HTTP headers and repeated in the JSON body as `header`. */
  readonly headers?: EsErrorHeaders;
  readonly causedBy?: EsErrorCause;
  /** Extra keys rendered inside the error object (Elasticsearch's `es.*` metadata). */
  readonly metadata?: Record<string, unknown>;

  constructor(
    status: number,
    type: string,
    reason: string,
    options: { headers?: EsErrorHeaders; causedBy?: EsErrorCause; metadata?: Record<string, unknown> } = {},
  ) {
    super(reason);
    this.name = 'EsError';
    this.status = status;
    this.type = type;
    this.reason = reason;
    this.headers = options.headers;
    this.causedBy = options.causedBy;
    this.metadata = options.metadata;
  }
}

/**
 * Elasticsearch's ValidationException rendering: "Validation Failed: 1: a;2: b;".
 */
export function formatValidationMessages(messages: readonly string[]): string {
  return 'Validation Failed: ' + messages.map((m, i) => `${i + 1}: ${m};`).join('');
}

export function validationError(messages: readonly string[]): EsError {
  return new EsError(400, 'action_request_validation_exception', formatValidationMessages(messages));
}

export function illegalArgument(reason: string): EsError {
  return new EsError(400, 'illegal_argument_exception', reason);
}

export function illegalState(reason: string): EsError {
  return new EsError(500, 'illegal_state_exception', reason);
}

export function resourceNotFound(reason: string): EsError {
  return new EsError(404, 'resource_not_found_exception', reason);
}

export function documentMissing(docId: string): EsError {
  return new EsError(404, 'document_missing_exception', `[${docId}]: document missing`, {
    metadata: { index_uuid: '_na_', shard: '0', index: '.security-profile-8' },
  });
}

export function versionConflict(reason: string): EsError {
  return new EsError(409, 'version_conflict_engine_exception', reason, {
    metadata: { index_uuid: '_na_', shard: '0', index: '.security-profile-8' },
  });
}

export function genericException(status: number, reason: string): EsError {
  return new EsError(status, 'exception', reason);
}

/** The values Elasticsearch sends in WWW-Authenticate, in its priority order. */
export const DEFAULT_WWW_AUTHENTICATE: readonly string[] = [
  'Bearer realm="security"',
  'ApiKey',
  'Basic realm="security" charset="UTF-8"',
];

export function authenticationError(reason: string, wwwAuthenticate: readonly string[] = DEFAULT_WWW_AUTHENTICATE): EsError {
  return new EsError(401, 'security_exception', reason, {
    headers: { 'WWW-Authenticate': [...wwwAuthenticate] },
  });
}

export function authorizationError(reason: string): EsError {
  return new EsError(403, 'security_exception', reason);
}
