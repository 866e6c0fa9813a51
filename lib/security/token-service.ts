import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokensStore, TokenRecord } from '@/lib/store/tokens-store';
import type { Authentication } from './authentication';
import { effectiveRealm } from './authentication';
import { EsError } from './errors';

/** Elasticsearch defaults: access tokens live 20 minutes, refresh tokens 24 hours. */
export const DEFAULT_ACCESS_TOKEN_TTL_MS = 20 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 24 * 3_600_000;
/** A refresh token reused within this window yields the same new pair (concurrent refreshes). */
export const REFRESH_REUSE_WINDOW_MS = 30_000;

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresInSeconds: number;
  authentication: Authentication;
}

export type AccessTokenCheck =
  | { kind: 'valid'; authentication: Authentication }
  | { kind: 'expired' }
  | { kind: 'invalid' };

export interface InvalidationResult {
  invalidated: number;
  previouslyInvalidated: number;
}

/**
 * The client that asked for a token, by its effective subject (under run-as: the run-as user and
 * the realm it was looked up in), as Elasticsearch keeps the originating client's authentication
 * with the refresh token and compares effective subjects (Subject.canAccessResourcesOf).
 */
interface TokenClient {
  subjectType: Authentication['subjectType'];
  username: string;
  realm: { name: string; type: string };
  /** API key clients: only the same key may refresh. */
  apiKeyId?: string;
}

/** Clients of tokens stored before the client was kept by effective subject (user, authenticating realm name). */
interface LegacyTokenClient {
  username: string;
  realm: string;
}

interface StoredAuthentication {
  subject: Authentication;
  /** Who asked for the token: only that client may refresh it. */
  client: TokenClient | LegacyTokenClient;
}

/** OAuth2-style error the token endpoint renders as {"error":"invalid_grant","error_description":...}. */
export class InvalidGrantError extends EsError {
  constructor(readonly description: string) {
    super(400, 'invalid_grant', description);
  }
}

/**
 * The token service: opaque random access and refresh tokens, stored only as SHA-256 hashes.
 * Everything after the random generation is synchronous SQLite work, so concurrent refreshes of
 * one token are serialized and see each other's result.
 */
export class TokenService {
  constructor(
    private readonly store: TokensStore,
    private readonly accessTtlMs: number = DEFAULT_ACCESS_TOKEN_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get accessTokenTtlSeconds(): number {
    return Math.round(this.accessTtlMs / 1000);
  }

  createToken(subject: Authentication, client: Authentication, withRefreshToken: boolean): IssuedTokens {
    const accessToken = newTokenString();
    const refreshToken = withRefreshToken ? newTokenString() : undefined;
    const now = this.now();
    const stored: StoredAuthentication = { subject, client: tokenClient(client) };
    this.store.insert({
      id: randomUUID(),
      accessHash: hashToken(accessToken),
      refreshHash: refreshToken ? hashToken(refreshToken) : null,
      // The token belongs to its effective user and that user's realm (the lookup realm under
      // run-as): invalidation by username or realm_name finds it there, as in Elasticsearch.
      username: subject.user.username,
      realmName: subjectRealm(subject).name,
      authentication: JSON.stringify(stored),
      createdAt: now,
      expiresAt: now + this.accessTtlMs,
      refreshExpiresAt: refreshToken ? now + REFRESH_TOKEN_TTL_MS : null,
    });
    return { accessToken, refreshToken, expiresInSeconds: this.accessTokenTtlSeconds, authentication: subject };
  }

  /** Checks a bearer access token. Tokens are looked up by hash, so no secret is compared. */
  checkAccessToken(token: string): AccessTokenCheck {
    if (!looksLikeToken(token)) return { kind: 'invalid' };
    const record = this.store.byAccessHash(hashToken(token));
    if (!record) return { kind: 'invalid' };
    // TokenService.checkIfTokenIsValid answers an invalidated token like an expired one.
    if (record.accessInvalidated || record.expiresAt <= this.now()) return { kind: 'expired' };
    const stored = JSON.parse(record.authentication) as StoredAuthentication;
    return { kind: 'valid', authentication: { ...stored.subject, authenticationType: 'token' } };
  }

  /** Exchanges a refresh token (once; a reuse within 30 s returns the same new pair). */
  refresh(refreshToken: string, client: Authentication): IssuedTokens {
    const record = looksLikeToken(refreshToken) ? this.store.byRefreshHash(hashToken(refreshToken)) : undefined;
    if (!record) throw new InvalidGrantError('could not refresh the requested token');
    if (record.refreshInvalidated) throw new InvalidGrantError('token has been invalidated');
    const now = this.now();
    if (record.refreshExpiresAt === null || record.refreshExpiresAt <= now) throw new InvalidGrantError('refresh token is expired');
    const stored = JSON.parse(record.authentication) as StoredAuthentication;
    if (!canRefresh(client, stored.client)) throw new InvalidGrantError('tokens must be refreshed by the creating client');
    if (record.refreshedAt !== null) return this.reuseRefreshed(record, refreshToken, now);

    const issued = this.createToken(stored.subject, client, true);
    // The pair stands for the original user; Elasticsearch reports it as a token authentication.
    issued.authentication = { ...issued.authentication, authenticationType: 'token' };
    const sealed = seal(refreshToken, { accessToken: issued.accessToken, refreshToken: issued.refreshToken });
    if (!this.store.markRefreshed(record.id, now, sealed)) {
      throw new InvalidGrantError('token has already been refreshed');
    }
    return issued;
  }

  private reuseRefreshed(record: TokenRecord, refreshToken: string, now: number): IssuedTokens {
    if (record.refreshedAt === null || !record.supersededBy) throw new InvalidGrantError('token has already been refreshed');
    if (now - record.refreshedAt > REFRESH_REUSE_WINDOW_MS) {
      throw new InvalidGrantError('token has already been refreshed more than 30 seconds in the past');
    }
    const pair = unseal(refreshToken, record.supersededBy);
    const check = this.checkAccessToken(pair.accessToken);
    if (check.kind !== 'valid') throw new InvalidGrantError('token has already been refreshed');
    // Elasticsearch answers a reuse with the configured lifetime, as for the first refresh.
    return {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresInSeconds: this.accessTokenTtlSeconds,
      authentication: { ...check.authentication, authenticationType: 'token' },
    };
  }

  invalidateAccessToken(token: string): InvalidationResult | undefined {
    const record = looksLikeToken(token) ? this.store.byAccessHash(hashToken(token)) : undefined;
    if (!record) return undefined;
    if (record.accessInvalidated) return { invalidated: 0, previouslyInvalidated: 1 };
    this.store.invalidateAccess(record.id);
    return { invalidated: 1, previouslyInvalidated: 0 };
  }

  invalidateRefreshToken(token: string): InvalidationResult | undefined {
    const record = looksLikeToken(token) ? this.store.byRefreshHash(hashToken(token)) : undefined;
    if (!record) return undefined;
    if (record.refreshInvalidated) return { invalidated: 0, previouslyInvalidated: 1 };
    this.store.invalidateRefresh(record.id);
    return { invalidated: 1, previouslyInvalidated: 0 };
  }

  /**
   * Invalidates every token of a user and/or realm. As in Elasticsearch, refresh and access
   * parts count separately, and parts already invalidated are not looked at again.
   */
  invalidateByOwner(username: string | undefined, realmName: string | undefined): InvalidationResult {
    const result: InvalidationResult = { invalidated: 0, previouslyInvalidated: 0 };
    for (const record of this.store.byOwner(username, realmName)) {
      if (record.refreshHash !== null && !record.refreshInvalidated) {
        this.store.invalidateRefresh(record.id);
        result.invalidated++;
      }
      if (!record.accessInvalidated) {
        this.store.invalidateAccess(record.id);
        result.invalidated++;
      }
    }
    return result;
  }

  /** Removes fully expired tokens, at most `limit` per call so a sweep never blocks for long. */
  purgeExpired(limit = 1000): number {
    return this.store.purgeExpired(this.now(), limit);
  }
}

/** The realm of an authentication's effective subject (Subject.getRealm). */
function subjectRealm(auth: Authentication): { name: string; type: string } {
  return effectiveRealm(auth) ?? auth.authenticatingRealm;
}

function tokenClient(auth: Authentication): TokenClient {
  const realm = subjectRealm(auth);
  const client: TokenClient = { subjectType: auth.subjectType, username: auth.user.username, realm: { name: realm.name, type: realm.type } };
  if (auth.subjectType === 'api_key' && auth.apiKey) client.apiKeyId = auth.apiKey.id;
  return client;
}

/**
 * TokenService.checkClientCanRefresh. Tokens stored with the client's effective subject:
 * Subject.canAccessResourcesOf (the same API key; else neither is an API key, the same username
 * and an equivalent realm). Older tokens: the effective username and the authenticating realm's
 * name, Elasticsearch's fallback for documents without the client's authentication.
 */
function canRefresh(refresher: Authentication, creator: TokenClient | LegacyTokenClient): boolean {
  if (typeof creator.realm === 'string') {
    return creator.username === refresher.user.username && creator.realm === refresher.authenticatingRealm.name;
  }
  const me = tokenClient(refresher);
  const creatorClient = creator as TokenClient;
  if (me.subjectType === 'api_key' || creatorClient.subjectType === 'api_key') {
    return me.subjectType === creatorClient.subjectType && me.apiKeyId !== undefined && me.apiKeyId === creatorClient.apiKeyId;
  }
  return me.username === creatorClient.username && equivalentRealms(me.realm, creatorClient.realm);
}

/** Authentication.equivalentRealms: the same type, and the same name unless the type is file or native. */
function equivalentRealms(a: { name: string; type: string }, b: { name: string; type: string }): boolean {
  if (a.type !== b.type) return false;
  return a.type === 'file' || a.type === 'native' || a.name === b.name;
}

/** 32 random bytes, standard Base64 like Elasticsearch's tokens (never contains a dot). */
function newTokenString(): string {
  return randomBytes(32).toString('base64');
}

const TOKEN_SHAPE = /^[A-Za-z0-9+/_-]{20,200}={0,2}$/;

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

function sealKey(refreshToken: string): Buffer {
  return createHash('sha256').update('superseding-tokens:').update(refreshToken, 'utf8').digest();
}

function seal(refreshToken: string, pair: { accessToken: string; refreshToken?: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(refreshToken), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(refreshToken: string, sealed: string): { accessToken: string; refreshToken?: string } {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(refreshToken), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as { accessToken: string; refreshToken?: string };
}
