import http from 'node:http';
import { createHash } from 'node:crypto';
import { Client, errors } from '@elastic/elasticsearch';

/**
 * Helpers for the API end-to-end tests: a raw HTTP client (node:http, so that repeated headers
 * such as WWW-Authenticate stay separate values), Basic credentials, and the profile uid rule.
 */

/** A parsed JSON body: loosely typed, since tests only read it to assert on it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, inspected by assertions
export type Json = any;

export interface RawResponse {
  status: number;
  /** Lower-cased header name -> every value sent under it, in order. */
  headers: Record<string, string[]>;
  text: string;
  /** The first value of a header, or undefined. */
  header(name: string): string | undefined;
  json(): Json;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
  timeoutMs?: number;
}

/** One HTTP request to `base + path` (path may carry a query string), answered as text. */
export function rawRequest(base: string, path: string, options: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(path, base);
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (body !== undefined && !options.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const grouped: Record<string, string[]> = {};
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i].toLowerCase();
            (grouped[name] ??= []).push(res.rawHeaders[i + 1]);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: grouped,
            text,
            header: (name) => grouped[name.toLowerCase()]?.[0],
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`request ${path} timed out`)));
    req.on('error', reject);
    if (body !== undefined && options.chunked) {
      const step = 64 * 1024;
      for (let offset = 0; offset < body.length; offset += step) req.write(body.subarray(offset, offset + step));
      req.end();
    } else {
      req.end(body);
    }
  });
}

export function basic(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/** Elasticsearch's profile uid for a username: "u_" + base64url(sha256(username)) + "_" + differentiator. */
export function expectedUid(username: string, differentiator = 0): string {
  return `u_${createHash('sha256').update(username, 'utf8').digest('base64url')}_${differentiator}`;
}

export function esClient(url: string, username: string, password: string): Client {
  return new Client({ node: url, auth: { username, password }, maxRetries: 0, requestTimeout: 30_000 });
}

/** The action name the activate API authorizes and names in grant failures. */
export const ACTIVATE_ACTION = 'cluster:admin/xpack/security/profile/activate';

/** Elasticsearch's structured error body for one exception without cause. */
export function esErrorBody(type: string, reason: string, status: number, extra: Record<string, unknown> = {}): unknown {
  return { error: { root_cause: [{ type, reason, ...extra }], type, reason, ...extra }, status };
}

export interface Outcome {
  status: number;
  body: Json;
  headers: Record<string, unknown>;
}

/** The HTTP status, body and headers of a client call, successful or not. */
export async function outcome<T>(promise: Promise<T>): Promise<Outcome> {
  try {
    return { status: 200, body: await promise, headers: {} };
  } catch (error) {
    if (error instanceof errors.ResponseError) {
      return { status: error.meta.statusCode ?? 0, body: error.meta.body, headers: (error.meta.headers ?? {}) as Record<string, unknown> };
    }
    throw error;
  }
}
