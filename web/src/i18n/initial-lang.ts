// Which language the page opens in: a `?lang=` in the address (shareable links, screenshots), else the
// user's last choice, else the browser's, else Chinese (the first users' language).
import type { Lang } from '../../../src/report/report-data.ts';

export const LANG_STORAGE_KEY = 'cvm.lang';

const isLang = (s: string | null | undefined): s is Lang => s === 'en' || s === 'zh-CN';

export function initialLang(stored: string | null, browser: string | undefined, query: string | null = null): Lang {
  if (isLang(query)) return query;
  if (isLang(stored)) return stored;
  if (browser && browser.toLowerCase().startsWith('en')) return 'en';
  return 'zh-CN';
}
