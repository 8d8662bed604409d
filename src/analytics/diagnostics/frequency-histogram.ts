// Repeat-frequency histogram, actual vs model: how many customers made 0, 1, 2, … repeat purchases in
// the calibration period, and how many the fitted model expects. The model side is
// Σ_i P(X(T_i) = k) over customers (each observed for T_i since the first purchase), as BTYD's
// `pnbd.PlotFrequencyInCalibration` and lifetimes' `plot_period_transactions` compare them; the last bin
// pools "maxBin or more" (its expected count is the remainder 1 − Σ_{k<maxBin} P(X = k)).
import type { CountModel, RfPatterns } from '../models/types.ts';

export interface HistogramBin {
  /** Repeat purchases; the last bin is "this many or more". */
  frequency: number;
  orMore: boolean;
  actual: number;
  expected: number;
}

export function frequencyHistogram<P extends string>(model: CountModel<P>, params: Record<P, number>, data: RfPatterns, maxBin = 7): HistogramBin[] {
  const bins: HistogramBin[] = Array.from({ length: maxBin + 1 }, (_, k) => ({ frequency: k, orMore: k === maxBin, actual: 0, expected: 0 }));
  // Patterns sharing T share every P(X(T) = k): cache them by T.
  const byT = new Map<number, Float64Array>();
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weight[i];
    bins[Math.min(data.x[i], maxBin)].actual += w;
    let probs = byT.get(data.T[i]);
    if (!probs) {
      probs = new Float64Array(maxBin + 1);
      let rest = 1;
      for (let k = 0; k < maxBin; k++) {
        probs[k] = model.probabilityOfPurchases(params, k, data.T[i]);
        rest -= probs[k];
      }
      probs[maxBin] = Math.max(0, rest);
      byT.set(data.T[i], probs);
    }
    for (let k = 0; k <= maxBin; k++) bins[k].expected += w * probs[k];
  }
  return bins;
}
