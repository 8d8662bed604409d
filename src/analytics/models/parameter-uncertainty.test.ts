import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import { cholesky, predictionInterval, quantile, sampleParameters } from './parameter-uncertainty.ts';
import type { FitResult } from './types.ts';

describe('parameter uncertainty', () => {
  it('Cholesky of a 2×2 matrix worked by hand', () => {
    // [[4, 2], [2, 5]] = L Lᵀ with L = [[2, 0], [1, 2]].
    expect(cholesky([[4, 2], [2, 5]])).toEqual([[2, 0], [1, 2]]);
    expect(cholesky([[1, 2], [2, 1]])).toBeNull();
  });
  it('quantile follows R type 7', () => {
    // R: quantile(c(1, 2, 3, 4), 0.1) = 1.3
    expect(quantile([4, 1, 3, 2], 0.1)).toBeCloseTo(1.3, 12);
  });
  it('draws reproduce the fit covariance on the log scale and the interval covers the point estimate', () => {
    const fit: FitResult<'a' | 'b'> = {
      model: 'gg', params: { a: 2, b: 10 }, logLik: 0, standardErrors: { a: 0.1, b: 1 },
      covariance: [[0.01, 0.05], [0.05, 1]], aic: 0, bic: 0, n: 100, iterations: 0, method: 'lbfgs', penalizer: 0,
    };
    const rng = new Random(11);
    const draws = sampleParameters(fit, 20000, () => rng.normal());
    const la = draws.map((d) => Math.log(d.a)), lb = draws.map((d) => Math.log(d.b));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const ma = mean(la), mb = mean(lb);
    const cov = mean(la.map((v, i) => (v - ma) * (lb[i] - mb)));
    // Delta method: Var(ln a) = 0.01/4 = 0.0025, Cov(ln a, ln b) = 0.05/20 = 0.0025. With 20,000 draws
    // the sample covariance's standard error is about 0.0025·√2/√20000 ≈ 2.5e-5; allow 4 SE = 1e-4.
    expect(Math.abs(cov - 0.0025)).toBeLessThan(1e-4);
    const iv = predictionInterval(draws, (p) => p.a * p.b, 0.9);
    expect(iv.lower).toBeLessThan(20);
    expect(iv.upper).toBeGreaterThan(20);
  });
});
