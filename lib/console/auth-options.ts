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

/**
 * Console sign-in, like Kibana's token provider: the console's service identity exchanges the
 * admin's password for an access/refresh token pair; the encrypted session cookie (next-auth
 * JWE) holds them; every backend call uses the admin's Bearer token.
 */

// The console is bound to 127.0.0.1 and reached directly, so the Host header is the origin.
// Behind a proxy, set NEXTAUTH_URL instead.
process.env.AUTH_TRUST_HOST ??= 'true';

/** Refresh when less than this is left, so no request runs on an expiring token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const holder = globalThis as typeof globalThis & { __profileConsoleSessionSecret?: string };

/** NEXTAUTH_SECRET, or a random key held only in memory: sessions then end with the process. */
export function sessionSecret(): string {
  holder.__profileConsoleSessionSecret ??= getConfig().NEXTAUTH_SECRET ?? randomBytes(32).toString('base64url');
  return holder.__profileConsoleSessionSecret;
}

export interface ConsoleUser extends User {
  username: string;
  accessToken: string;
  refreshToken: string;
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
      expiresAt: Date.now() + token.expires_in * 1000,
    };
  } catch (error) {
    // Wrong username or password: the same answer for both, nothing more.
    if (backendFailure(error)?.status === 401) return null;
    throw error;
  }
}

async function refreshTokens(token: JWT): Promise<JWT> {
  const { service } = await getBackend();
  try {
    const refreshed = await service.security.getToken({ grant_type: 'refresh_token', refresh_token: token.refreshToken });
    return {
      ...token,
      accessToken: refreshed.access_token,
      refreshToken: refreshed.refresh_token ?? token.refreshToken,
      expiresAt: Date.now() + refreshed.expires_in * 1000,
      error: undefined,
    };
  } catch {
    return { ...token, accessToken: '', refreshToken: '', expiresAt: 0, error: 'RefreshFailed' };
  }
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
  session: { strategy: 'jwt', maxAge: 24 * 60 * 60 },
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
        return { ...token, username: u.username, accessToken: u.accessToken, refreshToken: u.refreshToken, expiresAt: u.expiresAt };
      }
      if (token.refreshToken && token.expiresAt - Date.now() < REFRESH_MARGIN_MS) return refreshTokens(token);
      return token;
    },
    // What the browser may see: never the tokens.
    async session({ session, token }) {
      session.user = { name: session.user?.name ?? token.username, email: session.user?.email ?? null, username: token.username };
      if (token.error) session.error = token.error;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      await invalidateTokens(token);
    },
  },
};
