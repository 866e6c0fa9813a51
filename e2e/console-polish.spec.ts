import fs from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';
import { basic } from './support/es-http';
import { restApi, signIn, submitSignInForm, type Credentials } from './support/console';

/**
 * Fixes from a new admin's trial of the console, in a real browser: the create-user form after a
 * server error, avatar initials in page headings, toasts as one live region, the sign-in error
 * banner on a new attempt, long usernames in the profile finder, the edit-user page's title and
 * bare /users/edit, no profile activation for kibana_system, and the page for users with no
 * console privileges at all.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-polish';
const PASSWORD = 'polish-e2e-password';
const ELASTIC: Credentials = { username: 'elastic', password: ELASTIC_PASSWORD };
const LONG_USERNAME = `long.${'x'.repeat(66)}.name`; // 76 characters

let server: RunningServer;
const api = restApi(() => server.url, basic('elastic', ELASTIC_PASSWORD));

async function putUser(username: string, fields: { roles?: string[]; full_name?: string; email?: string } = {}) {
  await api.ok('PUT', `/_security/user/${encodeURIComponent(username)}`, { password: PASSWORD, roles: ['viewer'], ...fields });
}

async function activate(username: string): Promise<string> {
  const profile = await api.ok('POST', '/_security/profile/_activate', { grant_type: 'password', username, password: PASSWORD });
  return profile.uid as string;
}

/** The <input> labelled exactly `label`. */
function input(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(label, { exact: true }).and(scope.locator('input'));
}

/** How many live regions (aria-live, or an implicitly live role) the element is in, itself included. */
function liveRegionDepth(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    let count = 0;
    for (let node: Element | null = el; node; node = node.parentElement) {
      const live = node.getAttribute('aria-live');
      const role = node.getAttribute('role');
      if ((live && live !== 'off') || (role && ['status', 'alert', 'log', 'marquee', 'timer'].includes(role))) count += 1;
    }
    return count;
  });
}

test.beforeAll(async () => {
  expect(LONG_USERNAME).toHaveLength(76);
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  await putUser('jacknich', { roles: ['viewer', 'editor'], full_name: 'Jack Nicholson', email: 'jacknich@example.com' });
  await putUser('taken.name', { full_name: 'Already Here' });
  await putUser('onlyviewer', { roles: ['viewer'] });
  await putUser(LONG_USERNAME, { full_name: 'Long Name', email: 'long@example.com' });
});

test.afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test('create user: a server error keeps the passwords, and fixing the field clears the error callout', async ({ page }) => {
  await signIn(page, server.url, { path: '/users/create', ...ELASTIC });
  await input(page, 'Username').fill('taken.name');
  await input(page, 'Password').fill('secret-pass');
  await input(page, 'Confirm password').fill('secret-pass');
  await page.getByRole('button', { name: 'Create user' }).click();

  await expect(page.getByText('This username is taken. Choose another one.')).toBeVisible();
  await expect(page.getByTestId('formErrorCallOut')).toBeVisible();
  // Nothing was said about the passwords: they are still there.
  await expect(input(page, 'Password')).toHaveValue('secret-pass');
  await expect(input(page, 'Confirm password')).toHaveValue('secret-pass');

  await input(page, 'Username').fill('fresh.name');
  await expect(page.getByText('This username is taken. Choose another one.')).toHaveCount(0);
  await expect(page.getByTestId('formErrorCallOut')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.waitForURL((url) => url.pathname === '/users/edit/fresh.name');
  const created = await api.ok('GET', '/_security/user/fresh.name');
  expect(created['fresh.name']).toMatchObject({ username: 'fresh.name' });
  const auth = await fetch(`${server.url}/_security/_authenticate`, { headers: { authorization: basic('fresh.name', 'secret-pass') } });
  expect(auth.status).toBe(200);
});

test('page headings with an avatar are named by the name alone', async ({ page }) => {
  const uid = await activate('jacknich');
  await signIn(page, server.url, { path: `/profiles/${uid}`, ...ELASTIC });
  await expect(page.getByRole('heading', { level: 1 })).toHaveAccessibleName('jacknich');
  await page.goto(`${server.url}/users/edit/jacknich`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAccessibleName('Jack Nicholson');
  // The initials are still drawn.
  await expect(page.getByRole('heading', { level: 1 }).locator('.pc-avatar')).toHaveText('JN');
});

test('a toast is inside exactly one live region', async ({ page }) => {
  await putUser('toasted', { full_name: 'Toast User' });
  await signIn(page, server.url, { path: '/users/edit/toasted', ...ELASTIC });
  await input(page, 'Full name').fill('Toast User Two');
  await page.getByRole('button', { name: 'Update user' }).click();
  const toast = page.getByTestId('userUpdatedToast');
  await expect(toast).toBeVisible();
  expect(await liveRegionDepth(toast)).toBe(1);
});

test('sign-in: a new attempt clears the "incorrect" banner', async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await submitSignInForm(page, { username: 'elastic', password: 'wrong-password' });
  const banner = page.getByTestId('signInError');
  await expect(banner).toContainText('Username or password is incorrect');
  await page.getByLabel('Username').fill('');
  await page.getByLabel('Password', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Username is required', { exact: false })).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('find profiles: a 76-character username is cut with an ellipsis and keeps the columns in view', async ({ browser }) => {
  await activate(LONG_USERNAME);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url, { path: `/profiles?q=${encodeURIComponent('long')}`, ...ELASTIC });
  const link = page.getByTestId('profileLink').filter({ hasText: LONG_USERNAME });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('title', LONG_USERNAME);
  await expect(link).toHaveAccessibleName(LONG_USERNAME);
  const cut = await link.evaluate((el) => {
    const box = el.closest('.pc-table__truncate') as HTMLElement | null;
    return box ? box.scrollWidth > box.clientWidth && getComputedStyle(box).textOverflow === 'ellipsis' : false;
  });
  expect(cut).toBe(true);
  const wrap = page.getByTestId('profilesTable');
  const fits = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, cols: [...el.querySelectorAll('th[scope=col]')].map((th) => Math.round(th.getBoundingClientRect().width)), over: [...el.querySelectorAll('*')].filter((n) => n.getBoundingClientRect().right > el.getBoundingClientRect().right + 1).map((n) => n.tagName + '.' + n.className + ':' + (n.textContent ?? '').slice(0, 30)).slice(0, 8) }));
  expect(fits.scroll, JSON.stringify(fits)).toBeLessThanOrEqual(fits.client);
  const last = page.getByRole('columnheader', { name: 'Last synchronized' });
  const box = await last.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
  await context.close();
});

test('edit user: an unknown user is named in the tab title, and /users/edit opens Create user', async ({ page }) => {
  await signIn(page, server.url, { path: '/users', ...ELASTIC });
  await page.goto(`${server.url}/users/edit/nobody`);
  await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
  await expect(page).toHaveTitle(/^User not found/);
  await page.goto(`${server.url}/users/edit/jacknich`);
  await expect(page).toHaveTitle(/^Edit user jacknich/);

  await page.goto(`${server.url}/users/edit`);
  await expect(page).toHaveURL(`${server.url}/users/create`);
  await expect(page.getByRole('heading', { level: 1, name: 'Create user' })).toBeVisible();
});

test('users list: no profile activation for kibana_system', async ({ page }) => {
  await signIn(page, server.url, { path: '/users', ...ELASTIC });
  const row = (username: string) =>
    page.getByTestId('userRow').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
  await expect(row('kibana_system')).toBeVisible();
  await expect(row('kibana_system').getByTestId('activateLink')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Activate profile for kibana_system' })).toHaveCount(0);
  await expect(row('taken.name').getByRole('link', { name: 'Activate profile for taken.name' })).toBeVisible();

  await page.goto(`${server.url}/users/edit/kibana_system`);
  await expect(page.getByTestId('userProfileSection')).toBeVisible();
  await expect(page.getByTestId('activateProfileLink')).toHaveCount(0);
});

test('a user with no console privileges sees one "no access" page, without side nav or breadcrumbs', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await submitSignInForm(page, { username: 'onlyviewer', password: PASSWORD });
  await page.waitForURL((url) => url.pathname === '/profiles/activate');
  for (const path of ['/profiles/activate', '/profiles', '/users', '/users/create']) {
    if (path !== '/profiles/activate') await page.goto(`${server.url}${path}`);
    const prompt = page.getByTestId('noAccessPrompt');
    await expect(prompt.getByRole('heading', { level: 1 })).toHaveText("You don't have access");
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByTestId('permissionPrompt')).toHaveCount(0);
    await expect(page.getByTestId('sideNav')).toHaveCount(0);
    await expect(page.getByTestId('navToggle')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toHaveCount(0);
    // The content starts at the left edge: no empty 320 px column.
    const main = await page.getByRole('main').boundingBox();
    expect(main!.x).toBeLessThan(50);
  }
  // Signing out still works.
  await page.getByTestId('userMenuButton').click();
  await expect(page.getByTestId('signOutButton')).toBeVisible();
  await context.close();
});
