// The model's checks against the data: the holdout comparison by calibration frequency (Fader, Hardie
// & Lee 2005, Figure 4), the calibration repeat-frequency histogram (their Figure 2) and cumulative
// tracking over calendar time (their Figure 3). Each is shown as a chart and, where a reader may want
// to quote a number, a table with the same values.
import { isUnavailable, type FrequencyBin, type HoldoutSection, type ModelSection, type TrackingPoint } from './report-data.ts';
import { reportText, unitTextKey } from './report-text.ts';
import { escapeHtml, filledText, num, textArg, tx, unavailableNote, type RenderContext } from './html-text.ts';
import { factTable, htmlTable } from './html-table.ts';
import { barChart, figure, lineChart, type TickFormat } from './svg-charts.ts';


function frequencyLabel(b: { frequency: number; orMore: boolean }): string {
  return `${b.frequency}${b.orMore ? '+' : ''}`;
}

function ticks(ctx: RenderContext): TickFormat {
  return (n, lang) => ctx.fmt[lang].compact(n);
}

/** `chosen`: the count model (ModelSection.chosen), which says why P(alive) may rank buyers badly. */
export function renderHoldout(h: ModelSection['holdout'], ctx: RenderContext, chosen?: string): string {
  const head = `<h3>${tx('holdout')}</h3>`;
  if (h === undefined || isUnavailable(h)) return head + unavailableNote(h?.unavailable ?? reportText('not-computed'));
  return head + holdoutBody(h, ctx) + pAliveNote(h, ctx, chosen);
}

/**
 * A reading of an AUC of P(alive) below one half, which otherwise looks like a broken model: BG/NBD
 * lets a customer drop out only just after a repeat purchase, so P(alive) = 1 for everyone without one
 * (Fader, Hardie & Lee 2005, eq. 11, the δ(x>0) term), and where many one-time buyers never come back
 * they rank first. Expected purchases weigh that by the purchase rate and are the ranking to act on.
 */
function pAliveNote(h: HoldoutSection, ctx: RenderContext, chosen?: string): string {
  if (h.pAliveAuc === null || !(h.pAliveAuc < 0.5)) return '';
  const auc = (v: number | null) => (lang: 'en' | 'zh-CN') => (v === null ? '—' : ctx.fmt[lang].fixed(v, 3));
  const why = chosen === 'bgnbd' || chosen === 'mbgnbd' ? ` ${tx('palive-low-bgnbd')}` : '';
  return `\n<p class="note">${tx('palive-low', auc(h.pAliveAuc))}${why} ${tx('palive-low-use', auc(h.expectedPurchasesAuc))}</p>`;
}

function holdoutBody(h: HoldoutSection, ctx: RenderContext): string {
  const f3 = (v: number | null) => (v === null ? '—' : num(ctx, (f) => f.fixed(v, 3)));
  const period = tx('holdout-period', () => h.calibrationEnd, () => h.holdoutEnd);
  const facts = factTable([
    [tx('holdout-total-actual'), num(ctx, (f) => f.fixed(h.totalActual, 0))],
    [tx('holdout-total-expected'), num(ctx, (f) => f.fixed(h.totalExpected, 1))],
    [tx('difference'), num(ctx, (f) => f.percent(h.totalActual > 0 ? (h.totalExpected - h.totalActual) / h.totalActual : NaN))],
    [tx('mae'), f3(h.mae)],
    [tx('rmse'), f3(h.rmse)],
    [tx('auc-expected'), f3(h.expectedPurchasesAuc)],
    [tx('auc-palive'), f3(h.pAliveAuc)],
  ]);
  const chart = figure(barChart({
    title: reportText('holdout'),
    categories: h.bins.map(frequencyLabel),
    series: [
      { name: reportText('actual'), values: h.bins.map((b) => b.actual) },
      { name: reportText('expected'), values: h.bins.map((b) => b.expected) },
    ],
    axis: { x: reportText('calibration-frequency'), y: reportText('mean-holdout-purchases') },
    yFormat: (n, lang) => ctx.fmt[lang].significant(n, 3),
  }), reportText('caption.holdout'));
  const table = htmlTable([
    { header: tx('calibration-frequency'), numeric: true }, { header: tx('customers'), numeric: true },
    { header: tx('actual'), numeric: true }, { header: tx('expected'), numeric: true },
  ], h.bins.map((b) => [
    escapeHtml(frequencyLabel(b)), num(ctx, (f) => f.count(b.customers)), f3(b.actual), f3(b.expected),
  ]), 'holdout-bins');
  return `<p>${period}</p>\n<div class="columns">${facts}${table}</div>\n${chart}`;
}

export function renderFrequencyHistogram(bins: readonly FrequencyBin[] | undefined, ctx: RenderContext): string {
  const head = `<h3>${tx('frequency-histogram')}</h3>`;
  if (bins === undefined || bins.length === 0) return head + unavailableNote(reportText('not-computed'));
  const chart = figure(barChart({
    title: reportText('frequency-histogram'),
    categories: bins.map(frequencyLabel),
    series: [
      { name: reportText('actual'), values: bins.map((b) => b.actual) },
      { name: reportText('expected'), values: bins.map((b) => b.expected) },
    ],
    axis: { x: reportText('repeat-purchases'), y: reportText('customers') },
    yFormat: ticks(ctx),
  }), reportText('caption.frequency'));
  const table = htmlTable([
    { header: tx('repeat-purchases'), numeric: true }, { header: tx('actual'), numeric: true }, { header: tx('expected'), numeric: true },
  ], bins.map((b) => [escapeHtml(frequencyLabel(b)), num(ctx, (f) => f.count(b.actual)), num(ctx, (f) => f.fixed(b.expected, 1))]), 'frequency-bins');
  return `${head}\n${chart}\n${table}`;
}

export function renderTracking(t: ModelSection['tracking'], ctx: RenderContext): string {
  const head = `<h3>${tx('tracking')}</h3>`;
  if (t === undefined || isUnavailable(t)) return head + unavailableNote(t?.unavailable ?? reportText('not-computed'));
  const points: readonly TrackingPoint[] = t.points;
  if (points.length === 0) return head + unavailableNote(reportText('not-computed'));
  const unitKey = unitTextKey(t.unit);
  const xTitle = filledText('time-since-start', unitKey ? textArg(unitKey) : () => t.unit);
  const chart = figure(lineChart({
    title: reportText('tracking'),
    x: points.map((p) => p.time),
    series: [
      { name: reportText('actual'), values: points.map((p) => p.actual) },
      { name: reportText('expected'), values: points.map((p) => p.expected) },
    ],
    axis: { x: xTitle, y: reportText('cumulative-purchases') },
    xFormat: ticks(ctx),
    yFormat: ticks(ctx),
    marker: t.calibrationEnd === null ? undefined : { x: t.calibrationEnd, label: reportText('calibration-end') },
  }), reportText(t.calibrationEnd === null ? 'caption.tracking' : 'caption.tracking-holdout'));
  return `${head}\n${chart}`;
}
