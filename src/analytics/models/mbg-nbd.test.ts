import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { betaln, gammaln, hyp2f1 } from '../numerics/special.ts';
import { bgNbdLogLik, fitBgNbd } from './bg-nbd.ts';
import { ModelError } from './model-error.ts';
import {
  fitMbgNbd,
  mbgNbd,
  mbgNbdCustomerLogLik,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLogLik,
  mbgNbdPAlive,
  mbgNbdPmf,
  type MbgNbdParams,
} from './mbg-nbd.ts';
import { toRfPatterns } from './rf-patterns.ts';

/** CDNOW 39-week calibration summary as shipped with lifetimes (ID, frequency, recency, T in weeks). */
function cdnowColumns() {
  const rows = readFileSync(sharedData('cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/**
 * lifetimes' ModifiedBetaGeoFitter (lifetimes/fitters/modified_beta_geo_fitter.py), transcribed
 * formula by formula in its own algebraic form (printed ₂F₁, no Euler transformation, 1 − Σ for
 * the PMF tail): a reference implementation to compare ours with where both are well conditioned.
 */
const lifetimesMbg = {
  logLik(p: MbgNbdParams, x: number, tx: number, T: number): number {
    const { r, alpha, a, b } = p;
    const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
    const a2 = gammaln(a + b) + gammaln(b + x + 1) - gammaln(b) - gammaln(a + b + x + 1);
    const a3 = -(r + x) * Math.log(alpha + T);
    const a4 = Math.log(a) - Math.log(b + x) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
    return a1 + a2 + a3 + Math.log(1 + Math.exp(a4));
  },
  pAlive: (p: MbgNbdParams, x: number, tx: number, T: number) => 1 / (1 + (p.a / (p.b + x)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x)),
  expectedNew(p: MbgNbdParams, t: number): number {
    const { r, alpha, a, b } = p;
    return (b / (a - 1)) * (1 - hyp2f1(r, b + 1, a + b, t / (alpha + t)) * (alpha / (alpha + t)) ** r);
  },
  expected(p: MbgNbdParams, t: number, x: number, tx: number, T: number): number {
    const { r, alpha, a, b } = p;
    const hyp = hyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
    const numerator = ((a + b + x) / (a - 1)) * (1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x));
    return numerator / (1 + (a / (b + x)) * ((alpha + T) / (alpha + tx)) ** (r + x));
  },
  pmf(p: MbgNbdParams, n: number, t: number): number {
    const { r, alpha, a, b } = p;
    const q0 = alpha / (alpha + t), q = t / (alpha + t);
    const nb = (j: number) => Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1)) * q ** j;
    let head = 0;
    for (let j = 0; j < n; j++) head += nb(j);
    return Math.exp(betaln(a, b + n + 1) - betaln(a, b)) * nb(n) * q0 ** r + Math.exp(betaln(a + 1, b + n) - betaln(a, b)) * (1 - q0 ** r * head);
  },
};

describe('MBG/NBD on CDNOW', () => {
  const cdnow = toRfPatterns(cdnowColumns());
  const fit = fitMbgNbd(cdnow);

  it('finds the published maximum-likelihood estimates', () => {
    // lifetimes ModifiedBetaGeoFitter docs and test_params_out_is_close_to_BTYDplus (BTYDplus'
    // mbgnbd.EstimateParameters on CDNOW): r = 0.525, α = 6.183, a = 0.891, b = 1.614, printed to 3
    // decimals, so within 1e-3 absolute.
    const published: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    for (const k of mbgNbd.paramNames) expect(Math.abs(fit.params[k] - published[k])).toBeLessThan(1e-3);
    expect(fit.model).toBe('mbgnbd');
    expect(fit.standardErrors).not.toBeNull();
  });

  it('fits CDNOW a little better than BG/NBD (one more dropout chance, same number of parameters)', () => {
    // Not a published number: a consistency check that the extra time-0 dropout is in the likelihood.
    const bg = fitBgNbd(cdnow, { standardErrors: false });
    expect(fit.logLik).toBeGreaterThan(bg.logLik);
    expect(mbgNbdLogLik(fit.params, cdnow)).not.toBeCloseTo(bgNbdLogLik(fit.params, cdnow), 0);
  });

  it("agrees with lifetimes' ModifiedBetaGeoFitter formulas at the fitted parameters", () => {
    // Both are double-precision evaluations of the same expressions in different algebraic forms;
    // they agree to ~1e-12 where lifetimes' form is well conditioned (moderate x), hence 1e-9.
    const p = fit.params;
    const customers: [number, number, number][] = [[0, 0, 38.86], [2, 30.43, 38.86], [7, 29.43, 38.86], [26, 30.86, 31], [1, 1.71, 38.86]];
    for (const [x, tx, T] of customers) {
      expect(mbgNbdCustomerLogLik(p, x, tx, T)).toBeCloseTo(lifetimesMbg.logLik(p, x, tx, T), 10);
      expect(Math.abs(mbgNbdPAlive(p, x, tx, T) / lifetimesMbg.pAlive(p, x, tx, T) - 1)).toBeLessThan(1e-9);
      for (const t of [1, 39, 52]) expect(Math.abs(mbgNbdExpectedPurchases(p, t, x, tx, T) / lifetimesMbg.expected(p, t, x, tx, T) - 1)).toBeLessThan(1e-9);
    }
    for (const t of [0.1429, 1, 3, 32, 78]) {
      expect(Math.abs(mbgNbdExpectedPurchasesNew(p, t) / lifetimesMbg.expectedNew(p, t) - 1)).toBeLessThan(1e-9);
      // lifetimes' PMF tail is 1 − Σ_{j<n}(…), which carries ~1e-16 absolute error (it loses all
      // digits for tiny tails; ours uses the incomplete beta), hence the 1e-14 absolute floor.
      for (const n of [0, 1, 2, 5, 10]) {
        const want = lifetimesMbg.pmf(p, n, t);
        expect(Math.abs(mbgNbdPmf(p, n, t) - want)).toBeLessThan(1e-9 * want + 1e-14);
      }
    }
    // The model's point: unlike BG/NBD, no repeat purchase does not mean alive (lifetimes'
    // test_conditional_probability_alive_returns_lessthan_1_if_no_repeat_purchases, which passes
    // recency 1 with frequency 0, a history we reject; recency 0 here).
    expect(mbgNbdPAlive(p, 0, 0, 1)).toBeLessThan(1);
  });

  it('stays finite at frequency 200', () => {
    // lifetimes' form overflows here ((α+T)/(α+tx))^{r+x} · ₂F₁(r+x, …) → ∞·0); ours must not.
    for (const [x, tx, T] of [[200, 38, 40], [200, 5, 40]]) {
      expect(Number.isFinite(mbgNbdCustomerLogLik(fit.params, x, tx, T))).toBe(true);
      const e = mbgNbdExpectedPurchases(fit.params, 39, x, tx, T);
      expect(Number.isFinite(e) && e >= 0).toBe(true);
    }
  });

  it('rejects impossible customers with ModelError("invalid-input")', () => {
    for (const [x, tx, T] of [[2, 40, 39], [-1, 0, 39], [0, 3, 39]]) {
      expect(() => mbgNbd.pAlive(fit.params, x, tx, T)).toThrow(ModelError);
      try { mbgNbd.pAlive(fit.params, x, tx, T); } catch (e) { expect((e as ModelError).code).toBe('invalid-input'); }
    }
  });
});
