// Gamma-Gamma model of spend per transaction (Colombo & Jiang 1999; Fader, Hardie & Lee 2005, "RFM and
// CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4), §"spend"; written up in Fader &
// Hardie 2013, "The Gamma-Gamma Model of Monetary Value", FH13).
//
// A customer's transaction values are i.i.d. Gamma(p, ν) (shape p, rate ν); ν ~ Gamma(q, γ) across
// customers. What is observed is x transactions and their mean m̄. The mean of x Gamma(p, ν) values is
// Gamma(px, νx), and integrating ν out gives the density of m̄ (FH13 eq. 1a, as lifetimes cites it):
//   f(m̄ | p, q, γ, x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q · x^{px} · m̄^{px−1} / (γ + x m̄)^{px+q}.
// This is lifetimes' likelihood, including the x^{px} and m̄^{px−1} terms (the Jacobian of the mean):
// with them the CDNOW log-likelihood is −4055.92, the value lifetimes and CLVTools report.
// Everything is in logs (gammaln), so large x and large amounts are no problem.
import { toFitResult } from './fit-result.ts';
import { ModelError } from './model-error.ts';
import type { FitOptions, FitResult } from './types.ts';
import { maximizeLikelihood } from '../numerics/maximize-likelihood.ts';
import { gammaGammaEvaluate, prepareGammaGamma, type GammaGammaPrepared } from './gamma-gamma-prepared.ts';

export type GammaGammaParam = 'p' | 'q' | 'gamma';
export type GammaGammaParams = Record<GammaGammaParam, number>;
export const GAMMA_GAMMA_PARAMS: readonly GammaGammaParam[] = ['p', 'q', 'gamma'];

export interface SpendColumns {
  /** Number of repeat transactions x (customers with x = 0 carry no spend information and are skipped). */
  x: ArrayLike<number>;
  /** Mean value m̄ of those x transactions. */
  monetary: ArrayLike<number>;
  /** Customers sharing the row; default 1. */
  weight?: ArrayLike<number>;
  /** Optional ids, used only to name offending rows. */
  ids?: ArrayLike<string | number>;
}

/** Rows with x > 0, ready for the likelihood. */
export interface SpendData {
  x: Float64Array;
  monetary: Float64Array;
  weight: Float64Array;
}

/**
 * Keeps the customers with x > 0 and returns how many (by weight) were skipped. Negative or fractional
 * x, a missing amount, or m̄ ≤ 0 with x > 0 are ModelError('invalid-input') naming up to five rows.
 */
export function toSpendData(c: SpendColumns): { data: SpendData; skipped: number } {
  const n = c.x.length;
  if (c.monetary.length !== n || (c.weight && c.weight.length !== n)) {
    throw new ModelError('invalid-input', 'frequency, monetary value and weight columns have different lengths');
  }
  const bad: string[] = [];
  const x: number[] = [], m: number[] = [], w: number[] = [];
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    const xi = c.x[i], mi = c.monetary[i], wi = c.weight ? c.weight[i] : 1;
    const why = !Number.isFinite(xi) || !Number.isFinite(wi) || wi < 0 ? 'frequency or weight is missing or negative'
      : xi < 0 || !Number.isInteger(xi) ? `frequency ${xi} is not a whole number ≥ 0`
        : xi > 0 && !(Number.isFinite(mi) && mi > 0) ? `monetary value ${mi} must be > 0 for a customer with repeat purchases` : '';
    if (why) { bad.push(`${c.ids ? `customer ${c.ids[i]}` : `row ${i + 1}`}: ${why}`); continue; }
    if (xi === 0) { skipped += wi; continue; }
    if (wi > 0) { x.push(xi); m.push(mi); w.push(wi); }
  }
  if (bad.length) throw new ModelError('invalid-input', `${bad.length} invalid spend row(s): ${bad.slice(0, 5).join('; ')}${bad.length > 5 ? '; …' : ''}`);
  if (x.length === 0) throw new ModelError('invalid-input', 'no customer has a repeat purchase: the Gamma-Gamma model has nothing to fit');
  return { data: { x: Float64Array.from(x), monetary: Float64Array.from(m), weight: Float64Array.from(w) }, skipped };
}

/** Σ weight · ln f(m̄ | p, q, γ, x), FH13 eq. (1a) (evaluated as in gamma-gamma-prepared.ts). */
export function gammaGammaLogLik(params: GammaGammaParams, d: SpendData): number {
  return gammaGammaEvaluate(params, prepareGammaGamma(d));
}

/** ∂ gammaGammaLogLik / ∂(p, q, γ), differentiating eq. (1a) term by term (gamma-gamma-prepared.ts header). */
export function gammaGammaGradient(params: GammaGammaParams, d: SpendData): Float64Array {
  const g = new Float64Array(3);
  gammaGammaEvaluate(params, prepareGammaGamma(d), g);
  return g;
}

/**
 * Maximum-likelihood fit on the customers with x > 0; `skipped` counts (by weight) those with x = 0.
 * Amounts are divided by their weighted mean while optimising: γ is in money units and scales with
 * the amounts, p and q do not, so the optimiser sees parameters of order one whatever the currency.
 * The optimum is mapped back (γ × scale) and logLik and standard errors are those of the data in its
 * own units. The penalizer, as for the time-scaled models, applies to the rescaled parameters.
 */
export function fitGammaGamma(columns: SpendColumns, options: FitOptions = {}): FitResult<GammaGammaParam> & { skipped: number } {
  const { data, skipped } = toSpendData(columns);
  let sw = 0, sm = 0;
  for (let i = 0; i < data.x.length; i++) { sw += data.weight[i]; sm += data.weight[i] * data.monetary[i]; }
  const scale = sm / sw;
  const scaled: SpendData = { ...data, monetary: data.monetary.map((v) => v / scale) };
  const fromVector = (t: Float64Array): GammaGammaParams => ({ p: t[0], q: t[1], gamma: t[2] });
  // Rows regrouped once per fit (gamma-gamma-prepared.ts), on the rescaled amounts and in data units.
  const prepScaled = prepareGammaGamma(scaled), prepData = prepareGammaGamma(data);
  const gradientOf = (d: GammaGammaPrepared) => (t: Float64Array): Float64Array => {
    const g = new Float64Array(3);
    gammaGammaEvaluate(fromVector(t), d, g);
    return g;
  };
  const init = options.init ?? {};
  const optimum = maximizeLikelihood({
    names: GAMMA_GAMMA_PARAMS,
    logLik: (t) => gammaGammaEvaluate(fromVector(t), prepScaled),
    gradient: gradientOf(prepScaled),
    valueAndGradient: (t) => {
      const gradient = new Float64Array(3);
      return { value: gammaGammaEvaluate(fromVector(t), prepScaled, gradient), gradient };
    },
    init: Float64Array.of(init.p ?? 1, init.q ?? 1, (init.gamma ?? scale) / scale),
    totalWeight: sw,
    penalizer: options.penalizer,
    maxIterations: options.maxIterations,
  });
  const theta = Float64Array.of(optimum.theta[0], optimum.theta[1], optimum.theta[2] * scale);
  const fit = toFitResult('gg', GAMMA_GAMMA_PARAMS, { ...optimum, theta }, (t) => gammaGammaEvaluate(fromVector(t), prepData), sw, options, gradientOf(prepData));
  return { ...fit, skipped };
}

/**
 * E[M | p, q, γ, x, m̄] = p(γ + x m̄)/(px + q − 1) (FH13 eq. 5; FHL05): a weighted average of the
 * population mean pγ/(q−1) and the customer's own m̄, with weight px/(px+q−1) on m̄. With x = 0 it is
 * the population mean. Needs px + q > 1 (q > 1 for x = 0), else the mean spend is infinite.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, monetary: number): number {
  const { p, q, gamma } = params;
  const den = p * x + q - 1;
  if (!(den > 0)) throw new ModelError('invalid-params', `p·x + q − 1 = ${den} ≤ 0: the expected spend per transaction is infinite for these parameters`);
  return (p * (gamma + (x > 0 ? x * monetary : 0))) / den;
}

/** E[Z] = pγ/(q − 1): the population mean spend per transaction (needs q > 1). */
export function gammaGammaPopulationMean(params: GammaGammaParams): number {
  return gammaGammaExpectedSpend(params, 0, 0);
}
