// Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who Are They and
// What Will They Do Next?"), in the notation and with the results of Fader & Hardie (2005), "A Note on
// Deriving the Pareto/NBD Model and Related Expressions" (below "FH05"):
//   while alive, purchases ~ Poisson(λ); lifetime ω ~ Exponential(μ);
//   λ ~ Gamma(shape r, rate α), μ ~ Gamma(shape s, rate β), independent across customers.
// x = repeat purchases, tx = time of the last one, T = age, all in the data's own time unit.
// This file holds the likelihood and P(alive), which everything else builds on.
//
// Numerically stable form of the likelihood (FH05 eq. 22, with A₀ of eq. 23). Conditional on λ, μ the
// individual likelihood is (FH05 §3)
//   L(λ, μ) = λˣ e^{−(λ+μ)T} + λˣ μ ∫_{tx}^{T} e^{−(λ+μ)τ} dτ.
// Writing e^{−(λ+μ)T} = (λ+μ) ∫_T^∞ e^{−(λ+μ)τ} dτ and splitting the second integral at T gives two
// positive terms,
//   L(λ, μ) = λˣ μ ∫_{tx}^∞ e^{−(λ+μ)τ} dτ + λˣ⁺¹ ∫_T^∞ e^{−(λ+μ)τ} dτ,
// and taking expectations over the two gamma distributions,
//   L(r, α, s, β) = Γ(r+x) αʳ βˢ / Γ(r) · [ s·H(r+x, s+1; tx) + (r+x)·H(r+x+1, s; T) ],     (★)
//   H(a, b; τ₀) = ∫_{τ₀}^∞ (α+τ)^{−a} (β+τ)^{−b} dτ.
// (★) equals eq. 22: s·A₀/(r+s+x) = s[H(r+x, s+1; tx) − H(r+x, s+1; T)] and the first term of eq. 22
// is (r+x)H(r+x+1, s; T) + sH(r+x, s+1; T). Why (★) rather than eq. 22 as printed:
//  - eq. 22 subtracts two nearly equal ₂F₁ terms inside A₀ when tx is close to T; (★) has no
//    subtraction, so it is a log-sum-exp of two positive terms;
//  - A₀'s ₂F₁(r+s+x, r+x; r+s+x+1; z) for α < β grows like (1−z)^{1−r−x} and overflows for large x;
//    we transform it (Euler) so every ₂F₁ we evaluate is ₂F₁(1, ·; ·; z) ≤ 1/(1−z) — see logTail.
import { gammaln, logAddExp } from '../numerics/special.ts';
import { logHyp2f1One } from '../numerics/log-hyp2f1-one.ts';
import type { RfPatterns } from './types.ts';

export type ParetoNbdParam = 'r' | 'alpha' | 's' | 'beta';
export type ParetoNbdParams = Record<ParetoNbdParam, number>;
export const PARETO_NBD_PARAMS: readonly ParetoNbdParam[] = ['r', 'alpha', 's', 'beta'];

/**
 * ln H(a, b; τ₀) = ln ∫_{τ₀}^∞ (α+τ)^{−a} (β+τ)^{−b} dτ, for a, b > 0 and a + b > 1.
 *
 * With y = (α+τ₀)/(α+τ) the integral is Euler's integral of ₂F₁ (Abramowitz & Stegun 15.3.1):
 *   H = (α+τ₀)^{1−a−b}/(a+b−1) · ₂F₁(a+b−1, b; a+b; z),  z = (α−β)/(α+τ₀),
 * the form of FH05 eq. 23. Euler's transformation (A&S 15.3.3) turns it into
 *   H = (α+τ₀)^{−a} (β+τ₀)^{1−b}/(a+b−1) · ₂F₁(1, a; a+b; z),
 * whose series has positive terms bounded by zⁿ: no overflow however large a (i.e. x) is. For α ≥ β,
 * z ∈ [0, 1); for α < β we swap the roles of (a, α) and (b, β) so the argument stays in [0, 1) (the
 * branch of eq. 23). 1 − z = (β+τ₀)/(α+τ₀) (or its inverse) is passed as such: near z = 1, where
 * logHyp2f1One works with 1 − z, subtracting a rounded z from 1 would lose its digits.
 */
export function logTail(a: number, b: number, alpha: number, beta: number, tau0: number): number {
  const pa = alpha + tau0;
  const pb = beta + tau0;
  if (alpha >= beta) {
    return -a * Math.log(pa) + (1 - b) * Math.log(pb) - Math.log(a + b - 1) + logHyp2f1One(a, a + b, (alpha - beta) / pa, pb / pa);
  }
  return -b * Math.log(pb) + (1 - a) * Math.log(pa) - Math.log(a + b - 1) + logHyp2f1One(b, a + b, (beta - alpha) / pb, pa / pb);
}

/** ln of the bracket of (★): everything of the likelihood that depends on tx and T. */
export function logBracket(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  return logAddExp(
    Math.log(s) + logTail(r + x, s + 1, alpha, beta, tx),
    Math.log(r + x) + logTail(r + x + 1, s, alpha, beta, T),
  );
}

/** Log-likelihood of one customer (FH05 eq. 22, evaluated as (★) in the header). */
export function paretoNbdCustomerLogLik(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + logBracket(r, alpha, s, beta, x, tx, T);
}

/** Total weighted log-likelihood of the patterns; −Infinity outside the parameter space. */
export function paretoNbdLogLik(p: ParetoNbdParams, data: RfPatterns): number {
  const { r, alpha, s, beta } = p;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return -Infinity;
  const constant = -gammaln(r) + r * Math.log(alpha) + s * Math.log(beta);
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    total += data.weight[i] * (gammaln(r + x) + constant + logBracket(r, alpha, s, beta, x, data.tx[i], data.T[i]));
  }
  return total;
}

/**
 * P(alive at T | x, tx, T): the alive branch of the likelihood over the whole likelihood,
 *   Γ(r+x) αʳ βˢ / (Γ(r) (α+T)^{r+x} (β+T)ˢ) / L(r, α, s, β | x, tx, T)
 * (FH05 §5; restated as eq. 9 of Fader & Hardie 2014, "Deriving the Conditional PMF of the Pareto/NBD
 * Model"). With L written as (★) the gamma-function constant cancels.
 */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  return Math.exp(-(r + x) * Math.log(alpha + T) - s * Math.log(beta + T) - logBracket(r, alpha, s, beta, x, tx, T));
}

