import { describe, expect, it } from 'vitest';
import { classificationQuality, errorMetrics } from './metrics.ts';

describe('error metrics', () => {
  it('MAE, RMSE, bias and correlation of a hand-made example', () => {
    // predicted − actual = (1, −1, 2, 0): MAE = 4/4 = 1, RMSE = √(6/4), bias = 2/4.
    const m = errorMetrics([2, 0, 5, 3], [1, 1, 3, 3]);
    expect(m.mae).toBe(1);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(m.bias).toBe(0.5);
    // Pearson r by hand: means 2.5 and 2; deviations (−.5,−2.5,2.5,.5)·(−1,−1,1,1) = 6;
    // Σdp² = 13, Σda² = 4 → r = 6 / √52.
    expect(m.correlation).toBeCloseTo(6 / Math.sqrt(52), 12);
  });
});

describe('classification quality', () => {
  it('AUC counts ranked pairs with ties as one half', () => {
    // positives at 0.9 and 0.4; negatives at 0.4 and 0.1. Pairs (pos > neg): (0.9,0.4)=1, (0.9,0.1)=1,
    // (0.4,0.4)=½, (0.4,0.1)=1 → 3.5 / 4.
    const q = classificationQuality([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0]);
    expect(q.auc).toBeCloseTo(0.875, 12);
    // Brier: (0.01 + 0.36 + 0.16 + 0.01) / 4.
    expect(q.brier).toBeCloseTo(0.54 / 4, 12);
    expect(q.positives).toBe(2);
  });
  it('a perfect ranking has AUC 1 and an inverted one 0', () => {
    expect(classificationQuality([0.8, 0.7, 0.2], [1, 1, 0]).auc).toBe(1);
    expect(classificationQuality([0.1, 0.2, 0.9], [1, 1, 0]).auc).toBe(0);
  });
});

describe('weights', () => {
  it('count each entry that many times: the same metrics as the expanded list', () => {
    const p = [0.9, 0.4, 0.4, 0.1, 0.7], y = [1, 1, 0, 0, 1], w = [3, 1, 2, 5, 2];
    const expand = <T>(a: T[]): T[] => a.flatMap((v, i) => Array.from({ length: w[i] }, () => v));
    const grouped = classificationQuality(p, y, w), flat = classificationQuality(expand(p), expand(y));
    // Pairs by hand: positives 0.9×3, 0.4×1, 0.7×2; negatives 0.4×2, 0.1×5. 0.9 beats all 7 negatives
    // (21), 0.7 too (14), 0.4 beats 5 and ties 2 (5 + 1 = 6): U = 41 of 6 × 7 = 42 pairs.
    expect(grouped.auc).toBe(41 / 42);
    expect(grouped.auc).toBe(flat.auc);
    expect(grouped.n).toBe(13);
    expect(grouped.positives).toBe(6);
    expect(grouped.brier).toBeCloseTo(flat.brier, 14);
    expect(grouped.logLoss).toBeCloseTo(flat.logLoss, 14);
    const e = errorMetrics([2, 0, 5], [1, 1, 3], [2, 1, 4]), ef = errorMetrics([2, 2, 0, 5, 5, 5, 5], [1, 1, 1, 3, 3, 3, 3]);
    expect(e.n).toBe(7);
    for (const k of ['mae', 'rmse', 'bias', 'correlation'] as const) expect(e[k]).toBeCloseTo(ef[k], 14);
  });
});

describe('AUC on many ties', () => {
  it('equals the count over all positive–negative pairs', () => {
    // Probabilities from a handful of values (−0 and 0 among them: one value), weights 1–3.
    const values = [0, -0, 0.25, 0.5, 0.5000000000000001, 1];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const p = Array.from({ length: 400 }, () => values[Math.floor(next() * values.length)]);
    const y = p.map(() => (next() < 0.4 ? 1 : 0)), w = p.map(() => 1 + Math.floor(next() * 3));
    let u = 0, pos = 0, neg = 0;
    for (let i = 0; i < p.length; i++) {
      if (y[i]) pos += w[i]; else neg += w[i];
      if (!y[i]) continue;
      for (let j = 0; j < p.length; j++) if (!y[j]) u += w[i] * w[j] * (p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0);
    }
    const q = classificationQuality(p, y, w);
    expect(q.auc).toBe(u / (pos * neg));
    expect(q.positives).toBe(pos);
  });
});
