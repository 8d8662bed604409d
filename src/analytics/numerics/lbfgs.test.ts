import { describe, expect, it } from 'vitest';
import { numericGradient, numericHessian, invert } from './hessian.ts';
import { lbfgs } from './lbfgs.ts';
import { nelderMead } from './nelder-mead.ts';
import { maximizeLikelihood } from './maximize-likelihood.ts';
import { hyp2f1, logAddExp } from './special.ts';

const rosen = (x: Float64Array) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const rosenGrad = (x: Float64Array) => Float64Array.of(-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2));

describe('optimisers', () => {
  it('L-BFGS finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
    const r = lbfgs((x) => ({ value: rosen(x), gradient: rosenGrad(x) }), Float64Array.of(-1.2, 1));
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
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
