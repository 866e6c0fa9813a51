import { requireSameSiteRequest, sessionFailure } from '@/lib/console/guard';
import { consoleErrorResponse } from '@/lib/console/errors';
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
  // Only a session that cannot be renewed is "expired"; an unreachable backend is not the admin's doing.
  const expired = state.state === 'signed-out' ? state.expired : state.state !== 'unavailable';
  const location = state.state === 'signed-in' ? callbackUrl : `/login?callbackUrl=${encodeURIComponent(callbackUrl)}${expired ? '&msg=SESSION_EXPIRED' : ''}`;
  // A relative Location: the browser resolves it against the address it used.
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * POST (from the console's fetch wrapper, after the backend refused the access token): renews
 * now, whatever the token's expiry says. 200 `{renewed:true}`; 401 `session_expired` when the
 * refresh token is refused too; 503 when the backend cannot be reached. Same-site checks as
 * every console mutation.
 */
export async function POST(request: Request) {
  try {
    requireSameSiteRequest(request);
    const state = await renewSession({ force: true });
    if (state.state === 'signed-in') return Response.json({ renewed: true }, { headers: { 'cache-control': 'no-store' } });
    throw sessionFailure(state);
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
