// Pointwise confidence bands for a Kaplan-Meier curve and the median survival time with its
// confidence interval, reproducing R's survival package (survfit_confint() and the median table of
// print.survfit(), i.e. survmean()), so that our numbers can be checked against R's to 1e-10.
import { normalQuantile } from './normal-quantile.ts';
import { SurvivalError } from './survival-error.ts';

/** Transformations of S(t) on which the normal approximation is made (survfit's conf.type). */
export const CONF_TYPES = ['log', 'log-log', 'plain'] as const;
export type ConfType = (typeof CONF_TYPES)[number];

export interface Band {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * The band at level `confInt` around `surv`, given `stdErr` = the standard error of −log S(t)
 * (survfit's std.err; Greenwood's formula for Kaplan-Meier). NaN where the band is undefined
 * (S = 0 for log, S ∈ {0, 1} for log-log), as R's NA.
 * @example confidenceBand(Float64Array.of(0.8), Float64Array.of(0.2236068), 'log', 0.95).lower[0] // ≈ 0.5161
 */
export function confidenceBand(surv: Float64Array, stdErr: Float64Array, confType: ConfType, confInt: number): Band {
  if (!(confInt > 0 && confInt < 1)) throw new SurvivalError('invalid-option', `the confidence level must be between 0 and 1 (got ${confInt})`);
  if (!CONF_TYPES.includes(confType)) throw new SurvivalError('invalid-option', `the band type must be one of ${CONF_TYPES.join(', ')} (got ${String(confType)})`);
  const z = normalQuantile(1 - (1 - confInt) / 2);
  const n = surv.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = surv[i];
    const se = stdErr[i];
    if (confType === 'plain') {
      // S ± z·se(S) with se(S) = S·se(−log S) (Greenwood's variance of S itself), clipped to [0, 1].
      const half = se * p * z;
      lower[i] = Math.max(p - half, 0);
      upper[i] = Math.min(p + half, 1);
      // R's pmax/pmin keep NaN (S = 0 with an infinite se), Math.max/min do too.
    } else if (confType === 'log') {
      // exp(log S ± z·se(−log S)) (Kalbfleisch & Prentice 2002, §1.4): the band can never go below 0;
      // only the upper limit needs clipping at 1.
      const x = p === 0 ? Number.NaN : p;
      lower[i] = Math.exp(Math.log(x) - z * se);
      upper[i] = Math.min(Math.exp(Math.log(x) + z * se), 1);
    } else {
      // log-log: normal on log(−log S), whose se is se(−log S)/|log S| (delta method); the band
      // stays inside (0, 1) by construction (Kalbfleisch & Prentice 2002, §1.4). Undefined at S = 0 or 1.
      const x = p === 0 || p === 1 ? Number.NaN : p;
      const half = (z * se) / Math.log(x);
      const ll = Math.log(-Math.log(x));
      lower[i] = Math.exp(-Math.exp(ll - half));
      upper[i] = Math.exp(-Math.exp(ll + half));
    }
  }
  return { lower, upper };
}

export interface MedianSurvival {
  /** Median time; NaN when S(t) never falls to 0.5 (R prints NA). */
  median: number;
  /** Confidence limits: the first times at which the band's lower and upper curves fall to 0.5. */
  lower: number;
  upper: number;
}

/**
 * Median survival with its confidence interval as print.survfit() shows it (Brookmeyer & Crowley
 * 1982: the interval is where the pointwise band contains 0.5).
 * `time` holds every distinct time of the curve, censoring-only times included, as survfit does.
 * @example medianSurvival(Float64Array.of(1, 2, 3, 4), Float64Array.of(.75, .5, .25, 0), lower, upper).median // 2.5
 */
export function medianSurvival(time: Float64Array, surv: Float64Array, band: Band): MedianSurvival {
  return { median: firstAtOrBelowHalf(surv, time), lower: firstAtOrBelowHalf(band.lower, time), upper: firstAtOrBelowHalf(band.upper, time) };
}

/** R's tolerance in survmean(): sqrt(.Machine$double.eps), so a curve that is 0.5 up to rounding counts as 0.5. */
const HALF_TOLERANCE = Math.sqrt(2 ** -52);

/**
 * The first time y(t) ≤ 0.5; when y equals 0.5 on a flat stretch, the midpoint between the start of
 * the stretch and the time y next drops (survmean's minmin(), the usual convention for a median of a
 * step function, as for the median of an even-sized sample).
 */
function firstAtOrBelowHalf(y: Float64Array, time: Float64Array): number {
  let first = -1;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isNaN(y[i]) && y[i] < 0.5 + HALF_TOLERANCE) { first = i; break; }
  }
  if (first < 0) return Number.NaN;
  if (Math.abs(y[first] - 0.5) < HALF_TOLERANCE) {
    for (let j = first + 1; j < y.length; j++) {
      if (!Number.isNaN(y[j]) && y[j] < y[first]) return (time[first] + time[j]) / 2;
    }
  }
  return time[first];
}
