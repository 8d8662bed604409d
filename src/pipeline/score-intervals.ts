// Per-customer prediction intervals from parameter uncertainty (see
// analytics/models/parameter-uncertainty.ts): the count model's and Gamma-Gamma's parameters are drawn
// from their asymptotic distributions, every quantity is recomputed at each draw, and the central
// quantiles are reported. Cost grows with draws × (distinct (x, T) pairs + customers), so callers ask
// for it explicitly (`cvm predict --interval`).
import { discountedPurchasesIfAlive, type DiscountSchedule } from '../analytics/models/clv.ts';
import type { GammaGammaParams } from '../analytics/models/gamma-gamma.ts';
import { sampleParameters } from '../analytics/models/parameter-uncertainty.ts';
import type { CountModel, FitResult } from '../analytics/models/types.ts';
import { Random } from '../analytics/simulate/random.ts';

export interface IntervalInput {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetary?: Float64Array;
}

export interface IntervalOptions<P extends string> {
  model: CountModel<P>;
  fit: FitResult<P>;
  spendFit?: FitResult<'p' | 'q' | 'gamma'>;
  horizon: number;
  clv?: DiscountSchedule;
  draws: number;
  coverage: number;
  seed?: number;
}

export interface Intervals {
  expectedLower: Float64Array;
  expectedUpper: Float64Array;
  clvLower?: Float64Array;
  clvUpper?: Float64Array;
}

export function scoreIntervals<P extends string>(c: IntervalInput, o: IntervalOptions<P>): Intervals {
  const rng = new Random(o.seed ?? 1);
  const normal = () => rng.normal();
  const countDraws = sampleParameters(o.fit, o.draws, normal);
  const spendDraws = o.spendFit && o.clv ? sampleParameters(o.spendFit, o.draws, normal) : undefined;
  const n = c.x.length;
  const D = o.draws;
  const expected = new Float64Array(n * D);
  const clv = spendDraws ? new Float64Array(n * D) : undefined;
  for (let d = 0; d < D; d++) {
    const params = countDraws[d];
    const pairs = new Map<string, [number, number]>();
    const g = spendDraws?.[d] as GammaGammaParams | undefined;
    for (let i = 0; i < n; i++) {
      const key = `${c.x[i]}|${c.T[i]}`;
      let pair = pairs.get(key);
      if (!pair) {
        pair = [o.model.expectedPurchasesIfAlive(params, o.horizon, c.x[i], c.T[i]), o.clv && g ? discountedPurchasesIfAlive(o.model, params, c.x[i], c.T[i], o.clv) : 0];
        pairs.set(key, pair);
      }
      const alive = o.model.pAlive(params, c.x[i], c.tx[i], c.T[i]);
      expected[i * D + d] = alive * pair[0];
      if (clv && g && c.monetary) {
        // Gamma-Gamma E[M | x, m̄] (Fader & Hardie 2013 eq. 6); q ≤ 1 draws have no finite mean.
        const spend = g.q > 1 ? (g.p * (g.gamma + c.x[i] * c.monetary[i])) / (g.p * c.x[i] + g.q - 1) : Infinity;
        clv[i * D + d] = alive * pair[1] * spend;
      }
    }
  }
  const tail = (1 - o.coverage) / 2;
  const bounds = (values: Float64Array) => {
    const lower = new Float64Array(n), upper = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values.subarray(i * D, (i + 1) * D).sort();
      lower[i] = at(v, tail);
      upper[i] = at(v, 1 - tail);
    }
    return [lower, upper];
  };
  const [expectedLower, expectedUpper] = bounds(expected);
  if (!clv) return { expectedLower, expectedUpper };
  const [clvLower, clvUpper] = bounds(clv);
  return { expectedLower, expectedUpper, clvLower, clvUpper };
}

/** Quantile of sorted values, R type 7. */
function at(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
