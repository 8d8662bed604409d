// Generic maximum likelihood for models with positive parameters: optimise in log-parameters with
// L-BFGS, fall back to Nelder-Mead, then (when asked) standard errors from the observed information.
import { ModelError } from '../models/model-error.ts';
import { gradientHessian, invert, numericGradient, numericHessian } from './hessian.ts';
import { lbfgs } from './lbfgs.ts';
import { nelderMead } from './nelder-mead.ts';

export interface LikelihoodProblem {
  /** Parameter names in the paper's order; every parameter is > 0. */
  names: readonly string[];
  /** Total log-likelihood at natural parameters θ (weights already applied). */
  logLik: (theta: Float64Array) => number;
  /** ∂ logLik / ∂θ; a central-difference gradient is used when absent. */
  gradient?: (theta: Float64Array) => Float64Array;
  /**
   * logLik and gradient from one pass over the data, for likelihoods whose value and gradient share
   * their costly per-row terms (the optimiser always needs both); used instead of the two when given.
   */
  valueAndGradient?: (theta: Float64Array) => { value: number; gradient: Float64Array };
  /** Starting point θ₀ (natural scale, all > 0). */
  init: Float64Array;
  /** Sum of weights: the objective is the mean log-likelihood so the optimiser's tolerances do not depend on n. */
  totalWeight: number;
  penalizer?: number;
  maxIterations?: number;
  /** false: no Nelder-Mead after a failed L-BFGS (FitOptions.fallback). */
  fallback?: boolean;
}

export interface Optimum {
  theta: Float64Array;
  /** Log-likelihood at θ without the penalty. */
  logLik: number;
  iterations: number;
  method: 'lbfgs' | 'nelder-mead';
}

/** Maximises a likelihood over θ > 0; throws ModelError('not-converged') when both optimisers fail. */
export function maximizeLikelihood(p: LikelihoodProblem): Optimum {
  const pen = p.penalizer ?? 0;
  const W = p.totalWeight > 0 ? p.totalWeight : 1;
  const theta = (u: Float64Array) => u.map(Math.exp);
  // F(u) = −ℓ(e^u)/W + λ Σ θ²  (lifetimes' penalty: on natural parameters, against the mean likelihood).
  const penalised = (ll: number, th: Float64Array): number => {
    let s = 0;
    for (const v of th) s += v * v;
    return Number.isFinite(ll) ? -ll / W + pen * s : Infinity;
  };
  const objective = (u: Float64Array): number => {
    const th = theta(u);
    return penalised(p.logLik(th), th);
  };
  const withGradient = (u: Float64Array) => {
    const th = theta(u);
    const both = p.valueAndGradient?.(th);
    const value = penalised(both ? both.value : p.logLik(th), th);
    if (!Number.isFinite(value)) return { value, gradient: new Float64Array(u.length) };
    const g = both?.gradient ?? p.gradient?.(th);
    if (!g) return { value, gradient: numericGradient(objective, u) };
    // Chain rule for θ = e^u: ∂F/∂u = θ ⊙ ∂F/∂θ.
    const gradient = new Float64Array(u.length);
    for (let i = 0; i < u.length; i++) gradient[i] = th[i] * (-g[i] / W + 2 * pen * th[i]);
    return { value, gradient };
  };
  const u0 = p.init.map(Math.log);
  if (!Number.isFinite(objective(u0))) {
    throw new ModelError('not-converged', `the likelihood is not finite at the starting point (${fmt(p.names, p.init)})`);
  }
  const maxIterations = p.maxIterations ?? 1000;
  const first = lbfgs(withGradient, u0, { maxIterations });
  if (first.converged && (isStationary(first.gradient) || atBoundary(first.x, first.gradient))) {
    const th = theta(first.x);
    return { theta: th, logLik: p.logLik(th), iterations: first.iterations, method: 'lbfgs' };
  }
  if (p.fallback === false) {
    throw new ModelError('not-converged', `the fit did not converge (${first.reason}); last point ${fmt(p.names, theta(first.x))}`);
  }
  // Nelder-Mead from the best point L-BFGS reached, then polish with L-BFGS again: the simplex is
  // robust to a bad gradient but converges slowly in its last digits.
  const nm = nelderMead(objective, first.value < objective(u0) ? first.x : u0, { maxIterations: 20000 });
  const polish = lbfgs(withGradient, nm.x, { maxIterations });
  const best = polish.value <= nm.value ? polish.x : nm.x;
  if (!(Number.isFinite(objective(best)) && (polish.converged || nm.converged))) {
    throw new ModelError('not-converged', `the fit did not converge (${first.reason}; simplex: ${nm.reason}); last point ${fmt(p.names, theta(best))}`);
  }
  const th = theta(best);
  return { theta: th, logLik: p.logLik(th), iterations: first.iterations + nm.iterations + polish.iterations, method: 'nelder-mead' };
}

/**
 * The likelihood has no interior maximum when it keeps rising as a parameter runs off to 0 or ∞ (e.g.
 * Pareto/NBD's s → 0, β → ∞ when nobody seems to drop out: the model becomes the NBD). L-BFGS then
 * stops on a flat ridge with the remaining gradient only in those far-out log-parameters (|ln θ| >
 * 10 on the rescaled problem, where parameters are O(1)). The supremum is approached there, so we
 * accept the point instead of running the simplex for tens of thousands of steps to the same place;
 * the standard errors of such a fit come out null or huge, which tells the user.
 */
function atBoundary(u: Float64Array, gradient: Float64Array): boolean {
  let far = false;
  for (let i = 0; i < u.length; i++) {
    if (Math.abs(u[i]) > 10) far = true;
    else if (Math.abs(gradient[i]) >= 1e-4) return false;
  }
  return far;
}

/** L-BFGS's own convergence tests are relative; also ask for a small gradient (in log-parameters) at its end point. */
function isStationary(gradient: Float64Array): boolean {
  return gradient.every((g) => Math.abs(g) < 1e-4);
}

/**
 * Standard errors as square roots of the diagonal of the inverse observed information, i.e. of
 * −∂²ℓ/∂θ² at the optimum, in the natural parameters and the data's own units (the convention
 * of BTYD and lifetimes that published CDNOW standard errors follow). Null when singular.
 * With an analytic Hessian (the BG/NBD family: bg-family-hessian.ts) it is used as it is; with the
 * analytic gradient the Hessian comes from its central differences (2k gradient calls), otherwise
 * from second differences of logLik.
 */
export function observedInformation(
  logLik: (theta: Float64Array) => number, theta: Float64Array, gradient?: (theta: Float64Array) => Float64Array,
  hessian?: (theta: Float64Array) => number[][],
): { standardErrors: number[]; covariance: number[][] } | null {
  const H = hessian
    ? hessian(theta).map((row) => row.map((v) => -v))
    : gradient
    ? gradientHessian((t) => gradient(t).map((v) => -v), theta)
    : numericHessian((t) => -logLik(t), theta);
  const cov = invert(H);
  if (!cov) return null;
  const se = cov.map((row, i) => Math.sqrt(row[i]));
  if (se.some((v) => !Number.isFinite(v))) return null;
  return { standardErrors: se, covariance: cov };
}

/** AIC and BIC from the log-likelihood, k parameters and n observations. */
export function informationCriteria(logLik: number, k: number, n: number): { aic: number; bic: number } {
  return { aic: 2 * k - 2 * logLik, bic: k * Math.log(n) - 2 * logLik };
}

const fmt = (names: readonly string[], th: Float64Array) => names.map((n, i) => `${n}=${th[i].toPrecision(6)}`).join(', ');
