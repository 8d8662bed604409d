// BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science
// 24(2)): the plain functions and the CountModel bundle. The maths lives in bg-nbd-likelihood.ts
// (likelihood, analytic gradient), bg-nbd-predict.ts (P(alive), expectations, PMFs) and bg-nbd-fit.ts
// (rescaled maximum likelihood), shared with MBG/NBD (mbg-nbd.ts); here s = 0: no dropout at the first
// purchase.
import { fitBgFamily } from './bg-nbd-fit.ts';
import { BG_NBD_PARAMS, bgFamilyCustomerLogLik, bgFamilyGradient, bgFamilyLogLik, checkCustomer, checkParams, type BgNbdParam, type BgNbdParams } from './bg-nbd-likelihood.ts';
import {
  bgFamilyConditionalPmf,
  bgFamilyExpectedPurchases, bgFamilyExpectedPurchasesIfAlive,
  bgFamilyExpectedPurchasesNew,
  bgFamilyPAlive,
  bgFamilyPAliveAt,
  bgFamilyPmf,
  bgFamilySurvivalIfAlive,
} from './bg-nbd-predict.ts';
import type { CountModel, FitOptions, FitResult, RfPatterns } from './types.ts';

export { BG_NBD_PARAMS, type BgNbdParam, type BgNbdParams } from './bg-nbd-likelihood.ts';

/** Maximum-likelihood fit (times rescaled while optimising; see fitBgFamily). Example: `fitBgNbd(toRfPatterns(cols))`. */
export const fitBgNbd = (data: RfPatterns, options?: FitOptions): FitResult<BgNbdParam> => fitBgFamily('bgnbd', 0, data, options);

/** Log-likelihood of one customer, FHL eq. 6. */
export function bgNbdCustomerLogLik(p: BgNbdParams, x: number, tx: number, T: number): number {
  checkParams('BG/NBD', p); checkCustomer(x, tx, T);
  return bgFamilyCustomerLogLik(p, 0, x, tx, T);
}

/** Total weighted log-likelihood of the patterns (FHL eq. 6 summed). */
export const bgNbdLogLik = (p: BgNbdParams, data: RfPatterns): number => bgFamilyLogLik(p, 0, data);

/** ∂ℓ/∂(r, α, a, b) of bgNbdLogLik, in that order. */
export const bgNbdGradient = (p: BgNbdParams, data: RfPatterns): Float64Array => bgFamilyGradient(p, 0, data);

/** P(alive at T | x, tx, T) (FHL technical note "Computing P(alive) using the BG/NBD model", 2008). */
export const bgNbdPAlive = (p: BgNbdParams, x: number, tx: number, T: number): number => bgFamilyPAlive(p, 0, x, tx, T);

/** P(alive at T + t | x, tx, T) = P(alive) · ₂F₁(r+x, a; a+b+x; −t/(α+T)) (derived in bg-nbd-predict.ts). */
export const bgNbdPAliveAt = (p: BgNbdParams, t: number, x: number, tx: number, T: number): number => bgFamilyPAliveAt(p, 0, t, x, tx, T);

/** E[X(t)] for a new customer, FHL eq. 9. */
export const bgNbdExpectedPurchasesNew = (p: BgNbdParams, t: number): number => bgFamilyExpectedPurchasesNew(p, 0, t);

/** E[X(T, T+t] | x, tx, T], FHL eq. 10. */
export const bgNbdExpectedPurchases = (p: BgNbdParams, t: number, x: number, tx: number, T: number): number => bgFamilyExpectedPurchases(p, 0, t, x, tx, T);

/** P(X(t) = n) for a new customer, FHL eq. 7. */
export const bgNbdPmf = (p: BgNbdParams, n: number, t: number): number => bgFamilyPmf(p, 0, n, t);

/** P(X(T, T+t] = n | x, tx, T) (derived in bg-nbd-predict.ts). */
export const bgNbdConditionalPmf = (p: BgNbdParams, n: number, t: number, x: number, tx: number, T: number): number => bgFamilyConditionalPmf(p, 0, n, t, x, tx, T);

/** The BG/NBD as a CountModel, so CLV, diagnostics and the pipeline can use it like any other. */
export const bgNbd: CountModel<BgNbdParam> = {
  name: 'bgnbd',
  paramNames: BG_NBD_PARAMS,
  fit: fitBgNbd,
  logLik: bgNbdLogLik,
  expectedPurchases: bgNbdExpectedPurchases,
  expectedPurchasesIfAlive: (p, t, x, T) => bgFamilyExpectedPurchasesIfAlive(p, 0, t, x, T),
  pAlive: bgNbdPAlive,
  pAliveAt: bgNbdPAliveAt,
  survivalIfAlive: (p, t, x, T) => bgFamilySurvivalIfAlive(p, 0, t, x, T),
  expectedPurchasesNew: bgNbdExpectedPurchasesNew,
  probabilityOfPurchases: bgNbdPmf,
  conditionalProbabilityOfPurchases: bgNbdConditionalPmf,
};
