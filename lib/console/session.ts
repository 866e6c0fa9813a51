import 'server-only';
import { cookies, headers } from 'next/headers';
import { getToken } from 'next-auth/jwt';
import { sessionSecret } from './auth-options';

/** The signed-in admin as the server sees it: includes the backend tokens, never sent to the browser. */
export interface AdminSession {
  username: string;
  accessToken: string;
  expiresAt: number;
}

export type SessionState =
  | { state: 'signed-in'; session: AdminSession }
  /** A session cookie exists but its access token needs refreshing (done by the session endpoint). */
  | { state: 'stale' }
  | { state: 'signed-out' };

/**
 * Reads the encrypted session cookie without running next-auth callbacks: server components
 * cannot set cookies, so token refresh happens only in the session route handler, where the
 * new single-use refresh token can be stored.
 */
export async function readSession(): Promise<SessionState> {
  const cookieStore = await cookies();
  const headerList = await headers();
  const token = await getToken({
    req: {
      cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
      headers: Object.fromEntries(headerList.entries()),
    } as never,
    secret: sessionSecret(),
  });
  if (!token || !token.refreshToken) return { state: 'signed-out' };
  if (!token.accessToken || token.expiresAt <= Date.now() + 5_000) return { state: 'stale' };
  return { state: 'signed-in', session: { username: token.username, accessToken: token.accessToken, expiresAt: token.expiresAt } };
}

/** For server components under the console layout (which already redirected signed-out visitors). */
export async function currentSession(): Promise<AdminSession> {
  const state = await readSession();
  if (state.state === 'signed-in') return state.session;
  const { redirect } = await import('next/navigation');
  return redirect('/login');
}

/** Whether the backend still accepts the session's access token (it may have been invalidated). */
export async function sessionIsLive(session: AdminSession): Promise<boolean> {
  const { getBackend } = await import('./backend');
  try {
    await (await getBackend()).asAdmin(session.accessToken).security.authenticate();
    return true;
  } catch {
    return false;
  }
}
