// Parameter recovery: data simulated from known parameters must fit back within sampling error.
// "Within sampling error" = every parameter within 3.5 standard errors of the truth (the fit's own
// standard errors; with 3–4 parameters per model a correct fit fails this with probability < 0.5 %),
// and a deliberately wrong truth must NOT pass, so the check can fail. BG/NBD and Pareto/NBD have
// their own recovery tests beside them; this file covers the other four models.
import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import { fitBgBb } from './bg-bb.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import { fitMbgNbd } from './mbg-nbd.ts';
import { toRfPatterns } from './rf-patterns.ts';
import { fitSbg } from './sbg.ts';
import type { FitResult } from './types.ts';

function expectRecovered<P extends string>(fit: FitResult<P>, truth: Record<P, number>): void {
  expect(fit.standardErrors).not.toBeNull();
  for (const k of Object.keys(truth) as P[]) {
    const z = (fit.params[k] - truth[k]) / (fit.standardErrors as Record<P, number>)[k];
    expect(Math.abs(z), `${k}: fitted ${fit.params[k]} vs true ${truth[k]}`).toBeLessThan(3.5);
  }
}
const farFrom = <P extends string>(fit: FitResult<P>, wrong: Record<P, number>): boolean =>
  (Object.keys(wrong) as P[]).some((k) => Math.abs(fit.params[k] - wrong[k]) / (fit.standardErrors as Record<P, number>)[k] > 3.5);

describe('parameter recovery', () => {
  it('MBG/NBD (Batislam et al. 2007): dropout possible at the first purchase and after each repeat', () => {
    const truth = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 };
    const rng = new Random(101);
    const n = 6000, x = new Float64Array(n), tx = new Float64Array(n), T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 26 + 26 * rng.uniform();
      const lambda = rng.gamma(truth.r, truth.alpha), p = rng.beta(truth.a, truth.b);
      if (rng.uniform() < p) continue; // MBG/NBD: may die at time 0, right after the first purchase
      let t = 0;
      for (;;) {
        t += rng.exponential(lambda);
        if (t > T[i]) break;
        x[i]++; tx[i] = t;
        if (rng.uniform() < p) break;
      }
    }
    const fit = fitMbgNbd(toRfPatterns({ x, tx, T }));
    expectRecovered(fit, truth);
    expect(farFrom(fit, { r: 0.5, alpha: 6, a: 0.9, b: 4 })).toBe(true);
  });

  it('Gamma-Gamma: spends ~ Gamma(p, ν), ν ~ Gamma(q, γ)', () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const rng = new Random(202);
    const n = 4000, x = new Float64Array(n), m = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1 + rng.poisson(2);
      const nu = rng.gamma(truth.q, truth.gamma);
      let s = 0;
      for (let k = 0; k < x[i]; k++) s += rng.gamma(truth.p, nu);
      m[i] = s / x[i];
    }
    const fit = fitGammaGamma({ x, monetary: m });
    expectRecovered(fit, truth);
    expect(farFrom(fit, { p: 6, q: 4, gamma: 25 })).toBe(true);
  });

  it('BG/BB (Fader, Hardie & Shang 2010): 6 opportunities, p ~ Beta(α, β), θ ~ Beta(γ, δ)', () => {
    const truth = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
    const rng = new Random(303);
    const cells = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const p = rng.beta(truth.alpha, truth.beta), theta = rng.beta(truth.gamma, truth.delta);
      let x = 0, tx = 0;
      for (let t = 1; t <= 6; t++) {
        if (rng.uniform() < theta) break; // dies before opportunity t
        if (rng.uniform() < p) { x++; tx = t; }
      }
      cells.set(`${x},${tx}`, (cells.get(`${x},${tx}`) ?? 0) + 1);
    }
    const keys = [...cells.keys()].map((k) => k.split(',').map(Number));
    const fit = fitBgBb({ x: keys.map((k) => k[0]), tx: keys.map((k) => k[1]), n: keys.map(() => 6), weight: [...cells.values()] });
    expectRecovered(fit, truth);
    expect(farFrom(fit, { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 6 })).toBe(true);
  });

  it('sBG (Fader & Hardie 2007): churn probability θ ~ Beta(α, β), 8 renewal periods', () => {
    const truth = { alpha: 0.7, beta: 1.2 };
    const rng = new Random(404);
    const cohort = 3000, survivors = new Array<number>(9).fill(0);
    for (let i = 0; i < cohort; i++) {
      const theta = rng.beta(truth.alpha, truth.beta);
      let t = 0;
      while (t < 8 && rng.uniform() >= theta) t++;
      for (let k = 0; k <= t; k++) survivors[k]++;
    }
    const fit = fitSbg({ survivors });
    expectRecovered(fit, truth);
    expect(farFrom(fit, { alpha: 0.7, beta: 3 })).toBe(true);
  });
});
