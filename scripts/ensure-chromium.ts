// The browser tests drive Debian's chromium (no browser download is possible on these machines). When it
// is missing and we are root on Debian, install it, so the README's test command works on a fresh
// machine; otherwise say what to run. The browser tests themselves fail (never skip) without it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
/** A CJK font, without which Chinese text renders as empty boxes in screenshots. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** Returns null when chromium is there (or was installed), else the reason it is not. */
export function ensureChromium(log: (line: string) => void = console.log): string | null {
  if (existsSync(CHROMIUM) && existsSync(CJK_FONT)) return null;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    if (existsSync(CHROMIUM)) return null;
    return `${CHROMIUM} is missing: install Debian's chromium (sudo apt-get install -y chromium fonts-wqy-microhei) for the browser tests`;
  }
  log('installing Debian chromium and a CJK font for the browser tests (apt-get install -y chromium fonts-wqy-microhei)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) return `apt-get ${args.join(' ')} failed (exit ${String(r.status)}): the browser tests need ${CHROMIUM}`;
  }
  return existsSync(CHROMIUM) ? null : `apt-get installed chromium but ${CHROMIUM} is still missing`;
}
