// The cluster and lifecycle sections: who the customer groups are (centroids in words, the
// silhouette curve that chose k) and where customers stand in their lifecycle (the tree's rules in
// plain language, its accuracy on a later period, and how customers moved between stages).
import type { ClustersSection, LifecycleSection } from './report-data.ts';
import { escapeHtml, num, numArg, pair, type RenderContext } from './html-text.ts';
import { factTable, htmlTable } from './html-table.ts';
import { retailText, rx, rxArg, type RetailTextKey } from './retail-text.ts';
import { figure, lineChart } from './svg-charts.ts';

const stageKey = (s: string): RetailTextKey | undefined => {
  const k = `stage.${s}`;
  return (['stage.exploration', 'stage.formation', 'stage.stability', 'stage.decline', 'stage.churned', 'stage.new', 'stage.none'] as const).find((x) => x === k);
};
export const stageLabel = (s: string): string => {
  const k = stageKey(s);
  return k ? rx(k) : escapeHtml(s);
};

export function renderClusters(c: ClustersSection, ctx: RenderContext): string {
  const count = (n: number) => numArg(ctx, (f) => f.count(n));
  const total = c.clusters.reduce((s, k) => s + k.customers, 0);
  const intro = c.chosenBy === 'silhouette'
    ? rx('clusters-intro', count(c.k), count(c.sample.rows), count(total))
    : rx('clusters-given', count(c.k), count(c.sample.rows), count(total));
  const parts = [`<p>${intro}</p>`];
  for (const d of c.dropped) parts.push(`<p>${rx('dropped-feature', () => d.feature, () => d.reason)}</p>`);
  const best = c.silhouette.find((s) => s.k === c.k);
  parts.push(htmlTable([
    { header: rx('cluster'), numeric: true }, { header: rx('described-as') }, { header: pair('Customers', '客户数'), numeric: true },
    { header: pair('Share', '占比'), numeric: true },
    ...c.features.map((f) => ({ header: pair(f.label.en, f.label.zh), numeric: true })),
  ], c.clusters.map((k) => [
    String(k.id), pair(k.label.en, k.label.zh), num(ctx, (f) => f.count(k.customers)), num(ctx, (f) => f.percent(k.share, 1)),
    ...c.features.map((f) => { const v = k.means[f.id]; return v === null || v === undefined ? '—' : num(ctx, (x) => x.significant(v, 3)); }),
  ]), 'clusters'));
  if (c.silhouette.length > 1) {
    parts.push(figure(lineChart({
      title: retailText('silhouette'),
      x: c.silhouette.map((s) => s.k),
      series: [{ name: retailText('silhouette'), values: c.silhouette.map((s) => s.mean) }],
      axis: { x: { en: 'k (number of clusters)', 'zh-CN': 'k（簇数）' }, y: retailText('silhouette') },
      xFormat: (n) => String(n), yFormat: (n, lang) => ctx.fmt[lang].fixed(n, 2),
      marker: best ? { x: best.k, label: { en: `k = ${best.k}`, 'zh-CN': `k = ${best.k}` } } : undefined,
      size: { width: 560, height: 260 },
    }), retailText('caption.silhouette')));
  }
  return parts.join('\n');
}

export function renderLifecycle(l: LifecycleSection, ctx: RenderContext): string {
  const pct = (v: number) => numArg(ctx, (f) => f.percent(v, 1));
  const parts = [`<p>${rx('lifecycle-intro', () => String(l.windowDays), () => l.trainCutoff, () => l.testCutoff, pct(l.accuracy),
    rxArg(stageKey(l.baselineStage) ?? 'stage.churned'), pct(l.baselineAccuracy), () => l.asOf)}</p>`];
  parts.push(factTable(l.stages.map((s) => [stageLabel(s.stage), num(ctx, (f) => f.count(s.customers))])));
  parts.push(`<h3>${rx('rules-plain')}</h3>`, htmlTable([
    { header: rx('rule'), numeric: true }, { header: rx('stage') }, { header: pair('Rule', '规则') }, { header: rx('today-customers'), numeric: true },
  ], l.rules.map((r) => [String(r.id), stageLabel(r.stage), pair(r.en, r.zh), num(ctx, (f) => f.count(r.customers))]), 'lifecycle-rules'));
  const m = l.movement;
  const froms = [...new Set(m.counts.map((c) => c.from))], tos = [...new Set(m.counts.map((c) => c.to))];
  const order = ['none', 'new', 'exploration', 'formation', 'stability', 'decline', 'churned'];
  const sort = (a: string[]) => a.sort((x, y) => order.indexOf(x) - order.indexOf(y));
  const cell = (a: string, b: string) => m.counts.find((c) => c.from === a && c.to === b)?.customers ?? 0;
  parts.push(`<h3>${rx('movement', () => m.from, () => m.to)}</h3>`, htmlTable(
    [{ header: '' }, ...sort(tos).map((t) => ({ header: stageLabel(t), numeric: true }))],
    sort(froms).map((a) => [stageLabel(a), ...tos.map((b) => num(ctx, (f) => f.count(cell(a, b))))]), 'movement'));
  return parts.join('\n');
}
