// Shifted-beta-geometric (sBG) model of contract renewals for one cohort (Fader & Hardie 2007, "How to
// Project Customer Retention", Journal of Interactive Marketing 21(1), hereafter FH07), and the
// lifetime values of Fader & Hardie 2010, "Customer-Base Valuation in a Contractual Setting: The
// Perils of Ignoring Heterogeneity", Marketing Science 29(1) (FH10).
//
// Each customer renews at the end of every period with a constant probability 1 − θ; θ ~ Beta(α, β)
// across the cohort. T is the period in which a customer churns (T = 1, 2, …):
//   P(T = t | α, β) = B(α+1, β+t−1)/B(α,β),   S(t | α, β) = P(T > t) = B(α, β+t)/B(α,β)
//   r(t) = S(t)/S(t−1) = (β+t−1)/(α+β+t−1)            (FH07 eqs. 6, 5 and 8)
// FH07 computes P and S with the recursions P(T=t) = P(T=t−1)·(β+t−2)/(α+β+t−1) and S(t) = S(t−1) − P(T=t)
// (eq. 7) because Excel lacks a log-beta function; we evaluate the beta ratios directly with betaln,
// which stays exact for long horizons where S(t) − P(T=t) would subtract nearly equal numbers.
import { toFitResult } from './fit-result.ts';
import { ModelError } from './model-error.ts';
import type { FitOptions, FitResult } from './types.ts';
import { maximizeLikelihood } from '../numerics/maximize-likelihood.ts';
import { betaln, digamma, hyp2f1 } from '../numerics/special.ts';

export type SbgParam = 'alpha' | 'beta';
export type SbgParams = Record<SbgParam, number>;
export const SBG_PARAMS: readonly SbgParam[] = ['alpha', 'beta'];

/** Cohort size percentages are read against: FH07's Table 1 cohorts are 1000 customers each. */
export const PERCENT_COHORT_SIZE = 1000;

export interface SbgCohort {
  /** Customers still active at periods 0, 1, …, K (survivors[0] = the cohort at acquisition). */
  survivors: readonly number[];
  /**
   * The values are percentages of the cohort (survivors[0] = 100). They are turned into counts out of
   * a cohort of 1000, as FH07 does with its Table 1: the fitted α, β do not depend on that size, but
   * the log-likelihood and standard errors do (they scale with the number of customers).
   */
  percent?: boolean;
}

/** P(T = t | α, β): the probability of churning in period t (at its end), FH07 eq. (6). */
export function sbgChurnProbability(p: SbgParams, t: number): number {
  return Math.exp(betaln(p.alpha + 1, p.beta + t - 1) - betaln(p.alpha, p.beta));
}

/** S(t | α, β): the probability of still being a customer after t periods, FH07 eq. (5). */
export function sbgSurvival(p: SbgParams, t: number): number {
  return Math.exp(betaln(p.alpha, p.beta + t) - betaln(p.alpha, p.beta));
}

/** r(t) = S(t)/S(t−1): the cohort's retention rate in period t, rising with t by sorting, FH07 eq. (8). */
export function sbgRetentionRate(p: SbgParams, t: number): number {
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

/** Expected survivors at periods 0..periods for a cohort of `cohortSize`. */
export function sbgProjectSurvivors(p: SbgParams, cohortSize: number, periods: number): number[] {
  return Array.from({ length: periods + 1 }, (_, t) => cohortSize * sbgSurvival(p, t));
}

/** Turns the cohort into counts (percentages × 10) after checking they form a survival curve. */
export function sbgCounts(cohort: SbgCohort): number[] {
  const s = cohort.survivors;
  if (s.length < 2) throw new ModelError('invalid-input', 'need survivors for at least periods 0 and 1');
  const bad = s.findIndex((v) => !Number.isFinite(v) || v < 0);
  if (bad >= 0) throw new ModelError('invalid-input', `survivors at period ${bad} is ${s[bad]}: every value must be a number ≥ 0`);
  if (!(s[0] > 0)) throw new ModelError('invalid-input', 'the cohort is empty at period 0');
  const up = s.findIndex((v, t) => t > 0 && v > s[t - 1]);
  if (up >= 0) throw new ModelError('invalid-input', `survivors rise from period ${up - 1} (${s[up - 1]}) to ${up} (${s[up]}): a cohort can only shrink`);
  if (cohort.percent) {
    if (s[0] !== 100) throw new ModelError('invalid-input', `percentages must start at 100, got ${s[0]}`);
    return s.map((v) => (v * PERCENT_COHORT_SIZE) / 100);
  }
  const frac = s.findIndex((v) => !Number.isInteger(v));
  if (frac >= 0) throw new ModelError('invalid-input', `survivors at period ${frac} is ${s[frac]}, not a whole count: pass percent: true for percentages`);
  return [...s];
}

/**
 * FH07 eq. (B3): Σ_{t=1..K} n_t ln P(T=t) + (survivors at K) ln S(K), n_t = customers lost in period t.
 * `counts[t]` are the survivors at period t.
 */
export function sbgLogLik(p: SbgParams, counts: readonly number[]): number {
  const K = counts.length - 1;
  let ll = counts[K] > 0 ? counts[K] * (betaln(p.alpha, p.beta + K) - betaln(p.alpha, p.beta)) : 0;
  for (let t = 1; t <= K; t++) {
    const lost = counts[t - 1] - counts[t];
    if (lost > 0) ll += lost * (betaln(p.alpha + 1, p.beta + t - 1) - betaln(p.alpha, p.beta));
  }
  return ll;
}

/** ∂ sbgLogLik / ∂(α, β), from ∂ ln B(a, b)/∂a = ψ(a) − ψ(a+b). */
export function sbgGradient(p: SbgParams, counts: readonly number[]): Float64Array {
  const { alpha: a, beta: b } = p;
  const psiAB = digamma(a + b), baseA = psiAB - digamma(a), baseB = psiAB - digamma(b);
  const K = counts.length - 1;
  let ga = 0, gb = 0;
  for (let t = 1; t <= K; t++) {
    const lost = counts[t - 1] - counts[t];
    if (lost > 0) {
      const psi = digamma(a + b + t);
      ga += lost * (digamma(a + 1) - psi + baseA);
      gb += lost * (digamma(b + t - 1) - psi + baseB);
    }
  }
  if (counts[K] > 0) {
    const psi = digamma(a + b + K);
    ga += counts[K] * (digamma(a) - psi + baseA);
    gb += counts[K] * (digamma(b + K) - psi + baseB);
  }
  return Float64Array.of(ga, gb);
}

/**
 * Maximum-likelihood fit to one cohort's survivors at periods 0..K (FH07 fits years 0–7). `n` in the
 * result is the initial cohort size (1000 for percentages). Starts from α = β = 1 unless told otherwise.
 */
export function fitSbg(cohort: SbgCohort, options: FitOptions = {}): FitResult<SbgParam> {
  const counts = sbgCounts(cohort);
  if (counts[counts.length - 1] === counts[0]) {
    throw new ModelError('invalid-input', 'nobody churned: the churn rate cannot be estimated (the likelihood grows without bound as α → 0)');
  }
  const fromVector = (t: Float64Array): SbgParams => ({ alpha: t[0], beta: t[1] });
  const init = options.init ?? {};
  const optimum = maximizeLikelihood({
    names: SBG_PARAMS,
    logLik: (t) => sbgLogLik(fromVector(t), counts),
    gradient: (t) => sbgGradient(fromVector(t), counts),
    init: Float64Array.of(init.alpha ?? 1, init.beta ?? 1),
    totalWeight: counts[0],
    penalizer: options.penalizer,
    maxIterations: options.maxIterations,
  });
  return toFitResult('sbg', SBG_PARAMS, optimum, (t) => sbgLogLik(fromVector(t), counts), counts[0], options);
}

function checkDiscount(d: number): number {
  if (!(d > 0)) throw new ModelError('invalid-input', `the discount rate must be > 0 (got ${d}): undiscounted lifetimes can be infinite`);
  return 1 / (1 + d);
}

/**
 * Discounted expected lifetime of a just-acquired customer, in payments: one payment now and one at
 * each renewal, E[Σ_{t≥0} 1{T>t} (1+d)^-t] = Σ_{t≥0} S(t) z^t = ₂F₁(1, β; α+β; z), z = 1/(1+d) (FH10's
 * DEL; the series is the hypergeometric one term by term since S(t) = (β)_t/(α+β)_t).
 */
export function sbgDel(p: SbgParams, d: number): number {
  return hyp2f1(1, p.beta, p.alpha + p.beta, checkDiscount(d));
}

/**
 * Discounted expected residual lifetime, in payments, of a customer who has made `renewals` = n − 1
 * renewals, valued just before the n-th renewal decision (FH10 eq. 6):
 *   DERL = (β+n−1)/(α+β+n−1) · ₂F₁(1, β+n; α+β+n; 1/(1+d))  = Σ_{t≥n} S(t)/S(n−1) (1+d)^-(t−n).
 * Multiply by the margin per period for a residual CLV.
 */
export function sbgDerl(p: SbgParams, d: number, renewals: number): number {
  if (!(Number.isInteger(renewals) && renewals >= 0)) throw new ModelError('invalid-input', `renewals must be a whole number ≥ 0 (got ${renewals})`);
  const z = checkDiscount(d);
  const n = renewals + 1;
  return ((p.beta + n - 1) / (p.alpha + p.beta + n - 1)) * hyp2f1(1, p.beta + n, p.alpha + p.beta + n, z);
}
