// Assertions the browser tests make on the dashboard (the actions are in test/support/dashboard-session.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { shownValue } from '../support/dashboard-session.ts';

/** Expects each figure on screen to carry exactly the API's number (same JSON double, no tolerance). */
export async function expectShown(page: Page, expected: Record<string, number | null>): Promise<void> {
  const shown: Record<string, number | null> = {};
  for (const id of Object.keys(expected)) shown[id] = await shownValue(page, id);
  expect(shown).toEqual(expected);
}

/** Fails when any section of the page shows an error notice (test ids ending in -error). */
export async function expectNoErrorNotice(page: Page): Promise<void> {
  const texts = await page.locator('[data-testid$="-error"], [data-testid="error"]').allInnerTexts();
  expect(texts, `error notices on ${page.url()}`).toEqual([]);
}

/** Every figure inside a part of the page, by test id (so a missing one shows in the diff at once). */
export async function shownValues(within: Locator): Promise<Record<string, number | null>> {
  const pairs = await within.locator('[data-testid][data-value]').evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-testid') ?? '', e.getAttribute('data-value') ?? ''] as const));
  return Object.fromEntries(pairs.map(([id, v]) => [id, v === '' ? null : Number(v)]));
}

/** Logs what the page showed (a screenshot), whether the server still answers reads, and its log. */
export async function describeFailure(page: Page, baseUrl: string, serverLog: string): Promise<void> {
  const shot = join(tmpdir(), `cvm-browser-failure-${Date.now()}.png`);
  await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
  // An import swapping the analytics store holds reads back while it runs.
  const reads = await page.request.get(`${baseUrl}/api/overview`, { timeout: 5_000 }).then((r) => String(r.status()), () => 'no answer in 5 s');
  console.log(`screenshot: ${shot}\nGET /api/overview now: ${reads}\ncvm serve's log:\n${serverLog.slice(-4000)}`);
}
