// The analytic Hessian against central differences of the analytic gradient (bgFamilyEvaluate), which
// the standard errors used before. Tolerance 1e-6 of √(H_ii H_jj): the differences carry a truncation
// error of ~(6·10⁻⁶)² relative and rounding of the gradient's ~10⁻¹³ over a step of 6·10⁻⁶; the
// two agree to ~10⁻⁹ on CDNOW and the 1M-customer benchmark log, while a wrong term is off by O(1).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { gradientHessian } from '../numerics/hessian.ts';
import { bgFamilyHessian } from './bg-family-hessian.ts';
import { bgFamilyEvaluate, prepareBgFamily } from './bg-nbd-prepared.ts';
import { fitBgNbd } from './bg-nbd.ts';
import { toRfPatterns } from './rf-patterns.ts';

function cdnow() {
  const rows = readFileSync(sharedData('cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return toRfPatterns({ x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) });
}

describe('bgFamilyHessian', () => {
  const data = cdnow();
  // At the published optimum and away from it (the formula must hold everywhere, not only where ∇ℓ = 0).
  const points = [
    { r: 0.24259, alpha: 4.41360, a: 0.79292, b: 2.42589 },
    { r: 1.3, alpha: 0.7, a: 2.5, b: 0.6 },
  ];
  for (const s of [0, 1] as const) {
    it(`equals differences of the gradient (${s === 0 ? 'BG/NBD' : 'MBG/NBD'})`, () => {
      const prep = prepareBgFamily(data, s);
      for (const p of points) {
        const gradient = (t: Float64Array) => {
          const g = new Float64Array(4);
          bgFamilyEvaluate({ r: t[0], alpha: t[1], a: t[2], b: t[3] }, prep, g);
          return g;
        };
        const numeric = gradientHessian(gradient, Float64Array.of(p.r, p.alpha, p.a, p.b));
        const H = bgFamilyHessian(p, prep);
        for (let i = 0; i < 4; i++) {
          for (let j = 0; j < 4; j++) {
            expect(H[i][j]).toBe(H[j][i]);
            expect(Math.abs(H[i][j] - numeric[i][j])).toBeLessThan(1e-6 * Math.sqrt(Math.abs(numeric[i][i] * numeric[j][j])));
          }
        }
      }
    });
  }

  it('gives the published CDNOW standard errors through the fit', () => {
    // FHL (2005) / lifetimes: 0.0126, 0.378, 0.186, 0.705; 1 % (the issue asks 2 %).
    const se = fitBgNbd(data).standardErrors;
    expect(se).not.toBeNull();
    const want = { r: 0.0126, alpha: 0.378, a: 0.186, b: 0.705 };
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs((se?.[k] ?? 0) / want[k] - 1)).toBeLessThan(0.01);
  });
});
