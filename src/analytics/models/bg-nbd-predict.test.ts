import { describe, expect, it } from 'vitest';
import { Random } from '../simulate/random.ts';
import type { BgNbdParams, DropoutAtStart } from './bg-nbd-likelihood.ts';
import {
  aliveExpected,
  betaIncReg,
  bgFamilyConditionalPmf,
  bgFamilyExpectedPurchases,
  bgFamilyExpectedPurchasesNew,
  bgFamilyPAlive,
  bgFamilyPAliveAt,
  bgFamilyPmf,
} from './bg-nbd-predict.ts';
import { ModelError } from './model-error.ts';

// FHL (2005) CDNOW estimates as BTYD's examples round them (BTYD manual, bgnbd.pmf / bgnbd.PAlive).
const FHL: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Composite Simpson's rule on [lo, hi] with n (even) panels. */
function simpson(f: (u: number) => number, lo: number, hi: number, n = 4000): number {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/** ∫₀¹ p^{a−1}(1−p)^{b−1} g(p) dp with p = u^{1/a} (removes the p^{a−1} singularity), geometric panels near 0. */
function betaKernelIntegral(a: number, b: number, g: (p: number) => number): number {
  const f = (u: number) => Math.pow(1 - Math.pow(u, 1 / a), b - 1) * g(Math.pow(u, 1 / a)) / a;
  let total = simpson(f, 0, 1e-6);
  for (let k = 6; k > 0; k--) total += simpson(f, 10 ** -k, 10 ** (1 - k));
  return total;
}

/**
 * Conditional quantities straight from the model's definition, by 1-D quadrature over the prior of
 * p (the λ-integrals are elementary): with K(p) the Beta(a, b) kernel and, from FHL eq. 3,
 * L(λ, p) = (1−p)^{x+s} λˣ e^{−λT} [alive] + 1{x+s>0} p(1−p)^{x+s−1} λˣ e^{−λ tx} [gone],
 *   P(alive at T+t | data) = E[(1−p)^{x+s} λˣ e^{−λT} e^{−λpt}] / E[L],
 *   E[X(T,T+t] | data]     = E[(1−p)^{x+s} λˣ e^{−λT} (1 − e^{−λpt})/p] / E[L].
 * Averaging λˣe^{−λτ} over Gamma(r, α) gives a factor ∝ (α+τ)^{−(r+x)} common to all terms, divided
 * out below. No posterior algebra and no ₂F₁: an independent check of bg-nbd-predict.ts.
 */
function byQuadrature(p: BgNbdParams, s: DropoutAtStart, t: number, x: number, tx: number, T: number) {
  const { r, alpha, a, b } = p;
  const k = r + x, A = alpha + T;
  const gone = x + s > 0 ? Math.pow(A / (alpha + tx), k) : 0;
  const denominator = betaKernelIntegral(a, b, (q) => Math.pow(1 - q, x + s) + (x + s > 0 ? q * Math.pow(1 - q, x + s - 1) * gone : 0));
  const survive = (q: number) => Math.exp(-k * Math.log1p((q * t) / A));
  const pAliveAt = betaKernelIntegral(a, b, (q) => Math.pow(1 - q, x + s) * survive(q)) / denominator;
  const expected = betaKernelIntegral(a, b, (q) => Math.pow(1 - q, x + s) * (q === 0 ? (k * t) / A : -Math.expm1(-k * Math.log1p((q * t) / A)) / q)) / denominator;
  return { pAliveAt, expected };
}

describe('BG/NBD-family predictions', () => {
  it('BG/NBD P(X(t) = n) equals the values BTYD documents (bgnbd.pmf examples, via lifetimes\' tests)', () => {
    // lifetimes tests/test_estimation.py test_probability_of_n_purchases_up_to_time_same_as_R_BTYD,
    // citing the BTYD manual: params (0.243, 4.414, 0.793, 2.426). Tolerances: half a unit of the last
    // printed digit (6–10 significant digits printed).
    expect(Math.abs(bgFamilyPmf(FHL, 0, 10, 2) / 1.07869e-7 - 1)).toBeLessThan(5e-6);
    expect(Math.abs(bgFamilyPmf(FHL, 0, 0, 39) - 0.5737864)).toBeLessThan(5e-8);
    const printed = [0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.000222226];
    printed.forEach((v, i) => expect(Math.abs(bgFamilyPmf(FHL, 0, 11 + i, 30) - v)).toBeLessThan(5e-11));
  });

  for (const s of [0, 1] as const) {
    const name = s === 0 ? 'BG/NBD' : 'MBG/NBD';

    it(`${name}: P(alive at T+t) and E[X(T,T+t]] equal a quadrature of the model's definition`, () => {
      // Quadrature accuracy ~1e-10 (Simpson, smooth integrands); 1e-8 relative leaves room and still
      // catches any algebra slip (those move the value in the 2nd–3rd digit).
      const cases: [number, number, number, number][] = [[39, 2, 30.43, 38.86], [39, 0, 0, 38.86], [52, 26, 30.86, 31], [10, 200, 38, 40], [39, 200, 10, 40], [78, 0, 0, 0], [0.001, 5, 3, 20]];
      for (const [t, x, tx, T] of cases) {
        const ref = byQuadrature(FHL, s, t, x, tx, T);
        expect(Math.abs(bgFamilyPAliveAt(FHL, s, t, x, tx, T) / ref.pAliveAt - 1)).toBeLessThan(1e-8);
        expect(Math.abs(bgFamilyExpectedPurchases(FHL, s, t, x, tx, T) / ref.expected - 1)).toBeLessThan(1e-8);
      }
    });

    it(`${name}: a customer seen at T = 0 is a new customer`, () => {
      for (const t of [0.5, 39, 520]) {
        expect(bgFamilyExpectedPurchases(FHL, s, t, 0, 0, 0)).toBeCloseTo(bgFamilyExpectedPurchasesNew(FHL, s, t), 12);
        for (const n of [0, 1, 7]) expect(bgFamilyConditionalPmf(FHL, s, n, t, 0, 0, 0)).toBeCloseTo(bgFamilyPmf(FHL, s, n, t), 12);
      }
    });

    it(`${name}: the PMFs sum to 1 and their means are the expectations`, () => {
      for (const [t, x, tx, T] of [[39, 2, 30.43, 38.86], [52, 26, 30.86, 31], [39, 0, 0, 38.86]]) {
        let total = 0, mean = 0, totalNew = 0, meanNew = 0;
        for (let n = 0; n < 3000; n++) {
          const pc = bgFamilyConditionalPmf(FHL, s, n, t, x, tx, T), pn = bgFamilyPmf(FHL, s, n, t);
          total += pc; mean += n * pc; totalNew += pn; meanNew += n * pn;
        }
        expect(total).toBeCloseTo(1, 10);
        expect(mean / bgFamilyExpectedPurchases(FHL, s, t, x, tx, T)).toBeCloseTo(1, 9);
        expect(totalNew).toBeCloseTo(1, 10);
        expect(meanNew / bgFamilyExpectedPurchasesNew(FHL, s, t)).toBeCloseTo(1, 9);
      }
    });

    it(`${name}: customers with no repeat purchase behave as a full simulation of the model says (Monte Carlo)`, () => {
      // Simulate the model's story itself (FHL §3; plus a dropout chance at time 0 for MBG/NBD), keep
      // the customers with no repeat purchase in (0, T], and count who is alive at T and T+t and how
      // many purchases they make in (T, T+t]. 4 standard errors of the simulated means.
      const rng = new Random(20240611 + s);
      const T = 38.86, t = 39;
      let kept = 0, aliveT = 0, aliveTt = 0, bought = 0, bought2 = 0, none = 0;
      for (let i = 0; i < 400000; i++) {
        const lambda = rng.gamma(FHL.r, FHL.alpha), p = rng.beta(FHL.a, FHL.b);
        let alive = !(s === 1 && rng.next() < p);
        let clock = -Math.log1p(-rng.next()) / lambda;
        if (alive && clock <= T) continue; // a repeat purchase in (0, T]: not x = 0
        kept++;
        if (alive) aliveT++;
        let n = 0;
        while (alive && clock <= T + t) {
          n++;
          if (rng.next() < p) alive = false;
          clock += -Math.log1p(-rng.next()) / lambda;
        }
        if (alive) aliveTt++;
        bought += n; bought2 += n * n;
        if (n === 0) none++;
      }
      const within = (value: number, simMean: number, simVar: number) => expect(Math.abs(value - simMean)).toBeLessThan(4 * Math.sqrt(simVar / kept));
      const fr = (k: number) => k / kept;
      within(bgFamilyPAlive(FHL, s, 0, 0, T), fr(aliveT), fr(aliveT) * (1 - fr(aliveT)) + 1e-12);
      within(bgFamilyPAliveAt(FHL, s, t, 0, 0, T), fr(aliveTt), fr(aliveTt) * (1 - fr(aliveTt)));
      within(bgFamilyExpectedPurchases(FHL, s, t, 0, 0, T), fr(bought), fr(bought2) - fr(bought) ** 2);
      within(bgFamilyConditionalPmf(FHL, s, 0, t, 0, 0, T), fr(none), fr(none) * (1 - fr(none)));
      if (s === 0) expect(aliveT).toBe(kept); // BG/NBD: no repeat purchase means alive (FHL P(alive) note)
    });
  }

  it('E[X(t)] is continuous through a = 1, where FHL eq. 9 as printed is 0/0', () => {
    for (const t of [0.3, 39, 520]) {
      const at1 = aliveExpected(0.5, 3, 1, 2, t);
      expect(Number.isFinite(at1)).toBe(true);
      expect(Math.abs(aliveExpected(0.5, 3, 1 + 1e-6, 2, t) / at1 - 1)).toBeLessThan(1e-5);
      expect(Math.abs(aliveExpected(0.5, 3, 1 - 1e-6, 2, t) / at1 - 1)).toBeLessThan(1e-5);
    }
  });

  it('regularised incomplete beta matches its closed forms I_x(1, q) = 1 − (1−x)^q and I_x(p, 1) = x^p', () => {
    for (const x of [1e-5, 0.2, 0.5, 0.93, 0.999]) {
      for (const q of [0.24, 1.7, 250]) expect(betaIncReg(1, q, x)).toBeCloseTo(-Math.expm1(q * Math.log1p(-x)), 13);
      for (const p of [0.5, 3, 300]) expect(Math.abs(betaIncReg(p, 1, x) - Math.pow(x, p))).toBeLessThan(1e-13 * Math.max(1e-300, Math.pow(x, p)) + 1e-300);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => bgFamilyExpectedPurchases(FHL, 0, 10, 2, 40, 39)).toThrow(ModelError);
    expect(() => bgFamilyPAliveAt(FHL, 0, -1, 2, 30, 39)).toThrow(/horizon/);
    expect(() => bgFamilyPmf(FHL, 0, 1.5, 10)).toThrow(/whole number/);
    expect(() => bgFamilyPAlive({ ...FHL, a: 0 }, 1, 1, 1, 2)).toThrow(/must be finite and > 0/);
  });
});
