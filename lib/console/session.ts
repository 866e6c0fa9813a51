import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode, type JWT } from 'next-auth/jwt';
import { applyRefresh, refreshAccessToken, SESSION_MAX_AGE_S, sessionSecret } from './auth-options';
import { refreshDue, tokenUsable } from './session-tokens';

/** The signed-in admin as the server sees it: includes the backend tokens, never sent to the browser. */
export interface AdminSession {
  username: string;
  accessToken: string;
  expiresAt: number;
}

export type SessionState =
  | { state: 'signed-in'; session: AdminSession }
  /** A session cookie exists but its access token needs refreshing (see renewSession). */
  | { state: 'stale' }
  /** `expired`: a session existed but could not be renewed (its refresh token was refused). */
  | { state: 'signed-out'; expired?: boolean };

/** next-auth's session cookie: `__Secure-` on HTTPS; split into `.0`, `.1`, ... when it is large. */
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];
/** As next-auth: 4096 bytes a cookie, less its name and attributes. */
const COOKIE_CHUNK_SIZE = 4096 - 163;

interface SessionCookie {
  name: string;
  /** The names of the cookies that hold it (one, or its chunks). */
  parts: string[];
  token: JWT | null;
}

/** Reads and decrypts the session cookie, whichever name (and chunking) next-auth gave it. */
async function readSessionCookie(): Promise<SessionCookie | undefined> {
  const all = (await cookies()).getAll();
  for (const name of COOKIE_NAMES) {
    const whole = all.find((c) => c.name === name);
    const chunks = all
      .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (!whole && chunks.length === 0) continue;
    const value = whole ? whole.value : chunks.map((c) => c.value).join('');
    let token: JWT | null = null;
    try {
      token = await decode({ token: value, secret: sessionSecret() });
    } catch {
      token = null;
    }
    return { name, parts: whole ? [name] : chunks.map((c) => c.name), token };
  }
  return undefined;
}

/** Stores a changed session in its cookie. Only where cookies may be set: route handlers, server actions. */
async function writeSessionCookie(cookie: SessionCookie, token: JWT): Promise<void> {
  const store = await cookies();
  const value = await encode({ token, secret: sessionSecret(), maxAge: SESSION_MAX_AGE_S });
  const options = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: cookie.name.startsWith('__Secure-'),
    expires: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
  };
  const count = Math.ceil(value.length / COOKIE_CHUNK_SIZE);
  const written = count <= 1 ? [cookie.name] : Array.from({ length: count }, (_, i) => `${cookie.name}.${i}`);
  written.forEach((name, i) => store.set(name, count <= 1 ? value : value.slice(i * COOKIE_CHUNK_SIZE, (i + 1) * COOKIE_CHUNK_SIZE), options));
  for (const name of cookie.parts) if (!written.includes(name)) store.set(name, '', { ...options, expires: undefined, maxAge: 0 });
}

function stateOf(token: JWT | null, cookiePresent: boolean): SessionState {
  if (!token || !token.refreshToken) return { state: 'signed-out', expired: cookiePresent && (token?.error === 'RefreshFailed' || !token) };
  if (!token.accessToken || !tokenUsable(token)) return { state: 'stale' };
  return { state: 'signed-in', session: { username: token.username, accessToken: token.accessToken, expiresAt: token.expiresAt } };
}

/**
 * Reads the encrypted session cookie without running next-auth callbacks: server components
 * cannot set cookies, so they cannot store a refreshed (single-use) refresh token; route
 * handlers use renewSession, pages with a stale session go through a route that renews it.
 */
export async function readSession(): Promise<SessionState> {
  const cookie = await readSessionCookie();
  return stateOf(cookie?.token ?? null, cookie !== undefined);
}

export type RenewedSession =
  | SessionState
  /** The tokens needed renewing but the backend could not be reached. */
  | { state: 'unavailable' };

/**
 * For route handlers: the session, its tokens renewed first when they are due (or always, with
 * `force`, e.g. after the backend refused the access token). The renewed pair, or the failure,
 * is stored in the session cookie of the response.
 */
export async function renewSession({ force = false }: { force?: boolean } = {}): Promise<RenewedSession> {
  const cookie = await readSessionCookie();
  const token = cookie?.token;
  if (!cookie || !token || !token.refreshToken) return stateOf(token ?? null, cookie !== undefined);
  if (!force && token.accessToken && !refreshDue(token)) return stateOf(token, true);
  const outcome = await refreshAccessToken(token.refreshToken);
  if (outcome.kind === 'unavailable') return !force && token.accessToken && tokenUsable(token) ? stateOf(token, true) : { state: 'unavailable' };
  const renewed = applyRefresh(token, outcome);
  await writeSessionCookie(cookie, renewed);
  return stateOf(renewed, true);
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
