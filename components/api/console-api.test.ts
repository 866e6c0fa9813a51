import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleApiError, consoleFetch, NETWORK_ERROR_MESSAGE } from './console-api';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function failure(promise: Promise<unknown>): Promise<ConsoleApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsoleApiError);
  return error as ConsoleApiError;
}

/** A browser window at `path` whose navigations are recorded. */
function stubWindow(path = '/profiles/u_1?tab=data') {
  const assign = vi.fn();
  const url = new URL(path, 'http://console.test');
  vi.stubGlobal('window', { location: { origin: url.origin, pathname: url.pathname, search: url.search, assign } });
  return assign;
}

describe('consoleFetch', () => {
  it('says in words that the server cannot be reached, instead of the browser\u2019s "Failed to fetch"', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await failure(consoleFetch('/api/console/profiles'));
    expect(error.message).toBe("Can't reach the server. Check your connection and try again.");
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
    expect(error.code).toBe('network');
    expect(error.status).toBe(0);

    // What the server says stays as it is; an abort stays an abort.
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(400, { error: { code: 'invalid_input', message: 'Check the highlighted fields.', fields: { data: 'Not JSON' } } })));
    const refused = await failure(consoleFetch('/api/console/profiles/u_1/data', { method: 'POST', json: {} }));
    expect(refused).toMatchObject({ status: 400, code: 'invalid_input', message: 'Check the highlighted fields.', fields: { data: 'Not JSON' } });
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new DOMException('The operation was aborted.', 'AbortError')));
    await expect(consoleFetch('/api/console/profiles', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('renews the session once on a 401 and repeats the call, without leaving the page', async () => {
    const assign = stubWindow();
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'Your session has ended. Sign in again.' } }))
      .mockResolvedValueOnce(json(200, { renewed: true }))
      .mockResolvedValueOnce(json(200, { saved: true }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(consoleFetch('/api/console/profiles/u_1/data', { method: 'POST', json: { data: {} } })).resolves.toEqual({ saved: true });
    expect(fetchMock.mock.calls.map(([url, init]) => `${(init as RequestInit).method} ${url}`)).toEqual([
      'POST /api/console/profiles/u_1/data',
      'POST /api/auth/refresh',
      'POST /api/console/profiles/u_1/data',
    ]);
    expect(assign).not.toHaveBeenCalled();
  });

  it('sends the admin to sign in, saying the session expired and where to return, when it cannot be renewed', async () => {
    const assign = stubWindow();
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json(401, { error: { code: 'session_expired', message: 'Your session has expired. Sign in again.' } })));
    const error = await failure(consoleFetch('/api/console/users'));
    expect(error.status).toBe(401);
    expect(assign).toHaveBeenCalledTimes(1);
    const target = new URL(String(assign.mock.calls[0][0]));
    expect(target.pathname).toBe('/login');
    expect(target.searchParams.get('msg')).toBe('SESSION_EXPIRED');
    expect(target.searchParams.get('callbackUrl')).toBe('/profiles/u_1?tab=data');
  });

  it('stays on the page when the session could not be renewed because the backend is away', async () => {
    const assign = stubWindow();
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'Your session has ended. Sign in again.' } }))
        .mockResolvedValueOnce(json(503, { error: { code: 'backend_unavailable', message: 'Could not renew your session: the backend did not answer. Try again.' } })),
    );
    const error = await failure(consoleFetch('/api/console/users'));
    expect(error).toMatchObject({ status: 503, code: 'backend_unavailable' });
    expect(assign).not.toHaveBeenCalled();
  });
});
