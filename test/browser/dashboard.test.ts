// The dashboard end to end: a real `cvm serve` on loopback over a data folder made by the real CLI from
// the bundled sample, driven by Debian's chromium. Sign in, import the rest of the sample through the
// import page, open every page and check that the figures on screen are the API's, switch the
// language, check what a staff user may see, and count the clicks from the front door to the churn list.
// One server and one browser for the whole file (the machine has two cores): the tests run in order
// and build on each other (the overview before the import is the "previous" figure after it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/launch-chromium.ts';
import { startCvmServer, type CvmServer } from '../support/cvm-server.ts';
import { makeSampleDataFolder, SAMPLE_TRANSACTIONS, type SampleDataFolder } from '../support/sample-data-folder.ts';
import { createUserWithCli } from '../support/create-user-with-cli.ts';
import { numberFormats } from '../../src/report/format-number.ts';
import { formatValue, relativeChange } from '../../web/src/components/format-value.ts';
import { en, zhCN } from '../../web/src/i18n/messages.ts';
import {
  apiGet, apiStatus, importThroughPage, openFromNav, settle, settledAnswer, shownValue, signIn, UI_TIMEOUT, type Account,
} from '../support/dashboard-session.ts';
import { describeFailure, expectNoErrorNotice, expectShown, shownValues } from './dashboard-driver.ts';

const ADMIN: Account = { email: 'admin@xianlin.example.com', password: 'browser-test-admin-pw' };
const STAFF: Account = { email: 'staff@xianlin.example.com', password: 'browser-test-staff-pw' };
const METRICS = ['customers', 'activeCustomers', 'revenue', 'repeatRate', 'predictedValue12m', 'atRiskCustomers', 'valueAtRisk'] as const;
type Metric = (typeof METRICS)[number];
type Overview = Record<Metric, { value: number | null; previous: number | null }>;
interface ListPage { items: Record<string, unknown>[]; total: number; page: number; pageSize: number }

const testId = (m: Metric) => `overview-${m.replace(/[A-Z0-9]+/g, (c) => `-${c.toLowerCase()}`)}`;
const CHURN_QUERY = '/churn?order=desc&page=1&pageSize=50&sort=value_at_risk';

let data: SampleDataFolder | undefined;
let server: CvmServer | undefined;
let browser: Browser | undefined;
let admin: BrowserContext;
let page: Page;
let url = '';
let overviewBefore: Overview | undefined;

beforeAll(async () => {
  // The browser first: without it the suite fails at once, with the reason.
  browser = await launchChromium();
  const t0 = Date.now();
  const log = (line: string) => console.log(`[browser suite ${((Date.now() - t0) / 1000).toFixed(1)} s] ${line}`);
  // Member records for customer 360's profile; interactions are left to the screenshot script (the
  // suite must stay under two minutes on two cores).
  data = await makeSampleDataFolder({ interactions: false, log });
  log('cvm user create');
  await createUserWithCli(data.dir, { ...ADMIN, role: 'admin', name: '管理员' });
  log('cvm serve');
  server = await startCvmServer({ dataDir: data.dir });
  log(`serving ${server.url}`);
  url = server.url;
  admin = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  page = await admin.newPage();
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && server) await describeFailure(page, url, server.output());
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  data?.remove();
});

describe('the dashboard over cvm serve (Debian chromium)', () => {
  it('signs in with the admin that `cvm user create` made, and refuses a wrong password', async () => {
    await page.goto(url + '/');
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText(), { timeout: UI_TIMEOUT }).toBe(en['login.bad']);
    await signIn(page, url, ADMIN);
    expect(await page.getByTestId('current-user').getAttribute('data-role')).toBe('admin');
  });

  it('shows the overview figures of the first analysis exactly as the API gives them', async () => {
    await settle(page);
    overviewBefore = await apiGet<Overview>(page, url, '/overview');
    expect(overviewBefore.customers.value).toBeGreaterThan(0);
    await expectShown(page, Object.fromEntries(METRICS.map((m) => [testId(m), overviewBefore?.[m].value ?? null])));
    // …and written as the language writes them.
    const fmt = numberFormats('en');
    expect(await page.getByTestId(testId('revenue')).innerText()).toBe(formatValue(fmt, 'money', overviewBefore.revenue.value));
    expect(await page.getByTestId(testId('customers')).innerText()).toBe(formatValue(fmt, 'count', overviewBefore.customers.value));
    await expectNoErrorNotice(page);
  });

  it('imports the whole sample through the import page: counts on screen, then a second analysis', async () => {
    if (!data) throw new Error('no data folder');
    await importThroughPage(page, SAMPLE_TRANSACTIONS);
    // The lists switch to the new analysis a moment after the import (loaded in the background).
    await settledAnswer(page, url, CHURN_QUERY);
    // The first part was analysed by the CLI; the upload adds only the last three months, and every
    // row read is accounted for once.
    const shown = await shownValues(page.getByTestId('import-done'));
    expect(shown).toMatchObject({
      'import-read': data.sampleRows,
      'import-loaded': data.sampleRows - data.firstPartRows,
      'import-alreadyLoaded': data.firstPartRows,
      'import-rejected': 0,
    });
    const batches = await apiGet<{ items: { kind: string; status: string; counts: Record<string, number> }[] } >(page, url, '/imports');
    const sales = batches.items.filter((b) => b.kind === 'sales' && b.status === 'done');
    expect(sales.map((b) => b.counts.read)).toContain(data.sampleRows);
    const overview = await apiGet<Overview & { lastRun: { inputFile: string } | null }>(page, url, '/overview');
    expect(overview.lastRun?.inputFile).toContain('transactions.csv');
  }, 200_000); // the import and the second analysis run in the server while the rest of `npm test` runs too

  it('shows the new overview with its change since the last import', async () => {
    await openFromNav(page, 'overview', '/');
    await settle(page);
    const now = await apiGet<Overview>(page, url, '/overview');
    for (const m of METRICS) expect(now[m].previous, `${m}.previous`).toBe(overviewBefore?.[m].value);
    expect(now.customers.value).toBeGreaterThan(now.customers.previous ?? Infinity);
    const expected: Record<string, number | null> = {};
    for (const m of METRICS) {
      expected[testId(m)] = now[m].value;
      expected[`${testId(m)}-change`] = relativeChange(now[m].value, now[m].previous);
    }
    await expectShown(page, expected);
  });

  it('lists the churn warnings as the API does, most value at risk first, with a CSV export', async () => {
    await openFromNav(page, 'churn', '/churn');
    await settle(page);
    const list = await apiGet<ListPage>(page, url, CHURN_QUERY);
    expect(list.total).toBeGreaterThan(0);
    const expected: Record<string, number | null> = { 'churn-total': list.total };
    list.items.slice(0, 10).forEach((r, i) => { expected[`churn-value_at_risk-${i}`] = r.value_at_risk as number; });
    await expectShown(page, expected);
    const risks = list.items.map((r) => r.value_at_risk as number);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    // The export link downloads the whole filtered list (a header and one line per customer).
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), page.getByTestId('churn-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(csv.length).toBe(list.total + 1);
    expect(csv[0]).toContain('customer_id');
  });

  it('opens a customer from the churn list: the 360 page shows the API\'s scores, profile and timeline', async () => {
    const first = page.getByTestId('churn-link').first();
    const id = await first.innerText();
    await first.click();
    await page.waitForURL((u) => u.pathname === `/customers/${encodeURIComponent(id)}`, { timeout: UI_TIMEOUT });
    await settle(page);
    const c = await apiGet<{
      scores: Record<string, unknown>; profile: Record<string, unknown> | null; timeline: unknown[]; pAlivePath: unknown[];
      intervals: { clv: [number, number] | null } | null; history: unknown[];
    }>(page, url, `/customers/${encodeURIComponent(id)}`);
    const expected: Record<string, number | null> = {};
    for (const k of ['orders', 'total_spend', 'p_alive', 'value_at_risk']) expected[`c360-${k}`] = c.scores[k] as number;
    // The CLV interval (seeded draws, so the page's request gives the same numbers) and one history row per run.
    expect(c.intervals?.clv, 'the run saved its fits, so the interval exists').toBeTruthy();
    expected['c360-clv-lower'] = c.intervals?.clv?.[0] ?? null;
    expected['c360-clv-upper'] = c.intervals?.clv?.[1] ?? null;
    await expectShown(page, expected);
    expect(c.profile?.name, 'the sample member record was imported').toBeTruthy();
    expect(await page.getByTestId('c360-profile-name').innerText()).toBe(String(c.profile?.name));
    expect(await page.getByTestId('c360-timeline-row').count()).toBe(Math.min(c.timeline.length, 500));
    expect(c.history.length).toBeGreaterThan(0);
    expect(await page.getByTestId('c360-history-row').count()).toBe(c.history.length);
    expect(c.pAlivePath.length).toBeGreaterThan(1);
    await page.getByTestId('c360-palive-chart').waitFor({ timeout: UI_TIMEOUT });
    await expectNoErrorNotice(page);
  });

  it('shows on the customers, retention, products and models pages the figures the API gives', async () => {
    await openFromNav(page, 'customers', '/customers');
    await settle(page);
    const customers = await apiGet<ListPage>(page, url, '/customers?order=desc&page=1&pageSize=50&sort=clv_12m');
    const segments = await apiGet<{ items: Record<string, number | string>[] }>(page, url, '/segments');
    const pyramid = await apiGet<{ items: Record<string, number | string>[] }>(page, url, '/pyramid');
    expect(segments.items.length).toBeGreaterThan(3);
    const onCustomers: Record<string, number | null> = { 'customers-total': customers.total };
    for (const x of segments.items) {
      onCustomers[`segment-${x.segment}-customers`] = x.customers as number;
      onCustomers[`segment-${x.segment}-revenue-share`] = x.revenueShare as number;
    }
    for (const x of pyramid.items) {
      onCustomers[`pyramid-${x.tier}-customers`] = x.customers as number;
      onCustomers[`pyramid-${x.tier}-revenue-share`] = x.revenueShare as number;
    }
    await expectShown(page, onCustomers);
    await expectNoErrorNotice(page);

    await openFromNav(page, 'retention', '/retention');
    await settle(page);
    const survival = await apiGet<{ customers: number; lapsed: number; overall: { median: number | null } }>(page, url, '/survival');
    const cohorts = await apiGet<{ cohorts: unknown[] }>(page, url, '/cohorts');
    await expectShown(page, {
      'survival-customers': survival.customers, 'survival-lapsed': survival.lapsed, 'survival-median': survival.overall.median,
      cohorts: cohorts.cohorts.length,
    });
    // NPS and the quadrants as the API gives them, or the API's reason why there are none.
    const satisfaction = await apiGet<{ unavailable?: string | { en: string }; nps?: number; responses?: number }>(page, url, '/satisfaction');
    if (satisfaction.unavailable === undefined) {
      await expectShown(page, { 'satisfaction-nps': satisfaction.nps ?? null, 'satisfaction-responses': satisfaction.responses ?? null });
    } else {
      const reason = typeof satisfaction.unavailable === 'string' ? satisfaction.unavailable : satisfaction.unavailable.en;
      expect(await page.getByText(reason).count(), `/satisfaction: "${reason}" on the page`).toBeGreaterThan(0);
    }
    await expectNoErrorNotice(page);

    // The sample's sales have no product column: each product section says why, in the API's words.
    await openFromNav(page, 'products', '/products');
    await settle(page);
    for (const path of ['/products/hot', '/rules', '/replenishment']) {
      const answer = await apiGet<{ unavailable?: string | { en: string } }>(page, url, path);
      if (answer.unavailable === undefined) continue;
      const reason = typeof answer.unavailable === 'string' ? answer.unavailable : answer.unavailable.en;
      expect(await page.getByText(reason).count(), `${path}: "${reason}" on the page`).toBeGreaterThan(0);
    }
    await expectNoErrorNotice(page);

    await openFromNav(page, 'models', '/models');
    await settle(page);
    const models = await apiGet<{ chosen: string; logLik: number; aic: number; bic: number; customers: number }>(page, url, '/models');
    const diagnostics = await apiGet<{ holdout: { mae?: number; rmse?: number; pAliveAuc?: number | null; expectedPurchasesAuc?: number | null } }>(page, url, '/diagnostics');
    await expectShown(page, {
      'models-loglik': models.logLik, 'models-aic': models.aic, 'models-bic': models.bic, 'models-customers': models.customers,
      'holdout-mae': diagnostics.holdout.mae ?? null, 'holdout-rmse': diagnostics.holdout.rmse ?? null,
      'holdout-auc': diagnostics.holdout.pAliveAuc ?? null, 'holdout-auc-expected': diagnostics.holdout.expectedPurchasesAuc ?? null,
    });
    expect(await page.getByTestId('models-chosen').getAttribute('data-value')).toBe(models.chosen);
    // The note that explains a P(alive) ranking repeat buyers worse than chance is there exactly when it does.
    const low = typeof diagnostics.holdout.pAliveAuc === 'number' && diagnostics.holdout.pAliveAuc < 0.5;
    expect(await page.getByTestId('holdout-palive-note').count()).toBe(low ? 1 : 0);
    await expectNoErrorNotice(page);

    for (const [id, path] of [['import', '/import'], ['users', '/users'], ['settings', '/settings']] as const) {
      await openFromNav(page, id, path);
      await settle(page);
      await expectNoErrorNotice(page);
    }
  });

  it('switches to Chinese, shows Chinese labels and numbers, and remembers the choice', async () => {
    await openFromNav(page, 'overview', '/');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('nav-churn').innerText(), { timeout: UI_TIMEOUT }).toBe(zhCN['nav.churn']);
    expect(await page.getByTestId('nav-overview').innerText()).toBe(zhCN['nav.overview']);
    expect(await page.getByTestId('logout').innerText()).toBe(zhCN['app.logout']);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.reload();
    await settle(page);
    expect(await page.getByTestId('nav-customers').innerText()).toBe(zhCN['nav.customers']);
    const now = await apiGet<Overview>(page, url, '/overview');
    expect(await page.getByTestId(testId('revenue')).innerText()).toBe(formatValue(numberFormats('zh-CN'), 'money', now.revenue.value));
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('nav-churn').innerText(), { timeout: UI_TIMEOUT }).toBe(en['nav.churn']);
  });

  it('lets the admin add a staff user, who sees customers and the churn list but not users or settings', async () => {
    await openFromNav(page, 'users', '/users');
    await page.getByTestId('new-user-email').fill(STAFF.email);
    await page.getByTestId('new-user-password').fill(STAFF.password);
    await page.getByTestId('new-user-submit').click();
    await page.getByTestId('user-row').filter({ hasText: STAFF.email }).waitFor({ timeout: UI_TIMEOUT });

    const staff = await browser?.newContext({ locale: 'en-US' });
    if (!staff) throw new Error('no browser');
    try {
      const p = await staff.newPage();
      await signIn(p, url, STAFF);
      expect(await p.getByTestId('current-user').getAttribute('data-role')).toBe('staff');
      expect(await p.getByTestId('nav-churn').count()).toBe(1);
      expect(await p.getByTestId('nav-customers').count()).toBe(1);
      for (const hidden of ['users', 'settings', 'models', 'import']) expect(await p.getByTestId(`nav-${hidden}`).count(), hidden).toBe(0);
      for (const path of ['/users', '/settings']) {
        await p.goto(url + path);
        await p.getByTestId('forbidden').waitFor({ timeout: UI_TIMEOUT });
        expect(await apiStatus(p, url, path)).toBe(403);
      }
      await p.goto(url + '/churn');
      await settle(p);
      const list = await apiGet<ListPage>(p, url, CHURN_QUERY);
      expect(await shownValue(p, 'churn-total')).toBe(list.total);
      expect(await apiStatus(p, url, '/models')).toBe(403);
      // Signing out ends the session on the server too, not only in the page.
      await p.getByTestId('logout').click();
      await p.getByTestId('login-submit').waitFor({ timeout: UI_TIMEOUT });
      expect(await apiStatus(p, url, '/auth/me')).toBe(401);
    } finally {
      await staff.close();
    }
  });

  it('takes a newcomer from the address to the churn list in three clicks, in Chinese', async () => {
    const fresh = await browser?.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    if (!fresh) throw new Error('no browser');
    try {
      const p = await fresh.newPage();
      let clicks = 0;
      await p.goto(url + '/');
      await p.getByLabel(zhCN['login.email']).fill(ADMIN.email);
      await p.getByLabel(zhCN['login.password']).fill(ADMIN.password);
      await p.getByRole('button', { name: zhCN['login.submit'] }).click();
      clicks++;
      // The overview comes first; the churn list is one visible link away, named in Chinese.
      await p.getByRole('link', { name: zhCN['nav.churn'] }).click();
      clicks++;
      await p.getByTestId('churn-row').first().waitFor({ timeout: UI_TIMEOUT });
      expect(clicks).toBeLessThanOrEqual(3);
      expect(new URL(p.url()).pathname).toBe('/churn');
      expect(await shownValue(p, 'churn-total')).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });

  it('rejects bad rows of an upload with their line numbers, offered as a download on the import page', async () => {
    if (!data) throw new Error('no data folder');
    const file = join(data.dir, '..', 'sales-with-bad-rows.csv');
    writeFileSync(file, 'customer_id,date,amount\nM000001,2026-06-30,12.50\nM000002,not-a-date,10.00\nM000003,2026-06-29,abc\n');
    await importThroughPage(page, file, 60_000);
    expect(await shownValues(page.getByTestId('import-done'))).toMatchObject({ 'import-read': 3, 'import-rejected': 2 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: UI_TIMEOUT }), page.getByTestId('import-rejects').click()]);
    const rejects = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(rejects.slice(1).map((l) => l.split(',')[0])).toEqual(['3', '4']);
    expect(rejects[1]).toContain('not-a-date');
    expect(rejects[2]).toContain('abc');
  }, 200_000);
});
