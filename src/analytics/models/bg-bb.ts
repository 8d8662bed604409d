// BG/BB model (Fader, Hardie & Shang 2010, FHS10): fitting and the quantities of managerial interest.
// The model, its notation and the likelihood are in bg-bb-likelihood.ts. Time is discrete: n, t_x and
// the horizons are numbers of transaction opportunities (periods).
import { toFitResult } from './fit-result.ts';
import { ModelError } from './model-error.ts';
import { totalWeight } from './rf-patterns.ts';
import type { CountModel, FitOptions, FitResult, RfPatterns } from './types.ts';
import { maximizeLikelihood } from '../numerics/maximize-likelihood.ts';
import { betaln, digamma, gammaln, hyp2f1 } from '../numerics/special.ts';
import { BGBB_PARAMS, bgbbCustomerLogLik, bgbbGradient, bgbbLogLik, toBgBbPatterns, type BgBbColumns, type BgBbParam, type BgBbParams } from './bg-bb-likelihood.ts';

export { BGBB_PARAMS, bgbbCustomerLogLik, bgbbGradient, bgbbLogLik, toBgBbPatterns, type BgBbColumns, type BgBbParam, type BgBbParams } from './bg-bb-likelihood.ts';

const fromVector = (t: Float64Array): BgBbParams => ({ alpha: t[0], beta: t[1], gamma: t[2], delta: t[3] });

/**
 * Maximum-likelihood fit on an RF matrix (rows may carry customer counts in `weight`). No rescaling is
 * needed: all four parameters are beta-distribution shapes, free of any time unit. Starts from
 * (1, 1, 1, 1), BTYD's default, unless `options.init` says otherwise.
 */
export function fitBgBb(columns: BgBbColumns, options: FitOptions = {}): FitResult<BgBbParam> {
  const data = toBgBbPatterns(columns);
  const init = options.init ?? {};
  const optimum = maximizeLikelihood({
    names: BGBB_PARAMS,
    logLik: (theta) => bgbbLogLik(fromVector(theta), data),
    gradient: (theta) => bgbbGradient(fromVector(theta), data),
    init: Float64Array.from(BGBB_PARAMS, (k) => init[k] ?? 1),
    totalWeight: totalWeight(data),
    penalizer: options.penalizer,
    maxIterations: options.maxIterations,
  });
  return toFitResult('bgbb', BGBB_PARAMS, optimum, (th) => bgbbLogLik(fromVector(th), data), totalWeight(data), options);
}

/** ln of the "alive through n" part of eq. (5) without its θ-factor: B(α+x+k, β+n−x)/B(α,β). */
const logPPart = (p: BgBbParams, x: number, n: number, k: number): number => betaln(p.alpha + x + k, p.beta + n - x) - betaln(p.alpha, p.beta);
const logThetaRatio = (p: BgBbParams, shift: number): number => betaln(p.gamma, p.delta + shift) - betaln(p.gamma, p.delta);

/**
 * P(alive at opportunity n + m | x, t_x, n): the share of eq. (5) coming from the alive-through-n
 * branch, with the survival factor carried m more opportunities, B(γ, δ+n+m)/B(γ,δ) (FHS10 eq. A10,
 * as lifetimes' `conditional_probability_alive`). m = 0 is "alive at the end of the calibration".
 */
export function bgbbPAliveAt(p: BgBbParams, m: number, x: number, tx: number, n: number): number {
  return Math.exp(logPPart(p, x, n, 0) + logThetaRatio(p, n + m) - bgbbCustomerLogLik(p, x, tx, n));
}

/** FHS10's P(alive): alive at opportunity n + 1, i.e. able to transact at the next one (BTYD `bgbb.PAlive`). */
export function bgbbPAlive(p: BgBbParams, x: number, tx: number, n: number): number {
  return bgbbPAliveAt(p, 1, x, tx, n);
}

/** |γ − 1| below which δ/(γ−1)·[…] is replaced by its limit: the bracket cancels to O(γ−1) there. */
const GAMMA_ONE = 1e-8;

/**
 * [1 − Γ(γ+δ+s)Γ(1+δ+s+k)/(Γ(1+δ+s)Γ(γ+δ+s+k))]/(γ − 1): the bracket of E[X(n)] and eq. (13) over γ−1.
 * Written as −expm1(Δ)/(γ−1) with Δ from gammaln differences, so the subtraction loses no digits; at
 * γ = 1 it tends to ψ(1+δ+s+k) − ψ(1+δ+s), used within GAMMA_ONE of 1.
 */
function survivalIncrement(gamma: number, delta: number, s: number, k: number): number {
  if (Math.abs(gamma - 1) < GAMMA_ONE) return digamma(1 + delta + s + k) - digamma(1 + delta + s);
  const d = gammaln(1 + delta + s + k) - gammaln(gamma + delta + s + k) - gammaln(1 + delta + s) + gammaln(gamma + delta + s);
  return -Math.expm1(d) / (gamma - 1);
}

/**
 * E[X(n)] for a customer at the start of the observation (FHS10's expected transactions of a new
 * customer over n opportunities): α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))].
 */
export function bgbbExpectedPurchasesNew(p: BgBbParams, n: number): number {
  return (p.alpha / (p.alpha + p.beta)) * p.delta * survivalIncrement(p.gamma, p.delta, 0, n);
}

/**
 * E[X(n, n+n*) | x, t_x, n], FHS10 eq. (13):
 *   1/L · B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)].
 * Γ(1+δ+n)/Γ(γ+δ+n) is factored out of the bracket, leaving survivalIncrement's stable form; the
 * other factors are summed as logarithms.
 */
export function bgbbExpectedPurchases(p: BgBbParams, nStar: number, x: number, tx: number, n: number): number {
  const { gamma, delta } = p;
  const logFront = logPPart(p, x, n, 1) - bgbbCustomerLogLik(p, x, tx, n) + gammaln(gamma + delta) - gammaln(1 + delta)
    + gammaln(1 + delta + n) - gammaln(gamma + delta + n);
  return Math.exp(logFront) * delta * survivalIncrement(gamma, delta, n, nStar);
}

/**
 * E[X(n, n+n*] | alive at n, x, n]: given alive at n the posterior is p ~ Beta(α+x, β+n−x) and
 * θ ~ Beta(γ, δ+n) (FHS10 §4), and from there the customer is a "new" one with those parameters, so
 * eq. (13) = P(alive at n) · E[X(n*)] at the updated parameters.
 */
export function bgbbExpectedPurchasesIfAlive(p: BgBbParams, nStar: number, x: number, n: number): number {
  return bgbbExpectedPurchasesNew({ alpha: p.alpha + x, beta: p.beta + n - x, gamma: p.gamma, delta: p.delta + n }, nStar);
}

/**
 * P(X(n) = x) for a customer at the start of the observation, FHS10 eq. (7):
 *   C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ)
 * (alive through n, or alive through i and dead at i+1, with x transactions among the i opportunities).
 */
export function bgbbPmf(p: BgBbParams, x: number, n: number): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) return 0;
  const logChoose = (a: number, b: number) => gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);
  let total = Math.exp(logChoose(n, x) + logPPart(p, x, n, 0) + logThetaRatio(p, n));
  const logBgd = betaln(p.gamma, p.delta);
  for (let i = x; i <= n - 1; i++) {
    total += Math.exp(logChoose(i, x) + logPPart(p, x, i, 0) + betaln(p.gamma + 1, p.delta + i) - logBgd);
  }
  return total;
}

/**
 * Discounted expected residual transactions, FHS10 eq. (14), at discount rate d per opportunity:
 *   DERT = B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/((1+d) B(γ,δ)) · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L
 * the present value, at n, of E[transactions at n+1, n+2, …] each discounted (1+d)^-k (as BTYD's
 * `bgbb.DERT`). Multiply by the value of a transaction to get a residual CLV.
 */
export function bgbbDert(p: BgBbParams, d: number, x: number, tx: number, n: number): number {
  if (!(d > 0)) throw new ModelError('invalid-input', `the discount rate must be > 0 (got ${d}): the undiscounted sum of future transactions diverges`);
  const z = 1 / (1 + d);
  const logFront = logPPart(p, x, n, 1) + logThetaRatio(p, n + 1) - bgbbCustomerLogLik(p, x, tx, n);
  return Math.exp(logFront) * z * hyp2f1(1, p.delta + n + 1, p.gamma + p.delta + n + 1, z);
}

/**
 * The BG/BB as a CountModel, with T read as n (opportunities) and t as a number of future
 * opportunities. pAlive is "alive at n" (m = 0), like the other models' P(alive at T); FHS10's own
 * P(alive), at n + 1, is `bgbbPAlive`.
 */
export const bgbb: CountModel<BgBbParam> = {
  name: 'bgbb',
  paramNames: BGBB_PARAMS,
  // Patterns built for the continuous-time models are re-checked: BG/BB also needs whole periods and x ≤ t_x.
  fit: (d: RfPatterns, options?: FitOptions) => fitBgBb({ x: d.x, tx: d.tx, n: d.T, weight: d.weight }, options),
  logLik: bgbbLogLik,
  expectedPurchases: bgbbExpectedPurchases,
  expectedPurchasesIfAlive: bgbbExpectedPurchasesIfAlive,
  pAlive: (p, x, tx, T) => bgbbPAliveAt(p, 0, x, tx, T),
  pAliveAt: (p, t, x, tx, T) => bgbbPAliveAt(p, t, x, tx, T),
  expectedPurchasesNew: bgbbExpectedPurchasesNew,
  probabilityOfPurchases: (p, count, t) => bgbbPmf(p, count, t),
};
