import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { basic, type Json } from './support/es-http';
import { startServer, type RunningServer } from './support/server';
import { attachScreenshot, enableDarkTheme, expectNoAxeViolations, restApi, signIn, type Credentials, type RestApi } from './support/console';

/**
 * The console's profile pages in a real browser: the finder (/profiles) and the profile page
 * (/profiles/[uid]): search as you type, enable/disable behind a confirm modal, labels and data
 * editing with Elasticsearch's merge semantics, the permission page, and WCAG 2.1 A/AA scans
 * with axe in the light and dark themes. Users and profiles are set up through the
 * Elasticsearch-compatible REST API as `elastic`; the browser signs in through /login.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-profiles-ui';
const PASSWORD = 'console-e2e-password';
const ELASTIC: Credentials = { username: 'elastic', password: ELASTIC_PASSWORD };

const USERS = {
  jacknich: { full_name: 'Jack Nicholson', email: 'jacknich@example.com', roles: ['viewer', 'editor'] },
  jackie: { full_name: 'Jackie Chan', email: 'jackie@example.com', roles: ['viewer'] },
  mstone: { full_name: 'Sharon Stone', email: 'sharon@example.com', roles: ['editor'] },
} as const;
type ProfileUser = keyof typeof USERS;

async function createUser(api: RestApi, username: ProfileUser) {
  await api.ok('PUT', `/_security/user/${username}`, { password: PASSWORD, ...USERS[username] });
}

async function activate(api: RestApi, username: string): Promise<string> {
  const profile = await api.ok('POST', '/_security/profile/_activate', { grant_type: 'password', username, password: PASSWORD });
  return profile.uid as string;
}

async function getProfile(api: RestApi, uid: string, data = ''): Promise<Json> {
  const body = await api.ok('GET', `/_security/profile/${uid}${data ? `?data=${data}` : ''}`);
  expect(body.profiles).toHaveLength(1);
  return body.profiles[0];
}

test.describe('an empty profile store', () => {
  let server: RunningServer;

  test.beforeAll(async () => {
    server = await startServer({ env: { ELASTIC_PASSWORD } });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test('the finder says there are no profiles yet and offers to activate one', async ({ page }) => {
    await signIn(page, server.url, { path: '/profiles', ...ELASTIC });
    const empty = page.getByTestId('profilesEmpty');
    await expect(empty.getByRole('heading', { name: 'No profiles yet' })).toBeVisible();
    await expect(page.getByTestId('profilesCount')).toHaveText('0 profiles');
    await empty.getByRole('link', { name: 'Activate a profile' }).click();
    await expect(page).toHaveURL(/\/profiles\/activate$/);
  });
});

test.describe('profile pages', () => {
  let server: RunningServer;
  let api: RestApi;
  const uids = {} as Record<ProfileUser, string>;

  test.beforeAll(async () => {
    server = await startServer({ env: { ELASTIC_PASSWORD } });
    api = restApi(server.url, basic('elastic', ELASTIC_PASSWORD));
    for (const username of Object.keys(USERS) as ProfileUser[]) {
      await createUser(api, username);
      uids[username] = await activate(api, username);
    }
    // A user who may sign in but not manage profiles.
    await api.ok('PUT', '/_security/role/monitor_only', { cluster: ['monitor'] });
    await api.ok('PUT', '/_security/user/watcher', { password: PASSWORD, roles: ['monitor_only'], full_name: 'Wanda Watcher' });
  });

  test.afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test('finds profiles as you type (debounced) and opens one', async ({ page }) => {
    await signIn(page, server.url, { path: '/profiles', ...ELASTIC });
    await expect(page.getByRole('heading', { level: 1, name: 'Find profiles' })).toBeVisible();
    await expect(page.getByText(/Disabled profiles are not listed; find them from Users\./)).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Users', exact: true })).toHaveAttribute('href', '/users');
    await expect(page.getByRole('link', { name: 'Activate profile' })).toHaveAttribute('href', '/profiles/activate');
    await expect(page.getByTestId('profilesCount')).toHaveText('3 profiles');
    await expect(page.getByTestId('profileRow')).toHaveCount(3);
    // Best matches first; the sortable headers reorder the rows.
    await page.getByRole('button', { name: 'Username' }).click();
    await expect(page.getByRole('columnheader', { name: 'Username' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByTestId('profileRow').getByRole('rowheader')).toHaveText(['jackie', 'jacknich', 'mstone']);
    await page.getByRole('button', { name: 'Username' }).click();
    await expect(page.getByTestId('profileRow').getByRole('rowheader')).toHaveText(['mstone', 'jacknich', 'jackie']);

    const searches: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/console/profiles') searches.push(url.searchParams.get('name') ?? '');
    });
    const search = page.getByRole('searchbox', { name: 'Search profiles' });
    await search.pressSequentially('jack', { delay: 30 });
    await expect(page.getByTestId('profilesCount')).toHaveText('2 profiles');
    await expect(page.getByTestId('profileRow')).toHaveCount(2);
    // One request for the pause after typing, not one per keystroke.
    expect(searches).toEqual(['jack']);
    await expect(page).toHaveURL(/\?q=jack$/);

    await search.pressSequentially('n', { delay: 30 });
    await expect(page.getByTestId('profilesCount')).toHaveText('1 profile');
    const row = page.getByTestId('profileRow');
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('rowheader')).toHaveText('jacknich');
    await expect(row).toContainText('Jack Nicholson');
    await expect(row).toContainText('jacknich@example.com');
    await expect(row).toContainText('viewer');
    await expect(row).toContainText('editor');
    await expect(row).toContainText('default_native');
    await expect(row).toContainText('Enabled');
    // Last synchronized: relative text, exact time in the tooltip.
    const synced = row.locator('time');
    await expect(synced).toHaveText(/just now|minute/);
    await expect(synced).toHaveAttribute('title', /\d{4}/);

    await search.fill('zzz');
    await expect(page.getByTestId('profilesNoMatch').getByRole('heading')).toHaveText('No profiles match “zzz”');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(page.getByTestId('profileRow')).toHaveCount(3);

    await search.fill('nicholson');
    await expect(page.getByTestId('profileRow')).toHaveCount(1);
    await page.getByRole('link', { name: 'jacknich' }).click();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.jacknich}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'jacknich', exact: true })).toBeVisible();
    await expect(page.getByTestId('profileUid')).toHaveText(uids.jacknich);
    await expect(page.getByTestId('profileStatus')).toHaveText('Enabled');
    const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    await expect(breadcrumbs.getByRole('link', { name: 'Find profiles' })).toHaveAttribute('href', '/profiles');

    // Back returns to the same search.
    await page.goBack();
    await expect(page.getByRole('searchbox', { name: 'Search profiles' })).toHaveValue('nicholson');
    await expect(page.getByTestId('profileRow')).toHaveCount(1);
  });

  test('the profile page summarises the profile and shows its JSON with data', async ({ page }) => {
    await api.ok('POST', `/_security/profile/${uids.jackie}/_data`, { labels: { team: 'stunts' }, data: { app1: { theme: 'dark' } } });
    await signIn(page, server.url, { path: `/profiles/${uids.jackie}`, ...ELASTIC });
    const stored = await getProfile(api, uids.jackie, '*');

    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary.getByTestId('summaryUsername')).toHaveText('jackie');
    await expect(summary).toContainText('Jackie Chan');
    await expect(summary).toContainText('jackie@example.com');
    await expect(summary).toContainText('default_native');
    await expect(summary.getByTestId('summaryStatus')).toHaveText('Enabled');
    await expect(summary.getByTestId('summaryDoc')).toHaveText(`_seq_no ${stored._doc._seq_no} · _primary_term ${stored._doc._primary_term}`);

    const json = page.getByTestId('profileJson');
    await expect(json).toContainText('"uid": "' + uids.jackie + '"');
    await expect(json).toContainText('"theme": "dark"');
    await expect(json.getByRole('button', { name: /copy/i })).toBeVisible();
    await expect(page.getByLabel('Labels', { exact: true })).toHaveValue(JSON.stringify({ team: 'stunts' }, null, 2));
    await expect(page.getByLabel('Data', { exact: true })).toHaveValue(JSON.stringify({ app1: { theme: 'dark' } }, null, 2));
  });

  test('disable then enable a profile, each behind a confirm modal', async ({ page }) => {
    const uid = uids.mstone;
    await signIn(page, server.url, { path: `/profiles/${uid}`, ...ELASTIC });
    // Slow the BFF call down a little, so the busy state can be seen.
    await page.route('**/api/console/profiles/*/enabled', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });

    // Cancel leaves everything as it was.
    await page.getByRole('button', { name: 'Disable profile' }).click();
    let dialog = page.getByRole('dialog', { name: "Disable the profile of 'mstone'?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await getProfile(api, uid)).enabled).toBe(true);

    await page.getByRole('button', { name: 'Disable profile' }).click();
    dialog = page.getByRole('dialog', { name: "Disable the profile of 'mstone'?" });
    await dialog.getByRole('button', { name: 'Disable profile' }).click();
    await expect(dialog.getByRole('button', { name: 'Disabling…' })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Disabled the profile of 'mstone'")).toBeVisible();
    await expect(page.getByTestId('profileStatus')).toHaveText('Disabled');
    await expect(page.getByTestId('disabledCallOut')).toBeVisible();
    expect((await getProfile(api, uid)).enabled).toBe(false);

    // Suggest leaves disabled profiles out, so the finder does too.
    await page.goto(`${server.url}/profiles?q=mstone`);
    await expect(page.getByTestId('profilesNoMatch')).toBeVisible();
    await page.goBack();

    await page.getByRole('button', { name: 'Enable profile' }).click();
    dialog = page.getByRole('dialog', { name: "Enable the profile of 'mstone'?" });
    await dialog.getByRole('button', { name: 'Enable profile' }).click();
    await expect(dialog.getByRole('button', { name: 'Enabling…' })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Enabled the profile of 'mstone'")).toBeVisible();
    await expect(page.getByTestId('profileStatus')).toHaveText('Enabled');
    await expect(page.getByTestId('disabledCallOut')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Disable profile' })).toBeVisible();
    expect((await getProfile(api, uid)).enabled).toBe(true);
  });

  test('edit labels and data: saved with Elasticsearch merge semantics', async ({ page }) => {
    const uid = uids.jacknich;
    await api.ok('POST', `/_security/profile/${uid}/_data`, { labels: { team: 'ops' }, data: { app1: { theme: 'dark', lang: 'en' } } });
    await signIn(page, server.url, { path: `/profiles/${uid}`, ...ELASTIC });

    const labels = page.getByLabel('Labels', { exact: true });
    const data = page.getByLabel('Data', { exact: true });
    await expect(labels).toHaveValue(JSON.stringify({ team: 'ops' }, null, 2));
    await expect(page.getByRole('button', { name: 'Save labels and data' })).toBeDisabled();

    await labels.fill('{"region": "emea"}');
    await data.fill('{"app1": {"theme": "light", "lang": null}, "app2": {"pinned": [1, 2]}}');
    await expect(page.getByTestId('unsavedChanges')).toBeVisible();
    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await expect(page.getByText("Saved the labels and data of 'jacknich'")).toBeVisible();

    const stored = await getProfile(api, uid, '*');
    expect(stored.labels).toEqual({ team: 'ops', region: 'emea' });
    expect(stored.data).toEqual({ app1: { theme: 'light', lang: null }, app2: { pinned: [1, 2] } });
    // The editors now show the merged profile.
    await expect(labels).toHaveValue(JSON.stringify({ team: 'ops', region: 'emea' }, null, 2));
    await expect(data).toHaveValue(JSON.stringify(stored.data, null, 2));
    await expect(page.getByTestId('profileJson')).toContainText('"region": "emea"');
    await expect(page.getByTestId('unsavedChanges')).toBeHidden();
  });

  test('invalid labels or data show a field error and send nothing', async ({ page }) => {
    const uid = uids.jackie;
    await signIn(page, server.url, { path: `/profiles/${uid}`, ...ELASTIC });
    const before = await getProfile(api, uid, '*');
    const writes: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/api/console/profiles/')) writes.push(request.url());
    });

    const labels = page.getByLabel('Labels', { exact: true });
    const data = page.getByLabel('Data', { exact: true });
    await labels.fill('{"team": "stunts",}');
    await data.fill('["not", "an", "object"]');
    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await expect(labels).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/^Labels is not valid JSON/)).toBeVisible();
    await expect(page.getByText('Data must be a JSON object.')).toBeVisible();
    // The error is the field's description, so screen readers read it with the field.
    const describedBy = (await labels.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(' ')).toContain('Labels is not valid JSON');

    // After a submit, errors follow every change.
    await data.fill('{"_internal": {}}');
    await expect(page.getByText('Key "_internal" must not start with an underscore.')).toBeVisible();
    await expect(page.getByText('Data must be a JSON object.')).toBeHidden();
    await labels.fill('{"team": "stunts"}');
    await expect(labels).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await expect(page.getByText('Key "_internal" must not start with an underscore.')).toBeVisible();

    expect(writes).toEqual([]);
    expect(await getProfile(api, uid, '*')).toEqual(before);

    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(data).toHaveValue(JSON.stringify(before.data, null, 2));
  });

  test('an unknown uid shows "Profile not found" inside the console', async ({ page }) => {
    await signIn(page, server.url, { path: '/profiles/u_does_not_exist_0', ...ELASTIC });
    expect((await page.reload())?.status()).toBe(404);
    const prompt = page.getByTestId('profileNotFound');
    await expect(prompt.getByRole('heading', { level: 1, name: 'Profile not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toBeVisible();
    await prompt.getByRole('link', { name: 'Find profiles' }).click();
    await expect(page).toHaveURL(/\/profiles$/);
  });

  test('without any console privilege both pages show the "no access" page', async ({ page }) => {
    await signIn(page, server.url, { path: '/profiles', username: 'watcher', password: PASSWORD });
    const prompt = page.getByTestId('noAccessPrompt');
    await expect(prompt.getByRole('heading', { level: 1 })).toHaveText("You don't have access");
    await expect(prompt).toContainText('manage_user_profile');
    await expect(page.getByRole('searchbox', { name: 'Search profiles' })).toHaveCount(0);
    // No section of the navigation is open to this user, so none is listed.
    for (const link of ['navActivate', 'navProfiles', 'navUsers']) await expect(page.getByTestId(link)).toHaveCount(0);

    await page.goto(`${server.url}/profiles/${uids.jacknich}`);
    await expect(page.getByTestId('noAccessPrompt').getByRole('heading', { level: 1 })).toHaveText("You don't have access");
    await expect(page.getByText('Jack Nicholson')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Disable profile' })).toHaveCount(0);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`accessibility (${theme}): finder and profile page have no WCAG 2.1 A/AA violations`, async ({ page }, testInfo) => {
      if (theme === 'dark') await enableDarkTheme(page);
      await page.setViewportSize({ width: 1366, height: 900 });
      await signIn(page, server.url, { path: '/profiles', ...ELASTIC });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByTestId('profileRow')).toHaveCount(3);
      await expect(page.getByTestId('profileRow').first().locator('time')).toHaveAttribute('title', /\d/);
      await expectNoAxeViolations(page, testInfo, `profiles-${theme}`);
      await attachScreenshot(page, testInfo, `profiles-${theme}`);

      await page.getByRole('searchbox', { name: 'Search profiles' }).fill('qqq');
      await expect(page.getByTestId('profilesNoMatch')).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `profiles-no-match-${theme}`);

      await page.goto(`${server.url}/profiles/${uids.jackie}`);
      await expect(page.getByRole('heading', { level: 1, name: 'jackie', exact: true })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Summary' }).locator('time')).toHaveAttribute('title', /\d/);
      await expectNoAxeViolations(page, testInfo, `profile-${theme}`);
      await attachScreenshot(page, testInfo, `profile-${theme}`);

      // With field errors shown and with the confirm modal open.
      await page.getByLabel('Labels', { exact: true }).fill('{oops');
      await page.getByRole('button', { name: 'Save labels and data' }).click();
      await expect(page.getByText(/^Labels is not valid JSON/)).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `profile-errors-${theme}`);
      await page.getByRole('button', { name: 'Disable profile' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `profile-modal-${theme}`);
      await attachScreenshot(page, testInfo, `profile-modal-${theme}`);
    });
  }
});

test.describe('a profile whose user was deleted', () => {
  let server: RunningServer;
  let api: RestApi;
  let goneUid: string;
  let keptUid: string;

  test.beforeAll(async () => {
    server = await startServer({ env: { ELASTIC_PASSWORD } });
    api = restApi(server.url, basic('elastic', ELASTIC_PASSWORD));
    await createUser(api, 'jackie');
    keptUid = await activate(api, 'jackie');
    await createUser(api, 'mstone');
    goneUid = await activate(api, 'mstone');
    // Elasticsearch keeps the profile when its user is deleted.
    await api.ok('DELETE', '/_security/user/mstone');
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  test('says the user was deleted and the profile can no longer be activated; a normal profile does not', async ({ page }, testInfo) => {
    await signIn(page, server.url, { path: `/profiles/${goneUid}`, ...ELASTIC });
    await expect(page.getByRole('heading', { level: 1, name: 'mstone', exact: true })).toBeVisible();
    await expect(page.getByTestId('userDeletedBadge')).toHaveText('User deleted');
    const notice = page.getByTestId('userDeletedCallOut');
    await expect(notice).toContainText('The user of this profile was deleted');
    await expect(notice).toContainText("User 'mstone' no longer exists");
    await expect(notice).toContainText('can no longer be activated');
    // The profile itself is still shown.
    await expect(page.getByTestId('profileJson')).toContainText(goneUid);
    await expectNoAxeViolations(page, testInfo, 'profile-user-deleted');

    await page.goto(`${server.url}/profiles/${keptUid}`);
    await expect(page.getByRole('heading', { level: 1, name: 'jackie', exact: true })).toBeVisible();
    await expect(page.getByTestId('profileJson')).toContainText(keptUid);
    await expect(page.getByTestId('userDeletedCallOut')).toHaveCount(0);
    await expect(page.getByTestId('userDeletedBadge')).toHaveCount(0);
  });

  test('at 1280 px the profile JSON wraps long lines instead of scrolling sideways; the whole uid shows', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, server.url, { path: `/profiles/${keptUid}`, ...ELASTIC });
    const pre = page.getByTestId('profileJson').locator('pre');
    await expect(pre.getByText(keptUid)).toBeVisible();
    const { scrollWidth, clientWidth } = await pre.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // The uid in the header can be copied on its own.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByRole('button', { name: 'Copy uid' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(keptUid);
  });
});
