// The product sections: hot products with the state of each of the four conditions, association
// rules read as "customers who buy X also buy Y", and the replenishment list of who is due next.
import type { HotCondition, HotProductsSection, ReplenishmentSection, RulesSection } from './report-data.ts';
import { escapeHtml, num, numArg, pair, type RenderContext } from './html-text.ts';
import { htmlTable } from './html-table.ts';
import { rx, rxArg, type RetailTextKey } from './retail-text.ts';

const CONDITIONS: readonly HotCondition[] = ['weeklyUnits', 'firstTimeBuyerShare', 'favorites', 'views'];
const CONDITION_KEY: Record<HotCondition, RetailTextKey> = { weeklyUnits: 'weekly-units', firstTimeBuyerShare: 'first-time-share', favorites: 'favorites', views: 'views' };
const STATE_KEY = { 'met': 'state.met', 'not-met': 'state.not-met', 'unknown': 'state.unknown' } as const;

const product = (id: string, name: string | null) => `<code>${escapeHtml(id)}</code>${name ? ` ${escapeHtml(name)}` : ''}`;

export function renderHotProducts(h: HotProductsSection, ctx: RenderContext): string {
  const threshold = (c: HotCondition) => numArg(ctx, (f) => (c === 'firstTimeBuyerShare' ? f.percent(h.thresholds[c], 0) : f.count(h.thresholds[c])));
  const parts = [`<p>${rx('hot-intro', () => String(h.weeks), () => h.to, numArg(ctx, (f) => f.count(h.hot)), numArg(ctx, (f) => f.count(h.products)))}</p>`];
  for (const u of h.unknown) parts.push(`<p>${rx('unknown-condition', (lang) => rxArg(CONDITION_KEY[u.condition])(lang).replace('{0}', threshold(u.condition)(lang)), (lang) => (typeof u.reason === 'string' ? u.reason : u.reason[lang]))}</p>`);
  const measure = (p: HotProductsSection['top'][number], c: HotCondition): string => {
    const v = c === 'weeklyUnits' ? p.weeklyUnits : c === 'firstTimeBuyerShare' ? p.firstTimeBuyerShare : c === 'favorites' ? p.favorites : p.views;
    const shown = v === null ? '—' : num(ctx, (f) => (c === 'firstTimeBuyerShare' ? f.percent(v, 0) : c === 'weeklyUnits' ? f.fixed(v, 1) : f.count(v)));
    return `${shown} <small>${rx(STATE_KEY[p.conditions[c]])}</small>`;
  };
  parts.push(htmlTable([
    { header: rx('product') }, ...CONDITIONS.map((c) => ({ header: rx(CONDITION_KEY[c], threshold(c)), numeric: true })), { header: rx('hot') },
  ], h.top.map((p) => [product(p.productId, p.name), ...CONDITIONS.map((c) => measure(p, c)), rx(p.hot ? 'yes' : 'no')]), 'hot-products'));
  return parts.join('\n');
}

export function renderRules(r: RulesSection, ctx: RenderContext): string {
  const intro = rx('rules-intro', numArg(ctx, (f) => f.count(r.baskets)), rxArg(r.basketBy === 'order' ? 'basket.order' : 'basket.customer-day'),
    numArg(ctx, (f) => f.count(r.items)), numArg(ctx, (f) => f.percent(r.support, 1)), numArg(ctx, (f) => f.percent(r.confidence, 0)),
    () => String(r.minlen), () => String(r.maxlen), numArg(ctx, (f) => f.count(r.found)), numArg(ctx, (f) => f.count(r.kept)));
  if (r.top.length === 0) return `<p>${intro}</p><p>${rx('no-rules')}</p>`;
  return `<p>${intro}</p>\n` + htmlTable([
    { header: rx('if-bought') }, { header: rx('also-buy') }, { header: rx('support'), numeric: true }, { header: rx('confidence'), numeric: true },
    { header: rx('lift'), numeric: true }, { header: rx('count'), numeric: true },
  ], r.top.map((x) => [
    x.lhs.map((i) => product(i.id, i.name)).join(' + '), product(x.rhs.id, x.rhs.name), num(ctx, (f) => f.percent(x.support, 2)),
    num(ctx, (f) => f.percent(x.confidence, 1)), num(ctx, (f) => f.fixed(x.lift, 2)), num(ctx, (f) => f.count(x.count)),
  ]), 'rules');
}

export function renderReplenishment(r: ReplenishmentSection, ctx: RenderContext): string {
  const count = (n: number) => numArg(ctx, (f) => f.count(n));
  const days = (n: number) => numArg(ctx, (f) => f.significant(n, 3));
  const parts = [`<p>${rx('replenishment-intro', count(r.pairs), () => String(r.minPurchases), days(r.interval.p25), days(r.interval.median), days(r.interval.p75),
    count(r.duePairs), count(r.dueCustomers), () => String(r.dueDays), () => r.asOf, count(r.overduePairs))}</p>`];
  if (r.due.length) {
    parts.push(htmlTable([
      { header: pair('Customer', '客户编号') }, { header: rx('product') }, { header: rx('purchase-days'), numeric: true },
      { header: rx('interval-days'), numeric: true }, { header: pair('Last purchase', '最近购买') }, { header: rx('next-purchase') },
    ], r.due.map((d) => [`<code>${escapeHtml(d.customer_id)}</code>`, product(d.product_id, d.product_name), num(ctx, (f) => f.count(d.purchases)),
      num(ctx, (f) => f.significant(d.median_interval_days, 3)), escapeHtml(d.last_purchase), escapeHtml(d.next_purchase)]), 'replenishment'));
  }
  return parts.join('\n');
}
