import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import { rawRequest, type RawResponse } from './es-http';
import type { RunningServer } from './server';

/**
 * Helpers for the token-service and API-key end-to-end tests (e2e/api-tokens.spec.ts,
 * e2e/api-keys.spec.ts): clients authenticated with a bearer token or an API key, the outcome of
 * a client call whether it succeeded or not, and raw JSON requests for exact bodies and headers.
 */

/** TokenService's WWW-Authenticate value for an expired (or invalidated) access token (compatibility notes §2.4, §7). */
export const EXPIRED_TOKEN_CHALLENGE = 'Bearer realm="security", error="invalid_token", error_description="The access token expired"';

/** The grant types CreateTokenRequest names in its validation message. */
export const UNSUPPORTED_GRANT_TYPE_MESSAGE = 'grant_type only supports the values: [password, _kerberos, refresh_token, client_credentials]';

/** The 401 Elasticsearch gives when every presented credential failed and anonymous access is off. */
export const NO_ANONYMOUS_MESSAGE = 'unable to authenticate with provided credentials and anonymous access is not allowed for this request';

/** A native user the specs create, with everything PUT /_security/user/<username> takes. */
export interface TestUser {
  username: string;
  password: string;
  roles: string[];
  full_name: string;
  email: string;
}

/** Creates (or overwrites) `users` one after the other through `client` (e.g. as `elastic`). */
export async function putTestUsers(client: Client, users: readonly TestUser[]): Promise<void> {
  for (const user of users) {
    await client.security.putUser({ username: user.username, password: user.password, roles: user.roles, full_name: user.full_name, email: user.email });
  }
}

/** The end of a spec: closes the pool's clients, stops the server and removes its data directory. */
export async function shutDown(server: RunningServer | undefined, pool: ClientPool): Promise<void> {
  await pool.closeAll();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
}

export { outcome, type Outcome } from './es-http';

/** Keeps the clients a spec file creates so that afterAll can close them all. */
export class ClientPool {
  private readonly clients: Client[] = [];

  constructor(private readonly url: () => string) {}

  private add(client: Client): Client {
    this.clients.push(client);
    return client;
  }

  basic(username: string, password: string): Client {
    return this.add(new Client({ node: this.url(), auth: { username, password }, maxRetries: 0, requestTimeout: 30_000 }));
  }

  bearer(token: string): Client {
    return this.add(new Client({ node: this.url(), auth: { bearer: token }, maxRetries: 0, requestTimeout: 30_000 }));
  }

  /** `encoded` is the create response's `encoded` value, or the {id, api_key} pair the client encodes itself. */
  apiKey(encoded: string | { id: string; api_key: string }): Client {
    return this.add(new Client({ node: this.url(), auth: { apiKey: encoded }, maxRetries: 0, requestTimeout: 30_000 }));
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.close()));
  }
}

/** One JSON request with an Authorization header (or none), answered with the exact status, headers and text. */
export function jsonRequest(base: string, method: string, path: string, authorization: string | undefined, body?: unknown): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return rawRequest(base, path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}

/** A string shaped like a token-service token (32 random bytes, standard Base64) that no server issued. */
export function unknownTokenString(): string {
  return randomBytes(32).toString('base64');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Base64 of `id:api_key`, the value of `Authorization: ApiKey ...` (compatibility notes §9). */
export function encodeApiKey(id: string, apiKey: string): string {
  return Buffer.from(`${id}:${apiKey}`, 'utf8').toString('base64');
}

/** The OAuth2-style error body the token endpoint sends for validation and grant failures (RFC 6749 §5.2). */
export function oauthError(error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type', description: string): unknown {
  return { error, error_description: description };
}
