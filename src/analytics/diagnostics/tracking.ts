// Cumulative tracking: expected cumulative repeat purchases of the whole customer base over calendar
// time, Σ_i E[X(τ − s_i)] for customers whose first purchase was at s_i ≤ τ (Fader, Hardie & Lee 2005,
// Figure 3; BTYD's `pnbd.ExpectedCumulativeTransactions`). Customers who share a first-purchase time
// share the expectation, so the work is (distinct start times) × (time points).
import type { CountModel } from '../models/types.ts';

export interface TrackingPoint {
  time: number;
  expected: number;
  actual?: number;
}

/**
 * @param starts first-purchase times (data units since the start of the log) with how many customers began then
 * @param times the time points (same units) at which to report the cumulative expectation
 */
export function expectedCumulativePurchases<P extends string>(
  model: CountModel<P>, params: Record<P, number>, starts: { time: number; customers: number }[], times: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(times.length);
  for (let j = 0; j < times.length; j++) {
    let s = 0;
    for (const st of starts) if (times[j] > st.time) s += st.customers * model.expectedPurchasesNew(params, times[j] - st.time);
    out[j] = s;
  }
  return out;
}

/** Pairs the model curve with an actual cumulative curve and reports the largest relative gap. */
export function trackingComparison(times: ArrayLike<number>, expected: ArrayLike<number>, actual: ArrayLike<number>): { points: TrackingPoint[]; maxRelativeError: number; finalRelativeError: number } {
  const points: TrackingPoint[] = [];
  let maxRel = 0;
  for (let j = 0; j < times.length; j++) {
    points.push({ time: times[j], expected: expected[j], actual: actual[j] });
    if (actual[j] > 0) maxRel = Math.max(maxRel, Math.abs(expected[j] - actual[j]) / actual[j]);
  }
  const last = times.length - 1;
  return { points, maxRelativeError: maxRel, finalRelativeError: last >= 0 && actual[last] > 0 ? (expected[last] - actual[last]) / actual[last] : NaN };
}
