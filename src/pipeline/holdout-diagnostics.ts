// The holdout check behind the report: refit the chosen count model on a calibration period and
// compare its forecasts with what customers did afterwards (cvm diagnose does the same on request).
// Run after the main pipeline: it rebuilds `customer_summary` with a calibration split.
import { frequencyHistogram } from '../analytics/diagnostics/frequency-histogram.ts';
import { holdoutCheck } from '../analytics/diagnostics/holdout-check.ts';
import { actualTrackingSql, trackingStartsSql, UNIT_DAYS } from '../analytics/diagnostics/tracking-sql.ts';
import { expectedCumulativePurchases } from '../analytics/diagnostics/tracking.ts';
import type { CountModel, TimeUnit } from '../analytics/models/types.ts';
import { buildSummary } from '../analytics/summary/build-summary.ts';
import { readRfPatterns } from '../analytics/summary/read-summary.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import type { RunDiagnostics } from './report-data-from-run.ts';


/**
 * Calibration end: the observation span minus its last quarter (at least 8 weeks of holdout), so
 * a two-year log is checked on its last six months. Returns a reason instead when the log is too
 * short (under 24 weeks) for a meaningful split.
 */
export async function holdoutDiagnostics(db: DuckDbEngine, model: CountModel, unit: TimeUnit, end: string): Promise<RunDiagnostics | { unavailable: string }> {
  const span = (await db.rows(`SELECT strftime(min(ts), '%Y-%m-%d') AS start, date_diff('day', CAST(min(ts) AS DATE), DATE '${end}') AS days FROM transactions`))[0];
  const days = Number(span.days);
  if (!(days >= 168)) return { unavailable: `the log covers ${days} days; a holdout check needs at least 24 weeks` };
  const holdoutDays = Math.max(56, Math.round(days / 4));
  const cal = (await db.rows(`SELECT strftime(DATE '${end}' - INTERVAL ${holdoutDays} DAY, '%Y-%m-%d') AS d`))[0].d as string;
  await buildSummary(db, { unit, periods: 'fractional', end, calibrationEnd: cal }, false);
  const patterns = await readRfPatterns(db);
  const fit = model.fit(patterns, { standardErrors: false });
  // Customers grouped by everything the check reads (a few hundred thousand groups at a million
  // customers), with their counts as weights: the same bins, errors and AUCs as per customer (sums
  // in another order, so equal to the last bits or so), without a million ids read into JS.
  const g = await db.columns(`SELECT frequency AS x, recency AS tx, "T", frequency_holdout AS xh, duration_holdout AS d, count(*) AS w
    FROM customer_summary GROUP BY ALL ORDER BY ALL`);
  const num = (k: string): Float64Array => g[k] as Float64Array;
  const holdout = holdoutCheck(model, fit.params, { x: num('x'), tx: num('tx'), T: num('T'), xHoldout: num('xh'), durationHoldout: num('d'), weight: num('w') });
  const histogram = frequencyHistogram(model, fit.params, patterns);
  const ud = UNIT_DAYS[unit];
  const periods = Math.ceil((days + 1) / ud);
  const actual = await db.columns(actualTrackingSql(ud, periods));
  const starts = (await db.rows(trackingStartsSql(ud))).map((s) => ({ time: Number(s.time), customers: Number(s.customers) }));
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
