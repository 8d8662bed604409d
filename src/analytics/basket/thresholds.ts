// Mining thresholds with arules' meanings (apriori's APparameter) and their checks.
import { BasketError } from './basket-error.ts';

/** arules' APparameter defaults: support 0.1, confidence 0.8, minlen 1, maxlen 10. */
export const DEFAULT_SUPPORT = 0.1;
export const DEFAULT_CONFIDENCE = 0.8;
export const DEFAULT_MINLEN = 1;
export const DEFAULT_MAXLEN = 10;

/**
 * Borgelt's apriori (arules src/istree.c, ist_rule) keeps a rule when conf ≥ minconf − 1e-12, so that
 * a confidence such as 3/5 computed in floating point is not lost against a threshold typed as 0.6.
 */
export const CONFIDENCE_SLACK = 1e-12;

/**
 * The smallest basket count whose relative support count/n is ≥ support: "an itemset is frequent when
 * its relative support is ≥ minsup". Why not ceil(n · support) alone, as Borgelt's C code does: in
 * floating point 30 × 0.1 = 3.0000000000000004, whose ceiling 4 would drop a set in exactly 10 % of 30
 * baskets; comparing count/n (one correctly rounded division) with the threshold as typed keeps it.
 * For every data set whose n · support is not within rounding of an integer the two agree.
 * @example minimumCount(9835, 0.001) // 10 (9.835 baskets, rounded up)
 */
export function minimumCount(n: number, support: number): number {
  let c = Math.max(1, Math.ceil(n * support));
  while (c > 1 && (c - 1) / n >= support) c--;
  while (c / n < support) c++;
  return c;
}

export interface LengthOptions { minlen?: number; maxlen?: number }

/** Checks support, confidence and lengths; returns the lengths with arules' defaults filled in. */
export function checkThresholds(support: number, confidence: number, o: LengthOptions): { minlen: number; maxlen: number } {
  if (!(Number.isFinite(support) && support > 0 && support <= 1)) {
    throw new BasketError('invalid-option', `support must be a share of baskets in (0, 1], e.g. 0.01 (got ${support})`);
  }
  if (!(Number.isFinite(confidence) && confidence >= 0 && confidence <= 1)) {
    throw new BasketError('invalid-option', `confidence must be between 0 and 1, e.g. 0.5 (got ${confidence})`);
  }
  const minlen = o.minlen ?? DEFAULT_MINLEN;
  const maxlen = o.maxlen ?? DEFAULT_MAXLEN;
  if (!(Number.isInteger(minlen) && minlen >= 1)) throw new BasketError('invalid-option', `minlen must be a whole number ≥ 1 (got ${minlen})`);
  if (!(Number.isInteger(maxlen) && maxlen >= minlen)) throw new BasketError('invalid-option', `maxlen must be a whole number ≥ minlen = ${minlen} (got ${maxlen})`);
  return { minlen, maxlen };
}
