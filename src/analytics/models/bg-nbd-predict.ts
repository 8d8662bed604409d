// Expectations and probabilities of the BG/NBD family (see bg-nbd-likelihood.ts for the model, the
// papers, and `s`, the dropout chance at the first purchase that separates MBG/NBD from BG/NBD).
//
// One idea carries every conditional result. A customer alive at time T with history (x, tx, T) has,
// by Bayes, the posterior (λ, p) ∝ λ^{r+x−1} e^{−(α+T)λ} · p^{a−1} (1−p)^{b+x+s−1}: the data given
// "alive" contribute λˣ e^{−λT} and one (1−p) per survived dropout chance (x, plus s). So
//   λ | alive ~ Gamma(r+x, α+T),  p | alive ~ Beta(a, b+x+s),  independent,
// and from T on, the customer behaves like a brand-new BG/NBD customer (alive, dropout only after
// purchases) with parameters (r+x, α+T, a, b+x+s). Each conditional quantity is therefore
//   P(alive | x, tx, T) · (the same quantity for an alive customer with the posterior parameters),
// plus, for P(X = 0), the mass of the customers who are already gone. The three "alive customer"
// quantities are below (aliveExpected, aliveSurvival, alivePmf).
import { betaln, gammaln, hyp2f1 } from '../numerics/special.ts';
import { checkCustomer, checkParams, logistic, type BgNbdParams, type DropoutAtStart } from './bg-nbd-likelihood.ts';
import { ModelError } from './model-error.ts';

/**
 * ₂F₁(A, B; C; z) − 1 by its Gauss series (Abramowitz & Stegun 15.1.1), divided by B, for 0 ≤ z ≤ ½:
 * Σ_{k≥1} (A)_k (B+1)_{k−1} / ((C)_k k!) z^k. Why: aliveExpected needs (F − 1)/(a − 1), and both the
 * subtraction and the division lose every digit when t is small or a is close to 1; the series has
 * neither. With z ≤ ½ it converges like 2^{−k}; the rare a ≈ 1 with z near 1 needs up to ~10⁴ terms.
 */
function hyp2f1Minus1OverB(A: number, B: number, C: number, z: number): number {
  let term = (A / C) * z; // k = 1 term: (A)_1 (B+1)_0 / ((C)_1 1!) z
  let sum = term;
  for (let k = 1; k < 100000; k++) {
    term *= ((A + k) * (B + k) / ((C + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** (e^y − 1)/y, continuous at y = 0. */
function expm1OverX(y: number): number {
  return Math.abs(y) < 1e-10 ? 1 + y / 2 : Math.expm1(y) / y;
}

/**
 * E[X(t)] for a customer alive at time 0 whose dropout happens only after purchases (a new BG/NBD
 * customer): FHL eq. 9,
 *   E = (a+b−1)/(a−1) · [1 − (α/(α+t))ʳ ₂F₁(r, b; a+b−1; z)],  z = t/(α+t) ∈ [0, 1).
 * Euler's transformation (A&S 15.3.3) gives (1−z)ʳ ₂F₁(r, b; c; z) = (1−z)^{a−1} ₂F₁(c−r, a−1; c; z)
 * with c = a+b−1. Why: with posterior parameters (r+x, b+x) the printed ₂F₁ grows like (1−z)^{−x} and
 * the product is huge × tiny; the transformed ₂F₁ has the small parameters c−r = a+b−1−r and a−1, so
 * it stays near 1 and its series converges fast. With L = ln(1−z) and F = 1 + (a−1)·S,
 *   E = (a+b−1) · [ (1 − e^{(a−1)L})/(a−1) − e^{(a−1)L} · S ],
 * which has no 0/0 at a = 1 (where eq. 9 as printed is undefined but the limit exists) and no
 * cancellation for small t. S comes from the series for z ≤ ½ or |a−1| < 0.01, else from hyp2f1
 * (whose answer is then accurate: the bracket is not small there).
 */
export function aliveExpected(r: number, alpha: number, a: number, b: number, t: number): number {
  if (t === 0) return 0;
  const z = t / (alpha + t);
  const c = a + b - 1;
  const L = -Math.log1p(t / alpha);
  const y = (a - 1) * L;
  const S = z <= 0.5 || Math.abs(a - 1) < 0.01
    ? hyp2f1Minus1OverB(c - r, a - 1, c, z)
    : (hyp2f1(c - r, a - 1, c, z) - 1) / (a - 1);
  return c * (-L * expm1OverX(y) - Math.exp(y) * S);
}

/**
 * P(still alive after t) for a customer alive at time 0: every purchase (rate λ) is followed by a
 * dropout with probability p, so dropouts arrive at rate λp and survival is e^{−λpt}. Averaging over
 * λ ~ Gamma(r, α) gives (1 + pt/α)^{−r}; averaging that over p ~ Beta(a, b) is Euler's integral
 * (A&S 15.3.1): E[e^{−λpt}] = ₂F₁(r, a; a+b; −t/α). Pfaff's transformation (A&S 15.3.4, in `a`) maps
 * the argument into [0, 1): (α/(α+t))^a ₂F₁(a+b−r, a; a+b; t/(α+t)). Why that form: with posterior
 * parameters r+x and b+x, its first two parameters stay small, so nothing overflows for large x.
 */
export function aliveSurvival(r: number, alpha: number, a: number, b: number, t: number): number {
  if (t === 0) return 1;
  const z = t / (alpha + t);
  return Math.exp(-a * Math.log1p(t / alpha)) * hyp2f1(a + b - r, a, a + b, z);
}

/**
 * Regularised incomplete beta I_x(p, q) by its continued fraction (A&S 26.5.8) evaluated with the
 * modified Lentz method; for x above the mean (p+1)/(p+q+2) the symmetry I_x(p, q) = 1 − I_{1−x}(q, p)
 * is used, where the fraction converges fast. The prefactor is formed in logs so it holds for
 * p in the hundreds.
 */
export function betaIncReg(p: number, q: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (p + 1) / (p + q + 2)) return 1 - betaIncReg(q, p, 1 - x);
  const front = Math.exp(p * Math.log(x) + q * Math.log1p(-x) - betaln(p, q)) / p;
  // The fraction is 1/(1 + d₁/(1 + d₂/(1 + …))); Lentz's method from its first denominator 1 + d₁.
  const tiny = 1e-300;
  let C = 1;
  let D = 1 - ((p + q) * x) / (p + 1);
  if (Math.abs(D) < tiny) D = tiny;
  D = 1 / D;
  let h = D;
  for (let m = 1; m <= 10000; m++) {
    const even = (m * (q - m) * x) / ((p + 2 * m - 1) * (p + 2 * m));
    D = 1 + even * D; if (Math.abs(D) < tiny) D = tiny; D = 1 / D;
    C = 1 + even / C; if (Math.abs(C) < tiny) C = tiny;
    h *= D * C;
    const odd = -((p + m) * (p + q + m) * x) / ((p + 2 * m) * (p + 2 * m + 1));
    D = 1 + odd * D; if (Math.abs(D) < tiny) D = tiny; D = 1 / D;
    C = 1 + odd / C; if (Math.abs(C) < tiny) C = tiny;
    const step = D * C;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return front * h;
}

/**
 * P(X(t) = n) for a customer alive at time 0 (a new BG/NBD customer): FHL eq. 7,
 *   P = B(a, b+n)/B(a,b) · NB(n) + 1{n>0} · B(a+1, b+n−1)/B(a,b) · P(NB ≥ n),
 *   NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))ʳ (t/(α+t))ʲ,
 * "alive after n purchases and made exactly n" plus "dropped out after the n-th, having had at least
 * n purchase opportunities". FHL write P(NB ≥ n) as 1 − Σ_{j<n} NB(j); that subtraction loses all
 * digits when the tail is small (large n), so we use the identity P(NB ≥ n) = I_z(n, r),
 * z = t/(α+t) (A&S 26.5.26 in its negative-binomial form), and keep every term in logs.
 */
export function alivePmf(r: number, alpha: number, a: number, b: number, n: number, t: number): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const lnQ0 = -Math.log1p(t / alpha); // ln(α/(α+t))
  const lnZ = Math.log(t) - Math.log(alpha + t);
  const lnB = betaln(a, b);
  const lnNb = gammaln(r + n) - gammaln(r) - gammaln(n + 1) + r * lnQ0 + n * lnZ;
  const alive = Math.exp(betaln(a, b + n) - lnB + lnNb);
  if (n === 0) return alive;
  const z = t / (alpha + t);
  return alive + Math.exp(betaln(a + 1, b + n - 1) - lnB) * betaIncReg(n, r, z);
}

// ——— Customer-level results of the family: validate, then combine the pieces above. ———

const modelName = (s: DropoutAtStart) => (s === 0 ? 'BG/NBD' : 'MBG/NBD');

function checkHorizon(t: number): void {
  if (!(t >= 0 && t < Infinity)) throw new ModelError('invalid-input', `horizon t must be a finite number >= 0, got ${t}`);
}

function checkCount(n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new ModelError('invalid-input', `number of purchases must be a whole number >= 0, got ${n}`);
}

/**
 * P(alive at T | x, tx, T). FHL's technical note "Computing P(alive) using the BG/NBD model" (2008):
 * the share of the likelihood (bg-nbd-likelihood.ts header) carried by its "alive" term,
 *   P = 1 / (1 + 1{x+s>0} · a/(b+x+s−1) · ((α+T)/(α+tx))^{r+x}),
 * which for s = 1 is BDF's Appendix A eq. (5). Evaluated as a logistic of −D so it neither
 * overflows for large x nor returns NaN.
 */
function pAlive(p: BgNbdParams, s: DropoutAtStart, x: number, tx: number, T: number): number {
  if (x + s === 0) return 1;
  const { r, alpha, a, b } = p;
  return logistic(-(Math.log(a) - Math.log(b + x + s - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx))));
}

export function bgFamilyPAlive(p: BgNbdParams, s: DropoutAtStart, x: number, tx: number, T: number): number {
  checkParams(modelName(s), p); checkCustomer(x, tx, T);
  return pAlive(p, s, x, tx, T);
}

/**
 * P(alive at T + t | x, tx, T) = P(alive at T) · E[e^{−λpt} | alive] with λ | alive ~ Gamma(r+x, α+T)
 * and p | alive ~ Beta(a, b+x+s) (header): staying alive through (T, T+t] needs every purchase in it
 * to be followed by "stay", i.e. no event of the rate-λp dropout process. By aliveSurvival,
 *   = P(alive) · ₂F₁(r+x, a; a+b+x+s; −t/(α+T)).
 */
export function bgFamilyPAliveAt(p: BgNbdParams, s: DropoutAtStart, t: number, x: number, tx: number, T: number): number {
  checkParams(modelName(s), p); checkCustomer(x, tx, T); checkHorizon(t);
  return pAlive(p, s, x, tx, T) * aliveSurvival(p.r + x, p.alpha + T, p.a, p.b + x + s, t);
}

/** P(alive at T + t | alive at T, x, T) = ₂F₁(r+x, a; a+b+x+s; −t/(α+T)): the factor of bgFamilyPAliveAt after P(alive). */
export function bgFamilySurvivalIfAlive(p: BgNbdParams, s: DropoutAtStart, t: number, x: number, T: number): number {
  checkParams(modelName(s), p); checkHorizon(t);
  return aliveSurvival(p.r + x, p.alpha + T, p.a, p.b + x + s, t);
}

/**
 * E[X(T, T+t] | x, tx, T] = P(alive) · aliveExpected(r+x, α+T, a, b+x+s; t): for s = 0 this is FHL
 * eq. 10, for s = 1 the MBG/NBD expression of Wagner & Hoppe (2008, "Erratum on the MBG/NBD model",
 * IJRM 25(3)) that lifetimes implements.
 */
export function bgFamilyExpectedPurchases(p: BgNbdParams, s: DropoutAtStart, t: number, x: number, tx: number, T: number): number {
  checkParams(modelName(s), p); checkCustomer(x, tx, T); checkHorizon(t);
  return pAlive(p, s, x, tx, T) * aliveExpected(p.r + x, p.alpha + T, p.a, p.b + x + s, t);
}

/** E[X(T, T+t] | alive at T, x, T]: the factor of bgFamilyExpectedPurchases after P(alive). */
export function bgFamilyExpectedPurchasesIfAlive(p: BgNbdParams, s: DropoutAtStart, t: number, x: number, T: number): number {
  checkParams(modelName(s), p); checkHorizon(t);
  return aliveExpected(p.r + x, p.alpha + T, p.a, p.b + x + s, t);
}

/**
 * E[X(t)] for a customer who has just made the first purchase. BG/NBD: FHL eq. 9. MBG/NBD: the
 * customer survives the first purchase with probability E[1−p] = b/(a+b), after which p | survived ~
 * Beta(a, b+1); so E = b/(a+b) · aliveExpected(r, α, a, b+1; t) = b/(a−1) · [1 − (α/(α+t))ʳ
 * ₂F₁(r, b+1; a+b; t/(α+t))], BDF's expression.
 */
export function bgFamilyExpectedPurchasesNew(p: BgNbdParams, s: DropoutAtStart, t: number): number {
  checkParams(modelName(s), p); checkHorizon(t);
  const { r, alpha, a, b } = p;
  return s === 0 ? aliveExpected(r, alpha, a, b, t) : (b / (a + b)) * aliveExpected(r, alpha, a, b + 1, t);
}

/**
 * P(X(t) = n) for a customer who has just made the first purchase. BG/NBD: FHL eq. 7. MBG/NBD: with
 * probability a/(a+b) the customer drops out at once (and makes 0 purchases), otherwise behaves as an
 * alive customer with p ~ Beta(a, b+1); this equals BDF's expression term by term.
 */
export function bgFamilyPmf(p: BgNbdParams, s: DropoutAtStart, n: number, t: number): number {
  checkParams(modelName(s), p); checkCount(n); checkHorizon(t);
  const { r, alpha, a, b } = p;
  if (s === 0) return alivePmf(r, alpha, a, b, n, t);
  return (n === 0 ? a / (a + b) : 0) + (b / (a + b)) * alivePmf(r, alpha, a, b + 1, n, t);
}

/**
 * P(X(T, T+t] = n | x, tx, T) = (1 − P(alive))·1{n=0} + P(alive) · alivePmf(r+x, α+T, a, b+x+s; n, t):
 * a customer already gone makes no purchase; an alive one is a new BG/NBD customer with the posterior
 * parameters (header). Its mean is bgFamilyExpectedPurchases (checked in the tests).
 */
export function bgFamilyConditionalPmf(p: BgNbdParams, s: DropoutAtStart, n: number, t: number, x: number, tx: number, T: number): number {
  checkParams(modelName(s), p); checkCount(n); checkCustomer(x, tx, T); checkHorizon(t);
  const alive = pAlive(p, s, x, tx, T);
  return (n === 0 ? 1 - alive : 0) + alive * alivePmf(p.r + x, p.alpha + T, p.a, p.b + x + s, n, t);
}
