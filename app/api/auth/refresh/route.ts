import { CSRF_HEADER, sessionExpired } from '@/lib/console/guard';
import { ConsoleError, consoleErrorResponse } from '@/lib/console/errors';
import { renewSession } from '@/lib/console/session';
import { safeCallbackUrl } from '@/lib/schemas/callback-url';

/**
 * Renews the admin's access token with the session's refresh token and stores the new pair in
 * the session cookie (next-auth's session endpoint does the same when polled; this route also
 * answers when the tokens are not yet due, and as a redirect for pages).
 */

export const dynamic = 'force-dynamic';

/**
 * GET ?callbackUrl=/path: for a page whose session needs renewing (server components cannot
 * store cookies). Renewed: back to callbackUrl. Not renewable: to the sign-in page, which then
 * says that the session expired.
 */
export async function GET(request: Request) {
  const callbackUrl = safeCallbackUrl(new URL(request.url).searchParams.get('callbackUrl'));
  const state = await renewSession();
  const location =
    state.state === 'signed-in'
      ? callbackUrl
      : `/login?callbackUrl=${encodeURIComponent(callbackUrl)}${state.state === 'signed-out' && !state.expired ? '' : '&msg=SESSION_EXPIRED'}`;
  // A relative Location: the browser resolves it against the address it used.
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * POST (from the console's fetch wrapper, after the backend refused the access token): renews
 * now, whatever the token's expiry says. 200 `{renewed:true}`; 401 `session_expired` when the
 * refresh token is refused too; 503 when the backend cannot be reached.
 */
export async function POST(request: Request) {
  try {
    if (request.headers.get(CSRF_HEADER) !== '1') {
      throw new ConsoleError(403, 'csrf', 'The request was refused: it did not come from the console.');
    }
    const state = await renewSession({ force: true });
    if (state.state === 'signed-in') return Response.json({ renewed: true }, { headers: { 'cache-control': 'no-store' } });
    if (state.state === 'unavailable') {
      throw new ConsoleError(503, 'backend_unavailable', 'Could not renew your session: the backend did not answer. Try again.');
    }
    if (state.state === 'signed-out' && !state.expired) throw new ConsoleError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
    throw sessionExpired();
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
