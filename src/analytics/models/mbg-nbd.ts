// MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models
// for customer base analysis", IJRM 24(3), below "BDF"; the variant of lifetimes'
// ModifiedBetaGeoFitter, with the conditional expectation of Wagner & Hoppe 2008, "Erratum on the
// MBG/NBD model", IJRM 25(3)). It is BG/NBD with one more dropout chance, right at the first purchase
// (s = 1 in the family code of bg-nbd-likelihood.ts / bg-nbd-predict.ts / bg-nbd-fit.ts), so a
// customer with no repeat purchase may already be gone and P(alive | x = 0) < 1.
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

/** MBG/NBD parameters have the BG/NBD names: λ ~ Gamma(r, α), p ~ Beta(a, b). */
export type MbgNbdParam = BgNbdParam;
export type MbgNbdParams = BgNbdParams;
export const MBG_NBD_PARAMS = BG_NBD_PARAMS;

/** Maximum-likelihood fit (times rescaled while optimising; see fitBgFamily). */
export const fitMbgNbd = (data: RfPatterns, options?: FitOptions): FitResult<MbgNbdParam> => fitBgFamily('mbgnbd', 1, data, options);

/** Log-likelihood of one customer (BDF; FHL eq. 6 with b+x → b+x+1 and a second term also at x = 0). */
export function mbgNbdCustomerLogLik(p: MbgNbdParams, x: number, tx: number, T: number): number {
  checkParams('MBG/NBD', p); checkCustomer(x, tx, T);
  return bgFamilyCustomerLogLik(p, 1, x, tx, T);
}

/** Total weighted log-likelihood of the patterns. */
export const mbgNbdLogLik = (p: MbgNbdParams, data: RfPatterns): number => bgFamilyLogLik(p, 1, data);

/** ∂ℓ/∂(r, α, a, b) of mbgNbdLogLik, in that order. */
export const mbgNbdGradient = (p: MbgNbdParams, data: RfPatterns): Float64Array => bgFamilyGradient(p, 1, data);

/** P(alive at T | x, tx, T) = 1/(1 + a/(b+x) · ((α+T)/(α+tx))^{r+x}) (BDF Appendix A, eq. 5). */
export const mbgNbdPAlive = (p: MbgNbdParams, x: number, tx: number, T: number): number => bgFamilyPAlive(p, 1, x, tx, T);

/** P(alive at T + t | x, tx, T) = P(alive) · ₂F₁(r+x, a; a+b+x+1; −t/(α+T)) (posterior p ~ Beta(a, b+x+1)). */
export const mbgNbdPAliveAt = (p: MbgNbdParams, t: number, x: number, tx: number, T: number): number => bgFamilyPAliveAt(p, 1, t, x, tx, T);

/** E[X(t)] for a new customer: b/(a−1) · [1 − (α/(α+t))ʳ ₂F₁(r, b+1; a+b; t/(α+t))] (BDF). */
export const mbgNbdExpectedPurchasesNew = (p: MbgNbdParams, t: number): number => bgFamilyExpectedPurchasesNew(p, 1, t);

/** E[X(T, T+t] | x, tx, T] (Wagner & Hoppe 2008). */
export const mbgNbdExpectedPurchases = (p: MbgNbdParams, t: number, x: number, tx: number, T: number): number => bgFamilyExpectedPurchases(p, 1, t, x, tx, T);

/** P(X(t) = n) for a new customer (BDF). */
export const mbgNbdPmf = (p: MbgNbdParams, n: number, t: number): number => bgFamilyPmf(p, 1, n, t);

/** P(X(T, T+t] = n | x, tx, T) (derived in bg-nbd-predict.ts). */
export const mbgNbdConditionalPmf = (p: MbgNbdParams, n: number, t: number, x: number, tx: number, T: number): number => bgFamilyConditionalPmf(p, 1, n, t, x, tx, T);

/** The MBG/NBD as a CountModel. */
export const mbgNbd: CountModel<MbgNbdParam> = {
  name: 'mbgnbd',
  paramNames: MBG_NBD_PARAMS,
  fit: fitMbgNbd,
  logLik: mbgNbdLogLik,
  expectedPurchases: mbgNbdExpectedPurchases,
  expectedPurchasesIfAlive: (p, t, x, T) => bgFamilyExpectedPurchasesIfAlive(p, 1, t, x, T),
  pAlive: mbgNbdPAlive,
  pAliveAt: mbgNbdPAliveAt,
  survivalIfAlive: (p, t, x, T) => bgFamilySurvivalIfAlive(p, 1, t, x, T),
  expectedPurchasesNew: mbgNbdExpectedPurchasesNew,
  probabilityOfPurchases: mbgNbdPmf,
  conditionalProbabilityOfPurchases: mbgNbdConditionalPmf,
};
