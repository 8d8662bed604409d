import { describe, expect, it } from 'vitest';
import { betaln, gammaln, hyp2f1 } from '../numerics/special.ts';
import { paretoNbdPurchaseTimes, simulateParetoNbd, type ParetoNbdParams } from './pareto-nbd-simulator.ts';
import { Random } from './random.ts';

// Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions", eq. 27:
// E[X(t)] = rβ / (α(s − 1)) · [1 − (β/(β + t))^(s−1)].
function expectedX({ r, alpha, s, beta }: ParetoNbdParams, t: number): number {
  return ((r * beta) / (alpha * (s - 1))) * (1 - Math.pow(beta / (beta + t), s - 1));
}

// Fader & Hardie (2006/2020), "Deriving an expression for P(X(t) = x) under the Pareto/NBD model"
// (brucehardie.com/notes/012), as implemented by CLVTools' pnbd_pmf:
//   P(X(t) = x) = Γ(r + x)/(Γ(r) x!) (α/(α + t))^r (t/(α + t))^x (β/(β + t))^s
//     + α^r β^s B(r + x, s + 1)/B(r, s) · [B₁ − Σ_{i=0}^{x} Γ(r + s + i)/Γ(r + s) · t^i/i! · B₂(i)],
//   B₁ = ₂F₁(r + s, c; r + s + x + 1; |α − β|/m) / m^(r+s),
//   B₂(i) = ₂F₁(r + s + i, c; r + s + x + 1; |α − β|/(m + t)) / (m + t)^(r+s+i),
// with m = max(α, β) and c = s + 1 if α ≥ β, else r + x.
function probabilityX({ r, alpha, s, beta }: ParetoNbdParams, x: number, t: number): number {
  const first = Math.exp(
    gammaln(r + x) - gammaln(r) - gammaln(x + 1) + r * Math.log(alpha / (alpha + t)) + x * Math.log(t / (alpha + t)) + s * Math.log(beta / (beta + t)),
  );
  const scale = Math.exp(r * Math.log(alpha) + s * Math.log(beta) + betaln(r + x, s + 1) - betaln(r, s));
  const m = Math.max(alpha, beta);
  const d = Math.abs(alpha - beta);
  const c = alpha >= beta ? s + 1 : r + x;
  const b1 = hyp2f1(r + s, c, r + s + x + 1, d / m) / Math.pow(m, r + s);
  let b2 = 0;
  for (let i = 0; i <= x; i++) {
    const w = Math.exp(gammaln(r + s + i) - gammaln(r + s) + i * Math.log(t) - gammaln(i + 1));
    b2 += (w * hyp2f1(r + s + i, c, r + s + x + 1, d / (m + t))) / Math.pow(m + t, r + s + i);
  }
  return first + scale * (b1 - b2);
}

// Given λ and μ, X(t) = 0 iff no purchase before min(τ, t); integrating λ out gives
// P(X(t) = 0) = (α/(α + t))^r (β/(β + t))^s + ∫₀ᵗ (α/(α + u))^r · sβ^s/(β + u)^(s+1) du
// (the second term: death at u, a Lomax density, before any purchase). Simpson's rule, 2e4 panels.
function probabilityZeroByQuadrature({ r, alpha, s, beta }: ParetoNbdParams, t: number): number {
  const f = (u: number) => (Math.pow(alpha / (alpha + u), r) * s * Math.pow(beta, s)) / Math.pow(beta + u, s + 1);
  const n = 20_000;
  const h = t / n;
  let acc = f(0) + f(t);
  for (let i = 1; i < n; i++) acc += (i % 2 ? 4 : 2) * f(i * h);
  return Math.pow(alpha / (alpha + t), r) * Math.pow(beta / (beta + t), s) + (acc * h) / 3;
}

// CDNOW Pareto/NBD estimates reported by FHL (2005): r = 0.55, α = 10.58, s = 0.61, β = 11.67,
// weeks; α < β; and a set with α > β to take the other branch of the note's ₂F₁ terms.
const CDNOW: ParetoNbdParams = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
const OTHER: ParetoNbdParams = { r: 1.5, alpha: 4, s: 2.5, beta: 3 };
const N = 200_000;
// 4 standard errors, as in the BG/NBD test: ~6e-5 chance per comparison, fixed seed.
const Z = 4;

describe('Pareto/NBD simulation against the published closed forms', () => {
  it.each([
    ['CDNOW', CDNOW, 39],
    ['CDNOW', CDNOW, 78],
    ['alpha > beta', OTHER, 52],
  ] as const)('%s params, t = %f: mean X(t) and P(X(t) = 0, 1, 2)', (_label, params, t) => {
    const sim = simulateParetoNbd(params, new Float64Array(N).fill(t), new Random(1987));
    let sum = 0;
    let sumSq = 0;
    const counts = [0, 0, 0];
    for (const x of sim.x) {
      sum += x;
      sumSq += x * x;
      if (x < 3) counts[x]++;
    }
    const mean = sum / N;
    const se = Math.sqrt((sumSq / N - mean * mean) / (N - 1));
    const ex = expectedX(params, t);
    expect(Math.abs(mean - ex), `mean ${mean} vs eq. 27 ${ex} (SE ${se})`).toBeLessThan(Z * se);
    for (let x = 0; x < 3; x++) {
      const p = probabilityX(params, x, t);
      const seP = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(counts[x] / N - p), `P(X = ${x}): ${counts[x] / N} vs ${p} (SE ${seP})`).toBeLessThan(Z * seP);
    }
  });

  it.each([[CDNOW], [OTHER]])('the coded P(X(t) = 0) agrees with direct quadrature (guards the test formula)', (params) => {
    // Simpson's error with 2e4 panels on these smooth integrands is far below 1e-9.
    expect(probabilityX(params, 0, 39)).toBeCloseTo(probabilityZeroByQuadrature(params, 39), 9);
  });

  it('purchase times stop at the end of observation and match the (x, t_x) columns', () => {
    const T = Float64Array.from({ length: 2000 }, (_, i) => (i % 52) + 0.25);
    const rf = simulateParetoNbd(OTHER, T, new Random(5));
    let i = 0;
    for (const times of paretoNbdPurchaseTimes(OTHER, T, new Random(5))) {
      expect(times.length - 1).toBe(rf.x[i]);
      expect(times[times.length - 1]).toBe(rf.tx[i]);
      expect(rf.tx[i] <= T[i]).toBe(true);
      i++;
    }
    expect(i).toBe(T.length);
  });
});
