// The BG/NBD-family log-likelihood and its gradient over many patterns, arranged so that a fit on a
// million customers costs little more than one exp and one log1p per distinct (x, t_x, T) pattern.
// The maths is that of bg-nbd-likelihood.ts (FHL 2005 eq. 6; BDF 2007 for s = 1): per pattern
//   ln L = C + L₁ + ln(1 + e^D),
//   C  = lnΓ(r+x) − lnΓ(r) + r ln α − ln B(a, b),
//   L₁ = ln B(a, b+x+s) − (r+x) ln(α+T),
//   D  = ln a − ln(b+x+s−1) + (r+x) (ln(α+T) − ln(α+t_x))     (only when x+s > 0).
// Why this arrangement: C and ln B(a, b+x+s) depend on x alone, ln(α+T) on T alone, so their weighted
// sums are taken once per distinct x or T with the pattern weights summed in advance (the (r+x) ln(α+T)
// term splits into r·Σw ln(α+T) + Σw·x ln(α+T), both sums per distinct T). Only ln(1 + e^D) couples
// x, t_x and T, so it alone is evaluated per pattern, from tables of ln(α+T) and ln(α+t_x) that are
// computed once per distinct value.
// D uses ln(α+T) − ln(α+t_x) rather than log1p((T−t_x)/(α+t_x)): D only enters through ln(1 + e^D)
// and its logistic, whose absolute error is that of D, and the difference of two tabled logs has
// absolute error ~1e-16 · |ln(α+T)| (exactly 0 when t_x = T), so nothing is lost; the relative
// precision of a tiny ratio that log1p preserves does not matter here.
// The same split gives the gradient (bg-nbd-likelihood.ts, bgFamilyGradient's equations): the ψ
// terms per distinct x, the r/α − (r+x)/(α+T) terms per distinct T, and per pattern only the
// posterior weight w = e^D/(1+e^D) times ln((α+T)/(α+t_x)), (r+x)(1/(α+T) − 1/(α+t_x)), and w itself
// summed per x for ∂/∂a and ∂/∂b.
import { betaln, digamma, gammaln } from '../numerics/special.ts';
import { CompensatedSum } from '../numerics/compensated-sum.ts';
import { distinctIndex } from '../numerics/distinct-index.ts';
import type { BgNbdParams, DropoutAtStart } from './bg-nbd-likelihood.ts';
import type { RfPatterns } from './types.ts';

/** Patterns per partial sum (a power of two). */
const BLOCK = 256;

/** Patterns of one data set regrouped for bgFamilyEvaluate (built once per fit, not per evaluation). */
export interface BgFamilyPrepared {
  s: DropoutAtStart;
  /** Σ weight. */
  n: number;
  /** Distinct x and the weight on each. */
  xs: Float64Array;
  wX: Float64Array;
  /** Distinct T, the weight on each and Σ weight·x on each. */
  Ts: Float64Array;
  wT: Float64Array;
  wxT: Float64Array;
  /** Distinct t_x (of the patterns below). */
  txs: Float64Array;
  /** The patterns with a second term (x + s > 0): positions in xs, Ts, txs, and their weights. */
  pX: Uint32Array;
  pT: Uint32Array;
  pTx: Uint32Array;
  pW: Float64Array;
}

/** Regroups the patterns; zero-weight patterns are dropped (they add nothing, as in bgFamilyLogLik). */
export function prepareBgFamily(data: RfPatterns, s: DropoutAtStart): BgFamilyPrepared {
  const { x, tx, T, weight } = data;
  const X = distinctIndex(x), TT = distinctIndex(T), Tx = distinctIndex(tx);
  const wX = new Float64Array(X.values.length), wT = new Float64Array(TT.values.length), wxT = new Float64Array(TT.values.length);
  const k = x.length;
  const pX = new Uint32Array(k), pT = new Uint32Array(k), pTx = new Uint32Array(k), pW = new Float64Array(k);
  let n = 0, m = 0;
  for (let i = 0; i < k; i++) {
    const w = weight[i];
    if (w === 0) continue;
    wX[X.index[i]] += w;
    wT[TT.index[i]] += w;
    wxT[TT.index[i]] += w * x[i];
    n += w;
    if (x[i] + s > 0) { pX[m] = X.index[i]; pT[m] = TT.index[i]; pTx[m] = Tx.index[i]; pW[m] = w; m++; }
  }
  return {
    s, n, xs: X.values, wX, Ts: TT.values, wT, wxT, txs: Tx.values,
    pX: pX.slice(0, m), pT: pT.slice(0, m), pTx: pTx.slice(0, m), pW: pW.slice(0, m),
  };
}

/** The same patterns with every time divided by `scale` (fitBgFamily optimises on max T = 1). */
export const rescaleBgFamily = (p: BgFamilyPrepared, scale: number): BgFamilyPrepared =>
  ({ ...p, Ts: p.Ts.map((v) => v / scale), txs: p.txs.map((v) => v / scale) });

/**
 * Σ weight · ln L at `p`; when `gradient` is given, also writes ∂/∂(r, α, a, b) into it.
 * @example const prep = prepareBgFamily(patterns, 0); const ll = bgFamilyEvaluate(params, prep, g);
 */
export function bgFamilyEvaluate(p: BgNbdParams, d: BgFamilyPrepared, gradient?: Float64Array): number {
  const { r, alpha, a, b } = p;
  const s = d.s, lnA = Math.log(a);
  // Per distinct x: lnΓ(r+x) − lnΓ(r) + ln B(a, b+x+s) − ln B(a, b), and D's x-part ln a − ln(b+x+s−1).
  // The differences are formed per x (exactly 0 where x = 0, resp. x + s = 0) rather than as
  // n·lnΓ(r) etc. against a sum: large partial sums that cancel would add rounding noise of order
  // ε·|partial sum| to ℓ, which numerical derivatives of ℓ (and the optimiser's line search) see.
  const nx = d.xs.length;
  const rx = new Float64Array(nx), dX = new Float64Array(nx);
  const lnGammaR = gammaln(r), lnBetaAB = betaln(a, b);
  // Compensated sums (compensated-sum.ts): ℓ adds ~10⁵ terms to a total of ~10⁶ or more.
  const ll = new CompensatedSum();
  for (let j = 0; j < nx; j++) {
    const x = d.xs[j];
    rx[j] = r + x;
    if (x > 0) ll.add(d.wX[j] * (gammaln(r + x) - lnGammaR));
    if (x + s > 0) {
      ll.add(d.wX[j] * (betaln(a, b + x + s) - lnBetaAB));
      dX[j] = lnA - Math.log(b + x + s - 1);
    }
  }
  // Per distinct T: r ln α − (r+x) ln(α+T) = −r ln(1 + T/α) − x ln(α+T), summed with Σw and Σw·x.
  const nT = d.Ts.length;
  const lnAT = new Float64Array(nT);
  for (let j = 0; j < nT; j++) {
    lnAT[j] = Math.log(alpha + d.Ts[j]);
    ll.add(-(r * d.wT[j] * Math.log1p(d.Ts[j] / alpha) + d.wxT[j] * lnAT[j]));
  }
  const lnAtx = d.txs.map((v) => Math.log(alpha + v));
  const { pX, pT, pTx, pW } = d;
  const m = pW.length;
  // Per-pattern terms are summed plainly in blocks of BLOCK and the block sums compensated: nearly the
  // accuracy of compensating every term at the cost of a plain sum.
  let block = 0;
  if (!gradient) {
    for (let i = 0; i < m; i++) {
      const k = pX[i];
      const D = dX[k] + rx[k] * (lnAT[pT[i]] - lnAtx[pTx[i]]);
      // ln(1 + e^D) = max(D, 0) + log1p(e^{−|D|}): no overflow for large D, full precision for very negative D.
      block += pW[i] * ((D > 0 ? D : 0) + Math.log1p(Math.exp(-Math.abs(D))));
      if ((i & (BLOCK - 1)) === BLOCK - 1) { ll.add(block); block = 0; }
    }
    ll.add(block);
    return ll.value;
  }
  const invAT = d.Ts.map((v) => 1 / (alpha + v));
  const invAtx = d.txs.map((v) => 1 / (alpha + v));
  const wSumX = new Float64Array(nx);
  let gR = 0, gAlpha = 0;
  for (let i = 0; i < m; i++) {
    const k = pX[i], t = pT[i], u = pTx[i];
    const lnRatio = lnAT[t] - lnAtx[u];
    const D = dX[k] + rx[k] * lnRatio;
    const e = Math.exp(-Math.abs(D));
    // The posterior weight of "dropped out at t_x", e^D/(1+e^D), from the same exponential.
    const w = D >= 0 ? 1 / (1 + e) : e / (1 + e);
    const ww = pW[i] * w;
    block += pW[i] * ((D > 0 ? D : 0) + Math.log1p(e));
    if ((i & (BLOCK - 1)) === BLOCK - 1) { ll.add(block); block = 0; }
    gR += ww * lnRatio;
    gAlpha += ww * rx[k] * (invAT[t] - invAtx[u]);
    wSumX[k] += ww;
  }
  ll.add(block);
  // The separable parts of bgFamilyGradient's four equations, per distinct x and T.
  const psiAB = digamma(a + b), psiB = digamma(b);
  gR += d.n * (Math.log(alpha) - digamma(r));
  gAlpha += (d.n * r) / alpha;
  let gA = 0, gB = 0;
  for (let j = 0; j < nx; j++) {
    const x = d.xs[j], psiABx = digamma(a + b + x + s);
    gR += d.wX[j] * digamma(r + x);
    gA += d.wX[j] * (psiAB - psiABx);
    gB += d.wX[j] * (digamma(b + x + s) - psiB + psiAB - psiABx);
    if (x + s > 0) { gA += wSumX[j] / a; gB -= wSumX[j] / (b + x + s - 1); }
  }
  for (let j = 0; j < nT; j++) {
    gR -= d.wT[j] * lnAT[j];
    gAlpha -= (r * d.wT[j] + d.wxT[j]) * invAT[j];
  }
  gradient[0] = gR; gradient[1] = gAlpha; gradient[2] = gA; gradient[3] = gB;
  return ll.value;
}
