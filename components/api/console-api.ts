/**
 * Browser-side calls to the console BFF. Mutations send JSON with the anti-CSRF header the
 * server requires; failures become ConsoleApiError with the server's code, message and fields.
 *
 * Sessions: the server renews an expiring access token by itself. Should the backend still
 * refuse a call's token (401), the session is renewed once and the call repeated; only when
 * that fails too is the admin sent to sign in again, with a note that the session expired and
 * a way back to this page.
 */
export const CSRF_HEADER = 'x-console-request';

/** What a call that never reached the server (offline, server down, DNS, CORS) says. */
export const NETWORK_ERROR_MESSAGE = "Can't reach the server. Check your connection and try again.";

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function consoleFetch<T>(url: string, init: { method?: Method; json?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers[CSRF_HEADER] = '1';
    body = JSON.stringify(init.json ?? {});
  }
  const send = () => request(url, { method, headers, body, signal: init.signal, credentials: 'same-origin' });
  let response = await send();
  let payload: unknown = await response.json().catch(() => undefined);
  if (response.status === 401 && typeof window !== 'undefined') {
    // A 401 is answered before anything was done, so the call may be repeated once the session
    // is renewed. `session_expired`: the server already tried to renew it.
    const renewal = errorOf(payload)?.code === 'session_expired' ? undefined : await renewSession();
    if (renewal && renewal.status !== 401 && !renewal.ok) {
      // Not refused, just not done (the backend is away): say so, and stay on the page.
      throw new ConsoleApiError(renewal.status, renewal.error?.code ?? 'error', renewal.error?.message ?? `Request failed (${renewal.status}).`);
    }
    if (renewal?.ok) {
      response = await send();
      payload = await response.json().catch(() => undefined);
    }
    if (response.status === 401) {
      // The session cannot be renewed: sign in again, then come back here.
      const here = window.location.pathname + window.location.search;
      window.location.assign(new URL(`/login?callbackUrl=${encodeURIComponent(here)}&msg=SESSION_EXPIRED`, window.location.origin));
    }
  }
  if (!response.ok) {
    const error = errorOf(payload);
    throw new ConsoleApiError(response.status, error?.code ?? 'error', error?.message ?? `Request failed (${response.status}).`, error?.fields);
  }
  return payload as T;
}

function errorOf(payload: unknown): { code?: string; message?: string; fields?: Record<string, string> } | undefined {
  return (payload as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined)?.error;
}

/** fetch, with a failure to reach the server (fetch's TypeError "Failed to fetch") said plainly. Aborts stay aborts. */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) throw error;
    throw new ConsoleApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
}

interface Renewal {
  ok: boolean;
  status: number;
  error?: { code?: string; message?: string };
}

let renewing: Promise<Renewal> | undefined;

/** Asks the server to renew the session's tokens now; concurrent callers share one request. */
function renewSession(): Promise<Renewal> {
  renewing ??= request('/api/auth/refresh', {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: '{}',
    credentials: 'same-origin',
  })
    .then(async (response) => ({ ok: response.ok, status: response.status, error: errorOf(await response.json().catch(() => undefined)) }))
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}
