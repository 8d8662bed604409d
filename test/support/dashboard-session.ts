// What a person does on the dashboard, for the browser tests and the screenshot script: sign in, follow
// the navigation, import a file on the import page, read a figure (its data-value, the raw number the
// dashboard puts beside the formatted text), and ask the API the same question with the page's own
// session cookie. No test framework here, so scripts can use it too.
import type { Page } from 'playwright-core';

export interface Account {
  email: string;
  password: string;
}

/** Generous for a loaded 2-core CI machine; a figure that never appears still fails. */
export const UI_TIMEOUT = 30_000;

/** Signs in through the login form; resolves when the signed-in frame (the user menu) shows. */
export async function signIn(page: Page, baseUrl: string, account: Account, path = '/'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ timeout: UI_TIMEOUT });
}

/** GET /api<path> with the browser context's cookies (the signed-in session); throws on a non-2xx. */
export async function apiGet<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}/api${path}`);
  if (!res.ok()) throw new Error(`GET /api${path} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** The status of GET /api<path> with the page's session. */
export async function apiStatus(page: Page, baseUrl: string, path: string): Promise<number> {
  return (await page.request.get(`${baseUrl}/api${path}`)).status();
}

/** Clicks a navigation entry and waits for the address to change to it. */
export async function openFromNav(page: Page, pageId: string, path: string): Promise<void> {
  await page.getByTestId(`nav-${pageId}`).click();
  await page.waitForURL((u) => u.pathname === path, { timeout: UI_TIMEOUT });
}

/** The raw number behind a figure on screen (null for an empty data-value, i.e. no value). */
export async function shownValue(page: Page, testId: string): Promise<number | null> {
  const el = page.getByTestId(testId).first();
  await el.waitFor({ timeout: UI_TIMEOUT });
  const v = await el.getAttribute('data-value');
  if (v === null) throw new Error(`${testId} has no data-value`);
  return v === '' ? null : Number(v);
}

/** Waits until the page has stopped loading: no request in flight and no loader spinning. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: UI_TIMEOUT });
  const deadline = Date.now() + UI_TIMEOUT;
  while ((await page.locator('.mantine-Loader-root, [aria-busy="true"]').count()) > 0) {
    if (Date.now() > deadline) throw new Error(`${page.url()} still loading after ${UI_TIMEOUT} ms`);
    await page.waitForTimeout(100);
  }
}

/** Uploads a file on the import page and waits for the import and its analysis to finish. */
export async function importThroughPage(page: Page, file: string, timeoutMs = 180_000): Promise<void> {
  await openFromNav(page, 'import', '/import');
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByTestId('import-start').click();
  const done = page.getByTestId('import-done');
  const failed = page.getByTestId('import-error');
  await done.or(failed).first().waitFor({ timeout: timeoutMs });
  if (await failed.count()) throw new Error(`the import page reports a failure: ${await failed.innerText()}`);
}

/**
 * Waits until GET /api<path> answers the same twice a second apart, and returns that answer. Right after
 * an import the server may answer customer lists from the previous analysis for a moment (it loads the
 * new one in the background); a comparison of page and API must not straddle that switch.
 */
export async function settledAnswer<T>(page: Page, baseUrl: string, path: string, tries = 30): Promise<T> {
  let last = JSON.stringify(await apiGet<T>(page, baseUrl, path));
  for (let i = 0; i < tries; i++) {
    await page.waitForTimeout(1000);
    const next = JSON.stringify(await apiGet<T>(page, baseUrl, path));
    if (next === last) return JSON.parse(next) as T;
    last = next;
  }
  throw new Error(`GET /api${path} still changing after ${tries} s`);
}
