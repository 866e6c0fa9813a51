import { describe, expect, it, vi } from 'vitest';

// 'server-only' refuses to load outside a React server bundle; this test is server code too.
vi.mock('server-only', () => ({}));

const { applyRefresh } = await import('./auth-options');

describe('applyRefresh', () => {
  const token = { username: 'elastic', accessToken: 'old-access', refreshToken: 'old-refresh', issuedAt: 0, expiresAt: 1 };

  it('keeps both tokens when the backend could not be reached, even if the access token has expired', () => {
    expect(applyRefresh(token as never, { kind: 'unavailable' })).toEqual(token);
  });

  it('ends the session only when the refresh token is refused', () => {
    expect(applyRefresh(token as never, { kind: 'rejected' })).toMatchObject({ accessToken: '', refreshToken: '', error: 'RefreshFailed' });
  });

  it('stores a refreshed pair', () => {
    const refreshed = applyRefresh(token as never, { kind: 'refreshed', accessToken: 'a2', refreshToken: 'r2', issuedAt: 5, expiresAt: 9 } as never);
    expect(refreshed).toMatchObject({ accessToken: 'a2', refreshToken: 'r2', issuedAt: 5, expiresAt: 9, error: undefined });
  });
});
