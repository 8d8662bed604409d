// The regrouped evaluation must be the per-customer likelihood of bg-nbd-likelihood.ts summed, whatever
// the mix of patterns; the per-customer form itself is pinned against quadrature and lifetimes there.
import { describe, expect, it } from 'vitest';
import { numericGradient } from '../numerics/hessian.ts';
import { bgFamilyCustomerLogLik, type BgNbdParams } from './bg-nbd-likelihood.ts';
import { bgFamilyEvaluate, prepareBgFamily, rescaleBgFamily } from './bg-nbd-prepared.ts';
import type { RfPatterns } from './types.ts';

// Repeated x, T and t_x values, x = 0, t_x = T, a zero weight and the extreme x = 200.
const rows: [x: number, tx: number, T: number, w: number][] = [
  [0, 0, 38.86, 12], [0, 0, 20, 3], [1, 1.71, 38.86, 5], [1, 20, 20, 1], [2, 30.43, 38.86, 2], [2, 10, 20, 0],
  [7, 29.43, 38.86, 1], [7, 38.86, 38.86, 4], [200, 38, 40, 1], [200, 10, 40, 2], [3, 20, 40, 7],
];
const data: RfPatterns = {
  x: Float64Array.from(rows, (r) => r[0]), tx: Float64Array.from(rows, (r) => r[1]),
  T: Float64Array.from(rows, (r) => r[2]), weight: Float64Array.from(rows, (r) => r[3]),
};
const points: BgNbdParams[] = [
  { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 }, // CDNOW (FHL 2005)
  { r: 3, alpha: 0.2, a: 5, b: 0.5 }, { r: 1, alpha: 1, a: 1, b: 1 },
];
/** Σ w · ln L customer by customer, the form the regrouping must reproduce. */
const direct = (p: BgNbdParams, s: 0 | 1) =>
  rows.reduce((sum, [x, tx, T, w]) => sum + (w === 0 ? 0 : w * bgFamilyCustomerLogLik(p, s, x, tx, T)), 0);

describe('bgFamilyEvaluate', () => {
  for (const s of [0, 1] as const) {
    it(`${s === 0 ? 'BG/NBD' : 'MBG/NBD'}: equals the weighted sum of customer log-likelihoods`, () => {
      const prep = prepareBgFamily(data, s);
      for (const p of points) {
        const want = direct(p, s);
        // Different grouping of the same terms: agreement to rounding (|ℓ| ~ 1e3, so 1e-10 relative).
        expect(Math.abs(bgFamilyEvaluate(p, prep) - want)).toBeLessThan(1e-10 * Math.abs(want));
        const g = new Float64Array(4);
        expect(bgFamilyEvaluate(p, prep, g)).toBe(bgFamilyEvaluate(p, prep));
        // Against central differences of the customer-by-customer sum (step ~6e-6·θ on |ℓ| ~ 1e3:
        // ~1e-7 error), so the gradient is checked independently of the regrouping.
        const ref = numericGradient((t) => direct({ r: t[0], alpha: t[1], a: t[2], b: t[3] }, s), Float64Array.of(p.r, p.alpha, p.a, p.b));
        for (let i = 0; i < 4; i++) expect(Math.abs(g[i] - ref[i])).toBeLessThan(1e-5 * (1 + Math.abs(ref[i])));
      }
    });
  }

  it('rescaled times: ℓ(r, α/c, a, b; t/c) = ℓ(r, α, a, b; t) + Σ w·x·ln c', () => {
    // α^r/(α+T)^{r+x} with α and T divided by c gains a factor c^x (FHL eq. 6), so does each term.
    const c = 7, prep = prepareBgFamily(data, 0), scaled = rescaleBgFamily(prep, c);
    const sumWx = rows.reduce((s, [x, , , w]) => s + w * x, 0);
    for (const p of points) {
      const want = bgFamilyEvaluate(p, prep) + sumWx * Math.log(c);
      expect(Math.abs(bgFamilyEvaluate({ ...p, alpha: p.alpha / c }, scaled) - want)).toBeLessThan(1e-10 * Math.abs(want));
    }
  });
});
