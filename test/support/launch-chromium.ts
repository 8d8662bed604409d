// Debian's chromium driven by playwright-core (no browser download is possible on these machines).
// Without the browser the caller fails with ensureChromium's reason: a browser suite that skips
// would let CI pass without ever having opened the dashboard.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, ensureChromium } from '../../scripts/ensure-chromium.ts';

// Headless, no sandbox (CI runs as root), and nothing that talks to the network on its own: every
// request the tests make goes to the loopback server.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync',
];

/**
 * Launches headless chromium. Playwright gives every launch a fresh temporary user-data dir (and each
 * `browser.newContext()` its own cookies and storage), so no state leaks between runs.
 * Example: `const browser = await launchChromium(); const page = await browser.newPage();`
 */
export async function launchChromium(): Promise<Browser> {
  const missing = ensureChromium(() => undefined);
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}
