// Turns a finished analysis (the DuckDB tables and the pipeline's result) into the report's plain
// data (src/report/report-data.ts). Aggregates are computed in SQL; only small results reach JS.
import type { HoldoutCheck } from '../analytics/diagnostics/holdout-check.ts';
import type { HistogramBin } from '../analytics/diagnostics/frequency-histogram.ts';
import type { FitResult } from '../analytics/models/types.ts';
import { DEFAULT_SEGMENTS, OTHERS } from '../analytics/rfm/rfm-segments.ts';
import { PYRAMID_TIERS, TIER_LABELS } from '../analytics/pyramid/value-pyramid.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import type { DataQualityCheck, ExtraSection, LocalText, ModelSection, OverviewSection, ParamEstimate, ReportData, TrackingPoint } from '../report/report-data.ts';
import { modelReasonZh } from '../report/model-reason.ts';
import type { PipelineResult } from './value-pipeline.ts';

export interface RunDiagnostics {
  calibrationEnd: string;
  holdoutEnd: string;
  holdout: HoldoutCheck;
  histogram: HistogramBin[];
  tracking: TrackingPoint[];
  /** Calibration end in the model's time unit since the start of the log. */
  calibrationTime: number;
}

export interface ReportInputs {
  inputFile: string;
  result: PipelineResult;
  overview?: Partial<OverviewSection>;
  diagnostics?: RunDiagnostics | { unavailable: string };
  quality?: DataQualityCheck[];
  currency?: string;
}

const params = (f: FitResult): ParamEstimate[] =>
  Object.entries(f.params as Record<string, number>).map(([name, value]) => ({ name, value, se: f.standardErrors ? (f.standardErrors as Record<string, number>)[name] ?? null : null }));
/** The model choice in both languages when its wording is known (src/report/model-reason.ts), else as written. */
const bilingualReason = (en: string): LocalText => {
  const zh = modelReasonZh(en);
  return zh === null ? en : { 'en': en, 'zh-CN': zh };
};
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const num = (v: unknown): number => Number(v ?? 0);

export async function reportDataFromRun(db: DuckDbEngine, i: ReportInputs): Promise<ReportData> {
  const r = i.result;
  const range = (await db.rows("SELECT strftime(min(ts), '%Y-%m-%d') AS f, strftime(max(ts), '%Y-%m-%d') AS t FROM transactions"))[0];
  const overview: OverviewSection = {
    inputFile: i.inputFile,
    rows: { read: r.rows, loaded: r.rows, excluded: 0, rejected: 0 },
    excludedByReason: [], rejectedByReason: [],
    customers: r.summary.customers, dateRange: { from: String(range.f), to: String(range.t) }, unit: r.summary.unit,
    ...i.overview,
  };
  const model: ModelSection = {
    chosen: r.choice.chosen, reason: bilingualReason(r.choice.reason), params: params(r.countFit), logLik: r.countFit.logLik, aic: r.countFit.aic, bic: r.countFit.bic,
    customers: r.summary.customers, candidates: r.choice.candidates,
    spend: r.spendFit ? { model: 'gg', params: params(r.spendFit), logLik: r.spendFit.logLik, customers: r.spendFit.n } : { unavailable: r.spendUnavailable ?? 'the file has no amounts' },
  };
  const d = i.diagnostics;
  if (d && 'unavailable' in d) model.holdout = { unavailable: d.unavailable };
  else if (d) {
    model.holdout = {
      calibrationEnd: d.calibrationEnd, holdoutEnd: d.holdoutEnd, bins: d.holdout.bins, totalActual: d.holdout.totalActual, totalExpected: d.holdout.totalExpected,
      mae: d.holdout.errors.mae, rmse: d.holdout.errors.rmse, pAliveAuc: finite(d.holdout.pAlive.auc), expectedPurchasesAuc: finite(d.holdout.expectedPurchasesAuc),
    };
    model.frequencyHistogram = d.histogram.map((b) => ({ frequency: b.frequency, orMore: b.orMore, actual: b.actual, expected: b.expected }));
    model.tracking = { unit: r.summary.unit, points: d.tracking, calibrationEnd: d.calibrationTime };
  }
  const data: ReportData = { generatedAt: new Date().toISOString(), currency: i.currency, overview, model };
  if (i.quality) data.dataQuality = { checks: i.quality };
  const clv = `clv_${r.horizon.clvMonths}m`;
  const cols = await customerColumns(db);
  if (r.spendFit) {
    data.value = await valueSection(db, clv, r.horizon.clvMonths);
  } else {
    data.value = { unavailable: 'the file has no amounts, so there is no spend model and no CLV' };
  }
  if (!r.spendFit) data.atRisk = { unavailable: r.spendUnavailable ?? 'value at risk needs amounts' };
  else if (!cols.has('value_at_risk')) data.atRisk = { unavailable: 'the segment stage was switched off (--no-segments)' };
  else {
    const top = await db.rows(`SELECT customer_id, p_alive, ${clv} AS clv, value_at_risk, last_purchase, total_spend, orders FROM customers
      WHERE value_at_risk IS NOT NULL ORDER BY value_at_risk DESC, customer_id LIMIT 20`); // ties (common at the top) in a fixed order
    const total = num(await db.scalar('SELECT sum(value_at_risk) FROM customers'));
    data.atRisk = { totalValueAtRisk: total, customers: top.map((t) => ({ customer_id: String(t.customer_id), p_alive: num(t.p_alive), clv: num(t.clv), value_at_risk: num(t.value_at_risk), last_purchase: String(t.last_purchase), total_spend: num(t.total_spend), orders: num(t.orders) })) };
  }
  data.sections = await segmentSections(db, cols);
  return data;
}

async function valueSection(db: DuckDbEngine, clv: string, months: number): Promise<ReportData['value']> {
  const s = (await db.rows(`SELECT count(*) AS n, sum(${clv}) AS total, avg(${clv}) AS mean, median(${clv}) AS median, quantile_cont(${clv}, 0.95) AS p95 FROM customers`))[0];
  const n = num(s.n), p95 = num(s.p95);
  const width = p95 > 0 ? p95 / 10 : 1;
  // Ten equal-width ranges up to the 95th percentile and one "or more" range above it.
  const bins = await db.rows(`SELECT least(floor(${clv} / ${width}), 10) AS k, count(*) AS customers, sum(${clv}) AS value FROM customers GROUP BY k ORDER BY k`);
  const byK = new Map(bins.map((b) => [num(b.k), b]));
  const concentration = [];
  for (const top of [1, 5, 20]) {
    const share = num(await db.scalar(`SELECT sum(v) FROM (SELECT ${clv} AS v FROM customers ORDER BY v DESC LIMIT ${Math.max(1, Math.round((n * top) / 100))})`)) / (num(s.total) || 1);
    concentration.push({ topPercent: top, valueShare: share });
  }
  return {
    horizonMonths: months,
    bins: Array.from({ length: 11 }, (_, k) => ({ from: k * width, to: k < 10 ? (k + 1) * width : Math.max(num(s.p95) * 10, (k + 1) * width), customers: num(byK.get(k)?.customers), value: num(byK.get(k)?.value) })),
    concentration, totals: { customers: n, value: num(s.total), mean: num(s.mean), median: num(s.median) },
  };
}

/** Columns of `customers` in the current database (not a same-named table of an attached store). */
async function customerColumns(db: DuckDbEngine): Promise<Set<string>> {
  const rows = await db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND table_catalog = current_database()");
  return new Set(rows.map((c) => String(c.column_name)));
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const both = (en: string, zh: string) => `<span class="t-en">${esc(en)}</span><span class="t-zh">${esc(zh)}</span>`;
const pctText = (v: number) => `${(100 * v).toFixed(1)}%`;

/** RFM segments and the value pyramid as extra report sections (bilingual tables). */
async function segmentSections(db: DuckDbEngine, cols: ReadonlySet<string>): Promise<ExtraSection[]> {
  if (!cols.has('rfm_segment')) return [];
  const seg = await db.rows(`SELECT rfm_segment AS id, count(*) AS n, sum(total_spend) AS revenue FROM customers GROUP BY ALL`);
  const totalN = seg.reduce((a, b) => a + num(b.n), 0), totalRev = seg.reduce((a, b) => a + num(b.revenue), 0) || 1;
  const segRows = [...DEFAULT_SEGMENTS, OTHERS].map((rule) => {
    const row = seg.find((x) => x.id === rule.id);
    return `<tr><td>${both(rule.label.en, rule.label.zh)}</td><td class="num">${num(row?.n)}</td><td class="num">${pctText(num(row?.n) / totalN)}</td><td class="num">${pctText(num(row?.revenue) / totalRev)}</td></tr>`;
  });
  const head = (a: [string, string][]) => `<tr>${a.map(([en, zh]) => `<th>${both(en, zh)}</th>`).join('')}</tr>`;
  const rfm: ExtraSection = {
    id: 'rfm', title: { en: 'RFM segments', 'zh-CN': 'RFM 客户细分' },
    html: `<table>${head([['Segment', '细分'], ['Customers', '客户数'], ['Share of customers', '客户占比'], ['Share of revenue', '收入占比']])}${segRows.join('')}</table>`,
  };
  const pyr = await db.rows('SELECT pyramid_tier AS tier, count(*) AS n, sum(total_spend) AS revenue FROM customers GROUP BY ALL');
  const pyrRows = PYRAMID_TIERS.map((t) => {
    const row = pyr.find((x) => x.tier === t);
    return `<tr><td>${both(TIER_LABELS[t].en, TIER_LABELS[t].zh)}</td><td class="num">${num(row?.n)}</td><td class="num">${pctText(num(row?.n) / totalN)}</td><td class="num">${pctText(num(row?.revenue) / totalRev)}</td></tr>`;
  });
  const pyramid: ExtraSection = {
    id: 'pyramid', title: { en: 'Value pyramid (ranked by predicted value)', 'zh-CN': '客户金字塔（按预测价值排序）' },
    html: `<table>${head([['Tier', '层级'], ['Customers', '客户数'], ['Share of customers', '客户占比'], ['Share of revenue', '收入占比']])}${pyrRows.join('')}</table>`,
  };
  return [rfm, pyramid];
}
