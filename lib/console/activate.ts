import 'server-only';
import type { Client } from '@elastic/elasticsearch';
import { activateFormSchema, toActivateRequestBody } from '@/lib/schemas/activate';
import { getBackend } from './backend';
import { backendFailure, ConsoleError, fieldErrors } from './errors';
import type { AdminSession } from './session';

/** What the activate page shows: Elasticsearch's status and body, and how long it took. */
export interface ActivationOutcome {
  status: number;
  tookMs: number;
  body: unknown;
}

/**
 * Activates a profile as the signed-in admin. Elasticsearch errors (401 wrong user password,
 * 400 validation, 403) are results to show, not BFF failures; the credentials are never echoed.
 */
export async function activateProfile(session: AdminSession, input: unknown): Promise<ActivationOutcome> {
  const parsed = activateFormSchema.safeParse(input);
  if (!parsed.success) throw new ConsoleError(400, 'invalid_input', 'Check the highlighted fields.', fieldErrors(parsed.error));
  const client = (await getBackend()).asAdmin(session.accessToken);
  const started = performance.now();
  try {
    // Client 9.x puts keys it does not declare (client_authentication) into the body too.
    const request = toActivateRequestBody(parsed.data) as unknown as Parameters<typeof client.security.activateUserProfile>[0];
    const body = await client.security.activateUserProfile(request);
    return { status: 200, tookMs: Math.round(performance.now() - started), body };
  } catch (error) {
    const failure = backendFailure(error);
    if (!failure) throw error;
    // The admin's own session ended: that is not a result of the activation.
    if (failure.status === 401 && !(await isGrantFailure(failure.body, client))) {
      throw new ConsoleError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
    }
    return { status: failure.status, tookMs: Math.round(performance.now() - started), body: failure.body };
  }
}

/**
 * Whose credentials a 401 was about. A grant failure names the activate action; a caller
 * failure names the REST request. "token expired" fits both (the admin's token or the grant's),
 * so then the admin's own token is checked.
 */
async function isGrantFailure(body: unknown, client: Client): Promise<boolean> {
  const reason = (body as { error?: { reason?: string } } | undefined)?.error?.reason ?? '';
  if (reason.includes('for action [')) return true;
  if (reason !== 'token expired') return false;
  try {
    await client.security.authenticate();
    return true;
  } catch {
    return false;
  }
}
