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

export function errorMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>): ErrorMetrics {
  const n = predicted.length;
  let ae = 0, se = 0, bias = 0, sp = 0, sa = 0;
  for (let i = 0; i < n; i++) {
    const d = predicted[i] - actual[i];
    ae += Math.abs(d); se += d * d; bias += d; sp += predicted[i]; sa += actual[i];
  }
  const mp = sp / n, ma = sa / n;
  let cov = 0, vp = 0, va = 0;
  for (let i = 0; i < n; i++) {
    const dp = predicted[i] - mp, da = actual[i] - ma;
    cov += dp * da; vp += dp * dp; va += da * da;
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

export function classificationQuality(prob: ArrayLike<number>, outcome: ArrayLike<number>): ClassificationQuality {
  const n = prob.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => prob[i] - prob[j]);
  // AUC by the Mann-Whitney rank sum with mid-ranks for ties.
  let rankSumPos = 0, positives = 0;
  for (let s = 0; s < n;) {
    let e = s;
    while (e + 1 < n && prob[order[e + 1]] === prob[order[s]]) e++;
    const midRank = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) if (outcome[order[k]]) { rankSumPos += midRank; positives++; }
    s = e + 1;
  }
  const negatives = n - positives;
  const auc = positives > 0 && negatives > 0 ? (rankSumPos - positives * (positives + 1) / 2) / (positives * negatives) : NaN;
  let brier = 0, logLoss = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, prob[i]));
    const y = outcome[i] ? 1 : 0;
    brier += (prob[i] - y) ** 2;
    logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  return { n, positives, auc, brier: brier / n, logLoss: logLoss / n };
}
