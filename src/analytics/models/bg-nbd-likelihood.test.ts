import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numericGradient } from '../numerics/hessian.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { bgFamilyCustomerLogLik, bgFamilyGradient, bgFamilyLogLik, checkCustomer, checkPatterns, type BgNbdParams, type DropoutAtStart } from './bg-nbd-likelihood.ts';
import { ModelError } from './model-error.ts';
import { toRfPatterns } from './rf-patterns.ts';
import type { RfPatterns } from './types.ts';

/** CDNOW 39-week calibration summary as shipped with lifetimes (ID, frequency, recency, T in weeks). */
function cdnowColumns() {
  const rows = readFileSync(sharedData('cdnow/cdnow_customers_summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/** Composite Simpson's rule on [lo, hi] with n (even) panels. */
function simpson(f: (u: number) => number, lo: number, hi: number, n = 2000): number {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/**
 * ∫₀¹ p^{a−1} (1−p)^{β−1} g(p) dp by direct quadrature, with p = u^{1/a} (which removes the p^{a−1}
 * singularity: p^{a−1} dp = du/a) and geometric panels towards u = 0, where (1−p)^{200} concentrates.
 */
function betaKernelIntegral(a: number, beta: number, g: (p: number) => number): number {
  const f = (u: number) => (u === 0 ? g(0) : Math.pow(1 - Math.pow(u, 1 / a), beta - 1) * g(Math.pow(u, 1 / a))) / a;
  let total = simpson(f, 0, 1e-9);
  for (let k = 9; k > 0; k--) total += simpson(f, 10 ** -k, 10 ** (1 - k));
  return total;
}

/** ln ∫₀^∞ λ^{k−1} e^{−cλ} dλ by quadrature in u = ln λ (handles k < 1 and k in the hundreds). */
function logGammaKernelIntegral(k: number, c: number): number {
  const peak = Math.log(k / c);
  const g = (u: number) => k * u - c * Math.exp(u);
  const m = g(peak);
  return m + Math.log(simpson((u) => Math.exp(g(u) - m), peak - 250 / Math.sqrt(k) - 5, peak + 8, 200000));
}

/**
 * The likelihood straight from the model's definition (FHL 2005 eq. 3 for BG/NBD; one more (1−p)
 * factor per term for MBG/NBD), integrated numerically over λ ~ Gamma(r, α) and p ~ Beta(a, b):
 *   L = E[(1−p)^{x+s}] E[λˣ e^{−λT}] + 1{x+s>0} E[p(1−p)^{x+s−1}] E[λˣ e^{−λ tx}].
 * No closed form (Γ or B functions) is used, so it is an independent check of the log-sum-exp code.
 */
function logLikByQuadrature(p: BgNbdParams, s: DropoutAtStart, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const lnNormGamma = logGammaKernelIntegral(r, alpha);
  const lnNormBeta = Math.log(betaKernelIntegral(a, b, () => 1));
  const lnLam = (tau: number) => logGammaKernelIntegral(r + x, alpha + tau) - lnNormGamma;
  const alive = Math.log(betaKernelIntegral(a, b, (q) => Math.pow(1 - q, x + s))) - lnNormBeta + lnLam(T);
  if (x + s === 0) return alive;
  const dead = Math.log(betaKernelIntegral(a, b, (q) => q * Math.pow(1 - q, x + s - 1))) - lnNormBeta + lnLam(tx);
  const m = Math.max(alive, dead);
  return m + Math.log(Math.exp(alive - m) + Math.exp(dead - m));
}

// Published CDNOW BG/NBD estimates (lifetimes docs/Quickstart.md, bgf.summary) as a realistic point.
const CDNOW: BgNbdParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe('BG/NBD-family log-likelihood', () => {
  for (const s of [0, 1] as const) {
    const name = s === 0 ? 'BG/NBD' : 'MBG/NBD';

    it(`${name}: is finite at frequency 200 and equals a direct numerical integration of the model`, () => {
      // Extreme-input pin, as PyMC-Marketing and lifetimes test with frequency 200: the Γ(r+x) and
      // (α+T)^{r+x} factors overflow a double there, the log form must not. The quadrature reference
      // is accurate to ~1e-9 in ln L (Simpson on smooth integrands with 2·10⁵ panels), hence 1e-7.
      for (const [x, tx, T] of [[200, 38, 40], [200, 10, 40], [0, 0, 40], [3, 20, 40]]) {
        const ll = bgFamilyCustomerLogLik(CDNOW, s, x, tx, T);
        expect(Number.isFinite(ll)).toBe(true);
        expect(ll).toBeCloseTo(logLikByQuadrature(CDNOW, s, x, tx, T), 7);
      }
    });

    it(`${name}: the analytic gradient matches central differences of the log-likelihood`, () => {
      const data = toRfPatterns(cdnowColumns());
      // Away from the optimum (lifetimes' all-ones start), at it, and at an extreme-ish point.
      for (const p of [{ r: 1, alpha: 1, a: 1, b: 1 }, CDNOW, { r: 3, alpha: 0.2, a: 5, b: 0.5 }]) {
        const analytic = bgFamilyGradient(p, s, data);
        const numeric = numericGradient((th) => bgFamilyLogLik({ r: th[0], alpha: th[1], a: th[2], b: th[3] }, s, data), Float64Array.of(p.r, p.alpha, p.a, p.b));
        // Central differences (step ~6e-6·θ) on ℓ ≈ −1e4 carry ~1e-6 absolute error (measured: ≤ 1.5e-5
        // where |∂ℓ| ≈ 3e4); a wrong term would be off by O(1) or more.
        for (let i = 0; i < 4; i++) expect(Math.abs(analytic[i] - numeric[i])).toBeLessThan(2e-5 + 1e-8 * Math.abs(numeric[i]));
      }
    });
  }

  it('sums customer log-likelihoods with the pattern weights', () => {
    const cols = cdnowColumns();
    const patterns = toRfPatterns(cols);
    let direct = 0;
    for (let i = 0; i < cols.x.length; i++) direct += bgFamilyCustomerLogLik(CDNOW, 0, cols.x[i], cols.tx[i], cols.T[i]);
    expect(patterns.x.length).toBeLessThan(cols.x.length);
    expect(bgFamilyLogLik(CDNOW, 0, patterns)).toBeCloseTo(direct, 6);
  });

  it('rejects impossible histories with ModelError("invalid-input")', () => {
    const bad: [number, number, number][] = [[2, 40, 39], [-1, 0, 10], [1, -1, 10], [1, 1, -1], [0, 5, 10], [Number.NaN, 1, 2]];
    for (const [x, tx, T] of bad) {
      expect(() => checkCustomer(x, tx, T)).toThrow(ModelError);
      try { checkCustomer(x, tx, T); } catch (e) { expect((e as ModelError).code).toBe('invalid-input'); }
    }
    const data: RfPatterns = { x: Float64Array.of(1, 0), tx: Float64Array.of(5, 3), T: Float64Array.of(10, 10), weight: Float64Array.of(1, 1) };
    expect(() => checkPatterns(data)).toThrow(/recency must be 0/);
  });
});
