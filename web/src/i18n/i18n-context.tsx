// Language state for the whole page: one catalogue (messages.ts), the choice remembered in
// localStorage, numbers formatted by the report's own Intl-based formatters so the dashboard and
// report.html show a figure the same way.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { numberFormats, type NumberFormats } from '../../../src/report/format-number.ts';
import type { Lang, LocalText } from '../../../src/report/report-data.ts';
import { en, zhCN, type MessageKey } from './messages.ts';
import { initialLang, LANG_STORAGE_KEY } from './initial-lang.ts';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey): string;
  /** Text that came with the data: a plain string, or one with a translation. */
  local(text: LocalText): string;
  /** A label of the analytics code ({en, zh}). */
  label(l: { en: string; zh: string }): string;
  fmt: NumberFormats;
}

const I18nContext = createContext<I18n | null>(null);

function readStored(): string | null {
  try { return localStorage.getItem(LANG_STORAGE_KEY); } catch { return null; }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang(readStored(), navigator.language, new URLSearchParams(window.location.search).get('lang')));
  const value = useMemo<I18n>(() => {
    const table = lang === 'en' ? en : zhCN;
    return {
      lang,
      setLang(next) {
        try { localStorage.setItem(LANG_STORAGE_KEY, next); } catch { /* private mode: the choice lasts for this visit only */ }
        setLangState(next);
      },
      t: (key) => table[key],
      local: (text) => (typeof text === 'string' ? text : text[lang]),
      label: (l) => (lang === 'en' ? l.en : l.zh),
      fmt: numberFormats(lang),
    };
  }, [lang]);
  // Screen readers and the browser's font choice for CJK text follow the page's lang attribute.
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
