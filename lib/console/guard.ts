import 'server-only';
import { ConsoleError } from './errors';
import { renewSession, type AdminSession } from './session';

/** Header every console mutation must carry; a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'x-console-request';

/**
 * Checks who is calling a BFF route. Mutations additionally need a JSON body, the anti-CSRF
 * header and an Origin equal to this server's own.
 */
export async function requireAdmin(request: Request, options: { mutation: boolean }): Promise<AdminSession> {
  if (options.mutation) {
    const contentType = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(contentType)) {
      throw new ConsoleError(415, 'unsupported_media_type', 'Send the request as JSON.');
    }
    requireSameSiteRequest(request);
  }
  // An access token that expired (or soon will) is renewed here, with the refresh token, and the
  // new pair goes back in the response's session cookie: the admin does not notice.
  const state = await renewSession();
  if (state.state === 'signed-in') return state.session;
  throw sessionFailure(state);
}

/**
 * The anti-CSRF checks of every state-changing console request: the console's own header (a
 * cross-site form or image cannot set it) and an Origin equal to this server's own.
 */
export function requireSameSiteRequest(request: Request): void {
  if (request.headers.get(CSRF_HEADER) !== '1') {
    throw new ConsoleError(403, 'csrf', 'The request was refused: it did not come from the console.');
  }
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  const expected = host ? `${new URL(request.url).protocol}//${host}` : undefined;
  if (!origin || origin !== expected) {
    throw new ConsoleError(403, 'csrf', 'The request was refused: it came from another site.');
  }
}

/** Why a session could not be used, as the console API answers it. */
export function sessionFailure(state: Exclude<Awaited<ReturnType<typeof renewSession>>, { state: 'signed-in' }>): ConsoleError {
  if (state.state === 'unavailable') {
    return new ConsoleError(503, 'backend_unavailable', 'Could not renew your session: the backend did not answer. Try again.');
  }
  if (state.state === 'signed-out' && state.expired) return sessionExpired();
  return new ConsoleError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
}

/** The session existed but cannot be renewed: the browser sends the admin to sign in again. */
export function sessionExpired(): ConsoleError {
  return new ConsoleError(401, 'session_expired', 'Your session has expired. Sign in again.');
}

/** Parses a JSON request body, mapping malformed JSON to a 400 console error. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ConsoleError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
