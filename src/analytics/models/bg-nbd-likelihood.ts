// Likelihood of the beta-geometric/NBD family: BG/NBD (Fader, Hardie & Lee 2005, "Counting your
// customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2), below
// "FHL") and MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of
// models for customer base analysis", IJRM 24(3), below "BDF"; the variant of lifetimes'
// ModifiedBetaGeoFitter). Both models:
//   while alive, purchases ~ Poisson(λ), λ ~ Gamma(shape r, rate α);
//   right after a purchase the customer drops out with probability p, p ~ Beta(a, b).
// They differ only in whether the first purchase (time 0) is also a dropout opportunity: no for
// BG/NBD, yes for MBG/NBD. We carry that as `s` (dropout chances before the first repeat purchase, 0
// or 1); every formula of the family is written once with it. x = repeat purchases, tx = time of the
// last one, T = age, all in the data's own time unit.
//
// Individual likelihood (FHL eq. 6; BDF's eq. with b+x → b+x+1):
//   L = B(a, b+x+s)/B(a,b) · Γ(r+x)αʳ/(Γ(r)(α+T)^{r+x})
//     + 1{x+s>0} · B(a+1, b+x+s−1)/B(a,b) · Γ(r+x)αʳ/(Γ(r)(α+tx)^{r+x}).
// The first term is "still alive at T", the second "dropped out right after the purchase at tx".
// Why the log form below: for x in the hundreds the Γ and (α+T)^{r+x} factors over/underflow a double
// while their ratios are ordinary numbers. Dividing the second term by the first, with
// B(a+1, b+x+s−1)/B(a, b+x+s) = a/(b+x+s−1),
//   ln L = C + L₁ + ln(1 + e^D),
//   C  = lnΓ(r+x) − lnΓ(r) + r ln α − ln B(a, b),
//   L₁ = ln B(a, b+x+s) − (r+x) ln(α+T),
//   D  = ln a − ln(b+x+s−1) + (r+x) ln((α+T)/(α+tx))     (only when x+s > 0),
// a log-sum-exp of two positive terms: no subtraction, and only one betaln per customer. The branch
// is on x+s > 0 alone, as in FHL eq. 6 (for x = 0 BG/NBD has no second term).
import { betaln, gammaln } from '../numerics/special.ts';
import { bgFamilyEvaluate, prepareBgFamily } from './bg-nbd-prepared.ts';
import { ModelError } from './model-error.ts';
import type { RfPatterns } from './types.ts';

export type BgNbdParam = 'r' | 'alpha' | 'a' | 'b';
export type BgNbdParams = Record<BgNbdParam, number>;
export const BG_NBD_PARAMS: readonly BgNbdParam[] = ['r', 'alpha', 'a', 'b'];

/** Dropout opportunities before the first repeat purchase: 0 for BG/NBD, 1 for MBG/NBD. */
export type DropoutAtStart = 0 | 1;

/** ln(1 + e^d) without overflow for large d or loss of precision for very negative d. */
function softplus(d: number): number {
  return d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
}

/** 1/(1 + e^{−d}), written so neither branch overflows. */
export function logistic(d: number): number {
  if (d >= 0) return 1 / (1 + Math.exp(-d));
  const e = Math.exp(d);
  return e / (1 + e);
}

/** Throws ModelError('invalid-params') unless every parameter is finite and > 0. */
export function checkParams(model: string, p: BgNbdParams): void {
  if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0 && p.r < Infinity && p.alpha < Infinity && p.a < Infinity && p.b < Infinity)) {
    throw new ModelError('invalid-params', `${model}: r, alpha, a, b must be finite and > 0, got r=${p.r}, alpha=${p.alpha}, a=${p.a}, b=${p.b}`);
  }
}

/**
 * Throws ModelError('invalid-input') for an impossible history: negative or non-finite values,
 * tx > T, or tx > 0 without a repeat purchase. Comparisons only, so it costs nothing in hot loops.
 */
export function checkCustomer(x: number, tx: number, T: number): void {
  const why =
    !(Number.isFinite(x) && Number.isFinite(tx) && Number.isFinite(T)) ? 'values must be finite numbers'
      : x < 0 || tx < 0 || T < 0 ? 'values must be >= 0'
        : tx > T ? 'recency is greater than T'
          : x === 0 && tx !== 0 ? 'recency must be 0 when frequency is 0' : '';
  if (why) throw new ModelError('invalid-input', `${why} (frequency=${x}, recency=${tx}, T=${T})`);
}

/** Checks every pattern of `data` (see checkCustomer) and that the weights are finite and >= 0. */
export function checkPatterns(data: RfPatterns): void {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n || data.weight.length !== n) {
    throw new ModelError('invalid-input', 'frequency, recency, T and weight have different lengths');
  }
  for (let i = 0; i < n; i++) {
    checkCustomer(data.x[i], data.tx[i], data.T[i]);
    if (!(data.weight[i] >= 0 && data.weight[i] < Infinity)) throw new ModelError('invalid-input', `weight ${data.weight[i]} is not a finite number >= 0`);
  }
}

/** Log-likelihood of one customer (FHL eq. 6 / BDF, in the log-sum-exp form of the header). */
export function bgFamilyCustomerLogLik(p: BgNbdParams, s: DropoutAtStart, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const c = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) - betaln(a, b);
  const l1 = betaln(a, b + x + s) - (r + x) * Math.log(alpha + T);
  if (x + s === 0) return c + l1;
  // ln((α+T)/(α+tx)) as log1p of the gap: exact when tx is close to T.
  const d = Math.log(a) - Math.log(b + x + s - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return c + l1 + softplus(d);
}

/**
 * Total weighted log-likelihood of the patterns (the header's form, evaluated by bgFamilyEvaluate in
 * bg-nbd-prepared.ts; a fit prepares the patterns once and calls that directly).
 */
export function bgFamilyLogLik(p: BgNbdParams, s: DropoutAtStart, data: RfPatterns): number {
  return bgFamilyEvaluate(p, prepareBgFamily(data, s));
}

/**
 * ∂ℓ/∂(r, α, a, b) of the total weighted log-likelihood, written into `out` (allocated when absent).
 * Differentiating the header's ln L = C + L₁ + ln(1 + e^D) term by term, with w = e^D/(1+e^D) the
 * posterior probability of "dropped out at tx" (1 − P(alive)) and ψ the digamma function:
 *   ∂/∂r: ψ(r+x) − ψ(r) + ln α − ln(α+T) + w ln((α+T)/(α+tx))
 *   ∂/∂α: r/α − (r+x)/(α+T) + w (r+x) (1/(α+T) − 1/(α+tx))
 *   ∂/∂a: ψ(a+b) − ψ(a+b+x+s) + w/a                       (the ψ(a) of ln B(a,b) and of L₁ cancel)
 *   ∂/∂b: ψ(b+x+s) − ψ(b) + ψ(a+b) − ψ(a+b+x+s) − w/(b+x+s−1)
 * Evaluated by bgFamilyEvaluate (bg-nbd-prepared.ts), which sums the terms that depend on x or T alone
 * once per distinct value; a fit prepares the patterns once and calls it directly.
 */
export function bgFamilyGradient(p: BgNbdParams, s: DropoutAtStart, data: RfPatterns, out = new Float64Array(4)): Float64Array {
  bgFamilyEvaluate(p, prepareBgFamily(data, s), out);
  return out;
}
