import fs from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';
import { basic } from './support/es-http';
import { attachScreenshot, enableDarkTheme, expectNoAxeViolations, restApi, signIn, type Credentials } from './support/console';

/**
 * Deactivating and activating users on the edit page, and the Roles section (/roles, /roles/[name])
 * in a real browser: list with reserved and custom roles, client-side filter, read-only detail
 * with the role JSON, deleting custom roles, the permission page, and WCAG 2.1 A/AA scans with axe
 * in the light and dark themes. Every change is checked through the REST API as `elastic`.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-roles-ui';
const PASSWORD = 'roles-e2e-password';
const ELASTIC: Credentials = { username: 'elastic', password: ELASTIC_PASSWORD };

let server: RunningServer;
/** The Elasticsearch-compatible REST API as `elastic`. */
const api = restApi(() => server.url, basic('elastic', ELASTIC_PASSWORD));

async function putUser(username: string, roles: string[] = ['viewer']) {
  await api.ok('PUT', `/_security/user/${encodeURIComponent(username)}`, { password: PASSWORD, roles });
}

function activateProfile(username: string) {
  return api.request('POST', '/_security/profile/_activate', { grant_type: 'password', username, password: PASSWORD });
}

const TEAM_LEAD = {
  description: 'Reads cluster health and the team logs.',
  cluster: ['monitor', 'manage_own_api_key'],
  indices: [
    { names: ['logs-team-*', 'metrics-team-*'], privileges: ['read', 'view_index_metadata'], field_security: { grant: ['*'], except: ['secret'] } },
    { names: ['audit-*'], privileges: ['read'], query: '{"term":{"team":"a"}}' },
  ],
  applications: [{ application: 'kibana-.kibana', privileges: ['feature_discover.read'], resources: ['*'] }],
  run_as: ['support_bot'],
  metadata: { owner: 'platform-team' },
};

function roleRow(page: Page, name: string): Locator {
  return page.getByTestId('roleRow').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** Sends a console mutation as the browser would (JSON, anti-CSRF header, same origin), with the page's session. */
function bff(page: Page, method: 'PUT' | 'DELETE', path: string, data: unknown) {
  return page.request.fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-console-request': '1', origin: server.url },
    data: JSON.stringify(data),
  });
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  await api.ok('PUT', '/_security/role/team_lead', TEAM_LEAD);
  await api.ok('PUT', '/_security/role/sales_reader', { cluster: [], indices: [{ names: ['sales'], privileges: ['read'] }] });
  await putUser('dana', ['viewer']);
  // May activate profiles, but not manage users or roles (no manage_security).
  await putUser('helpdesk', ['user_profile_admin']);
});

test.afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test.describe('deactivate and activate users', () => {
  test('deactivates a user after confirming, then activates them again; the REST API agrees', async ({ page }, testInfo) => {
    expect((await activateProfile('dana')).status).toBe(200);
    await signIn(page, server.url, { path: '/users/edit/dana', ...ELASTIC });
    const zone = page.getByTestId('userStatusZone');
    await expect(zone.getByRole('term')).toHaveText('Deactivate user');
    await expect(page.getByTestId('disabledUserCallOut')).toHaveCount(0);

    // Cancel keeps the user enabled; the focus returns to the button.
    const deactivate = zone.getByRole('button', { name: 'Deactivate user' });
    await deactivate.click();
    let dialog = page.getByRole('dialog', { name: "Deactivate user 'dana'?" });
    await expect(dialog).toContainText('They can no longer sign in.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(deactivate).toBeFocused();
    expect((await api.ok('GET', '/_security/user/dana')).dana.enabled).toBe(true);

    await deactivate.click();
    dialog = page.getByRole('dialog', { name: "Deactivate user 'dana'?" });
    await dialog.getByRole('button', { name: 'Deactivate user' }).click();
    await expect(page.getByTestId('userStatusToast')).toContainText("Deactivated user 'dana'");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('disabledUserCallOut')).toContainText('This user is deactivated.');
    await expect(zone.getByRole('term')).toHaveText('Activate user');
    expect((await api.ok('GET', '/_security/user/dana')).dana.enabled).toBe(false);
    // A deactivated user's password no longer works, so their profile cannot be activated with it.
    expect((await activateProfile('dana')).status).toBe(401);
    await attachScreenshot(page, testInfo, 'user-deactivated');

    // The users list shows the new status.
    await page.goto(`${server.url}/users`);
    const row = page.getByTestId('userRow').filter({ has: page.getByRole('rowheader', { name: 'dana', exact: true }) });
    await expect(row.getByText('Disabled')).toBeVisible();

    await page.goto(`${server.url}/users/edit/dana`);
    await zone.getByRole('button', { name: 'Activate user' }).click();
    await expect(page.getByTestId('userStatusToast').filter({ hasText: "Activated user 'dana'" })).toBeVisible();
    await expect(page.getByTestId('disabledUserCallOut')).toHaveCount(0);
    await expect(zone.getByRole('button', { name: 'Deactivate user' })).toBeVisible();
    expect((await api.ok('GET', '/_security/user/dana')).dana.enabled).toBe(true);
    expect((await activateProfile('dana')).status).toBe(200);

    await page.goto(`${server.url}/users`);
    await expect(row.getByText('Enabled')).toBeVisible();
  });

  test('is not offered for your own account, and the BFF refuses it', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/edit/elastic', ...ELASTIC });
    await expect(page.getByText("This user is built in and can't be updated or deleted.")).toBeVisible();
    await expect(page.getByTestId('dangerZone')).toBeVisible();
    await expect(page.getByTestId('userStatusZone')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Deactivate user' })).toHaveCount(0);

    const refused = await bff(page, 'PUT', '/api/console/users/elastic/enabled', { enabled: false });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.message).toBe("You can't deactivate your own account.");
    expect((await api.ok('GET', '/_security/user/elastic')).elastic.enabled).toBe(true);

    // Built-in users other than your own may be deactivated, as in Kibana.
    await page.goto(`${server.url}/users/edit/kibana_system`);
    await expect(page.getByTestId('userStatusZone').getByRole('button', { name: 'Deactivate user' })).toBeVisible();
    // Unknown users and malformed bodies are refused.
    expect((await bff(page, 'PUT', '/api/console/users/nobody-here/enabled', { enabled: false })).status()).toBe(404);
    expect((await bff(page, 'PUT', '/api/console/users/dana/enabled', { enabled: 'no' })).status()).toBe(400);
  });
});

test.describe('roles list', () => {
  test('lists reserved and custom roles with cluster privileges and index pattern counts', async ({ page }, testInfo) => {
    await signIn(page, server.url, { path: '/roles', ...ELASTIC });
    await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Primary' });
    await expect(nav.getByRole('link', { name: 'Roles', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('listitem')).toHaveText(['Security', 'Roles']);
    await expect(page.getByTestId('roleApiCallOut')).toContainText('Create and edit roles with the role API');
    await expect(page.getByTestId('roleApiSnippet')).toContainText('PUT /_security/role/logs_reader');

    const table = page.getByRole('table', { name: 'Roles' });
    await expect(table.getByRole('columnheader')).toHaveText(['Role', 'Description', 'Cluster privileges', 'Index patterns', 'Status']);
    const lead = roleRow(page, 'team_lead');
    await expect(lead.getByRole('link', { name: 'team_lead', exact: true })).toHaveAttribute('href', '/roles/team_lead');
    await expect(lead).toContainText('Reads cluster health and the team logs.');
    await expect(lead.getByText('monitor', { exact: true })).toBeVisible();
    await expect(lead.getByText('manage_own_api_key', { exact: true })).toBeVisible();
    await expect(lead.getByTestId('indexPatternCount')).toHaveText('3');
    await expect(lead.getByText('Reserved')).toHaveCount(0);
    await expect(lead.getByText('Custom')).toBeVisible();

    const superuser = roleRow(page, 'superuser');
    await expect(superuser.getByText('Reserved')).toBeVisible();
    await expect(superuser.getByText('all', { exact: true })).toBeVisible();
    await expect(roleRow(page, 'viewer').getByText('Reserved')).toBeVisible();
    await attachScreenshot(page, testInfo, 'roles-list');
  });

  test('filters on the client by name or privilege, and hides reserved roles', async ({ page }) => {
    await signIn(page, server.url, { path: '/roles', ...ELASTIC });
    const rows = page.getByTestId('roleRow');
    await expect(rows.first()).toBeVisible();
    const calls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/console/roles')) calls.push(request.url());
    });

    const search = page.getByRole('searchbox', { name: 'Search roles' });
    await search.fill('team');
    await expect(rows.getByRole('rowheader')).toHaveText(['team_lead']);
    await expect(page.getByRole('status').filter({ hasText: /Showing 1 of \d+ roles/ })).toBeVisible();
    await search.fill('manage_own_api_key');
    await expect(rows.getByRole('rowheader', { name: 'team_lead', exact: true })).toHaveCount(1);
    await search.fill('zzz-nothing');
    await expect(page.getByText('No roles match your search.')).toBeVisible();
    await search.fill('');

    await page.getByRole('switch', { name: 'Show reserved roles' }).click();
    await expect(rows.getByRole('rowheader')).toHaveText(['sales_reader', 'team_lead']);
    expect(calls).toEqual([]);
  });
});

test.describe('role page', () => {
  test('shows a custom role read-only: privileges, applications, run as, metadata and its JSON', async ({ page }, testInfo) => {
    await signIn(page, server.url, { path: '/roles', ...ELASTIC });
    await roleRow(page, 'team_lead').getByRole('link', { name: 'team_lead' }).click();
    await page.waitForURL((url) => url.pathname === '/roles/team_lead');
    await expect(page.getByRole('heading', { level: 1, name: 'team_lead' })).toBeVisible();
    await expect(page).toHaveTitle(/Role team_lead/);
    await expect(page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('listitem')).toHaveText(['Security', 'Roles', 'team_lead']);
    await expect(page.getByTestId('reservedRoleBadge')).toHaveCount(0);

    await expect(page.getByTestId('roleDescriptionSection')).toContainText('Reads cluster health and the team logs.');
    await expect(page.getByTestId('clusterPrivileges').getByText('monitor', { exact: true })).toBeVisible();
    const indices = page.getByRole('table', { name: 'Index privileges' });
    await expect(indices.getByRole('columnheader')).toHaveText(['Indices', 'Privileges', 'Field-level security', 'Document-level security']);
    const rows = indices.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('logs-team-*');
    await expect(rows.nth(0)).toContainText('metrics-team-*');
    await expect(rows.nth(0)).toContainText('view_index_metadata');
    await expect(rows.nth(0)).toContainText('Denied: secret');
    await expect(rows.nth(1)).toContainText('audit-*');
    await expect(rows.nth(1)).toContainText('{"term":{"team":"a"}}');
    await expect(page.getByRole('table', { name: 'Application privileges' })).toContainText('feature_discover.read');
    await expect(page.getByTestId('runAsUsers')).toHaveText('support_bot');
    await expect(page.getByTestId('roleMetadataSection')).toContainText('platform-team');

    // The JSON is what GET /_security/role/team_lead answers.
    const expected = await api.ok('GET', '/_security/role/team_lead');
    const json = page.getByTestId('roleJson');
    await expect(json).toContainText('"team_lead": {');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await json.getByRole('button', { name: 'Copy' }).click();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(expected);

    // Editing is out of scope: the page says how to do it with the API.
    await expect(page.getByTestId('roleApiCallOut')).toContainText('Create and edit roles with the role API');
    await expect(page.getByTestId('roleApiSnippet')).toContainText('PUT /_security/role/team_lead');
    await expect(page.getByTestId('dangerZone').getByRole('button', { name: 'Delete role' })).toBeEnabled();
    await attachScreenshot(page, testInfo, 'role-custom');
  });

  test('deletes a custom role after confirming; back to the list; REST answers 404', async ({ page }) => {
    await api.ok('PUT', '/_security/role/temp_role', { cluster: ['monitor'] });
    await signIn(page, server.url, { path: '/roles/temp_role', ...ELASTIC });
    const remove = page.getByTestId('dangerZone').getByRole('button', { name: 'Delete role' });
    await remove.click();
    let dialog = page.getByRole('dialog', { name: "Delete role 'temp_role'?" });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect((await api.request('GET', '/_security/role/temp_role')).status).toBe(200);

    await remove.click();
    dialog = page.getByRole('dialog', { name: "Delete role 'temp_role'?" });
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await page.waitForURL((url) => url.pathname === '/roles');
    await expect(page.getByTestId('roleDeletedToast')).toContainText("Deleted role 'temp_role'");
    await expect(roleRow(page, 'team_lead')).toHaveCount(1);
    await expect(roleRow(page, 'temp_role')).toHaveCount(0);
    expect((await api.request('GET', '/_security/role/temp_role')).status).toBe(404);
  });

  test('built-in roles are read-only and offer no delete', async ({ page }) => {
    await signIn(page, server.url, { path: '/roles/viewer', ...ELASTIC });
    await expect(page.getByRole('heading', { level: 1, name: /viewer/ })).toBeVisible();
    await expect(page.getByTestId('reservedRoleBadge')).toHaveText('Reserved');
    await expect(page.getByTestId('reservedRoleCallOut')).toContainText("This role is built in and can't be edited or deleted.");
    await expect(page.getByRole('button', { name: 'Delete role' })).toHaveCount(0);
    await expect(page.getByTestId('dangerZone')).toHaveCount(0);
    await expect(page.getByTestId('roleJson')).toContainText('"_reserved": true');

    // The BFF refuses it too.
    const refused = await bff(page, 'DELETE', '/api/console/roles/viewer', {});
    expect(refused.status()).toBe(400);
    expect((await api.request('GET', '/_security/role/viewer')).status).toBe(200);
  });

  test('an unknown role is a 404 page', async ({ page }) => {
    await signIn(page, server.url, { path: '/roles', ...ELASTIC });
    const response = await page.goto(`${server.url}/roles/no-such-role`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Role not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to roles' }).click();
    await page.waitForURL((url) => url.pathname === '/roles');
  });
});

test.describe('permissions', () => {
  test('a user without manage_security sees the permission page and no Roles link', async ({ page }) => {
    await signIn(page, server.url, { path: '/roles', username: 'helpdesk', password: PASSWORD });
    const prompt = page.getByTestId('permissionPrompt');
    await expect(prompt.getByRole('heading', { level: 1, name: 'You need permission to manage roles' })).toBeVisible();
    await expect(prompt).toContainText('manage_security');
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByTestId('navActivate')).toHaveCount(1);
    await expect(page.getByTestId('navRoles')).toHaveCount(0);
    await page.goto(`${server.url}/roles/team_lead`);
    await expect(page.getByRole('heading', { level: 1, name: 'You need permission to manage roles' })).toBeVisible();
    await expect(page.getByTestId('roleJson')).toHaveCount(0);
    expect((await page.request.get(`${server.url}/api/console/roles/team_lead`)).status()).toBe(403);
  });
});

test.describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`no WCAG 2.1 A/AA violations on the roles pages (${theme})`, async ({ page }, testInfo) => {
      if (theme === 'dark') await enableDarkTheme(page);
      await signIn(page, server.url, { path: '/roles', ...ELASTIC });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.getByTestId('roleRow').first()).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `roles-${theme}`);
      await attachScreenshot(page, testInfo, `roles-${theme}`);

      await page.goto(`${server.url}/roles/team_lead`);
      await expect(page.getByRole('heading', { level: 1, name: 'team_lead' })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `role-custom-${theme}`);
      await attachScreenshot(page, testInfo, `role-custom-${theme}`);
      await page.getByTestId('dangerZone').getByRole('button', { name: 'Delete role' }).click();
      await expect(page.getByRole('dialog', { name: "Delete role 'team_lead'?" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `role-delete-modal-${theme}`);
      await page.keyboard.press('Escape');

      await page.goto(`${server.url}/roles/superuser`);
      await expect(page.getByTestId('reservedRoleCallOut')).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `role-reserved-${theme}`);

      await page.goto(`${server.url}/users/edit/dana`);
      await page.getByTestId('userStatusZone').getByRole('button', { name: 'Deactivate user' }).click();
      await expect(page.getByRole('dialog', { name: "Deactivate user 'dana'?" })).toBeVisible();
      await expectNoAxeViolations(page, testInfo, `user-deactivate-modal-${theme}`);
      await page.keyboard.press('Escape');
    });
  }
});
