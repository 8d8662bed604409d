// Number formatting of the report, per language. Intl's locale data decides the separators and the
// compact forms (en "12K", zh-CN "1.2万"), so Chinese readers see the units they count in. A money
// amount takes the report's currency symbol as a prefix rather than an ISO code, because a shop's
// export rarely says which currency it is in and a wrong "$" is worse than none.
import type { Lang } from './report-data.ts';

export interface NumberFormats {
  lang: Lang;
  /** Whole numbers with thousands separators: 12,345. */
  count(n: number): string;
  /** Fixed decimals with thousands separators: 12,345.68. */
  fixed(n: number, digits: number): string;
  /** Significant digits, for parameters whose scale is unknown in advance (0.2426, 4.414, 1,234). */
  significant(n: number, digits?: number): string;
  /** A share (0.783) as a percentage (78.3%). */
  percent(share: number, digits?: number): string;
  /** A share of a total as a percentage with one decimal; a small non-zero share reads "<0.1%", not "0.0%". */
  share(share: number): string;
  /** Money: the currency symbol (if any) and two decimals. */
  money(n: number): string;
  /** Short axis labels: 950, 12K / 1.2万. */
  compact(n: number): string;
}

/** What a non-finite value (a metric that does not exist for these data) is shown as. */
export const MISSING = '—';

export function numberFormats(lang: Lang, currency = ''): NumberFormats {
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (key: string, o: Intl.NumberFormatOptions) => {
    let f = cache.get(key);
    if (!f) { f = new Intl.NumberFormat(lang, o); cache.set(key, f); }
    return f;
  };
  const guard = (f: (n: number) => string) => (n: number) => (Number.isFinite(n) ? f(n) : MISSING);
  const fixed = (n: number, digits: number) => nf(`f${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  return {
    lang,
    count: guard((n) => nf('count', { maximumFractionDigits: 0 }).format(n)),
    fixed: (n, digits) => (Number.isFinite(n) ? fixed(n, digits) : MISSING),
    significant: (n, digits = 4) => (Number.isFinite(n) ? nf(`s${digits}`, { maximumSignificantDigits: digits }).format(n) : MISSING),
    percent: (share, digits = 1) => (Number.isFinite(share)
      ? nf(`p${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share)
      : MISSING),
    share: (share) => {
      const pct = (v: number) => nf('p1', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
      if (!Number.isFinite(share)) return MISSING;
      return share > 0 && share < 0.0005 ? `<${pct(0.001)}` : pct(share);
    },
    // The sign goes before the symbol (−¥12.50), as both locales write it.
    money: guard((n) => `${n < 0 ? '-' : ''}${currency}${fixed(Math.abs(n), 2)}`),
    compact: guard((n) => (Math.abs(n) < 10_000
      ? nf('c-small', { maximumFractionDigits: 2 }).format(n)
      : nf('c', { notation: 'compact', maximumFractionDigits: 1 }).format(n))),
  };
}
