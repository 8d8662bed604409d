// The regrouped evaluation must give the plain per-pattern sum of pareto-nbd-likelihood.ts, whatever
// the mix of patterns; that per-customer form is pinned against published values in
// pareto-nbd.test.ts. To 1e-13 relative: the two ₂F₁ terms are the same numbers, but the log-sum-exp is
// taken as A + log1p(e^(B−A)) and its parts summed per distinct value, so the last bits differ (by
// < 1e-15 relative here); a term looked up in the wrong table moves the sum by far more.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { paretoNbdLogLik, type ParetoNbdParams } from './pareto-nbd-likelihood.ts';
import { numericGradient } from '../numerics/hessian.ts';
import { paretoNbdPreparedLogLik, paretoNbdPreparedValueAndGradient, prepareParetoNbd, rescaleParetoNbd } from './pareto-nbd-prepared.ts';
import { toRfPatterns } from './rf-patterns.ts';
import type { RfPatterns } from './types.ts';

// Repeated x, t_x and T in every combination: shared (x, t_x) with different T, shared (x, T) with
// different t_x, the same t_x under two x, x = 0, t_x = T, a zero weight and the large x = 200.
const rows: [x: number, tx: number, T: number, w: number][] = [
  [0, 0, 38.86, 12], [0, 0, 20, 3], [1, 1.71, 38.86, 5], [1, 1.71, 20, 1], [1, 20, 20, 1], [2, 30.43, 38.86, 2],
  [2, 10, 20, 0], [2, 1.71, 38.86, 4], [7, 29.43, 38.86, 1], [7, 38.86, 38.86, 4], [200, 38, 40, 1], [200, 10, 40, 2], [3, 20, 40, 7],
];
const small: RfPatterns = {
  x: Float64Array.from(rows, (r) => r[0]), tx: Float64Array.from(rows, (r) => r[1]),
  T: Float64Array.from(rows, (r) => r[2]), weight: Float64Array.from(rows, (r) => r[3]),
};
// α ≥ β and α < β take the two branches of logTail; CDNOW's estimates (FH05) and a far-out point.
const points: ParetoNbdParams[] = [
  { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.667 }, { r: 2, alpha: 30, s: 0.3, beta: 4 },
  { r: 0.1, alpha: 0.5, s: 3, beta: 80 }, { r: 1, alpha: 1, s: 1, beta: 1 },
];

function cdnow(): RfPatterns {
  const lines = readFileSync(sharedData('cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  return toRfPatterns({ x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) });
}

const close = (got: number, expected: number) => expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-13 * Math.abs(expected));

describe('paretoNbdPreparedLogLik', () => {
  it('is the plain per-pattern sum on hand-made patterns and on CDNOW', () => {
    const prep = prepareParetoNbd(small);
    // 13 patterns, 11 distinct (x, t_x) and 9 distinct (x, T): the tables are shared, not one per row.
    expect([prep.aX.length, prep.bX.length, prep.xs.length]).toEqual([11, 9, 6]);
    const data = cdnow();
    const prepCdnow = prepareParetoNbd(data);
    for (const p of points) {
      close(paretoNbdPreparedLogLik(p, prep), paretoNbdLogLik(p, small));
      close(paretoNbdPreparedLogLik(p, prepCdnow), paretoNbdLogLik(p, data));
    }
  });

  it('rescales the time axis as dividing every t_x and T does', () => {
    const scale = 38.86;
    const divided: RfPatterns = { ...small, tx: small.tx.map((v) => v / scale), T: small.T.map((v) => v / scale) };
    const p = { r: 0.5533, alpha: 10.578 / scale, s: 0.6062, beta: 11.667 / scale };
    close(paretoNbdPreparedLogLik(p, rescaleParetoNbd(prepareParetoNbd(small), scale)), paretoNbdLogLik(p, divided));
  });

  it('gives with the value the gradient of the plain sum', () => {
    // Against central differences of paretoNbdLogLik on the whole sum (numericGradient): both are
    // O(h²) approximations with h ~ 6e-6 relative, so they agree to ~1e-6 of the gradient's scale plus
    // the rounding of the difference quotients, a few ε·|ln L|/h ≈ 1e-10·|ln L| (measured 2e-10·|ln L| at
    // the CDNOW optimum, where the gradient is ~0 and that is all there is; bound 1e-9). A wrong
    // chain-rule weight is off by O(the gradient), > 1 at the other points.
    const data = cdnow();
    const prep = prepareParetoNbd(data);
    for (const p of points) {
      const { value, gradient } = paretoNbdPreparedValueAndGradient(p, prep);
      close(value, paretoNbdLogLik(p, data));
      const v = Float64Array.of(p.r, p.alpha, p.s, p.beta);
      const expected = numericGradient((t) => paretoNbdLogLik({ r: t[0], alpha: t[1], s: t[2], beta: t[3] }, data), v);
      const scale = Math.max(...expected.map(Math.abs));
      gradient.forEach((g, k) => expect(Math.abs(g - expected[k]), `point ${JSON.stringify(p)}, parameter ${k}`).toBeLessThan(1e-6 * scale + 1e-9 * Math.abs(value)));
      if (p.r !== 0.5533) expect(scale).toBeGreaterThan(1); // away from the optimum the check has something to check
    }
  });

  it('is −Infinity outside the parameter space', () => {
    expect(paretoNbdPreparedLogLik({ r: 0, alpha: 1, s: 1, beta: 1 }, prepareParetoNbd(small))).toBe(-Infinity);
  });
});
