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
