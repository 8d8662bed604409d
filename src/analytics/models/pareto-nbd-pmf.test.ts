import { describe, expect, it } from 'vitest';
import { paretoNbdExpectedPurchases, paretoNbdExpectedPurchasesNew, paretoNbdPAlive, type ParetoNbdParams } from './pareto-nbd.ts';
import { logDeathIntegralClosedForm, logDeathIntegralQuadrature, paretoNbdConditionalPmf, paretoNbdPmf } from './pareto-nbd-pmf.ts';
import { paretoNbd } from './pareto-nbd.ts';

const relClose = (actual: number, expected: number, tol: number) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tol);

// CDNOW estimates of CLVTools (tests/testthat/test_correctness_pnbd.R); α > β.
const CDNOW: ParetoNbdParams = { r: 0.55315, alpha: 10.57633, s: 0.60625, beta: 11.67150 };
// A set on the other ₂F₁ branch (α < β), with a short-lived, fast-buying population.
const ALPHA_SMALL: ParetoNbdParams = { r: 1.3, alpha: 2, s: 0.8, beta: 30 };

describe('Pareto/NBD P(X(t) = n) for a new customer', () => {
  it('sums to 1 and has mean E[X(t)] of FH05 eq. 27 (an independent closed form)', () => {
    // 1e-10: 400 terms, at horizons where the tail beyond n = 400 is negligible (checked on its last term).
    for (const [p, horizons] of [[CDNOW, [1, 10, 39, 104]], [ALPHA_SMALL, [1, 5, 10]]] as const) {
      for (const t of horizons) {
        expect(paretoNbdPmf(p, 399, t)).toBeLessThan(1e-19);
        let total = 0, mean = 0;
        for (let n = 0; n < 400; n++) { const q = paretoNbdPmf(p, n, t); total += q; mean += n * q; }
        expect(Math.abs(total - 1)).toBeLessThan(1e-10);
        relClose(mean, paretoNbdExpectedPurchasesNew(p, t), 1e-10);
      }
    }
  });

  it('FH06 closed form and direct quadrature agree wherever the closed form is used', () => {
    // Both are accurate to ~1e-12 in ln I, so 1e-10 absolute on the log.
    for (const p of [CDNOW, ALPHA_SMALL, { r: 0.8, alpha: 5, s: 1.2, beta: 5 }]) {
      for (const t of [0.5, 13, 39]) {
        for (let n = 0; n <= 30; n++) {
          const closed = logDeathIntegralClosedForm(p, n, t);
          if (Number.isNaN(closed)) continue;
          expect(Math.abs(closed - logDeathIntegralQuadrature(p, n, t))).toBeLessThan(1e-10);
        }
      }
    }
  });

  it('switches to quadrature where FH06 cancels, and stays exact at n = 200', () => {
    // At n = 200 over 39 weeks the death term is a 1e-40-sized tail of B₁: the closed form must refuse.
    expect(Number.isNaN(logDeathIntegralClosedForm(CDNOW, 200, 39))).toBe(true);
    // Independent reference: composite Simpson on (0, t] in log space, 200,000 steps (error < 1e-12).
    const reference = (p: ParetoNbdParams, n: number, t: number) => {
      const logF = (tau: number) => n * Math.log(tau) - (p.r + n) * Math.log(p.alpha + tau) - (p.s + 1) * Math.log(p.beta + tau);
      const steps = 200000, h = t / steps, ref = logF(t);
      let sum = 0;
      for (let i = 1; i <= steps; i++) sum += (i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(logF(i * h) - ref);
      return ref + Math.log((sum * h) / 3);
    };
    for (const p of [CDNOW, ALPHA_SMALL]) {
      const logI = logDeathIntegralQuadrature(p, 200, 39);
      expect(Math.abs(logI - reference(p, 200, 39))).toBeLessThan(1e-9);
      const q = paretoNbdPmf(p, 200, 39);
      expect(q).toBeGreaterThan(0);
      expect(Number.isFinite(q)).toBe(true);
    }
  });

  it('matches a seeded Monte Carlo simulation of the model at CDNOW estimates', () => {
    // 200,000 simulated customers observed for 39 weeks: each frequency must be within 4 binomial
    // standard errors of the formula (at most 0.002 absolute at P ≈ 0.6).
    let a = 7 >>> 0;
    const u = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    const gamma = (k: number): number => {
      if (k < 1) return gamma(k + 1) * Math.pow(1 - u(), 1 / k);
      const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let z: number, v: number;
        do { z = normal(); v = 1 + c * z; } while (v <= 0);
        v = v * v * v;
        if (Math.log(1 - u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const N = 200000, t = 39, counts = new Float64Array(8);
    for (let i = 0; i < N; i++) {
      const lambda = gamma(CDNOW.r) / CDNOW.alpha, end = Math.min(t, (-Math.log(1 - u()) * CDNOW.beta) / gamma(CDNOW.s));
      let k = 0;
      for (let time = -Math.log(1 - u()) / lambda; time < end && k < 8; time += -Math.log(1 - u()) / lambda) k++;
      if (k < 8) counts[k]++;
    }
    for (let n = 0; n < 8; n++) {
      const q = paretoNbdPmf(CDNOW, n, t);
      expect(Math.abs(counts[n] / N - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / N));
    }
  });

  it('handles t = 0 and invalid counts', () => {
    expect(paretoNbdPmf(CDNOW, 0, 0)).toBe(1);
    expect(paretoNbdPmf(CDNOW, 1, 0)).toBe(0);
    expect(paretoNbdPmf(CDNOW, -1, 10)).toBe(0);
    expect(paretoNbdPmf(CDNOW, 1.5, 10)).toBe(0);
  });
});

describe('Pareto/NBD P(X(T, T+t] = n | x, tx, T)', () => {
  it('sums to 1, has the conditional expectation of FH05 eq. 41 as mean, and puts 1 − P(alive) at 0', () => {
    for (const p of [CDNOW, ALPHA_SMALL]) {
      for (const [x, tx, T] of [[0, 0, 38.86], [2, 30.43, 38.86], [26, 30.86, 31], [7, 10, 39]]) {
        const t = 39;
        let total = 0, mean = 0;
        for (let n = 0; n < 600; n++) { const q = paretoNbdConditionalPmf(p, n, t, x, tx, T); total += q; mean += n * q; }
        expect(Math.abs(total - 1)).toBeLessThan(1e-10);
        relClose(mean, paretoNbdExpectedPurchases(p, t, x, tx, T), 1e-9);
        expect(paretoNbdConditionalPmf(p, 0, t, x, tx, T)).toBeGreaterThanOrEqual(1 - paretoNbdPAlive(p, x, tx, T));
      }
    }
    expect(paretoNbd.conditionalProbabilityOfPurchases).toBe(paretoNbdConditionalPmf);
  });
});
