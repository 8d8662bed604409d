// Screenshots of the dashboard's main pages in both languages, for the README: made from a real
// `cvm serve` over a data folder built from the bundled sample exactly as the browser tests build it
// (the first 21 months analysed by `cvm analyze`, the whole file then imported on the import page, so
// the overview shows the change since the last import).
//
//   node_modules/.bin/node scripts/screenshots.ts [--out docs/screenshots]
//
// Writes <page>-<lang>.png for overview, churn, customer-360, rfm-pyramid and models, en and zh-CN.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createUserWithCli } from '../test/support/create-user-with-cli.ts';
import { startCvmServer } from '../test/support/cvm-server.ts';
import { importThroughPage, settle, settledAnswer, signIn } from '../test/support/dashboard-session.ts';
import { launchChromium } from '../test/support/launch-chromium.ts';
import { REPO_ROOT } from '../test/support/run-cvm.ts';
import { makeSampleDataFolder, SAMPLE_TRANSACTIONS } from '../test/support/sample-data-folder.ts';

const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1] : join(REPO_ROOT, 'docs', 'screenshots');
const ADMIN = { email: 'admin@xianlin.example.com', password: 'screenshot-admin-pw' };
const LANGS = ['en', 'zh-CN'] as const;
const WIDTH = 1440;
const HEIGHT = 900;

interface Shot {
  name: string;
  path: string;
  /** Crop below this section (its test id); else the first screenful. */
  until?: string;
}

const log = (line: string) => console.log(`[screenshots] ${line}`);

async function shoot(page: Page, baseUrl: string, shot: Shot, lang: string): Promise<string> {
  await page.goto(`${baseUrl}${shot.path}?lang=${lang}`);
  await page.getByTestId('current-user').waitFor();
  await settle(page);
  // ECharts animates its first draw for about a second.
  await page.waitForTimeout(1500);
  const file = join(OUT, `${shot.name}-${lang}.png`);
  const box = shot.until ? await page.getByTestId(shot.until).boundingBox() : null;
  if (shot.until && !box) throw new Error(`${shot.path}: no section ${shot.until} to crop at`);
  // A taller window rather than a full-page capture, because the navigation bar is as tall as the
  // window; reloaded, because the page's frame sizes itself on load.
  if (box) {
    await page.setViewportSize({ width: WIDTH, height: Math.max(HEIGHT, Math.ceil(box.y + box.height + 16)) });
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await settle(page);
    await page.waitForTimeout(1500);
  }
  await page.screenshot({ path: file });
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  return file;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const data = await makeSampleDataFolder({ log });
  let stopServer = async () => undefined as void;
  const browser = await launchChromium();
  try {
    await createUserWithCli(data.dir, { ...ADMIN, role: 'admin', name: '王店长' });
    const server = await startCvmServer({ dataDir: data.dir });
    stopServer = server.stop;
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: WIDTH, height: HEIGHT } })).newPage();
    await signIn(page, server.url, ADMIN);
    // The overview of the first run is what "previous" will be after the import.
    await settle(page);
    log('importing the whole sample on the import page');
    await importThroughPage(page, SAMPLE_TRANSACTIONS);
    // The customer shown in 360 is the churn list's first, once the server's lists are of the new analysis.
    const churn = await settledAnswer<{ items: { customer_id: string }[] }>(page, server.url, '/churn?order=desc&page=1&pageSize=1&sort=value_at_risk');
    const top = churn.items[0]?.customer_id;
    if (!top) throw new Error('the churn list is empty');
    const shots: Shot[] = [
      { name: 'overview', path: '/' },
      { name: 'churn', path: '/churn' },
      { name: 'customer-360', path: `/customers/${encodeURIComponent(top)}`, until: 'c360-palive' },
      { name: 'rfm-pyramid', path: '/customers', until: 'section-pyramid' },
      { name: 'models', path: '/models' },
    ];
    for (const lang of LANGS) {
      for (const shot of shots) log(`wrote ${await shoot(page, server.url, shot, lang)}`);
    }
  } finally {
    await browser.close();
    await stopServer();
    data.remove();
  }
}

await main();
