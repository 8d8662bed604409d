// Bilingual HTML text: every label goes into the page in both languages, as a pair of elements of class
// t-en / t-zh, and a class on <html> hides one of them. Both are in the page (rather than re-rendered by
// a script) so the switch works where scripts are stripped (mail clients show the default language)
// and the saved page stays one file. Everything from the data is escaped here, once.
import { numberFormats, type NumberFormats } from './format-number.ts';
import type { Lang, LocalText } from './report-data.ts';
import { fillText, reportText, type Bilingual, type TextKey } from './report-text.ts';

/** The per-language number formats a section renders with. */
export interface RenderContext {
  fmt: Record<Lang, NumberFormats>;
}

export function renderContext(currency?: string): RenderContext {
  return { fmt: { 'en': numberFormats('en', currency), 'zh-CN': numberFormats('zh-CN', currency) } };
}

/** A text that depends on the language, unescaped (a formatted number, a translated word). */
export type PerLang = (lang: Lang) => string;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Two spans, or the bare text when both languages write it the same way (numbers, ids). */
export function pair(en: string, zh: string): string {
  if (en === zh) return escapeHtml(en);
  return `<span class="t-en">${escapeHtml(en)}</span><span class="t-zh" lang="zh-CN">${escapeHtml(zh)}</span>`;
}

export function bilingual(b: Bilingual, args: readonly PerLang[] = []): string {
  return pair(fillText(b.en, args.map((a) => a('en'))), fillText(b['zh-CN'], args.map((a) => a('zh-CN'))));
}

/** A dictionary label, with {0}, {1}, … filled per language. */
export function tx(key: TextKey, ...args: PerLang[]): string {
  return bilingual(reportText(key), args);
}

/** Text from the analysis: a plain string shows in both languages. */
export function local(text: LocalText): string {
  return typeof text === 'string' ? escapeHtml(text) : pair(text.en, text['zh-CN']);
}

/** A number formatted in each language's way. */
export function num(ctx: RenderContext, f: (fmt: NumberFormats) => string): string {
  return pair(f(ctx.fmt.en), f(ctx.fmt['zh-CN']));
}

/** The same number as a template argument of `tx`. */
export function numArg(ctx: RenderContext, f: (fmt: NumberFormats) => string): PerLang {
  return (lang) => f(ctx.fmt[lang]);
}

/** A dictionary label as a template argument of `tx`. */
export function textArg(key: TextKey): PerLang {
  return (lang) => reportText(key)[lang];
}

/** "Not available: <why>", for a section or part the run could not produce. */
export function unavailableNote(reason: LocalText): string {
  return `<p class="unavailable"><strong>${tx('not-available')}:</strong> ${local(reason)}</p>`;
}

/** A dictionary label with its {0}, {1}, … filled, as plain text in both languages (for SVG labels). */
export function filledText(key: TextKey, ...args: PerLang[]): Bilingual {
  const b = reportText(key);
  return { 'en': fillText(b.en, args.map((a) => a('en'))), 'zh-CN': fillText(b['zh-CN'], args.map((a) => a('zh-CN'))) };
}
