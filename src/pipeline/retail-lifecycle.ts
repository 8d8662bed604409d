// Lifecycle stages, time to lapse and cohort retention inside `cvm analyze`, on the imported sales'
// `transactions` view (one row per order). The tree is grown on a sample (lifecycle-model.ts) and
// today's customers are classified in SQL; Kaplan-Meier runs on the distinct (group, days, lapsed)
// patterns with their counts as weights, so the curves cost the same for 1M customers as for 1,000.
import { runLifecycle } from '../analytics/lifecycle/lifecycle-model.ts';
import { STAGES } from '../analytics/lifecycle/lifecycle-stages.ts';
import { kaplanMeier, survivalAt, type KaplanMeierCurve } from '../analytics/survival/kaplan-meier.ts';
import { lapseDurationsSql } from '../analytics/survival/lapse-sql.ts';
import { cohortRetention } from '../analytics/survival/cohort-retention.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import type { CohortsSection, LifecycleSection, SurvivalCurveInfo, SurvivalSection, Unavailable } from '../report/report-data.ts';
import type { AnalyzeConfig } from './analyze-config.ts';

/** `days`: customer-days of `transactions` already made (runLifecycle's `days`); `alongside`: SQL for DuckDB while the tree grows (runLifecycle's). */
export async function retailLifecycle(db: DuckDbEngine, end: string, c: AnalyzeConfig['lifecycle'], days?: string, alongside?: string): Promise<LifecycleSection> {
  const r = await runLifecycle(db, { end, windowDays: c.windowDays, growth: c.growth, maxDepth: c.maxDepth, classifyInSql: true, days, alongside });
  const perRule = await db.rows('SELECT rule, count(*) AS n FROM lifecycle_today_stage GROUP BY rule');
  const count = new Map(perRule.map((x) => [Number(x.rule), Number(x.n)]));
  return {
    windowDays: r.settings.windowDays, growth: r.settings.growth, trainCutoff: r.train.cutoff, testCutoff: r.test.cutoff, asOf: r.today.asOf,
    trainCustomers: r.train.customers, accuracy: r.test.accuracy, baselineAccuracy: r.test.baselineAccuracy, baselineStage: r.test.baselineStage,
    testCustomers: r.test.n,
    rules: r.tree.rules.map((x, k) => ({ id: k + 1, stage: STAGES[x.predicted], en: x.en, zh: x.zh, trainingCustomers: x.n, share: x.share, customers: count.get(k) ?? 0 })),
    stages: STAGES.map((stage) => ({ stage, customers: r.today.stages[stage] })),
    movement: r.movement,
  };
}

/** Curve read every `step` days (and at its last time), enough for a chart and a table. */
function curveInfo(group: string, customers: number, km: KaplanMeierCurve, maxTime: number): SurvivalCurveInfo {
  const step = Math.max(1, Math.ceil(maxTime / 60));
  const times: number[] = [];
  for (let t = 0; t < maxTime; t += step) times.push(t);
  times.push(maxTime);
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    group, customers, lapsed: km.events,
    median: finite(km.median.median), medianLower: finite(km.median.lower), medianUpper: finite(km.median.upper),
    points: survivalAt(km, times).map((p) => ({ time: p.time, surv: p.surv, lower: Number.isFinite(p.lower) ? p.lower : 0, upper: Number.isFinite(p.upper) ? p.upper : 1, atRisk: p.nRisk })),
  };
}

/**
 * `sources`: tables or views with customer_id, the first one holding the column `c.by` is used
 * (analyze passes the customers table, then a view of it joined with the new columns). `days`:
 * customer-days of `transactions` already made (lapseDurationsSql's `days`).
 */
export async function retailSurvival(db: DuckDbEngine, end: string, c: AnalyzeConfig['survival'], sources: readonly string[] = ['customers'], days?: string): Promise<SurvivalSection | Unavailable> {
  const lapse = await survivalLapseSql(db, end, c, sources, days);
  if (lapse === null) return { unavailable: `the customers table has no column "${c.by}" to split the curves by (survival.by in the config)` };
  await db.run(lapse);
  return survivalCurves(db, end, c);
}

/**
 * The time-to-lapse table customer_lapse (with each customer's group) as one statement, or null when
 * none of `sources` has the column `c.by`. cvm analyze runs it while the lifecycle tree grows in JS
 * when the group is known by then, and reads the curves after (survivalCurves).
 */
export async function survivalLapseSql(db: DuckDbEngine, end: string, c: AnalyzeConfig['survival'], sources: readonly string[], days?: string): Promise<string | null> {
  let customers: string | undefined;
  for (const source of sources) {
    const cols = new Set((await db.rows(`SELECT column_name FROM information_schema.columns WHERE table_name = ${quoteString(source)}`)).map((x) => String(x.column_name)));
    if (cols.has(c.by)) { customers = source; break; }
  }
  if (customers === undefined) return null;
  return `CREATE OR REPLACE TEMP TABLE retail_survival_group AS SELECT customer_id, CAST(${quoteIdent(c.by)} AS VARCHAR) AS grp FROM ${quoteIdent(customers)};
${lapseDurationsSql({ end, lapseDays: c.lapseDays, groups: 'retail_survival_group', target: 'customer_lapse', temp: true, days, ordered: false })}`;
}

/** The Kaplan-Meier curves, overall and per group, from customer_lapse (survivalLapseSql). */
export async function survivalCurves(db: DuckDbEngine, end: string, c: AnalyzeConfig['survival']): Promise<SurvivalSection | Unavailable> {
  const p = await db.columns(`SELECT grp, duration_days, lapsed, count(*) AS n, sum(returned_after_lapse) AS returned
    FROM customer_lapse GROUP BY ALL ORDER BY grp, duration_days, lapsed`);
  const grp = p.grp as (string | null)[];
  const time = p.duration_days as Float64Array, event = p.lapsed as Float64Array, weight = p.n as Float64Array;
  const n = weight.reduce((a, b) => a + b, 0);
  if (n === 0) return { unavailable: `no customer bought on or before ${end}` };
  const maxTime = time.reduce((a, b) => Math.max(a, b), 0);
  const overall = kaplanMeier({ time, event, weight });
  const groups: SurvivalCurveInfo[] = [];
  for (const g of [...new Set(grp.map((x) => x ?? '(none)'))].sort()) {
    const idx = grp.flatMap((x, i) => ((x ?? '(none)') === g ? [i] : []));
    const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
    const w = pick(weight);
    groups.push(curveInfo(g, w.reduce((a, b) => a + b, 0), kaplanMeier({ time: pick(time), event: pick(event), weight: w }), maxTime));
  }
  return {
    lapseDays: c.lapseDays, end, by: c.by, customers: n, lapsed: overall.events,
    returnedAfterLapse: (p.returned as Float64Array).reduce((a, b) => a + b, 0), confInt: overall.confInt,
    overall: curveInfo('all', n, overall, maxTime), groups,
  };
}

export async function retailCohorts(db: DuckDbEngine, end: string, months: number, days?: string): Promise<CohortsSection> {
  const m = await cohortRetention(db, { months, end, days });
  return { end: m.end, months: m.months, partialLastMonth: m.partialLastMonth, cohorts: m.cohorts.map((x) => ({ cohort: x.cohort, customers: x.customers, share: x.share })) };
}
