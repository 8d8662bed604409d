// Maximum-likelihood fit shared by BG/NBD and MBG/NBD (the family of bg-nbd-likelihood.ts).
import { maximizeLikelihood } from '../numerics/maximize-likelihood.ts';
import { BG_NBD_PARAMS, checkPatterns, type BgNbdParam, type BgNbdParams, type DropoutAtStart } from './bg-nbd-likelihood.ts';
import { bgFamilyHessian } from './bg-family-hessian.ts';
import { bgFamilyEvaluate, prepareBgFamily, rescaleBgFamily, type BgFamilyPrepared } from './bg-nbd-prepared.ts';
import { toFitResult } from './fit-result.ts';
import { ModelError } from './model-error.ts';
import { totalWeight } from './rf-patterns.ts';
import type { FitOptions, FitResult, RfPatterns } from './types.ts';

const fromVector = (theta: Float64Array): BgNbdParams => ({ r: theta[0], alpha: theta[1], a: theta[2], b: theta[3] });

/**
 * Fits r, α, a, b by maximum likelihood with the analytic gradient (bgFamilyGradient).
 *
 * Time rescaling: times are divided by the largest T while optimising. α is a rate per unit of time
 * (λ ~ Gamma(r, α)), so it scales with the unit while r, a, b do not; on the rescaled axis α is of
 * order 1 whatever the data's unit (days or years), which keeps the log-parameters well conditioned
 * and makes the default start sensible. The optimum is mapped back (α × scale) and the returned
 * logLik and standard errors are those of the data in its own units (toFitResult recomputes them).
 * The start is lifetimes' (all parameters 1) on the rescaled axis; `options.init` is in data units.
 * The penalizer, like lifetimes', applies to the parameters on the rescaled axis.
 */
export function fitBgFamily(model: 'bgnbd' | 'mbgnbd', s: DropoutAtStart, data: RfPatterns, options: FitOptions = {}): FitResult<BgNbdParam> {
  checkPatterns(data);
  let scale = 0;
  for (const v of data.T) if (v > scale) scale = v;
  if (!(scale > 0)) throw new ModelError('invalid-input', 'every customer has T = 0: there is no observation time to fit on');
  const n = totalWeight(data);
  if (!(n > 0)) throw new ModelError('invalid-input', 'no customers to fit (all weights are 0)');
  // The patterns are regrouped once (bg-nbd-prepared.ts), in data units and on the rescaled axis.
  const prepared = prepareBgFamily(data, s);
  const scaled = rescaleBgFamily(prepared, scale);
  const gradientOf = (d: BgFamilyPrepared) => (theta: Float64Array): Float64Array => {
    const g = new Float64Array(4);
    bgFamilyEvaluate(fromVector(theta), d, g);
    return g;
  };
  const init = options.init ?? {};
  const start = Float64Array.of(init.r ?? 1, (init.alpha ?? scale) / scale, init.a ?? 1, init.b ?? 1);
  const optimum = maximizeLikelihood({
    names: BG_NBD_PARAMS,
    logLik: (theta) => bgFamilyEvaluate(fromVector(theta), scaled),
    gradient: gradientOf(scaled),
    valueAndGradient: (theta) => {
      const gradient = new Float64Array(4);
      return { value: bgFamilyEvaluate(fromVector(theta), scaled, gradient), gradient };
    },
    init: start,
    totalWeight: n,
    penalizer: options.penalizer,
    maxIterations: options.maxIterations,
    fallback: options.fallback,
  });
  const t = optimum.theta;
  const theta = Float64Array.of(t[0], t[1] * scale, t[2], t[3]);
  return toFitResult(model, BG_NBD_PARAMS, { ...optimum, theta }, (th) => bgFamilyEvaluate(fromVector(th), prepared), n, options, gradientOf(prepared), (th) => bgFamilyHessian(fromVector(th), prepared));
}
