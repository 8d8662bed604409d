// Discounted customer lifetime value from a count model and an expected spend per purchase.
//
// CLV = m · Σ_{i=1..n} (E[X(T, T + iΔ]] − E[X(T, T + (i−1)Δ]]) / (1 + d)^i
//
// i.e. the expected purchases of each step, discounted at the end of the step (the discrete
// discounted-cash-flow form lifetimes uses in `customer_lifetime_value`). m is the expected spend per
// purchase (Gamma-Gamma's E[M | x, m̄], Fader, Hardie & Lee 2005, "RFM and CLV", eq. 5), assumed
// independent of the purchase process — the Gamma-Gamma model's own assumption.
import type { CountModel, TimeUnit } from './types.ts';

/** Average length of a calendar month in each data unit (365.25 / 12 days). */
export function unitsPerMonth(unit: TimeUnit): number {
  switch (unit) {
    case 'day': return 365.25 / 12;
    case 'week': return 365.25 / 12 / 7;
    case 'month': return 1;
    case 'year': return 1 / 12;
  }
}

/** Converts a length in `from` units into `to` units (calendar averages: 365.25-day years). */
export function convertTime(value: number, from: TimeUnit, to: TimeUnit): number {
  return value * unitsPerMonth(to) / unitsPerMonth(from);
}

export interface DiscountSchedule {
  /** Number of discounting steps (e.g. 12 for a 12-month horizon with monthly steps). */
  steps: number;
  /**
   * Length of one step in the data's time unit. `unitsPerMonth(unit)` gives calendar months; lifetimes
   * uses 30 for daily and 4.345 for weekly data (and 30 whenever `freq` is left at its default) — pass
   * those to reproduce its numbers.
   */
  stepLength: number;
  /** Discount rate per step (0.01 per month ≈ 12.7 % a year). */
  discountRate: number;
}

/**
 * Σ_i ΔE_i / (1+d)^i for a customer known to be alive at T, with E_i = E[X(T, T + iΔ] | alive, x, T].
 * It depends on (x, T) only, so a caller with many customers computes it once per distinct (x, T) and
 * multiplies by each customer's P(alive) (see CountModel.expectedPurchasesIfAlive).
 */
export function discountedPurchasesIfAlive<P extends string>(
  model: CountModel<P>, params: Record<P, number>, x: number, T: number, s: DiscountSchedule,
): number {
  let total = 0;
  let previous = 0;
  let factor = 1;
  for (let i = 1; i <= s.steps; i++) {
    const cumulative = model.expectedPurchasesIfAlive(params, i * s.stepLength, x, T);
    factor /= 1 + s.discountRate;
    total += (cumulative - previous) * factor;
    previous = cumulative;
  }
  return total;
}

/** Σ_i ΔE[X]_i / (1+d)^i: expected purchases over the horizon, discounted per step. */
export function discountedPurchases<P extends string>(
  model: CountModel<P>, params: Record<P, number>, x: number, tx: number, T: number, s: DiscountSchedule,
): number {
  return model.pAlive(params, x, tx, T) * discountedPurchasesIfAlive(model, params, x, T, s);
}

/** Discounted CLV of one customer: expected spend per purchase × discounted expected purchases. */
export function customerLifetimeValue<P extends string>(
  model: CountModel<P>, params: Record<P, number>, x: number, tx: number, T: number, expectedSpend: number, s: DiscountSchedule,
): number {
  return expectedSpend * discountedPurchases(model, params, x, tx, T, s);
}

/**
 * Simple retention value of the course material (客户持续价值): margin m per period, retention r and
 * discount d per period, CLV = m · r / (1 + d − r), the infinite-horizon sum Σ_{t≥1} m r^t / (1+d)^t.
 */
export function retentionValue(margin: number, retention: number, discount: number): number {
  if (!(retention >= 0 && retention < 1 + discount)) throw new RangeError('retention must be in [0, 1 + discount)');
  return (margin * retention) / (1 + discount - retention);
}
