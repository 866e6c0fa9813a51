/**
 * Browser-side calls to the console BFF. Mutations send JSON with the anti-CSRF header the
 * server requires; failures become ConsoleApiError with the server's code, message and fields.
 */
export const CSRF_HEADER = 'x-console-request';

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

export async function consoleFetch<T>(url: string, init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; json?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers[CSRF_HEADER] = '1';
    body = JSON.stringify(init.json ?? {});
  }
  const response = await fetch(url, { method, headers, body, signal: init.signal, credentials: 'same-origin' });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined)?.error;
    if (response.status === 401 && typeof window !== 'undefined') {
      // The session ended: go to the sign-in page, then come back here.
      window.location.assign(new URL(`/login?callbackUrl=${encodeURIComponent(window.location.pathname)}`, window.location.origin));
    }
    throw new ConsoleApiError(response.status, error?.code ?? 'error', error?.message ?? `Request failed (${response.status}).`, error?.fields);
  }
  return payload as T;
}
