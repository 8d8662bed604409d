// Error metrics for holdout checks: regression errors of predicted purchase counts, and the quality of
// a probability (P(alive)) as a classifier of "bought again in the holdout".

export interface ErrorMetrics {
  n: number;
  mae: number;
  rmse: number;
  /** Mean of predicted − actual: > 0 means the model over-forecasts. */
  bias: number;
  /** Pearson correlation of predicted and actual. */
  correlation: number;
}

/**
 * `weight` (optional) counts each entry that many times: a caller with a million customers passes
 * their distinct (predicted, actual) rows with counts instead (holdout-diagnostics.ts).
 */
export function errorMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>, weight?: ArrayLike<number>): ErrorMetrics {
  const k = predicted.length;
  const w = (i: number): number => (weight ? weight[i] : 1);
  let n = 0, ae = 0, se = 0, bias = 0, sp = 0, sa = 0;
  for (let i = 0; i < k; i++) {
    const d = predicted[i] - actual[i], wi = w(i);
    n += wi; ae += wi * Math.abs(d); se += wi * d * d; bias += wi * d; sp += wi * predicted[i]; sa += wi * actual[i];
  }
  const mp = sp / n, ma = sa / n;
  let cov = 0, vp = 0, va = 0;
  for (let i = 0; i < k; i++) {
    const dp = predicted[i] - mp, da = actual[i] - ma, wi = w(i);
    cov += wi * dp * da; vp += wi * dp * dp; va += wi * da * da;
  }
  return { n, mae: ae / n, rmse: Math.sqrt(se / n), bias: bias / n, correlation: vp > 0 && va > 0 ? cov / Math.sqrt(vp * va) : NaN };
}

export interface ClassificationQuality {
  n: number;
  positives: number;
  /** Area under the ROC curve (probability that a random positive ranks above a random negative; ties count ½). */
  auc: number;
  /** Mean squared error of the probability against the 0/1 outcome. */
  brier: number;
  /** Mean negative log-likelihood of the outcomes (probabilities clipped to [1e-12, 1 − 1e-12]). */
  logLoss: number;
}

/** `weight` (optional): how many customers each entry stands for, as in errorMetrics. */
export function classificationQuality(prob: ArrayLike<number>, outcome: ArrayLike<number>, weight?: ArrayLike<number>): ClassificationQuality {
  const k = prob.length;
  const w = (i: number): number => (weight ? weight[i] : 1);
  // AUC = U / (positives · negatives), U = Σ over tie groups of positives × (negatives ranked below +
  // half the negatives tied): the Mann-Whitney statistic with mid-ranks for ties. All terms are whole
  // or half numbers far below 2^53, so U is exact (and equal to the rank-sum form's).
  const { pos: groupPos, neg: groupNeg } = tieGroups(prob, outcome, w);
  let u = 0, positives = 0, negatives = 0;
  for (let g = 0; g < groupPos.length; g++) {
    const pos = groupPos[g], neg = groupNeg[g];
    u += pos * (negatives + neg / 2);
    positives += pos; negatives += neg;
  }
  const auc = positives > 0 && negatives > 0 ? u / (positives * negatives) : NaN;
  let brier = 0, logLoss = 0;
  for (let i = 0; i < k; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, prob[i]));
    const y = outcome[i] ? 1 : 0, wi = w(i);
    brier += wi * (prob[i] - y) ** 2;
    logLoss -= wi * (y * Math.log(p) + (1 - y) * Math.log(1 - p));
  }
  const n = positives + negatives;
  return { n, positives, auc, brier: brier / n, logLoss: logLoss / n };
}

/**
 * Weights of the positives and of the negatives of each distinct probability, in increasing order of
 * probability; within a group the weights are added in entry order.
 * Why not a sort of the entries with a comparator: at a few hundred thousand entries that sort took
 * most of the holdout check's JS time; a native sort of the bare values plus a binary search per
 * entry forms the same groups (measured below in the commit that made the change). NaN is never
 * equal to itself, so each NaN is a group of its own, after the numbers (the comparator sort put
 * them wherever it happened to; the models' probabilities are never NaN).
 */
function tieGroups(prob: ArrayLike<number>, outcome: ArrayLike<number>, w: (i: number) => number): { pos: Float64Array; neg: Float64Array } {
  const k = prob.length;
  const values = Float64Array.from(prob).sort();
  let m = 0;
  for (let i = 0; i < k; i++) {
    const v = values[i];
    if (Number.isNaN(v)) break; // sorted last
    if (m === 0 || v !== values[m - 1]) values[m++] = v;
  }
  let nans = 0;
  for (let i = 0; i < k; i++) if (Number.isNaN(prob[i])) nans++;
  const pos = new Float64Array(m + nans), neg = new Float64Array(m + nans);
  let nan = m;
  for (let i = 0; i < k; i++) {
    const p = prob[i];
    let g: number;
    if (Number.isNaN(p)) {
      g = nan++;
    } else {
      // First distinct value not below p: p itself (−0 and 0 are one value, as === has them).
      let lo = 0, hi = m;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (values[mid] < p) lo = mid + 1; else hi = mid; }
      g = lo;
    }
    if (outcome[i]) pos[g] += w(i); else neg[g] += w(i);
  }
  return { pos, neg };
}
