// Which language the page opens in: the user's last choice, else the browser's, else Chinese (the
// first users' language).
import type { Lang } from '../../../src/report/report-data.ts';

export const LANG_STORAGE_KEY = 'cvm.lang';

export function initialLang(stored: string | null, browser: string | undefined): Lang {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  if (browser && browser.toLowerCase().startsWith('en')) return 'en';
  return 'zh-CN';
}
