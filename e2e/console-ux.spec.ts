import fs from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/server';
import { basic } from './support/es-http';
import { expectNoAxeViolations, restApi, signIn, type Credentials } from './support/console';

/**
 * Fixes from a new admin's trial, in a real browser: unsaved edits are not dropped silently when
 * leaving a page (the console's own "Discard unsaved changes?" modal, and the browser's
 * beforeunload prompt), Back shows what a change just made, invalid JSON errors say where, and
 * the users list and edit page show a disabled profile.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-ux';
const PASSWORD = 'ux-e2e-password';
const ELASTIC: Credentials = { username: 'elastic', password: ELASTIC_PASSWORD };

let server: RunningServer;
const api = restApi(() => server.url, basic('elastic', ELASTIC_PASSWORD));
const uids: Record<string, string> = {};

async function putUser(username: string, fields: { roles?: string[]; full_name?: string; email?: string } = {}) {
  await api.ok('PUT', `/_security/user/${encodeURIComponent(username)}`, { password: PASSWORD, roles: ['viewer'], ...fields });
}

async function activate(username: string): Promise<string> {
  const profile = await api.ok('POST', '/_security/profile/_activate', { grant_type: 'password', username, password: PASSWORD });
  return profile.uid as string;
}

function userRow(page: Page, username: string): Locator {
  return page.getByTestId('userRow').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
}

function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name, exact: true });
}

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  await putUser('edith', { full_name: 'Edith Editor', email: 'edith@example.com' });
  await putUser('ulla', { full_name: 'Ulla Update' });
  await putUser('back.user', { full_name: 'Back User' });
  await putUser('dora.disabled', { full_name: 'Dora Disabled' });
  await putUser('erin.enabled', { full_name: 'Erin Enabled' });
  uids.edith = await activate('edith');
  uids.dora = await activate('dora.disabled');
  uids.erin = await activate('erin.enabled');
  await api.ok('POST', `/_security/profile/${uids.dora}/_disable`);
});

test.afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test.describe('1. unsaved changes', () => {
  test('profile page: leaving with edited labels asks first; Keep editing stays, Discard changes leaves', async ({ page }) => {
    await signIn(page, server.url, { path: `/profiles/${uids.edith}`, ...ELASTIC });
    const labels = page.getByLabel('Labels', { exact: true });
    await labels.fill('{"team": "unsaved"}');
    await expect(page.getByTestId('unsavedChanges')).toBeVisible();

    await navLink(page, 'Users').click();
    const modal = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect(modal).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.edith}$`));

    await modal.getByRole('button', { name: 'Keep editing' }).click();
    await expect(modal).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.edith}$`));
    await expect(labels).toHaveValue('{"team": "unsaved"}');

    // Reloading or closing the tab: the browser's own prompt.
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const prompt = await dialog;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    expect(page.isClosed()).toBe(false);

    await navLink(page, 'Users').click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  });

  test('profile page: the browser Back button asks too, and Discard changes then goes back', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    await userRow(page, 'edith').getByTestId('profileUidLink').click();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.edith}$`));
    const labels = page.getByLabel('Labels', { exact: true });
    await labels.fill('{"team": "back"}');

    // The held traversal never completes, so goBack() would wait for it: do not await it.
    await page.goBack({ timeout: 1_000 }).catch(() => null);
    const modal = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect(modal).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.edith}$`));
    await modal.getByRole('button', { name: 'Keep editing' }).click();
    await expect(modal).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.edith}$`));
    await expect(labels).toHaveValue('{"team": "back"}');

    await page.goBack({ timeout: 1_000 }).catch(() => null);
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(userRow(page, 'edith')).toBeVisible();
    // Forward again: the profile page, with the stored labels.
    await page.goForward();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.edith}$`));
    await expect(page.getByLabel('Labels', { exact: true })).not.toHaveValue('{"team": "back"}');
  });

  test('profile page: nothing is asked once the edits are saved or undone', async ({ page }) => {
    await signIn(page, server.url, { path: `/profiles/${uids.edith}`, ...ELASTIC });
    const labels = page.getByLabel('Labels', { exact: true });
    await labels.fill('{"team": "saved"}');
    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await expect(page.getByText("Saved the labels and data of 'edith'")).toBeVisible();
    await expect(page.getByTestId('unsavedChanges')).toBeHidden();
    await navLink(page, 'Users').click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('dialog', { name: 'Discard unsaved changes?' })).toHaveCount(0);
  });

  test('user details form: a changed full name is not dropped by "Back to users" without asking', async ({ page }, testInfo) => {
    await signIn(page, server.url, { path: '/users/edit/edith', ...ELASTIC });
    await page.getByLabel('Full name', { exact: true }).fill('Edith Changed');
    await page.getByTestId('backToUsers').click();
    const modal = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect(modal).toBeVisible();
    await expect(page).toHaveURL(/\/users\/edit\/edith$/);
    await expect(modal.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await expectNoAxeViolations(page, testInfo, 'discard unsaved changes modal');
    await modal.getByRole('button', { name: 'Keep editing' }).click();
    await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Edith Changed');

    await page.getByTestId('backToUsers').click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(userRow(page, 'edith')).toContainText('Edith Editor');
  });
});

test.describe('2. fresh data on Back', () => {
  test('activating from the edit page, then Back: the edit page shows the new profile', async ({ page }) => {
    await signIn(page, server.url, { path: '/users/edit/back.user', ...ELASTIC });
    const section = page.getByTestId('userProfileSection');
    await expect(section).toContainText('Not activated');
    await page.getByTestId('activateProfileLink').click();
    await expect(page).toHaveURL(/\/profiles\/activate\?username=back\.user$/);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('activateSubmit').click();
    await expect(page.getByTestId('responseStatus')).toContainText('200');

    const uid = ((await api.ok('GET', '/_security/user/back.user?with_profile_uid=true'))['back.user'] as { profile_uid: string }).profile_uid;
    expect(uid).toBeTruthy();
    await page.goBack();
    await expect(page).toHaveURL(/\/users\/edit\/back\.user$/);
    await expect(section.getByTestId('profileUidLink')).toHaveText(uid);
    await expect(section).not.toContainText('Not activated');
  });

  test('updating a user, then Back: the users list shows the new name', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    await expect(userRow(page, 'ulla')).toContainText('Ulla Update');
    await userRow(page, 'ulla').getByTestId('userRowLink').click();
    await expect(page).toHaveURL(/\/users\/edit\/ulla$/);
    await page.getByLabel('Full name', { exact: true }).fill('Ulla Renamed');
    await page.getByTestId('userFormSubmit').click();
    await expect(page.getByTestId('userUpdatedToast')).toBeVisible();

    await page.goBack();
    await expect(page).toHaveURL(/\/users$/);
    await expect(userRow(page, 'ulla')).toContainText('Ulla Renamed');
  });

  test('disabling a profile, then Back: the users list shows it disabled', async ({ page }) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    await expect(userRow(page, 'erin.enabled').getByTestId('profileDisabledBadge')).toHaveCount(0);
    await userRow(page, 'erin.enabled').getByTestId('profileUidLink').click();
    await expect(page).toHaveURL(new RegExp(`/profiles/${uids.erin}$`));
    await page.getByTestId('profileStatusButton').click();
    await page.getByTestId('confirmDisableProfile').getByRole('button', { name: 'Disable profile' }).click();
    await expect(page.getByTestId('profileStatus')).toHaveText('Disabled');

    await page.goBack();
    await expect(page).toHaveURL(/\/users$/);
    await expect(userRow(page, 'erin.enabled').getByTestId('profileDisabledBadge')).toHaveText('Profile disabled');
    // Put it back for the other tests.
    await api.ok('POST', `/_security/profile/${uids.erin}/_enable`);
  });
});

test.describe('3. invalid JSON says where', () => {
  test('the labels error names the line and column', async ({ page }) => {
    await signIn(page, server.url, { path: `/profiles/${uids.edith}`, ...ELASTIC });
    const labels = page.getByLabel('Labels', { exact: true });
    await labels.fill('{"team": 1');
    await page.getByRole('button', { name: 'Save labels and data' }).click();
    await expect(page.getByText("Labels is not valid JSON at line 1, column 11: Unexpected end of input; expected ',' or '}'.")).toBeVisible();

    // Re-validated on change; a later line.
    await labels.fill('{\n  "team": "a"\n  "region": "b"\n}');
    await expect(page.getByText("Labels is not valid JSON at line 3, column 3: Unexpected '\"'; expected a ',' before the next value.")).toBeVisible();
    await expect(labels).toHaveAttribute('aria-invalid', 'true');
  });
});

test.describe('4. disabled profiles in the users pages', () => {
  test('the users list and the edit page mark a disabled profile', async ({ page }, testInfo) => {
    await signIn(page, server.url, { path: '/users', ...ELASTIC });
    const dora = userRow(page, 'dora.disabled');
    await expect(dora.getByTestId('profileUidLink')).toHaveText(uids.dora);
    await expect(dora.getByTestId('profileDisabledBadge')).toHaveText('Profile disabled');
    await expect(userRow(page, 'erin.enabled').getByTestId('profileUidLink')).toHaveText(uids.erin);
    await expect(userRow(page, 'erin.enabled').getByTestId('profileDisabledBadge')).toHaveCount(0);
    await expect(userRow(page, 'back.user').getByTestId('profileDisabledBadge')).toHaveCount(0);
    await expectNoAxeViolations(page, testInfo, 'users list with a disabled profile');

    await dora.getByTestId('userRowLink').click();
    await expect(page).toHaveURL(/\/users\/edit\/dora\.disabled$/);
    const section = page.getByTestId('userProfileSection');
    await expect(section.getByTestId('profileUidLink')).toHaveText(uids.dora);
    await expect(section.getByTestId('profileDisabledBadge')).toHaveText('Profile disabled');
    await expectNoAxeViolations(page, testInfo, 'edit user with a disabled profile');
  });
});
