import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { basic } from './support/es-http';
import { startServer, type RunningServer } from './support/server';
import { restApi, signIn, submitSignInForm, type Credentials, type RestApi } from './support/console';

/**
 * The console session outliving its access token, in a real browser: with TOKEN_TIMEOUT=3s the
 * admin's access token expires within seconds, and the console renews it with the refresh token
 * without the admin noticing (a save, an API call, a reload of the sign-in page). Only when the
 * tokens cannot be renewed (invalidated through the API) is the admin sent to sign in again,
 * told that the session expired, and brought back to the page afterwards. Also: a console call
 * that cannot reach the server says so in words, not with the browser's "Failed to fetch".
 */

const ELASTIC_PASSWORD = 'e2e-elastic-session';
const PASSWORD = 'session-e2e-password';
const TOKEN_TIMEOUT_MS = 3_000;
/** Longer than an access token lives. */
const PAST_EXPIRY_MS = TOKEN_TIMEOUT_MS + 1_500;

let server: RunningServer;
const api: RestApi = restApi(() => server.url, basic('elastic', ELASTIC_PASSWORD));
let uid: string;

/** A superuser of its own per test, so that invalidating one admin's tokens touches no other test. */
async function admin(username: string): Promise<Credentials> {
  await api.ok('PUT', `/_security/user/${username}`, { password: PASSWORD, roles: ['superuser'] });
  return { username, password: PASSWORD };
}

/** Waits until the access token of the session has expired (and the refresh could have run a few times). */
async function outliveAccessToken(page: Page) {
  await page.waitForTimeout(PAST_EXPIRY_MS);
}

/** Starts the console with `env` for the tests of the enclosing describe, with a user who has a profile. */
function useServer(env: Record<string, string>) {
  test.beforeAll(async () => {
    server = await startServer({ env: { ELASTIC_PASSWORD, ...env } });
    await api.ok('PUT', '/_security/user/sessionuser', { password: PASSWORD, roles: ['viewer'], full_name: 'Session User' });
    const profile = await api.ok('POST', '/_security/profile/_activate', { grant_type: 'password', username: 'sessionuser', password: PASSWORD });
    uid = profile.uid as string;
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });
}

test.describe('access tokens that live 3 seconds', () => {
  useServer({ TOKEN_TIMEOUT: `${TOKEN_TIMEOUT_MS / 1000}s` });

  test('saving profile data after the access token expired renews the session silently and saves', async ({ page }) => {
    const credentials = await admin('saver');
    await signIn(page, server.url, { path: `/profiles/${uid}`, ...credentials });
    const data = page.getByLabel('Data', { exact: true });
    await data.fill('{"app1": {"theme": "dark"}}');
    await outliveAccessToken(page);

    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await expect(page.getByText("Saved the labels and data of 'sessionuser'")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(`/profiles/${uid}`);
    const stored = await api.ok('GET', `/_security/profile/${uid}?data=*`);
    expect(stored.profiles[0].data).toEqual({ app1: { theme: 'dark' } });

    // The editor shows the saved data (the page reloads it on the server, on the renewed session).
    await expect(page.getByTestId('unsavedChanges')).toBeHidden();
    await expect(data).toHaveValue(JSON.stringify({ app1: { theme: 'dark' } }, null, 2));

    // And again, well past the lifetime of the renewed token.
    await data.fill('{"app1": {"theme": "light"}}');
    await expect(page.getByTestId('unsavedChanges')).toBeVisible();
    await outliveAccessToken(page);
    await page.getByRole('button', { name: 'Save labels and data' }).click();
    // (The first save's toast may still show: the editor and the store tell this one.)
    await expect(page.getByTestId('unsavedChanges')).toBeHidden();
    await expect(data).toHaveValue(JSON.stringify({ app1: { theme: 'light' } }, null, 2));
    expect((await api.ok('GET', `/_security/profile/${uid}?data=*`)).profiles[0].data).toEqual({ app1: { theme: 'light' } });
    expect(new URL(page.url()).pathname).toBe(`/profiles/${uid}`);
  });

  test('a console API call on an expired access token is answered, and the renewed tokens are kept in the session', async ({ page, context }) => {
    const credentials = await admin('caller');
    await signIn(page, server.url, { path: '/users', ...credentials });
    // No page polls the session from here on: only the API call itself can renew the tokens.
    await page.close();
    const sessionCookie = async () => (await context.cookies(server.url)).find((c) => c.name === 'next-auth.session-token')?.value;
    const before = await sessionCookie();
    expect(before).toBeTruthy();

    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve, PAST_EXPIRY_MS));
      const response = await context.request.get(`${server.url}/api/console/users`);
      expect(response.status(), await response.text()).toBe(200);
      const users = ((await response.json()) as { users: Array<{ username: string }> }).users.map((u) => u.username);
      expect(users).toContain('sessionuser');
    }
    expect(await sessionCookie()).not.toBe(before);
  });

  test('after the access token expired, the sign-in page renews the session and returns to the console', async ({ context }) => {
    const credentials = await admin('returner');
    const first = await context.newPage();
    await signIn(first, server.url, { path: '/users', ...credentials });
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, PAST_EXPIRY_MS));

    const page = await context.newPage();
    await page.goto(`${server.url}/login?callbackUrl=${encodeURIComponent('/users')}`);
    await expect(page).toHaveURL(`${server.url}/users`);
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  });

  test('when the tokens expired and cannot be renewed, the next action leads to the sign-in page saying so', async ({ page }) => {
    const credentials = await admin('lapsed');
    await signIn(page, server.url, { path: '/profiles', ...credentials });
    await api.ok('DELETE', '/_security/oauth2/token', { username: credentials.username });
    await outliveAccessToken(page);

    await page.getByRole('searchbox', { name: 'Search profiles' }).pressSequentially('session', { delay: 30 });
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toMatch(/^\/profiles/);
    await expect(page.getByTestId('sessionExpired')).toHaveText('Your session has expired. Sign in again.');
  });
});

test.describe('access tokens of the default lifetime (20 minutes)', () => {
  useServer({});

  test('when the tokens cannot be renewed, the sign-in page says the session expired and leads back to the page', async ({ page }) => {
    const credentials = await admin('revoked');
    await signIn(page, server.url, { path: `/profiles/${uid}`, ...credentials });
    await page.getByLabel('Data', { exact: true }).fill('{"app1": {"theme": "blue"}}');
    // Signed out elsewhere: every token of the admin, access and refresh, is invalidated.
    const invalidated = await api.ok('DELETE', '/_security/oauth2/token', { username: credentials.username });
    expect(invalidated.invalidated_tokens).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    const url = new URL(page.url());
    expect(url.searchParams.get('callbackUrl')).toBe(`/profiles/${uid}`);
    await expect(page.getByTestId('sessionExpired')).toHaveText('Your session has expired. Sign in again.');
    // A reload still says so, and does not pretend to be signed in.
    await page.reload();
    await expect(page.getByTestId('sessionExpired')).toHaveText('Your session has expired. Sign in again.');

    await submitSignInForm(page, credentials);
    await page.waitForURL((u) => u.pathname === `/profiles/${uid}`);
    await expect(page.getByLabel('Data', { exact: true })).toBeVisible();
  });

  test('a console call that cannot reach the server says so in words', async ({ page }) => {
    const credentials = await admin('offline');
    await signIn(page, server.url, { path: '/profiles', ...credentials });
    await page.route('**/api/console/profiles?**', (route) => route.abort('internetdisconnected'));

    await page.getByRole('searchbox', { name: 'Search profiles' }).pressSequentially('session', { delay: 30 });
    const error = page.getByTestId('profilesError');
    await expect(error).toContainText('Could not load profiles');
    await expect(error).toContainText("Can't reach the server. Check your connection and try again.");
    await expect(error).not.toContainText('Failed to fetch');
    expect(new URL(page.url()).pathname).toBe('/profiles');
  });
});
