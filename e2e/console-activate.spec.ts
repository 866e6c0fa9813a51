import { test, expect, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';
import { basic, esClient, expectedUid } from './support/es-http';
import { attachScreenshot, enableDarkTheme, expectNoAxeViolations, signIn, submitSignInForm, type Credentials } from './support/console';

/**
 * The console in a real browser: sign-in, the activate page with both grant types, errors,
 * permissions, sign-out, CSRF protection, keyboard use, accessibility and screenshots.
 */

const ELASTIC_PASSWORD = 'elastic-console-test';
const ELASTIC: Credentials = { username: 'elastic', password: ELASTIC_PASSWORD };
const JACK = { username: 'jacknich', password: 'jack-s3cret-pw', fullName: 'Jack Nicholson', email: 'jack@example.com' };
const VIEWER = { username: 'vera', password: 'vera-s3cret-pw' };

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  const es = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
  await es.security.putUser({ username: JACK.username, password: JACK.password, roles: ['viewer'], full_name: JACK.fullName, email: JACK.email });
  await es.security.putRole({ name: 'monitor_only', cluster: ['monitor'] });
  await es.security.putUser({ username: VIEWER.username, password: VIEWER.password, roles: ['monitor_only'] });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Opens the activate page signed out, follows the redirect to the sign-in form and signs in as `user`. */
async function signInToActivate(page: Page, user: Credentials = ELASTIC) {
  await signIn(page, server.url, { path: '/profiles/activate', ...user, viaRedirect: true });
}

function countRequests(page: Page, fragment: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.url().includes(fragment)) count++;
  });
  return () => count;
}

test('signing in with a wrong password shows a clear message and reveals nothing else', async ({ page }) => {
  await page.goto(server.url + '/profiles/activate');
  await submitSignInForm(page, { username: 'elastic', password: 'not-the-password' });
  await expect(page.getByTestId('signInError')).toHaveText(/Username or password is incorrect/);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Username')).toHaveValue('elastic');
  await expect(page).toHaveURL(/\/login/);
});

test('password grant: the profile JSON shows the username and realm, with a link to the profile', async ({ page }) => {
  await signInToActivate(page);
  await page.getByTestId('username').fill(JACK.username);
  await page.getByTestId('password').fill(JACK.password);
  await page.getByTestId('activateSubmit').click();
  const result = page.getByTestId('activationResult');
  await expect(result.getByTestId('responseStatus')).toHaveText('200 OK');
  await expect(result.getByTestId('responseTook')).toHaveText(/^\d+ ms$/);
  const body = JSON.parse((await result.getByTestId('responseBody').locator('pre').innerText()).trim());
  expect(body.uid).toBe(expectedUid(JACK.username));
  expect(body.user).toMatchObject({ username: JACK.username, realm_name: 'default_native', full_name: JACK.fullName, email: JACK.email });
  // The password does not stay in the form.
  await expect(page.getByTestId('password')).toHaveValue('');
  await expect(page.getByTestId('viewProfile')).toHaveAttribute('href', `/profiles/${body.uid}`);
  // cURL with placeholders, never the secret.
  await page.getByText('Request as cURL').click();
  const curl = await page.getByTestId('curlCommand').innerText();
  expect(curl).toContain('"username":"jacknich"');
  expect(curl).toContain('<password>');
  expect(curl).not.toContain(JACK.password);
  // "Copy as cURL" puts exactly that command on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.getByTestId('copyAsCurl').click();
  await expect(page.getByText('Copied the request as cURL')).toBeVisible();
  const lines = (text: string) => text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
  expect(lines(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(lines(curl));
});

test('while the request is in flight the response panel shows it is in progress, then the result', async ({ page }) => {
  await signInToActivate(page);
  // Hold the request until the in-progress state has been checked.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/console/activate', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId('username').fill(JACK.username);
  await page.getByTestId('password').fill(JACK.password);
  await page.getByTestId('activateSubmit').click();

  const panel = page.getByRole('region', { name: 'Result' });
  await expect(panel).toHaveAttribute('aria-busy', 'true');
  await expect(panel.getByRole('status')).toHaveText(`Activating the profile of '${JACK.username}'…`);
  await expect(panel.getByTestId('requestInProgress')).toHaveText('Request in progress');
  await expect(panel.getByText('Submit the form to see')).toHaveCount(0);
  await expect(page.getByTestId('activateSubmit')).toHaveText('Activating…');
  await expect(page.getByTestId('activateSubmit')).toHaveAttribute('aria-busy', 'true');
  await expectNoAxeViolations(page);

  release();
  await expect(panel.getByTestId('responseStatus')).toHaveText('200 OK');
  await expect(panel).not.toHaveAttribute('aria-busy');
  await expect(panel.getByTestId('requestInProgress')).toHaveCount(0);
  await expect(page.getByTestId('activateSubmit')).toHaveText('Activate profile');
});

test('at 1280 px the response JSON wraps long lines instead of scrolling sideways; the whole uid shows', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInToActivate(page);
  await page.getByTestId('username').fill(JACK.username);
  await page.getByTestId('password').fill(JACK.password);
  await page.getByTestId('activateSubmit').click();
  const pre = page.getByTestId('responseBody').locator('pre');
  const uid = expectedUid(JACK.username);
  await expect(pre.getByText(uid)).toBeVisible();
  const { scrollWidth, clientWidth } = await pre.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  // Wrapped rows keep the line's indentation: none starts left of the "uid" key.
  const keyLeft = (await pre.getByText('"uid"', { exact: true }).boundingBox())!.x;
  const rowLefts = await pre.getByText(uid).evaluate((el) => [...el.getClientRects()].map((r) => r.left));
  for (const left of rowLefts) expect(left).toBeGreaterThanOrEqual(keyLeft - 0.5);
  // Wrapping changes only the layout: the text is still exactly the JSON.
  expect(JSON.parse(await pre.innerText()).uid).toBe(uid);
});

test('access token grant with a token-service token shows the token user\'s profile', async ({ page }) => {
  const es = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
  const token = await es.security.getToken({ grant_type: 'password', username: JACK.username, password: JACK.password });
  await signInToActivate(page);
  await page.getByTestId('grantAccessToken').click();
  await page.getByTestId('accessToken').fill(token.access_token);
  await page.getByTestId('activateSubmit').click();
  const result = page.getByTestId('activationResult');
  await expect(result.getByTestId('responseStatus')).toHaveText('200 OK');
  const body = JSON.parse(await result.getByTestId('responseBody').locator('pre').innerText());
  expect(body.user.username).toBe(JACK.username);
  expect(body.user.realm_name).toBe('default_native');
  await expect(page.getByTestId('accessToken')).toHaveValue('');
});

test('a wrong user password shows the 401 callout and keeps the username', async ({ page }) => {
  await signInToActivate(page);
  await page.getByTestId('username').fill(JACK.username);
  await page.getByTestId('password').fill('wrong-password');
  await page.getByTestId('activateSubmit').click();
  await expect(page.getByTestId('responseStatus')).toHaveText('401 Unauthorized');
  const callout = page.getByTestId('activationError');
  await expect(callout).toContainText('security_exception');
  await expect(callout).toContainText(
    'unable to authenticate user [jacknich] for action [cluster:admin/xpack/security/profile/activate]',
  );
  await expect(page.getByTestId('username')).toHaveValue(JACK.username);
  await expect(page.getByTestId('password')).toHaveValue('');
  await expectNoAxeViolations(page);
});

test('empty fields show field errors without sending a request, then clear as the user types', async ({ page }) => {
  await signInToActivate(page);
  const requests = countRequests(page, '/api/console/activate');
  await page.getByTestId('activateSubmit').click();
  await expect(page.getByText('Username is required.')).toBeVisible();
  await expect(page.getByText('Password is required.')).toBeVisible();
  await expect(page.getByTestId('username')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('grantAccessToken').click();
  await page.getByTestId('activateSubmit').click();
  await expect(page.getByText('Access token is required.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByTestId('accessToken').fill('x');
  await expect(page.getByText('Access token is required.')).toBeHidden();
  expect(requests()).toBe(0);
});

test('a new attempt or another grant type clears the previous response', async ({ page }) => {
  await signInToActivate(page);
  const requests = countRequests(page, '/api/console/activate');
  const result = page.getByTestId('activationResult');
  const placeholder = page.getByText('Submit the form to see the profile Elasticsearch returns.');
  const fail = async () => {
    await page.getByTestId('username').fill('nobody');
    await page.getByTestId('password').fill('whatever');
    await page.getByTestId('activateSubmit').click();
    await expect(page.getByTestId('responseStatus')).toHaveText('401 Unauthorized');
  };
  await fail();
  // An attempt stopped by validation: the old 401 is gone, only the field error shows.
  await page.getByTestId('username').fill('x'.repeat(5000));
  await page.getByTestId('password').fill('whatever');
  await page.getByTestId('activateSubmit').click();
  await expect(page.getByText('Username is too long.')).toBeVisible();
  await expect(result).toHaveCount(0);
  await expect(placeholder).toBeVisible();
  // The cURL describes the form again, not the request that got the 401.
  expect(await page.getByTestId('curlCommand').textContent()).not.toContain('"username":"nobody"');
  expect(requests()).toBe(1);
  // Another grant type: the password grant's response does not belong to it.
  await fail();
  await page.getByTestId('grantAccessToken').click();
  await expect(result).toHaveCount(0);
  await expect(placeholder).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the whole activate flow works with the keyboard alone', async ({ page }) => {
  await signInToActivate(page);
  await page.getByTestId('username').focus();
  await page.keyboard.type(JACK.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(JACK.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('responseStatus')).toHaveText('200 OK');
  // Switching the grant type from the keyboard: focus the radio group and use the arrow keys.
  await page.getByTestId('grantPassword').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('accessToken')).toBeVisible();
});

test('a user without any console privilege sees the "no access" page, accessible in light and dark mode', async ({ browser }) => {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext();
    if (theme === 'dark') await enableDarkTheme(context);
    const page = await context.newPage();
    await signInToActivate(page, VIEWER);
    // monitor_only opens no section of the console: one "no access" page, not the activate page's prompt.
    await expect(page.getByTestId('noAccessPrompt')).toContainText("You don't have access");
    await expect(page.getByTestId('noAccessPrompt')).toContainText('manage_user_profile');
    await expect(page.getByTestId('activateForm')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expectNoAxeViolations(page);
    await context.close();
  }
});

test('the activate page is accessible in light and dark mode, with a result shown; screenshots', async ({ browser }, testInfo) => {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    if (theme === 'dark') await enableDarkTheme(context);
    const page = await context.newPage();
    await signInToActivate(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expectNoAxeViolations(page, testInfo, `activate-${theme}`);
    await page.getByTestId('username').fill(JACK.username);
    await page.getByTestId('password').fill(JACK.password);
    await page.getByTestId('activateSubmit').click();
    await expect(page.getByTestId('responseStatus')).toHaveText('200 OK');
    await expectNoAxeViolations(page, testInfo, `activate-result-${theme}`);
    await attachScreenshot(page, testInfo, `activate-${theme}`);
    await context.close();
  }
});

test('the sign-in page is accessible in light and dark mode', async ({ browser }, testInfo) => {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext();
    if (theme === 'dark') await enableDarkTheme(context);
    const page = await context.newPage();
    await page.goto(server.url + '/login');
    await expectNoAxeViolations(page, testInfo, `login-${theme}`);
    await context.close();
  }
});

test('sign-out returns to sign-in, and the old session no longer works', async ({ page, context }) => {
  await signInToActivate(page);
  const oldCookies = await context.cookies();
  await page.getByRole('button', { name: /elastic/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);

  // Replaying the old session cookie: its tokens were invalidated at sign-out.
  await context.clearCookies();
  await context.addCookies(oldCookies);
  const response = await page.request.post(server.url + '/api/console/activate', {
    headers: { 'content-type': 'application/json', 'x-console-request': '1', origin: server.url },
    data: { grantType: 'password', username: JACK.username, password: JACK.password },
  });
  expect(response.status()).toBe(401);
  await page.goto(server.url + '/profiles/activate');
  await expect(page).toHaveURL(/\/login/);
});

test('CSRF: the BFF refuses cross-origin posts, posts without the header, and non-JSON bodies', async ({ page }) => {
  await signInToActivate(page);
  const url = server.url + '/api/console/activate';
  const body = { grantType: 'password', username: JACK.username, password: JACK.password };
  const crossOrigin = await page.request.post(url, {
    headers: { 'content-type': 'application/json', 'x-console-request': '1', origin: 'http://evil.example' },
    data: body,
  });
  expect(crossOrigin.status()).toBe(403);
  expect((await crossOrigin.json()).error.code).toBe('csrf');
  const noHeader = await page.request.post(url, { headers: { 'content-type': 'application/json', origin: server.url }, data: body });
  expect(noHeader.status()).toBe(403);
  const form = await page.request.post(url, {
    headers: { 'x-console-request': '1', origin: server.url },
    form: { grantType: 'password', username: JACK.username, password: JACK.password },
  });
  expect(form.status()).toBe(415);
  // And the same request done right is accepted.
  const ok = await page.request.post(url, { headers: { 'content-type': 'application/json', 'x-console-request': '1', origin: server.url }, data: body });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).status).toBe(200);
});

test('BFF routes refuse requests without a session', async ({ request }) => {
  const response = await request.post(server.url + '/api/console/activate', {
    headers: { 'content-type': 'application/json', 'x-console-request': '1', origin: server.url },
    data: { grantType: 'password', username: JACK.username, password: JACK.password },
  });
  expect(response.status()).toBe(401);
  const list = await request.get(server.url + '/api/console/users');
  expect(list.status()).toBe(401);
  // The Elasticsearch API is unaffected by console sessions.
  const es = await request.get(server.url + '/_security/_authenticate', { headers: { authorization: basic('elastic', ELASTIC_PASSWORD) } });
  expect(es.status()).toBe(200);
});

test.describe('token refresh', () => {
  let shortServer: RunningServer;
  test.beforeAll(async () => {
    // Access tokens shorter than the 5-minute refresh margin: every session check refreshes them.
    shortServer = await startServer({ env: { ELASTIC_PASSWORD, TOKEN_TIMEOUT: '4m' } });
    await esClient(shortServer.url, 'elastic', ELASTIC_PASSWORD).security.putUser({ username: JACK.username, password: JACK.password, roles: ['viewer'] });
  });
  test.afterAll(async () => {
    await shortServer?.stop();
  });

  test('the session endpoint refreshes the tokens and the console keeps working', async ({ page, context }) => {
    // Straight to the form, without a callbackUrl: the console's own landing page is the activate page.
    await page.goto(shortServer.url + '/login');
    await submitSignInForm(page, ELASTIC);
    await page.waitForURL(shortServer.url + '/profiles/activate');
    const before = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'))?.value;
    const session = await page.request.get(shortServer.url + '/api/auth/session');
    expect((await session.json()).user.username).toBe('elastic');
    const after = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'))?.value;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The session JSON the browser sees never carries the tokens.
    expect(JSON.stringify(await session.json())).not.toMatch(/accessToken|refreshToken|access_token/);
    await page.reload();
    await page.getByTestId('username').fill(JACK.username);
    await page.getByTestId('password').fill(JACK.password);
    await page.getByTestId('activateSubmit').click();
    await expect(page.getByTestId('responseStatus')).toHaveText('200 OK');
  });
});

test('?username= prefills the activate form (the Users pages link here)', async ({ page }) => {
  await signInToActivate(page);
  await page.goto(server.url + '/profiles/activate?username=jacknich');
  await expect(page.getByTestId('username')).toHaveValue('jacknich');
  await expect(page.getByTestId('password')).toHaveValue('');
});

test('the grant type group is named by its legend and described by its help text', async ({ page }) => {
  await signInToActivate(page);
  const group = page.getByRole('radiogroup', { name: 'Grant type' });
  await expect(group).toBeVisible();
  await expect(group).toHaveAccessibleDescription('How the user proves who they are.');
});

test('every page links the app icon as SVG and as /favicon.ico, and both are served', async ({ page }) => {
  for (const path of ['/login', '/no-such-page']) {
    await page.goto(server.url + path);
    const svgLink = page.locator('head link[rel="icon"][type="image/svg+xml"]');
    await expect(svgLink).toHaveCount(1);
    const href = await svgLink.getAttribute('href');
    expect(href).toMatch(/^\/icon\.svg(\?|$)/);
    const icon = await page.request.get(server.url + href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain('<svg');
    // Browsers and tools that ask for /favicon.ico on their own get the same mark, not a 404.
    await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  }
  const favicon = await page.request.get(server.url + '/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const bytes = await favicon.body();
  // An ICO directory (reserved 0, type 1) holding the 16, 32 and 48 px images.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 3]);
});

test('an unknown console page answers 404 with the console\'s own page, accessible in both modes', async ({ browser }, testInfo) => {
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext();
    if (theme === 'dark') await enableDarkTheme(context);
    const page = await context.newPage();
    const response = await page.goto(server.url + '/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(page, testInfo, `not-found-${theme}`);
    await context.close();
  }
});
