// Special functions used by the likelihoods. Each comes from its own @stdlib package (~1e-16
// relative accuracy); importing per function keeps the install small (never `@stdlib/stdlib`).
import betalnStd from '@stdlib/math-base-special-betaln';
import digammaStd from '@stdlib/math-base-special-digamma';
import gammalnStd from '@stdlib/math-base-special-gammaln';
import hyp2f1Std from '@stdlib/math-base-special-hyp2f1';
import trigammaStd from '@stdlib/math-base-special-trigamma';

/** ln Γ(x). Example: `gammaln(5) === Math.log(24)`. */
export const gammaln: (x: number) => number = gammalnStd;
/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), computed without cancellation for large arguments. */
export const betaln: (a: number, b: number) => number = betalnStd;
/** ψ(x), the derivative of ln Γ. */
export const digamma: (x: number) => number = digammaStd;
/** ψ′(x). */
export const trigamma: (x: number) => number = trigammaStd;

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for z < 1.
 *
 * Why a wrapper: stdlib's hyp2f1 returns wrong values or NaN for z < 0 (seen: z = −3 gives NaN where
 * the value is 0.1516). For z < 0 we apply Pfaff's transformation (Abramowitz & Stegun 15.3.4),
 * ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)), which maps z ∈ (−∞, 0) into [0, 1)
 * where the stdlib routine is accurate. z ≥ 1 diverges (or needs analytic continuation we never use)
 * and throws.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) throw new RangeError(`hyp2f1: z must be < 1, got ${z}`);
  if (z >= 0) return hyp2f1Std(a, b, c, z);
  return Math.pow(1 - z, -a) * hyp2f1Std(a, c - b, c, z / (z - 1));
}

/** ln(e^a + e^b) without overflow: the two-branch likelihoods (BG/NBD, Pareto/NBD) need it. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = a > b ? a : b;
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** ln(e^a − e^b) for a ≥ b. */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b > a) return NaN;
  return a + Math.log1p(-Math.exp(b - a));
}
