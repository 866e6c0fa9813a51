import 'server-only';
import { randomBytes } from 'node:crypto';
import type { NextAuthOptions, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConfig } from '@/lib/config';
import { signInSchema } from '@/lib/schemas/sign-in';
import { getBackend } from './backend';
import { backendFailure } from './errors';
import { createAuthLogger } from './auth-logger';
import { refreshDue, sessionPollSeconds } from './session-tokens';

/**
 * Console sign-in, like Kibana's token provider: the console's service identity exchanges the
 * admin's password for an access/refresh token pair; the encrypted session cookie (next-auth
 * JWE) holds them; every backend call uses the admin's Bearer token.
 */

// The console is bound to 127.0.0.1 and reached directly, so the Host header is the origin.
// Behind a proxy, set NEXTAUTH_URL instead.
process.env.AUTH_TRUST_HOST ??= 'true';

/** The refresh token lives 24 hours; the session cannot outlive it. In seconds. */
export const SESSION_MAX_AGE_S = 24 * 60 * 60;
/**
 * Elasticsearch answers a refresh token used again within this window with the same new pair;
 * this process remembers its own answers as long, so concurrent requests of one browser share
 * one refresh and keep the exact expiry.
 */
const REFRESH_REUSE_MS = 30_000;

const holder = globalThis as typeof globalThis & {
  __profileConsoleSessionSecret?: string;
  /** In flight or recent refreshes by refresh token (global: route bundles have their own module copies). */
  __profileConsoleRefreshes?: Map<string, Promise<RefreshOutcome>>;
};

/** NEXTAUTH_SECRET, or a random key held only in memory: sessions then end with the process. */
export function sessionSecret(): string {
  holder.__profileConsoleSessionSecret ??= getConfig().NEXTAUTH_SECRET ?? randomBytes(32).toString('base64url');
  return holder.__profileConsoleSessionSecret;
}

export interface ConsoleUser extends User {
  username: string;
  accessToken: string;
  refreshToken: string;
  issuedAt: number;
  expiresAt: number;
}

/** Result of the sign-in exchange; `null` is next-auth's "wrong credentials". */
export async function exchangePassword(input: unknown): Promise<ConsoleUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { service } = await getBackend();
  try {
    const token = await service.security.getToken({
      grant_type: 'password',
      username: parsed.data.username,
      password: parsed.data.password,
    });
    const auth = token.authentication;
    return {
      id: auth.username,
      name: auth.full_name ?? auth.username,
      email: auth.email ?? null,
      username: auth.username,
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? '',
      issuedAt: Date.now(),
      expiresAt: Date.now() + token.expires_in * 1000,
    };
  } catch (error) {
    // Wrong username or password: the same answer for both, nothing more.
    if (backendFailure(error)?.status === 401) return null;
    throw error;
  }
}

/** The new token pair, or why there is none. */
export type RefreshOutcome =
  | { kind: 'refreshed'; accessToken: string; refreshToken: string; issuedAt: number; expiresAt: number }
  /** The backend refused: refresh token expired, invalidated or already used, user disabled or deleted. */
  | { kind: 'rejected' }
  /** The backend could not be asked (network, 5xx): the tokens may still be good. */
  | { kind: 'unavailable' };

/**
 * Exchanges a refresh token for a new pair, once per refresh token in this process: callers
 * that arrive while it runs, or shortly after, share its answer.
 */
export function refreshAccessToken(refreshToken: string): Promise<RefreshOutcome> {
  const refreshes = (holder.__profileConsoleRefreshes ??= new Map());
  const known = refreshes.get(refreshToken);
  if (known) return known;
  const pending = exchangeRefreshToken(refreshToken);
  refreshes.set(refreshToken, pending);
  void pending.then((outcome) => {
    if (outcome.kind !== 'refreshed') refreshes.delete(refreshToken);
    else setTimeout(() => refreshes.delete(refreshToken), REFRESH_REUSE_MS).unref?.();
  });
  return pending;
}

async function exchangeRefreshToken(refreshToken: string): Promise<RefreshOutcome> {
  try {
    const { service } = await getBackend();
    const refreshed = await service.security.getToken({ grant_type: 'refresh_token', refresh_token: refreshToken });
    const now = Date.now();
    return {
      kind: 'refreshed',
      accessToken: refreshed.access_token,
      refreshToken: refreshed.refresh_token ?? refreshToken,
      issuedAt: now,
      expiresAt: now + refreshed.expires_in * 1000,
    };
  } catch (error) {
    const status = backendFailure(error)?.status;
    if (status !== undefined && status >= 400 && status < 500) return { kind: 'rejected' };
    console.error('console session refresh failed', error instanceof Error ? error.message : String(error));
    return { kind: 'unavailable' };
  }
}

/** The session cookie's content after a refresh attempt. */
export function applyRefresh(token: JWT, outcome: RefreshOutcome): JWT {
  if (outcome.kind === 'refreshed') {
    const { accessToken, refreshToken, issuedAt, expiresAt } = outcome;
    return { ...token, accessToken, refreshToken, issuedAt, expiresAt, error: undefined };
  }
  // The backend is away: keep both tokens (the refresh token may well still be good) and try
  // again on the next request; only a refusal ends the session.
  if (outcome.kind === 'unavailable') return token;
  return { ...token, accessToken: '', refreshToken: '', expiresAt: 0, error: 'RefreshFailed' };
}

async function refreshTokens(token: JWT): Promise<JWT> {
  return applyRefresh(token, await refreshAccessToken(token.refreshToken));
}

async function invalidateTokens(token: JWT | null | undefined): Promise<void> {
  if (!token?.accessToken && !token?.refreshToken) return;
  const { service } = await getBackend();
  const calls: Array<Promise<unknown>> = [];
  if (token.accessToken) calls.push(service.security.invalidateToken({ token: token.accessToken }));
  if (token.refreshToken) calls.push(service.security.invalidateToken({ refresh_token: token.refreshToken }));
  await Promise.allSettled(calls);
}

export const authOptions: NextAuthOptions = {
  get secret() {
    return sessionSecret();
  },
  // The refresh token lives 24 hours; the session cannot outlive it.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/login' },
  logger: createAuthLogger(),
  providers: [
    CredentialsProvider({
      name: 'Elasticsearch',
      credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials) => exchangePassword(credentials),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as ConsoleUser;
        return {
          ...token,
          username: u.username,
          accessToken: u.accessToken,
          refreshToken: u.refreshToken,
          issuedAt: u.issuedAt,
          expiresAt: u.expiresAt,
        };
      }
      if (token.refreshToken && refreshDue(token)) return refreshTokens(token);
      return token;
    },
    // What the browser may see: never the tokens.
    async session({ session, token }) {
      session.user = { name: session.user?.name ?? token.username, email: session.user?.email ?? null, username: token.username };
      if (token.error) session.error = token.error;
      else session.pollSeconds = sessionPollSeconds(token);
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      await invalidateTokens(token);
    },
  },
};
