// Shared shapes of the CLV models: the per-customer inputs, the fitted result, the time unit.

/** One explicit time unit end to end: every summary and every prediction carries it. */
export type TimeUnit = 'day' | 'week' | 'month' | 'year';
export const TIME_UNITS: readonly TimeUnit[] = ['day', 'week', 'month', 'year'];

export type ModelName = 'bgnbd' | 'mbgnbd' | 'pnbd' | 'bgbb' | 'gg' | 'sbg';

/**
 * Recency/frequency inputs of the non-contractual count models, as distinct (x, t_x, T) patterns with
 * a weight (how many customers share the pattern): a million customers collapse to far fewer patterns.
 * x = repeat purchases, tx = time of the last purchase since the first, T = time since the first purchase.
 */
export interface RfPatterns {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
}

export interface FitOptions {
  /** L2 penalty on the natural parameters, added to the mean negative log-likelihood (lifetimes' semantics). */
  penalizer?: number;
  /** Compute standard errors from the observed information (default true). */
  standardErrors?: boolean;
  /** Starting values by parameter name (natural scale). */
  init?: Record<string, number>;
  maxIterations?: number;
  /**
   * false: when L-BFGS fails, throw ModelError('not-converged') at once instead of trying Nelder-Mead
   * (up to 20,000 steps). For a model fitted only to be compared (cvm analyze's `auto`), where the
   * simplex on data the model cannot fit cost up to a minute for nothing (default true).
   */
  fallback?: boolean;
}

/** A fitted model. Parameter names are the papers'. */
export interface FitResult<P extends string = string> {
  model: ModelName;
  params: Record<P, number>;
  /** Log-likelihood of the data at `params` (without the penalty), in the data's own units. */
  logLik: number;
  /** Square roots of the diagonal of the inverse observed information, or null when not asked or singular. */
  standardErrors: Record<P, number> | null;
  /** Inverse observed information in the natural parameters, in `Object.keys(params)` order. */
  covariance: number[][] | null;
  aic: number;
  bic: number;
  /** Observations the likelihood covers (customers, or cohort members for sBG). */
  n: number;
  iterations: number;
  method: 'lbfgs' | 'nelder-mead';
  penalizer: number;
}

/**
 * What every non-contractual count model (BG/NBD, MBG/NBD, Pareto/NBD) offers, so the pipeline, CLV
 * and diagnostics work with any of them. Times are in the summary's own unit. x = repeat purchases,
 * tx = recency, T = age, t = horizon length after T.
 */
export interface CountModel<P extends string = string> {
  name: ModelName;
  paramNames: readonly P[];
  fit(data: RfPatterns, options?: FitOptions): FitResult<P>;
  /** Total weighted log-likelihood of the patterns at `params`. */
  logLik(params: Record<P, number>, data: RfPatterns): number;
  /** E[X(T, T + t] | x, tx, T]: expected purchases in the next t. */
  expectedPurchases(params: Record<P, number>, t: number, x: number, tx: number, T: number): number;
  /**
   * E[X(T, T + t] | alive at T, x, T]. For every model here the posterior of the purchase and dropout
   * rates given "alive at T" depends on x and T only (t_x enters through P(alive) alone), so
   * expectedPurchases = pAlive · expectedPurchasesIfAlive. The pipeline uses this to compute the costly
   * horizon sums once per distinct (x, T) instead of once per (x, t_x, T).
   */
  expectedPurchasesIfAlive(params: Record<P, number>, t: number, x: number, T: number): number;
  /** P(alive at T | x, tx, T). */
  pAlive(params: Record<P, number>, x: number, tx: number, T: number): number;
  /** P(alive at T + t | x, tx, T): alive now and still alive after t more time. */
  pAliveAt(params: Record<P, number>, t: number, x: number, tx: number, T: number): number;
  /**
   * P(alive at T + t | alive at T, x, T), so that pAliveAt = pAlive · survivalIfAlive. Like
   * expectedPurchasesIfAlive it depends on (x, T) only; the pipeline computes it once per distinct
   * (x, T) (for the BG/NBD family it is a ₂F₁, too costly to evaluate for every (x, t_x, T)).
   */
  survivalIfAlive?(params: Record<P, number>, t: number, x: number, T: number): number;
  /** E[X(t)] for a customer who has just made the first purchase (time 0). */
  expectedPurchasesNew(params: Record<P, number>, t: number): number;
  /** P(X(t) = n) for a new customer. */
  probabilityOfPurchases(params: Record<P, number>, n: number, t: number): number;
  /** P(X(T, T + t] = n | x, tx, T), where the model has a closed form. */
  conditionalProbabilityOfPurchases?(params: Record<P, number>, n: number, t: number, x: number, tx: number, T: number): number;
}
