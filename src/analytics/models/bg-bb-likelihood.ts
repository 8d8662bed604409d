// BG/BB likelihood (Fader, Hardie & Shang 2010, "Customer-Base Analysis in a Discrete-Time
// Noncontractual Setting", Marketing Science 29(6), hereafter FHS10) and the validation of its inputs.
//
// The model: at each of n discrete transaction opportunities a customer who is alive transacts with
// probability p (Bernoulli), and dies at the start of an opportunity with probability θ (geometric
// lifetime); p ~ Beta(α, β) and θ ~ Beta(γ, δ) across customers, independently. A customer is summarised
// by x (opportunities with a transaction), t_x (the last such opportunity, 0 when x = 0) and n.
//
// FHS10 eq. (5), the likelihood of a random customer:
//   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)                                  (alive through n)
//     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)       (died after t_x+i)
// Every term is a product of beta-function ratios that under/overflow quickly (B(α+x, β+n−x) for large
// n), so each term is kept as a logarithm built from betaln and the sum is a log-sum-exp: the value and
// the analytic gradient are then exact for any n.
import { ModelError } from './model-error.ts';
import { toRfPatterns } from './rf-patterns.ts';
import type { RfPatterns } from './types.ts';
import { betaln, digamma } from '../numerics/special.ts';

export type BgBbParam = 'alpha' | 'beta' | 'gamma' | 'delta';
export type BgBbParams = Record<BgBbParam, number>;
export const BGBB_PARAMS: readonly BgBbParam[] = ['alpha', 'beta', 'gamma', 'delta'];

/** A recency/frequency matrix: one row per customer or per (x, t_x, n) cell with its customer count. */
export interface BgBbColumns {
  /** Frequency: number of opportunities with a repeat transaction. */
  x: ArrayLike<number>;
  /** Recency: the opportunity of the last transaction (0 when x = 0). */
  tx: ArrayLike<number>;
  /** Number of transaction opportunities observed. */
  n: ArrayLike<number>;
  /** Customers in the row (an RF matrix's `custs` / lifetimes' `weights`); default 1. */
  weight?: ArrayLike<number>;
  /** Optional ids, only used to name offending rows in error messages. */
  ids?: ArrayLike<string | number>;
}

/**
 * Validates an RF matrix and collapses equal cells. On top of toRfPatterns' checks (no negatives,
 * t_x ≤ n, t_x = 0 when x = 0, whole x), BG/BB needs whole t_x and n and x ≤ t_x: x transactions
 * cannot fit in fewer opportunities. The returned patterns carry n in the `T` field.
 */
export function toBgBbPatterns(c: BgBbColumns): RfPatterns {
  const bad: string[] = [];
  const rows = Math.min(c.x.length, c.tx.length, c.n.length);
  for (let i = 0; i < rows; i++) {
    const x = c.x[i], tx = c.tx[i], n = c.n[i];
    const why = Number.isFinite(tx) && !Number.isInteger(tx) ? 'recency is not a whole number of periods'
      : Number.isFinite(n) && !Number.isInteger(n) ? 'number of periods is not a whole number'
        : x > tx ? `frequency ${x} > recency ${tx}` : '';
    if (why) bad.push(`${c.ids ? `customer ${c.ids[i]}` : `row ${i + 1}`}: ${why}`);
  }
  if (bad.length) {
    throw new ModelError('invalid-input', `${bad.length} invalid BG/BB row(s): ${bad.slice(0, 5).join('; ')}${bad.length > 5 ? '; …' : ''}`);
  }
  return toRfPatterns({ x: c.x, tx: c.tx, T: c.n, weight: c.weight, ids: c.ids });
}

/** ln of the two kinds of terms of eq. (5); `a`, `b` index the p-part, `c`, `e` the θ-part. */
interface LogTerm { value: number; a: number; b: number; c: number; e: number }

function logTerms(p: BgBbParams, x: number, tx: number, n: number): LogTerm[] {
  const { alpha, beta, gamma, delta } = p;
  const base = betaln(alpha, beta) + betaln(gamma, delta);
  const terms: LogTerm[] = [];
  const alive = { a: alpha + x, b: beta + n - x, c: gamma, e: delta + n };
  terms.push({ ...alive, value: betaln(alive.a, alive.b) + betaln(alive.c, alive.e) - base });
  for (let i = 0; i <= n - tx - 1; i++) {
    const t = { a: alpha + x, b: beta + tx - x + i, c: gamma + 1, e: delta + tx + i };
    terms.push({ ...t, value: betaln(t.a, t.b) + betaln(t.c, t.e) - base });
  }
  return terms;
}

function logSumExp(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (const v of values) s += Math.exp(v - m);
  return m + Math.log(s);
}

/** ln L(α, β, γ, δ | x, t_x, n) of one customer, FHS10 eq. (5). */
export function bgbbCustomerLogLik(p: BgBbParams, x: number, tx: number, n: number): number {
  return logSumExp(logTerms(p, x, tx, n).map((t) => t.value));
}

/** Σ weight · ln L over the patterns (n in the `T` field). */
export function bgbbLogLik(p: BgBbParams, data: RfPatterns): number {
  let ll = 0;
  for (let k = 0; k < data.x.length; k++) ll += data.weight[k] * bgbbCustomerLogLik(p, data.x[k], data.tx[k], data.T[k]);
  return ll;
}

/**
 * ∂ Σ w ln L / ∂(α, β, γ, δ). Each term of eq. (5) is B(a, b)B(c, e)/(B(α,β)B(γ,δ)) with a, b, c, e
 * linear in the parameters, and ∂ ln B(a, b)/∂a = ψ(a) − ψ(a+b); ∂ ln L is the average of the terms'
 * gradients weighted by their share of L (the softmax of their logs), so no term is ever exponentiated
 * on its own.
 */
export function bgbbGradient(p: BgBbParams, data: RfPatterns): Float64Array {
  const { alpha, beta, gamma, delta } = p;
  const psiAB = digamma(alpha + beta), psiGD = digamma(gamma + delta);
  const baseA = psiAB - digamma(alpha), baseB = psiAB - digamma(beta);
  const baseG = psiGD - digamma(gamma), baseD = psiGD - digamma(delta);
  const g = new Float64Array(4);
  for (let k = 0; k < data.x.length; k++) {
    const terms = logTerms(p, data.x[k], data.tx[k], data.T[k]);
    const ll = logSumExp(terms.map((t) => t.value));
    const w = data.weight[k];
    for (const t of terms) {
      const share = w * Math.exp(t.value - ll);
      const psiAb = digamma(t.a + t.b), psiCe = digamma(t.c + t.e);
      g[0] += share * (digamma(t.a) - psiAb + baseA);
      g[1] += share * (digamma(t.b) - psiAb + baseB);
      // For the θ-part c is γ or γ + 1, e is δ + something: both move one-for-one with γ and δ.
      g[2] += share * (digamma(t.c) - psiCe + baseG);
      g[3] += share * (digamma(t.e) - psiCe + baseD);
    }
  }
  return g;
}
