// The value sections: how predicted customer value is distributed and concentrated (the 80/20
// picture a CRM manager plans around), and the customers whose loss would cost the most.
import type { AtRiskSection, ValueSection } from './report-data.ts';
import { reportText } from './report-text.ts';
import { escapeHtml, filledText, num, numArg, pair, tx, type RenderContext } from './html-text.ts';
import { factTable, htmlTable } from './html-table.ts';
import { barChart, figure, histogramChart } from './svg-charts.ts';

export function renderValue(v: ValueSection, ctx: RenderContext): string {
  const money = (n: number) => num(ctx, (f) => f.money(n));
  const pct = (n: number) => num(ctx, (f) => f.share(n));
  const parts = [
    `<p>${tx('value-intro', numArg(ctx, (f) => f.count(v.horizonMonths)))}</p>`,
    factTable([
      [tx('customers'), num(ctx, (f) => f.count(v.totals.customers))],
      [tx('total-value'), money(v.totals.value)],
      [tx('mean-value'), money(v.totals.mean)],
      [tx('median-value'), money(v.totals.median)],
    ]),
  ];
  if (v.bins.length > 0) {
    const customers = v.bins.reduce((s, b) => s + b.customers, 0);
    const value = v.bins.reduce((s, b) => s + b.value, 0);
    parts.push(`<h3>${tx('value-distribution')}</h3>`, figure(histogramChart({
      title: reportText('value-distribution'),
      edges: [...v.bins.map((b) => b.from), v.bins[v.bins.length - 1].to],
      counts: v.bins.map((b) => b.customers),
      axis: { x: reportText('predicted-value'), y: reportText('customers') },
      xFormat: (n, lang) => ctx.fmt[lang].compact(n),
      yFormat: (n, lang) => ctx.fmt[lang].compact(n),
    }), reportText('caption.value')), htmlTable([
      { header: tx('value-range'), numeric: true }, { header: tx('customers'), numeric: true },
      { header: tx('share-customers'), numeric: true }, { header: tx('predicted-value'), numeric: true },
      { header: tx('share-value'), numeric: true },
    ], v.bins.map((b) => [
      `${money(b.from)} – ${money(b.to)}`, num(ctx, (f) => f.count(b.customers)),
      pct(customers > 0 ? b.customers / customers : NaN), money(b.value), pct(value !== 0 ? b.value / value : NaN),
    ]), 'value-bins'));
  }
  if (v.concentration.length > 0) {
    const top = v.concentration.map((c) => filledText('top-percent', numArg(ctx, (f) => f.percent(c.topPercent / 100, 0))));
    const widest = v.concentration.reduce((a, b) => (b.topPercent > a.topPercent ? b : a));
    parts.push(`<h3>${tx('concentration')}</h3>`, `<p class="lead">${tx('concentration-sentence',
      numArg(ctx, (f) => f.percent(widest.topPercent / 100, 0)), numArg(ctx, (f) => f.percent(widest.valueShare, 1)))}</p>`,
    '<div class="columns">', figure(barChart({
      title: reportText('concentration'),
      categories: top,
      series: [{ name: reportText('share-value'), values: v.concentration.map((c) => c.valueShare) }],
      axis: { x: reportText('top-customers'), y: reportText('share-value') },
      yFormat: (n, lang) => ctx.fmt[lang].percent(n, 0),
      valueLabels: (n, lang) => ctx.fmt[lang].percent(n, 1),
      size: { width: 480, height: 260 },
    }), reportText('caption.concentration')), htmlTable(
      [{ header: tx('top-customers') }, { header: tx('share-value'), numeric: true }],
      v.concentration.map((c, i) => [pair(top[i].en, top[i]['zh-CN']), pct(c.valueShare)]),
      'concentration',
    ), '</div>');
  }
  return parts.join('\n');
}

export function renderAtRisk(a: AtRiskSection, ctx: RenderContext): string {
  const money = (n: number) => num(ctx, (f) => f.money(n));
  const intro = `<p>${tx('at-risk-intro', numArg(ctx, (f) => f.money(a.totalValueAtRisk)))}</p>`;
  if (a.customers.length === 0) return `${intro}<p>${tx('no-customers')}</p>`;
  return intro + htmlTable([
    { header: tx('rank'), numeric: true }, { header: tx('customer-id') }, { header: tx('p-alive'), numeric: true },
    { header: tx('predicted-value'), numeric: true }, { header: tx('value-at-risk'), numeric: true },
    { header: tx('last-purchase') }, { header: tx('total-spend'), numeric: true }, { header: tx('orders'), numeric: true },
  ], a.customers.map((c, i) => [
    String(i + 1), `<code>${escapeHtml(c.customer_id)}</code>`, num(ctx, (f) => f.percent(c.p_alive, 1)),
    money(c.clv), money(c.value_at_risk), escapeHtml(c.last_purchase), money(c.total_spend), num(ctx, (f) => f.count(c.orders)),
  ]), 'at-risk');
}
