import type { SecurityEngine } from '@/lib/security/engine';
import type { Authentication } from '@/lib/security/authentication';
import { EsError } from '@/lib/security/errors';
import type { EsRequest, EsResponse, HandlerResult, RestContext, RouteDefinition } from './types';
import { Router } from './router';
import { ROUTES } from './routes';
import { errorBody, serialize, serializeYaml, simpleErrorBody } from './render';
import { checkContentType, requestedCompatibility, responseContentType } from './media-type';
import { ParsedBody, requestBodyRequired } from './x-content';
import { similarCandidates } from './suggest-similar';
import { applyFilterPath, parseFilterPath, type FilterPath } from './filter-path';

/** Query parameters every Elasticsearch endpoint accepts (the "response params"). */
const COMMON_PARAMS = ['pretty', 'human', 'error_trace', 'filter_path', 'format'];

export interface DispatcherOptions {
  maxContentLength: number;
  /** Receives unexpected errors; never given request bodies or credentials. */
  logError?: (message: string, error: unknown) => void;
}

/**
 * The Elasticsearch REST dispatcher: (method, path, query, headers, body) -> (status, headers,
 * body). Framework-free; the Next.js route handler and the in-process client connection both
 * call it, so every caller sees the same behaviour and errors.
 */
export class EsApiDispatcher {
  private readonly router = new Router(ROUTES);

  constructor(
    private readonly engine: SecurityEngine,
    private readonly options: DispatcherOptions,
  ) {}

  /**
   * Answers synchronously whenever authentication and the handler do (a cached caller, a cached
   * grant): the hot path then creates no promise at all, which matters under the framework's
   * async context tracking. Anything slower (bcrypt, a JWKS file) returns a promise.
   */
  dispatch(request: EsRequest): EsResponse | Promise<EsResponse> {
    const method = request.method.toUpperCase();
    const uri = request.query ? `${request.path}?${request.query}` : request.path;
    const pretty = readPretty(request.query);
    const reply = new Reply(method, request.path, pretty === true, this.options.logError ?? defaultLogError, filterPathOf(request.query));
    const format = readFormat(request.query);
    if (format === 'yaml') reply.yaml = true;
    // Elasticsearch returns the caller's X-Opaque-Id on the response, so clients can match them up.
    reply.opaqueId = request.headers.get('x-opaque-id') ?? undefined;

    // Like the HTTP layer of Elasticsearch, an oversized body is refused before routing.
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so short bodies need no byte count.
    const max = this.options.maxContentLength;
    const bodyBytes = request.oversizedBodyBytes ?? (request.body.length * 3 > max ? Buffer.byteLength(request.body, 'utf8') : undefined);
    if (bodyBytes !== undefined && bodyBytes > max) {
      return reply.send(413, errorBody(contentTooLong(bodyBytes, max)));
    }
    if (request.unreadableBody) return reply.send(request.unreadableBody.status, errorBody(request.unreadableBody));
    // The response channel reads ?pretty and ?human before anything else; a value that is not a
    // boolean is a bad request, answered before authentication.
    if (pretty instanceof EsError) return reply.send(pretty.status, errorBody(pretty));
    if (format instanceof EsError) return reply.send(format.status, errorBody(format));

    const match = this.router.match(method, request.path);
    if (match.kind === 'not_found') {
      return reply.send(400, simpleErrorBody(`no handler found for uri [${uri}] and method [${method}]`, 400));
    }
    if (match.kind === 'method_not_allowed') {
      const allow = match.allowed.join(',');
      if (method === 'OPTIONS') {
        const headers: Record<string, string> = { allow, 'x-elastic-product': 'Elasticsearch', 'content-type': 'application/json' };
        if (reply.opaqueId !== undefined) headers['x-opaque-id'] = reply.opaqueId;
        return { status: 200, headers, body: '' };
      }
      const message = `Incorrect HTTP method for uri [${uri}] and method [${method}], allowed: [${match.allowed.join(', ')}]`;
      return reply.send(405, simpleErrorBody(message, 405), { allow });
    }

    try {
      const hasBody = request.body.length > 0;
      const requestContentType = request.headers.get('content-type');
      const contentTypeProblem = checkContentType(requestContentType, hasBody);
      if (contentTypeProblem) return reply.send(contentTypeProblem.status, simpleErrorBody(contentTypeProblem.message, contentTypeProblem.status));
      reply.contentType = responseContentType(requestedCompatibility(requestContentType, request.headers.get('accept'), hasBody));
      const authenticated = this.engine.authentication.authenticateRequest(request.headers.get('authorization'), uri, request.headers);
      if (authenticated instanceof Promise) {
        return authenticated.then((caller) => this.runHandler(request, uri, match.route, match.params, caller, reply)).catch((error: unknown) => reply.fail(error));
      }
      return this.runHandler(request, uri, match.route, match.params, authenticated, reply);
    } catch (error) {
      return reply.fail(error);
    }
  }

  /** Like BaseRestHandler: prepare (parse, consume parameters), reject unknown ones, then run. */
  private runHandler(
    request: EsRequest,
    uri: string,
    route: RouteDefinition,
    params: Record<string, string>,
    caller: Authentication,
    reply: Reply,
  ): EsResponse | Promise<EsResponse> {
    try {
      const ctx = new HandlerContext(this.engine, request, uri, params, caller);
      const action = route.handler(ctx);
      ctx.rejectUnconsumedParams();
      const outcome = action();
      if (!(outcome instanceof Promise)) return reply.succeed(outcome);
      return outcome.then((result) => reply.succeed(result)).catch((error: unknown) => reply.fail(error));
    } catch (error) {
      return reply.fail(error);
    }
  }
}

/** What a handler sees of its request. One object with methods: no closures per request. */
class HandlerContext implements RestContext {
  // Most requests have no query string: then nothing is tracked or checked.
  private readonly query: URLSearchParams | undefined;
  private readonly consumed: Set<string> | undefined;
  // Parsed on demand: a body is only turned into a positioned tree when a handler needs one.
  private parsed: ParsedBody | undefined;

  constructor(
    readonly engine: SecurityEngine,
    readonly request: EsRequest,
    readonly uri: string,
    readonly params: Record<string, string>,
    readonly caller: Authentication,
  ) {
    if (request.query) {
      this.query = new URLSearchParams(request.query);
      this.consumed = new Set<string>(COMMON_PARAMS);
    }
  }

  param(name: string): string | undefined {
    this.consumed?.add(name);
    return this.query ? lastValue(this.query, name) : undefined;
  }

  body(): ParsedBody | undefined {
    if (this.request.body.trim() === '') return undefined;
    this.parsed ??= new ParsedBody(this.request.body);
    return this.parsed;
  }

  requiredBody(): ParsedBody {
    const body = this.body();
    if (!body) throw requestBodyRequired();
    return body;
  }

  /** After the handler's prepare step, as BaseRestHandler does. */
  rejectUnconsumedParams(): void {
    if (this.query && this.consumed) rejectUnrecognizedParams(this.request.path, this.query, this.consumed);
  }
}

/** Turns a handler's result or error into the response, in the negotiated content type. */
class Reply {
  contentType = 'application/json';
  /** `?format=yaml`: the body as YAML, whatever the negotiated JSON type. */
  yaml = false;
  opaqueId: string | undefined;

  constructor(
    private readonly method: string,
    private readonly path: string,
    private readonly pretty: boolean,
    private readonly logError: (message: string, error: unknown) => void,
    private readonly filter?: FilterPath,
  ) {}

  send(status: number, body: unknown, extraHeaders?: Record<string, string | string[]>, json?: string): EsResponse {
    const headers = standardHeaders(this.yaml ? 'application/yaml' : this.contentType);
    const extra = this.opaqueId === undefined ? extraHeaders : { ...extraHeaders, 'x-opaque-id': this.opaqueId };
    let text: string;
    if (this.method === 'HEAD') text = '';
    else if (this.yaml) text = serializeYaml(body);
    else text = json !== undefined && !this.pretty ? json : serialize(body, this.pretty);
    return { status, headers: extra ? { ...headers, ...extra } : headers, body: text };
  }

  succeed(result: HandlerResult): EsResponse {
    if (this.filter) return this.send(result.status ?? 200, applyFilterPath(result.body, this.filter), result.headers);
    return this.send(result.status ?? 200, result.body, result.headers, result.json);
  }

  /** Elasticsearch errors as their JSON body and headers; anything else is logged and answered 500. */
  fail(error: unknown): EsResponse {
    if (error instanceof EsError) {
      const extra: Record<string, string | string[]> = {};
      for (const [name, values] of Object.entries(error.headers ?? {})) extra[name.toLowerCase()] = values;
      return this.send(error.status, errorBody(error), extra);
    }
    this.logError(`unexpected error handling [${this.method} ${this.path}]`, error);
    return this.send(500, errorBody(new EsError(500, 'exception', 'an internal error occurred; see the server log')));
  }
}

const sharedHeaders = new Map<string, Readonly<Record<string, string>>>();

/**
 * The headers of every response, per content type (a handful: JSON and its compatible-with
 * versions). One frozen object each, shared by all responses without extra headers, so the
 * route adapter can reuse what it derives from them.
 */
function standardHeaders(contentType: string): Readonly<Record<string, string>> {
  let headers = sharedHeaders.get(contentType);
  if (!headers) {
    headers = Object.freeze({ 'content-type': contentType, 'x-elastic-product': 'Elasticsearch' });
    sharedHeaders.set(contentType, headers);
  }
  return headers;
}

/** A repeated query parameter keeps its last value: RestUtils.decodeQueryString puts each into a map. */
function lastValue(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  return values.length > 0 ? values[values.length - 1] : undefined;
}

/** `?filter_path=...` (success responses only, as in Elasticsearch); most queries have none. */
function filterPathOf(query: string): FilterPath | undefined {
  if (!query.includes('filter_path')) return undefined;
  const value = lastValue(new URLSearchParams(query), 'filter_path');
  return value === undefined ? undefined : parseFilterPath(value);
}

/**
 * `?pretty` as AbstractRestChannel reads it (RestRequest.paramAsBoolean): absent or "false" is
 * off, empty or "true" is on, anything else an error; `?human` must be a boolean the same way.
 */
function readPretty(query: string): boolean | EsError {
  if (!query.includes('pretty') && !query.includes('human')) return false;
  const params = new URLSearchParams(query);
  const human = paramAsBoolean(lastValue(params, 'human'));
  if (human instanceof EsError) return human;
  return paramAsBoolean(lastValue(params, 'pretty'));
}

/**
 * `?format` as AbstractRestChannel reads it (XContentType.fromFormat): json and yaml are
 * answered; an unknown name falls back to JSON as in Elasticsearch; the binary formats (cbor,
 * smile) are refused, since this server does not write them.
 */
function readFormat(query: string): 'json' | 'yaml' | EsError {
  if (!query.includes('format')) return 'json';
  const value = lastValue(new URLSearchParams(query), 'format')?.toLowerCase();
  if (value === 'yaml') return 'yaml';
  if (value === 'cbor' || value === 'smile') {
    return new EsError(406, 'illegal_argument_exception', `format [${value}] is not supported by this server; use [json] or [yaml]`);
  }
  return 'json';
}

function paramAsBoolean(value: string | undefined): boolean | EsError {
  if (value === undefined || value === 'false') return false;
  if (value === '' || value === 'true') return true;
  return new EsError(400, 'illegal_argument_exception', `Failed to parse value [${value}] as only [true] or [false] are allowed.`);
}

function contentTooLong(size: number, limit: number): EsError {
  return new EsError(413, 'content_too_long_exception', `request content length [${size}] exceeds the limit [${limit}] (http.max_content_length)`);
}

/** BaseRestHandler's check: "request [path] contains unrecognized parameter(s): [x] -> did you mean [y]?". */
function rejectUnrecognizedParams(path: string, query: URLSearchParams, consumed: ReadonlySet<string>): void {
  const invalid = [...new Set(query.keys())].filter((name) => !consumed.has(name)).sort();
  if (invalid.length === 0) return;
  const parts = invalid.map((name) => {
    const keys = similarCandidates(name, consumed);
    if (keys.length === 0) return `[${name}]`;
    return `[${name}] -> did you mean ${keys.length === 1 ? `[${keys[0]}]` : `any of [${keys.join(', ')}]`}?`;
  });
  throw new EsError(
    400,
    'illegal_argument_exception',
    `request [${path}] contains unrecognized parameter${invalid.length > 1 ? 's' : ''}: ${parts.join(', ')}`,
  );
}

function defaultLogError(message: string, error: unknown): void {
  // Only the error's own message and stack: request bodies and headers never reach the log.
  console.error(message, error instanceof Error ? (error.stack ?? error.message) : String(error));
}
