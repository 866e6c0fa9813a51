import type { SecurityEngine } from '@/lib/security/engine';
import type { Authentication } from '@/lib/security/authentication';
import type { BodySource, JsonNode } from './x-content';
import type { EsError } from '@/lib/security/errors';

/** A request to the Elasticsearch-compatible API, independent of any HTTP framework. */
export interface EsRequest {
  method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  path: string;
  /** The raw query string without "?" ('' when none). */
  query: string;
  headers: { get(name: string): string | null };
  /** The raw body text ('' when none). */
  body: string;
  /** Size of a body that was too large to read (its text is then ''). */
  oversizedBodyBytes?: number;
  /** Why a body could not be read at all (its text is then ''), answered before routing. */
  unreadableBody?: EsError;
}

export interface EsResponse {
  status: number;
  headers: Record<string, string | string[]>;
  /** Serialized body ('' for HEAD and OPTIONS). */
  body: string;
}

export interface HandlerResult {
  status?: number;
  body: unknown;
  /** `body` already serialized as compact JSON, when the handler has it at hand. */
  json?: string;
  /** Response headers beyond the standard ones. */
  headers?: Record<string, string>;
}

/** What a route's prepare step sees: decoded path params, query params, the body, the caller. */
export interface RestContext {
  engine: SecurityEngine;
  request: EsRequest;
  /** path + "?" + query, as Elasticsearch prints it in messages. */
  uri: string;
  params: Record<string, string>;
  caller: Authentication;
  /** Reads a query parameter and marks it as consumed. */
  param(name: string): string | undefined;
  /** The parsed body, or undefined when empty. */
  body(): { source: BodySource; root: JsonNode } | undefined;
  /** The parsed body; throws "request body is required" when empty. */
  requiredBody(): { source: BodySource; root: JsonNode };
}

/**
 * Like Elasticsearch's BaseRestHandler: `prepare` parses and consumes parameters (parse errors
 * and unknown parameters are reported before anything runs), then the returned action runs.
 */
export type RouteHandler = (ctx: RestContext) => () => Promise<HandlerResult> | HandlerResult;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'PATCH';

export interface RouteDefinition {
  methods: HttpMethod[];
  path: string;
  handler: RouteHandler;
  /** Handlers that skip caller authentication (none in this API today). */
  anonymous?: boolean;
}
