import fs from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';
import { basic, expectedUid } from './support/es-http';
import { attachScreenshot, enableDarkTheme, expectNoAxeViolations, restApi, signIn, type Credentials } from './support/console';

/**
 * The console's Users pages in a real browser: the list (/users) with its profile column, the
 * create form (/users/create: validation, server field errors, keyboard only), the edit page
 * (/users/edit/[username]: details, password reset, danger zone, built-in users), the permission
 * page, and WCAG 2.1 A/AA scans with axe in the light and dark themes. Every change made in the
 * browser is checked through the Elasticsearch-compatible REST API as `elastic`.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-users-ui';
const PASSWORD = 'users-e2e-password';
const ELASTIC: Credentials = { username: 'elastic', password: ELASTIC_PASSWORD };

let server: RunningServer;
/** The Elasticsearch-compatible REST API as `elastic`. */
const api = restApi(() => server.url, basic('elastic', ELASTIC_PASSWORD));

async function putUser(username: string, fields: { roles?: string[]; full_name?: string; email?: string } = {}) {
  await api.ok('PUT', `/_security/user/${encodeURIComponent(username)}`, { password: PASSWORD, roles: ['viewer'], ...fields });
}

function activate(username: string, password: string) {
  return api.request('POST', '/_security/profile/_activate', { grant_type: 'password', username, password });
}

/** The <input> labelled exactly `label` (a section may carry the same name, e.g. "Password"). */
function input(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(label, { exact: true }).and(scope.locator('input'));
}

/** The role picker, checked to be named "Roles". */
async function rolePicker(page: Page): Promise<Locator> {
  const roles = page.getByTestId('userFormRoles');
  await expect(roles).toHaveAccessibleName('Roles');
  return roles;
}

/** The row of `username` in the users table. */
function userRow(page: Page, username: string): Locator {
  return page.getByTestId('userRow').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
}

/** Records the browser's calls to the users BFF (method + path). */
function recordUserRequests(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/console/users')) calls.push(`${request.method()} ${url.pathname}`);
  });
  return calls;
}

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the element never received the focus');
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  await putUser('jacknich', { roles: ['viewer', 'editor'], full_name: 'Jack Nicholson', email: 'jacknich@example.com' });
  await putUser('mstone', { roles: ['editor'], full_name: 'Sharon Stone' });
  await api.ok('PUT', '/_security/role/team_lead', { cluster: ['monitor'], description: 'Reads cluster health for the team.' });
  // May activate profiles, but not manage users (no manage_security).
  await putUser('helpdesk', { roles: ['user_profile_admin'], full_name: 'Help Desk' });
});

test.afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test.describe('users list', () => {
  test('lists users with roles, status and their profile uid once activated through the REST API', async ({ page }, testInfo) => {
    await putUser('ann.lee', { roles: ['viewer'], full_name: 'Ann Lee', email: 'ann@example.com' });
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Create user' })).toHaveAttribute('href', '/users/create');
    const table = page.getByRole('table', { name: 'Users' });
    await expect(table.getByRole('columnheader')).toHaveText(['Username', 'Full name', 'Email address', 'Roles', 'Status', 'Profile']);

    const jack = userRow(page, 'jacknich');
    await expect(jack.getByRole('link', { name: 'jacknich', exact: true })).toHaveAttribute('href', '/users/edit/jacknich');
    await expect(jack).toContainText('Jack Nicholson');
    await expect(jack).toContainText('jacknich@example.com');
    await expect(jack).toContainText('viewer');
    await expect(jack).toContainText('editor');
    await expect(jack.getByText('Enabled')).toBeVisible();
    await expect(jack.getByText('Reserved')).toHaveCount(0);
    const elastic = userRow(page, 'elastic');
    await expect(elastic.getByText('Reserved')).toBeVisible();
    await expect(elastic).toContainText('superuser');

    // No profile yet: "Not activated" and a link to the activate page for this user.
    const ann = userRow(page, 'ann.lee');
    await expect(ann.getByTestId('profileCell')).toContainText('Not activated');
    await expect(ann.getByRole('link', { name: 'Activate profile for ann.lee' })).toHaveAttribute('href', '/profiles/activate?username=ann.lee');
    await expect(ann.getByTestId('profileUidLink')).toHaveCount(0);

    const activated = await activate('ann.lee', PASSWORD);
    expect(activated.status).toBe(200);
    const uid = activated.body.uid as string;
    expect(uid).toBe(expectedUid('ann.lee'));
    await page.reload();
    const uidLink = userRow(page, 'ann.lee').getByRole('link', { name: uid });
    await expect(uidLink).toHaveAttribute('href', `/profiles/${uid}`);
    await expect(uidLink).toHaveClass(/pc-mono/);
    await expect(userRow(page, 'ann.lee').getByTestId('profileCell')).not.toContainText('Not activated');
    await attachScreenshot(page, testInfo, 'users-list');
  });

  test('filters on the client by username, name, email or role, and hides reserved users', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    const rows = page.getByTestId('userRow');
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(5);
    const calls = recordUserRequests(page);

    const search = page.getByRole('searchbox', { name: 'Search users' });
    await search.fill('nicholson');
    await expect(rows).toHaveCount(1);
    await expect(rows.getByRole('rowheader')).toHaveText('jacknich');
    await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of' })).toBeVisible();

    await search.fill('sharon');
    await expect(rows.getByRole('rowheader')).toHaveText(['mstone']);
    await search.fill('superuser');
    await expect(rows.getByRole('rowheader')).toHaveText(['elastic']);
    await search.fill('zzz-nobody');
    await expect(page.getByText('No users match your search.')).toBeVisible();
    await search.fill('');
    await expect(rows).toHaveCount(total);

    await page.getByRole('switch', { name: 'Show reserved users' }).click();
    await expect(rows.getByRole('rowheader', { name: 'elastic', exact: true })).toHaveCount(0);
    await expect(rows.getByRole('rowheader', { name: 'kibana_system', exact: true })).toHaveCount(0);
    await expect(rows).toHaveCount(total - 2);
    // Filtering never went back to the server.
    expect(calls).toEqual([]);
  });

  // "new" and "create" once collided with the create page's URL; edit pages live under /users/edit/.
  for (const username of ['mary jane+1@x', 'ops/ci%20bot', 'new', 'create']) {
    test(`a username with spaces, symbols or a page-like name round-trips through the URL: ${username}`, async ({ page }) => {
      await putUser(username, { full_name: `Full ${username}` });
      await signIn(page, server.url, { path: '/users', ...ELASTIC });
      await page.getByRole('searchbox', { name: 'Search users' }).fill(username);
      await userRow(page, username).getByRole('link', { name: username, exact: true }).click();
      await expect(page).toHaveURL(`${server.url}/users/edit/${encodeURIComponent(username)}`);
      await expect(page.getByRole('heading', { level: 1, name: `Full ${username}` })).toBeVisible();
      await expect(page.getByLabel('Username')).toHaveValue(username);

      // Saving goes to the same user.
      await page.getByLabel('Email address').fill('odd@example.com');
      await page.getByRole('button', { name: 'Update user' }).click();
      await expect(page.getByTestId('userUpdatedToast')).toBeVisible();
      const stored = await api.ok('GET', `/_security/user/${encodeURIComponent(username)}`);
      expect(stored[username].email).toBe('odd@example.com');
    });
  }
});

test.describe('create user', () => {
  test('creates a user from the form, then REST shows it', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    await page.getByRole('link', { name: 'Create user' }).click();
    await expect(page).toHaveURL(/\/users\/create$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Create user' })).toBeVisible();
    const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    await expect(breadcrumbs.getByRole('listitem')).toHaveText(['Security', 'Users', 'Create']);
    await expect(breadcrumbs.getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/users');
    await expect(input(page, 'Password')).toHaveAttribute('autocomplete', 'new-password');
    await expect(input(page, 'Confirm password')).toHaveAttribute('autocomplete', 'new-password');

    await page.getByLabel('Username').fill('rgreen');
    await page.getByLabel('Full name').fill('Rachel Green');
    await page.getByLabel('Email address').fill('rachel@example.com');
    await input(page, 'Password').fill('rachel-password');
    await input(page, 'Confirm password').fill('rachel-password');
    const roles = await rolePicker(page);
    await expect(roles.getByRole('group', { name: 'Built-in' }).getByRole('checkbox', { name: 'viewer' })).toBeVisible();
    await expect(roles.getByRole('group', { name: 'Custom' }).getByRole('checkbox', { name: 'team_lead' })).toBeVisible();
    await roles.getByRole('checkbox', { name: 'viewer' }).check();
    await roles.getByRole('checkbox', { name: 'team_lead' }).check();
    await expect(roles).toContainText('2 roles selected: viewer, team_lead');

    const submit = page.getByRole('button', { name: 'Create user' });
    await submit.click();
    await expect(page).toHaveURL(/\/users\/edit\/rgreen$/);
    await expect(page.getByTestId('userCreatedToast')).toContainText("Created user 'rgreen'");
    await expect(page.getByRole('heading', { level: 1, name: 'Rachel Green' })).toBeVisible();

    const stored = await api.ok('GET', '/_security/user/rgreen');
    expect(stored.rgreen).toMatchObject({ username: 'rgreen', roles: ['viewer', 'team_lead'], full_name: 'Rachel Green', email: 'rachel@example.com', enabled: true });
    // The password was set as typed.
    expect((await activate('rgreen', 'rachel-password')).status).toBe(200);
  });

  test('shows "Creating user…" while the request runs', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/create', ...ELASTIC });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/console/users', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Username').fill('slowpoke');
    await input(page, 'Password').fill('slowpoke-password');
    await input(page, 'Confirm password').fill('slowpoke-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    const busy = page.getByTestId('userFormSubmit');
    await expect(busy).toHaveText('Creating user…');
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    // The passwords stay in the form until the user is created (a server error must not lose them).
    await expect(input(page, 'Password')).toHaveValue('slowpoke-password');
    release();
    await expect(page).toHaveURL(/\/users\/edit\/slowpoke$/);
    expect((await api.request('GET', '/_security/user/slowpoke')).status).toBe(200);
  });

  test('a username that is taken gets a field error from the server', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/create', ...ELASTIC });
    const calls = recordUserRequests(page);
    await page.getByLabel('Username').fill('jacknich');
    await input(page, 'Password').fill('another-password');
    await input(page, 'Confirm password').fill('another-password');
    await page.getByRole('button', { name: 'Create user' }).click();

    const username = page.getByLabel('Username');
    await expect(page.getByText('This username is taken. Choose another one.')).toBeVisible();
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(username).toHaveAccessibleDescription(/This username is taken\. Choose another one\./);
    await expect(username).toBeFocused();
    await expect(page.getByTestId('formErrorCallOut')).toBeVisible();
    await expect(page).toHaveURL(/\/users\/create$/);
    expect(calls).toEqual(['POST /api/console/users']);
    // The passwords are kept after a server error, so that fixing the username is enough.
    await expect(input(page, 'Password')).toHaveValue('another-password');
    await expect(input(page, 'Confirm password')).toHaveValue('another-password');
    // The existing user is untouched.
    expect((await api.ok('GET', '/_security/user/jacknich')).jacknich.full_name).toBe('Jack Nicholson');

    // Editing the field clears the server's error (validation on change after a submit).
    await username.fill('jacknich2');
    await expect(page.getByText('This username is taken. Choose another one.')).toHaveCount(0);
  });

  test('validation errors show without a request, first on submit, then on change', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/create', ...ELASTIC });
    const calls = recordUserRequests(page);
    const username = page.getByLabel('Username');

    // Nothing is validated while the form is being filled in for the first time.
    await username.fill(' x');
    await username.fill('');
    await expect(page.getByText('Username is required.')).toHaveCount(0);

    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText('Username is required.')).toBeVisible();
    await expect(page.getByText('Password must be at least 6 characters.')).toBeVisible();
    await expect(page.getByTestId('formErrorCallOut')).toHaveText('Please address the highlighted errors.');
    await expect(username).toBeFocused();
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(username).toHaveAccessibleDescription(/Username is required\./);

    // After the first submit, every change re-validates.
    await username.fill('bob ');
    await expect(page.getByText('Remove the leading or trailing spaces.')).toBeVisible();
    await username.fill('bob');
    await expect(page.getByText('Remove the leading or trailing spaces.')).toHaveCount(0);
    await expect(username).not.toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Email address').fill('not-an-email');
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await page.getByLabel('Email address').fill('bob@example.com');
    await expect(page.getByText('Enter a valid email address.')).toHaveCount(0);

    await input(page, 'Password').fill('bob-password');
    // The error is gone; the same words stay as the help text.
    await expect(input(page, 'Password')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(input(page, 'Password')).toHaveAccessibleDescription('Password must be at least 6 characters.');
    await input(page, 'Confirm password').fill('bob-passwort');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText('Passwords do not match.')).toBeVisible();
    await expect(input(page, 'Confirm password')).toBeFocused();

    expect(calls).toEqual([]);
    expect((await api.request('GET', '/_security/user/bob')).status).toBe(404);
  });

  test('the whole create flow works with the keyboard only', async ({ page }) => {
    // Sign in: the username field has the focus.
    await page.goto(`${server.url}/login?callbackUrl=${encodeURIComponent('/users')}`);
    await expect(page.getByLabel('Username')).toBeFocused();
    await page.keyboard.type('elastic');
    await page.keyboard.press('Tab');
    await page.keyboard.type(ELASTIC_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/users');

    await tabTo(page, page.getByRole('link', { name: 'Create user' }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/users/create');

    await tabTo(page, page.getByLabel('Username'));
    await page.keyboard.type('kbuser');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Full name')).toBeFocused();
    await page.keyboard.type('Keyboard User');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Email address')).toBeFocused();
    await page.keyboard.type('kb@example.com');
    await page.keyboard.press('Tab');
    await expect(input(page, 'Password')).toBeFocused();
    await page.keyboard.type('kb-password');
    // Past the "Show password" toggle to the confirmation.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Show password' }).first()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(input(page, 'Confirm password')).toBeFocused();
    await page.keyboard.type('kb-password');

    const roles = await rolePicker(page);
    await tabTo(page, roles.getByRole('checkbox', { name: 'editor' }), 6);
    await page.keyboard.press('Space');
    await expect(roles.getByRole('checkbox', { name: 'editor' })).toBeChecked();
    await tabTo(page, roles.getByRole('checkbox', { name: 'viewer' }), 10);
    await page.keyboard.press('Space');
    await expect(roles).toContainText('2 roles selected: editor, viewer');

    await tabTo(page, page.getByRole('button', { name: 'Create user' }), 6);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/users/edit/kbuser');
    await expect(page.getByTestId('userCreatedToast')).toContainText("Created user 'kbuser'");

    const stored = await api.ok('GET', '/_security/user/kbuser');
    expect(stored.kbuser).toMatchObject({ roles: ['editor', 'viewer'], full_name: 'Keyboard User', email: 'kb@example.com' });
    expect((await activate('kbuser', 'kb-password')).status).toBe(200);
  });
});

test.describe('edit user', () => {
  test('edits full name, email and roles; REST shows the change', async ({ page }) => {
    await putUser('monica', { roles: ['viewer'], full_name: 'Monica Geller', email: 'monica@example.com' });
    await signIn(page, server.url, { path: '/users/edit/monica', ...ELASTIC });
    await expect(page.getByRole('heading', { level: 1, name: 'Monica Geller' })).toBeVisible();
    await expect(page.getByLabel('Username')).toHaveValue('monica');
    await expect(page.getByLabel('Username')).toHaveAttribute('readonly', '');
    const update = page.getByRole('button', { name: 'Update user' });
    await expect(update).toBeDisabled();

    await page.getByLabel('Full name').fill('Monica Bing');
    await page.getByLabel('Email address').fill('monica.bing@example.com');
    const roles = await rolePicker(page);
    await roles.getByRole('checkbox', { name: 'viewer' }).uncheck();
    await roles.getByRole('checkbox', { name: 'editor' }).check();
    await roles.getByRole('checkbox', { name: 'team_lead' }).check();
    await expect(update).toBeEnabled();
    await update.click();

    await expect(page.getByTestId('userUpdatedToast')).toContainText("Updated user 'monica'");
    await expect(page.getByRole('heading', { level: 1, name: 'Monica Bing' })).toBeVisible();
    await expect(update).toBeDisabled();
    const stored = await api.ok('GET', '/_security/user/monica');
    expect(stored.monica).toMatchObject({ roles: ['editor', 'team_lead'], full_name: 'Monica Bing', email: 'monica.bing@example.com', enabled: true });
    // The password was kept.
    expect((await activate('monica', PASSWORD)).status).toBe(200);

    // An invalid email is caught before any request.
    const calls = recordUserRequests(page);
    await page.getByLabel('Email address').fill('monica@');
    await update.click();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    expect(calls).toEqual([]);
  });

  test('resets the password; the form clears and the new password activates the profile', async ({ page }) => {
    await putUser('phoebe', { roles: ['viewer'], full_name: 'Phoebe Buffay' });
    await signIn(page, server.url, { path: '/users/edit/phoebe', ...ELASTIC });
    const section = page.getByRole('region', { name: 'Change password' });
    await section.getByRole('button', { name: 'Change password' }).click();
    await expect(section.getByText('Password must be at least 6 characters.')).toBeVisible();

    await input(section, 'New password').fill('smelly-cat-1');
    await input(section, 'Confirm new password').fill('smelly-cat-2');
    await expect(section.getByText('Passwords do not match.')).toBeVisible();
    await input(section, 'Confirm new password').fill('smelly-cat-1');
    await expect(section.getByText('Passwords do not match.')).toHaveCount(0);
    await section.getByRole('button', { name: 'Change password' }).click();

    await expect(page.getByTestId('passwordChangedToast')).toContainText("Changed password of 'phoebe'");
    await expect(input(section, 'New password')).toHaveValue('');
    await expect(input(section, 'Confirm new password')).toHaveValue('');
    await expect(section.getByText('Password must be at least 6 characters.')).toBeVisible(); // help text, not an error
    await expect(input(section, 'New password')).not.toHaveAttribute('aria-invalid', 'true');

    const activated = await activate('phoebe', 'smelly-cat-1');
    expect(activated.status).toBe(200);
    expect(activated.body.user).toMatchObject({ username: 'phoebe', full_name: 'Phoebe Buffay' });
    expect((await activate('phoebe', PASSWORD)).status).toBe(401);
  });

  test('changing your own password needs the current one, checked by the server', async ({ page }) => {
    await putUser('monica', { roles: ['superuser'], full_name: 'Monica Geller' });
    await signIn(page, server.url, { path: '/users/edit/monica', username: 'monica', password: PASSWORD });
    const section = page.getByRole('region', { name: 'Change password' });
    await expect(section.getByText('Change the password you sign in with.')).toBeVisible();
    const current = input(section, 'Current password');
    await expect(current).toHaveAttribute('autocomplete', 'current-password');

    await input(section, 'New password').fill('clean-freak-1');
    await input(section, 'Confirm new password').fill('clean-freak-1');
    await section.getByRole('button', { name: 'Change password' }).click();
    await expect(section.getByText('Enter your current password.')).toBeVisible();

    await current.fill('not-my-password');
    await input(section, 'New password').fill('clean-freak-1');
    await input(section, 'Confirm new password').fill('clean-freak-1');
    await section.getByRole('button', { name: 'Change password' }).click();
    await expect(section.getByText('The current password is not correct.')).toBeVisible();
    expect((await activate('monica', PASSWORD)).status).toBe(200);

    await current.fill(PASSWORD);
    await input(section, 'New password').fill('clean-freak-1');
    await input(section, 'Confirm new password').fill('clean-freak-1');
    await section.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByTestId('passwordChangedToast')).toContainText("Changed password of 'monica'");
    expect((await activate('monica', 'clean-freak-1')).status).toBe(200);
  });

  test('another user\'s password needs no current password; kibana_system warns about kibana.yml', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/edit/kibana_system', ...ELASTIC });
    const section = page.getByRole('region', { name: 'Change password' });
    await expect(input(section, 'New password')).toBeVisible();
    await expect(section.getByLabel('Current password')).toHaveCount(0);
    await expect(section.getByTestId('servicePasswordNote')).toContainText('update elasticsearch.password in kibana.yml');
  });

  test('deletes a user after confirming, back to the list; REST answers 404', async ({ page }) => {
    await putUser('gunther', { roles: ['viewer'], full_name: 'Gunther' });
    await signIn(page, server.url, { path: '/users/edit/gunther', ...ELASTIC });
    const zone = page.getByTestId('dangerZone');
    await expect(zone.getByRole('term')).toHaveText('Delete user');

    // Cancel keeps the user; the focus returns to the button.
    const remove = zone.getByRole('button', { name: 'Delete user' });
    await remove.click();
    let dialog = page.getByRole('dialog', { name: "Delete user 'gunther'?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(remove).toBeFocused();
    expect((await api.request('GET', '/_security/user/gunther')).status).toBe(200);

    await remove.click();
    dialog = page.getByRole('dialog', { name: "Delete user 'gunther'?" });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/console/users/gunther', async (route) => {
      await held;
      await route.continue();
    });
    await dialog.getByRole('button', { name: 'Delete user' }).click();
    await expect(dialog.getByRole('button', { name: 'Deleting user…' })).toBeVisible();
    release();

    await page.waitForURL((url) => url.pathname === '/users');
    await expect(page.getByTestId('userDeletedToast')).toContainText("Deleted user 'gunther'");
    await expect(userRow(page, 'gunther')).toHaveCount(0);
    expect((await api.request('GET', '/_security/user/gunther')).status).toBe(404);
  });

  test('shows the profile uid, or a link to activate the profile', async ({ page }) => {
    await putUser('chandler', { roles: ['viewer'] });
    await signIn(page, server.url, { path: '/users/edit/chandler', ...ELASTIC });
    const section = page.getByTestId('userProfileSection');
    await expect(section).toContainText('Not activated');
    await expect(section.getByRole('link', { name: 'Activate profile' })).toHaveAttribute('href', '/profiles/activate?username=chandler');

    const uid = (await activate('chandler', PASSWORD)).body.uid as string;
    await page.reload();
    await expect(section.getByRole('link', { name: uid })).toHaveAttribute('href', `/profiles/${uid}`);
    await expect(section.getByRole('link', { name: 'Activate profile' })).toHaveCount(0);
  });

  test('built-in users are read-only, except for their password', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/edit/kibana_system', ...ELASTIC });
    await expect(page.getByText("This user is built in and can't be updated or deleted.")).toBeVisible();
    await expect(page.getByRole('button', { name: 'Update user' })).toHaveCount(0);
    await expect(page.getByLabel('Full name')).toHaveCount(0);
    await expect(page.getByTestId('userProfileGroup')).toContainText('kibana_system');
    await expect(page.getByTestId('dangerZone').getByRole('button', { name: 'Delete user' })).toBeDisabled();

    const section = page.getByRole('region', { name: 'Change password' });
    await input(section, 'New password').fill('kibana-system-pw');
    await input(section, 'Confirm new password').fill('kibana-system-pw');
    await section.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByTestId('passwordChangedToast')).toBeVisible();
    const me = await restApi(server.url, basic('kibana_system', 'kibana-system-pw')).request('GET', '/_security/_authenticate');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('kibana_system');
  });

  test('an unknown user is a 404 page', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    const response = await page.goto(`${server.url}/users/edit/nobody-here`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
    // Inside the console chrome: one main landmark.
    await expect(page.getByRole('main')).toHaveCount(1);
    await page.getByRole('link', { name: 'Back to users' }).click();
    await page.waitForURL((url) => url.pathname === '/users');
  });
});

test.describe('permissions', () => {
  test('a user without manage_security sees the permission page', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', username: 'helpdesk', password: PASSWORD });
    const prompt = page.getByTestId('permissionPrompt');
    await expect(prompt.getByRole('heading', { level: 1, name: 'You need permission to manage users' })).toBeVisible();
    await expect(prompt).toContainText('manage_security');
    await expect(page.getByRole('table')).toHaveCount(0);
    // The navigation lists only what this admin may open, as Kibana's does.
    await expect(page.getByTestId('navActivate')).toHaveCount(1);
    await expect(page.getByTestId('navUsers')).toHaveCount(0);
    for (const path of ['/users/create', '/users/edit/jacknich']) {
      await page.goto(`${server.url}${path}`);
      await expect(page.getByRole('heading', { level: 1, name: 'You need permission to manage users' })).toBeVisible();
      await expect(page.getByRole('textbox')).toHaveCount(0);
    }
  });
});

test.describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`no WCAG 2.1 A/AA violations on the users pages (${theme})`, async ({ page }, testInfo) => {
      if (theme === 'dark') await enableDarkTheme(page);
      await signIn(page, server.url, { path: '/users', ...ELASTIC });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByTestId('userRow').first()).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `users-${theme}`);
      await attachScreenshot(page, testInfo, `users-${theme}`);

      await page.goto(`${server.url}/users/create`);
      await expect(page.getByRole('heading', { level: 1, name: 'Create user' })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `users-new-${theme}`);
      await page.getByLabel('Email address').fill('nope');
      await page.getByRole('button', { name: 'Create user' }).click();
      await expect(page.getByText('Username is required.')).toBeVisible();
      await expect(page.getByText('Enter a valid email address.')).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `users-new-errors-${theme}`);
      await attachScreenshot(page, testInfo, `users-new-errors-${theme}`);

      await page.goto(`${server.url}/users/edit/jacknich`);
      await expect(page.getByRole('heading', { level: 1, name: 'Jack Nicholson' })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `users-edit-${theme}`);
      await attachScreenshot(page, testInfo, `users-edit-${theme}`);
      await page.getByTestId('dangerZone').getByRole('button', { name: 'Delete user' }).click();
      await expect(page.getByRole('dialog', { name: "Delete user 'jacknich'?" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `users-delete-modal-${theme}`);
      await page.keyboard.press('Escape');

      await page.goto(`${server.url}/users/edit/elastic`);
      await expect(page.getByText("This user is built in and can't be updated or deleted.")).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `users-reserved-${theme}`);
      await attachScreenshot(page, testInfo, `users-reserved-${theme}`);
    });
  }
});
