// The regrouped Gamma-Gamma evaluation against FH13 eq. (1a) written out row by row; the published
// CDNOW values (log-likelihood −4055.92, parameters) are pinned in gamma-gamma.test.ts.
import { describe, expect, it } from 'vitest';
import { numericGradient } from '../numerics/hessian.ts';
import { gammaln } from '../numerics/special.ts';
import type { GammaGammaParams, SpendData } from './gamma-gamma.ts';
import { gammaGammaEvaluate, prepareGammaGamma } from './gamma-gamma-prepared.ts';

/** ln f(m̄ | p, q, γ, x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + px ln x + (px−1) ln m̄ − (px+q) ln(γ + x m̄). */
function eq1a(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params, px = p * x;
  return gammaln(px + q) - gammaln(px) - gammaln(q) + q * Math.log(gamma) + px * Math.log(x) + (px - 1) * Math.log(m) - (px + q) * Math.log(gamma + x * m);
}

// Repeated x with different m̄, weights above 1, a tiny and a large amount, x = 200, and rows of equal
// totals x·m̄ (40 three times, 7000 twice), which the evaluation sums as one.
const rows: [x: number, m: number, w: number][] = [[1, 12.5, 3], [1, 40, 1], [2, 0.35, 2], [2, 22.1, 5], [5, 310, 1], [200, 35, 1], [3, 1e4, 2], [2, 20, 2], [4, 10, 1], [200, 35, 3]];
const data: SpendData = { x: Float64Array.from(rows, (r) => r[0]), monetary: Float64Array.from(rows, (r) => r[1]), weight: Float64Array.from(rows, (r) => r[2]) };
const direct = (p: GammaGammaParams) => rows.reduce((s, [x, m, w]) => s + w * eq1a(p, x, m), 0);

describe('gammaGammaEvaluate', () => {
  it('equals the weighted sum of eq. (1a), and its gradient the derivative of that sum', () => {
    const prep = prepareGammaGamma(data);
    for (const p of [{ p: 6.25, q: 3.74, gamma: 15.44 }, { p: 2, q: 5, gamma: 40 }, { p: 0.3, q: 30, gamma: 900 }]) {
      const want = direct(p);
      // Same terms grouped differently: agreement to rounding (1e-11 relative of |ℓ| ~ 1e2).
      expect(Math.abs(gammaGammaEvaluate(p, prep) - want)).toBeLessThan(1e-11 * Math.abs(want));
      const g = new Float64Array(3);
      gammaGammaEvaluate(p, prep, g);
      const ref = numericGradient((t) => direct({ p: t[0], q: t[1], gamma: t[2] }), Float64Array.of(p.p, p.q, p.gamma));
      // Central differences of the row-by-row sum carry ~1e-8 relative error here.
      for (let i = 0; i < 3; i++) expect(Math.abs(g[i] - ref[i])).toBeLessThan(1e-6 * (1 + Math.abs(ref[i])));
    }
  });
});
