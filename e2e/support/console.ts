import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import type { Json } from './es-http';

/**
 * Helpers for the console's browser tests (e2e/console-*.spec.ts): signing in through the /login
 * form, the dark theme, WCAG 2.1 A/AA scans with axe, screenshots attached to the report, and
 * calls to the Elasticsearch-compatible REST API with which the specs set up and check data.
 */

/** The axe rule tags the console is held to: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Credentials {
  username: string;
  password: string;
}

export interface SignInOptions extends Credentials {
  /** The console page to land on after signing in, e.g. `/users` or `/profiles/activate`. */
  path: string;
  /**
   * Open `path` itself and check that the console sends the signed-out browser to the sign-in
   * form (`/login?callbackUrl=...`), instead of opening that form directly.
   */
  viaRedirect?: boolean;
}

/** Fills "Username" and "Password" on the sign-in form that is open and clicks "Sign in"; waits for nothing. */
export async function submitSignInForm(page: Page, { username, password }: Credentials): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in through the /login form of the console at `baseUrl` and waits until the browser is on
 * `path` (same origin, path and query).
 */
export async function signIn(page: Page, baseUrl: string, { path, username, password, viaRedirect = false }: SignInOptions): Promise<void> {
  const target = new URL(path, baseUrl);
  if (viaRedirect) {
    await page.goto(target.href);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  } else {
    await page.goto(`${baseUrl}/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  await submitSignInForm(page, { username, password });
  await page.waitForURL((url) => url.origin === target.origin && url.pathname === target.pathname && url.search === target.search);
}

/**
 * Makes the pages of `target` start in the dark theme: the console reads the theme from
 * localStorage 'pc-theme' before it paints. Call it before the page (or the context's pages) load.
 */
export async function enableDarkTheme(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => window.localStorage.setItem('pc-theme', 'dark'));
}

/**
 * Waits until no CSS transition or finite animation is running. Colours mid-transition (a modal
 * fading in, a button that just became enabled) would be measured wrongly by the contrast rules;
 * endless animations such as spinners never settle and are left alone.
 */
export async function waitForSettledAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * Scans the settled page with axe for WCAG 2.0/2.1 A and AA violations and fails with one line per
 * violated rule: its id, impact and the offending elements. With `testInfo`, the full axe
 * violations are attached to the report as `axe-<name>`. `name` (the page's path by default)
 * names the scan in the failure message.
 */
export async function expectNoAxeViolations(page: Page, testInfo?: TestInfo, name?: string): Promise<void> {
  const scan = name ?? new URL(page.url()).pathname;
  await waitForSettledAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (testInfo) {
    await testInfo.attach(`axe-${scan}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  }
  const summary = results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(summary, `axe violations on ${scan}`).toEqual([]);
}

/** Takes a full-page screenshot into the test's output directory and attaches it to the report as `name`. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

export interface RestResponse {
  status: number;
  /** The parsed JSON body, or undefined when the response has none. */
  body: Json;
}

/** Calls to the Elasticsearch-compatible REST API, all with the same Authorization header. */
export interface RestApi {
  /** One call; `body`, when given, is sent as JSON. Any status is returned, not checked. */
  request(method: string, path: string, body?: unknown): Promise<RestResponse>;
  /** One call that must answer 200 (the failure names the call and shows the body); returns the body. */
  ok(method: string, path: string, body?: unknown): Promise<Json>;
}

/**
 * A REST client for the server at `baseUrl` that sends `authorization` (e.g. `basic('elastic', pw)`)
 * with every call. `baseUrl` may be a function, for a server that a beforeAll starts later.
 */
export function restApi(baseUrl: string | (() => string), authorization: string): RestApi {
  const request = async (method: string, path: string, body?: unknown): Promise<RestResponse> => {
    const base = typeof baseUrl === 'function' ? baseUrl() : baseUrl;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    request,
    async ok(method, path, body) {
      const result = await request(method, path, body);
      expect(result.status, `${method} ${path}: ${JSON.stringify(result.body)}`).toBe(200);
      return result.body;
    },
  };
}
