// The holdout check behind the report: refit the chosen count model on a calibration period and
// compare its forecasts with what customers did afterwards (cvm diagnose does the same on request).
// Run after the main pipeline: it rebuilds `customer_summary` with a calibration split.
// Why a day-totals table first: the span, the calibration summary and both tracking queries all start
// from each customer's purchase days, so `transactions` (a view over the sales lines) is grouped once
// instead of four times. Why the grouped check rows and the tracking counts go into temp tables in
// one statement before the refit: DuckDB computes them on its own threads while the fit runs on the
// JS thread (one statement = one call into DuckDB, which needs no event-loop turn to go on).
import { frequencyHistogram } from '../analytics/diagnostics/frequency-histogram.ts';
import { holdoutCheck } from '../analytics/diagnostics/holdout-check.ts';
import { actualTrackingSql, trackingStartsSql, UNIT_DAYS } from '../analytics/diagnostics/tracking-sql.ts';
import { expectedCumulativePurchases } from '../analytics/diagnostics/tracking.ts';
import type { CountModel, TimeUnit } from '../analytics/models/types.ts';
import { buildSummary } from '../analytics/summary/build-summary.ts';
import { exactSum } from '../analytics/summary/money-sql.ts';
import { readRfPatterns } from '../analytics/summary/read-summary.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { overlapped } from '../engines/duckdb/overlapped.ts';
import type { RunDiagnostics } from './report-data-from-run.ts';

const DAYS = 'holdout_days', GROUPS = 'holdout_groups', ACTUAL = 'holdout_actual', STARTS = 'holdout_starts';

/**
 * Calibration end: the observation span minus its last quarter (at least 8 weeks of holdout), so
 * a two-year log is checked on its last six months. Returns a reason instead when the log is too
 * short (under 24 weeks) for a meaningful split. `o.days`: the day totals already made from
 * `transactions` (transactionDaysSql: customer_id, day, spend), read instead of grouping it again.
 */
export async function holdoutDiagnostics(db: DuckDbEngine, model: CountModel, unit: TimeUnit, end: string, o: { days?: string } = {}): Promise<RunDiagnostics | { unavailable: string }> {
  // Every day of every customer, also after `end` (the tracking's actual curve reads them all, as
  // it did from `transactions`); the summary keeps the days up to `end` (ts < end + 1 day ⇔ day ≤ end).
  if (o.days === undefined) await db.run(`CREATE OR REPLACE TEMP TABLE ${DAYS} AS SELECT customer_id, CAST(ts AS DATE) AS day, ${exactSum('amount')} AS spend FROM transactions GROUP BY ALL`);
  try {
    return await check(db, model, unit, end, o.days ?? DAYS);
  } finally {
    await db.run(`${o.days === undefined ? `DROP TABLE IF EXISTS ${DAYS}; ` : ''}DROP TABLE IF EXISTS ${GROUPS}; DROP TABLE IF EXISTS ${ACTUAL}; DROP TABLE IF EXISTS ${STARTS}`);
  }
}

async function check(db: DuckDbEngine, model: CountModel, unit: TimeUnit, end: string, daysTable: string): Promise<RunDiagnostics | { unavailable: string }> {
  const span = (await db.rows(`SELECT date_diff('day', min(day), DATE '${end}') AS days FROM ${daysTable}`))[0];
  const days = Number(span.days);
  if (!(days >= 168)) return { unavailable: `the log covers ${days} days; a holdout check needs at least 24 weeks` };
  const holdoutDays = Math.max(56, Math.round(days / 4));
  const cal = (await db.rows(`SELECT strftime(DATE '${end}' - INTERVAL ${holdoutDays} DAY, '%Y-%m-%d') AS d`))[0].d as string;
  await buildSummary(db, { unit, periods: 'fractional', end, calibrationEnd: cal, days: daysTable }, false);
  const patterns = await readRfPatterns(db);
  const ud = UNIT_DAYS[unit];
  const periods = Math.ceil((days + 1) / ud);
  // Customers grouped by everything the check reads (a few hundred thousand groups at a million
  // customers), with their counts as weights: the same bins, errors and AUCs as per customer (sums
  // in another order, so equal to the last bits or so), without a million ids read into JS.
  const grouping = overlapped(db, `CREATE OR REPLACE TEMP TABLE ${GROUPS} AS SELECT frequency AS x, recency AS tx, "T", frequency_holdout AS xh, duration_holdout AS d, count(*) AS w
    FROM customer_summary GROUP BY ALL ORDER BY ALL`);
  const fit = model.fit(patterns, { standardErrors: false });
  await grouping();
  // A table keeps the order it was written in (DuckDB's preserve_insertion_order), so no second sort.
  const g = await db.columns(`SELECT * FROM ${GROUPS}`);
  const tracking = overlapped(db, `CREATE OR REPLACE TEMP TABLE ${ACTUAL} AS ${actualTrackingSql(ud, periods, daysTable)};
    CREATE OR REPLACE TEMP TABLE ${STARTS} AS ${trackingStartsSql(ud, daysTable)}`);
  const num = (k: string): Float64Array => g[k] as Float64Array;
  const holdout = holdoutCheck(model, fit.params, { x: num('x'), tx: num('tx'), T: num('T'), xHoldout: num('xh'), durationHoldout: num('d'), weight: num('w') });
  const histogram = frequencyHistogram(model, fit.params, patterns);
  await tracking();
  const actual = await db.columns(`SELECT * FROM ${ACTUAL}`);
  const starts = (await db.rows(`SELECT * FROM ${STARTS}`)).map((s) => ({ time: Number(s.time), customers: Number(s.customers) }));
  // Both curves cover every customer from their first purchase on (also those acquired during the
  // holdout, whom the calibration fit never saw): the model's parameters describe the whole base.
  const times = Array.from({ length: periods }, (_, k) => k + 1);
  const expected = expectedCumulativePurchases(model, fit.params, starts, times);
  const act = actual.cumulative as Float64Array;
  return {
    calibrationEnd: cal, holdoutEnd: end, holdout, histogram,
    tracking: times.map((t, k) => ({ time: t, expected: expected[k], actual: act[k] })),
    calibrationTime: (days - holdoutDays + 1) / ud,
  };
}
