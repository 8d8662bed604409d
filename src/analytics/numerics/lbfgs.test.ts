import { describe, expect, it } from 'vitest';
import { numericGradient, numericHessian, invert } from './hessian.ts';
import { lbfgs } from './lbfgs.ts';
import { nelderMead } from './nelder-mead.ts';
import { maximizeLikelihood } from './maximize-likelihood.ts';
import { hyp2f1, logAddExp } from './special.ts';
import { gammaGammaEvaluate, prepareGammaGamma } from '../models/gamma-gamma-prepared.ts';
import { Random } from '../simulate/random.ts';

const rosen = (x: Float64Array) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const rosenGrad = (x: Float64Array) => Float64Array.of(-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2));

describe('optimisers', () => {
  it('L-BFGS finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
    const r = lbfgs((x) => ({ value: rosen(x), gradient: rosenGrad(x) }), Float64Array.of(-1.2, 1));
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });
  it('L-BFGS stops when its step promises less than the value tolerance, instead of line-searching rounding noise', () => {
    // A Gamma-Gamma likelihood over 20,000 simulated customers (mean per customer, as the fits use):
    // near the optimum ℓ moves only in its last bits. Without the predicted-decrease test the last
    // line search ran on that noise: 146 evaluations ending in "line search failed" (which sends the
    // fit to Nelder-Mead); with it, converged in ~25 (one or two per iteration).
    const n = 20_000, rng = new Random(1);
    const x = new Float64Array(n), m = new Float64Array(n), w = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      x[i] = 1 + Math.floor(rng.uniform() * 6);
      const nu = rng.gamma(24, 10);
      let s = 0;
      for (let k = 0; k < x[i]; k++) s += rng.gamma(2.3, nu);
      m[i] = s / x[i];
    }
    const prep = prepareGammaGamma({ x, monetary: m, weight: w });
    const r = lbfgs((u) => {
      const th = u.map(Math.exp), g = new Float64Array(3);
      const value = -gammaGammaEvaluate({ p: th[0], q: th[1], gamma: th[2] }, prep, g) / n;
      return { value, gradient: g.map((gi, i) => (-gi * th[i]) / n) };
    }, Float64Array.of(0, 0, 0));
    expect(r.converged).toBe(true);
    expect(r.evaluations).toBeLessThanOrEqual(r.iterations + 10);
    // At the optimum: the gradient in log-parameters is at the level of the likelihood's rounding.
    for (const g of r.gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
  });
  it('Nelder-Mead finds the Rosenbrock minimum', () => {
    const r = nelderMead(rosen, Float64Array.of(-1.2, 1));
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
  it('maximum likelihood of a gamma sample recovers the closed-form rate for known shape', () => {
    // Exponential(λ) sample with mean 2.5: the MLE is λ = 1/mean = 0.4, SE = λ/√n.
    const data = [1, 2, 3, 4, 2.5];
    const ll = (th: Float64Array) => data.reduce((s, y) => s + Math.log(th[0]) - th[0] * y, 0);
    const opt = maximizeLikelihood({ names: ['lambda'], logLik: ll, init: Float64Array.of(1), totalWeight: data.length });
    // 7 digits: the objective uses a central-difference gradient here, accurate to ~1e-8 relative.
    expect(opt.theta[0]).toBeCloseTo(0.4, 7);
  });
});

describe('derivatives', () => {
  it('numeric gradient and Hessian of a quadratic are exact to 1e-6', () => {
    const f = (x: Float64Array) => 3 * x[0] ** 2 + 2 * x[0] * x[1] + x[1] ** 2;
    const g = numericGradient(f, Float64Array.of(1, 2));
    expect(g[0]).toBeCloseTo(10, 6);
    expect(g[1]).toBeCloseTo(6, 6);
    const H = numericHessian(f, Float64Array.of(1, 2));
    expect(H[0][0]).toBeCloseTo(6, 4);
    expect(H[0][1]).toBeCloseTo(2, 4);
    const inv = invert(H)!;
    expect(inv[0][0]).toBeCloseTo(0.25, 4);
  });
});

describe('special functions', () => {
  it('hyp2f1 is right for negative z (where stdlib alone gives NaN)', () => {
    // 2F1(1,1;2;z) = −ln(1−z)/z, exact for any z < 1.
    expect(hyp2f1(1, 1, 2, -3)).toBeCloseTo(Math.log(4) / 3, 14);
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 14);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow();
  });
  it('logAddExp does not overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
  });
});
