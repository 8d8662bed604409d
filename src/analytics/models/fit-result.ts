// Turns an optimum into the FitResult every model returns, so standard errors, AIC and BIC are
// computed the same way for all of them.
import { informationCriteria, observedInformation, type Optimum } from '../numerics/maximize-likelihood.ts';
import type { FitOptions, FitResult, ModelName } from './types.ts';

/**
 * `logLik` must be the likelihood in the data's own units (not a rescaled copy used while fitting),
 * so that logLik, AIC/BIC and standard errors are comparable with the papers. `gradient`, the analytic
 * ∂logLik/∂θ in the same units, makes the standard errors cheaper and more accurate (see
 * observedInformation), and `hessian`, the analytic ∂²logLik/∂θ², more so; models without either get
 * a Hessian from likelihood values.
 */
export function toFitResult<P extends string>(
  model: ModelName,
  names: readonly P[],
  optimum: Optimum,
  logLik: (theta: Float64Array) => number,
  n: number,
  options: FitOptions = {},
  gradient?: (theta: Float64Array) => Float64Array,
  hessian?: (theta: Float64Array) => number[][],
): FitResult<P> {
  const theta = optimum.theta;
  const params = Object.fromEntries(names.map((k, i) => [k, theta[i]])) as Record<P, number>;
  const ll = logLik(theta);
  let standardErrors: Record<P, number> | null = null;
  let covariance: number[][] | null = null;
  if (options.standardErrors !== false) {
    const info = observedInformation(logLik, theta, gradient, hessian);
    if (info) {
      standardErrors = Object.fromEntries(names.map((k, i) => [k, info.standardErrors[i]])) as Record<P, number>;
      covariance = info.covariance;
    }
  }
  const { aic, bic } = informationCriteria(ll, names.length, n);
  return { model, params, logLik: ll, standardErrors, covariance, aic, bic, n, iterations: optimum.iterations, method: optimum.method, penalizer: options.penalizer ?? 0 };
}

/** Reads θ from a params record in the given order, checking every value is a positive number. */
export function paramsVector<P extends string>(names: readonly P[], params: Record<P, number>): Float64Array {
  return Float64Array.from(names, (k) => params[k]);
}
