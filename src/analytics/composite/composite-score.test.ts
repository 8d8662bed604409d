import { describe, expect, it } from 'vitest';
import { compositeScores, explainScore, percentileScores } from './composite-score.ts';

describe('composite value score', () => {
  it('percentiles run 0–100 and ties share their mean position', () => {
    // Sorted: 1 (pos 0), 5, 5 (pos 1–2 → 1.5), 9 (pos 3); scale 100/3.
    expect(Array.from(percentileScores([5, 1, 9, 5]))).toEqual([50, 0, 100, 50]);
  });
  it('combines the five dimensions with normalised weights and explains each', () => {
    const s = compositeScores({
      currentValue: [100, 10, 50], futureValue: [80, 5, 60], returnShare: [0, 0.5, 0.1], repeatPurchases: [5, 0, 2],
      tenureDays: [400, 30, 200], pAlive: [0.9, 0.2, 0.6], spendTrend: [1.2, 0.5, 1], disputes: [0, 2, 0],
    }, { current: 3, future: 3, credit: 1, loyalty: 2, growth: 1 });
    // Customer 0 is best on every measure except ties: current 100, future 100, credit mean(100, 75) = 87.5,
    // loyalty 100, growth 100 → 0.3·100 + 0.3·100 + 0.1·87.5 + 0.2·100 + 0.1·100 = 98.75.
    expect(s.dimensions.credit[0]).toBeCloseTo(87.5, 12);
    expect(s.total[0]).toBeCloseTo(98.75, 12);
    expect(s.total[1]).toBeCloseTo(0, 12);
    const parts = explainScore(s, 0);
    expect(parts.reduce((a, p) => a + p.points, 0)).toBeCloseTo(s.total[0], 12);
    expect(parts.find((p) => p.dimension === 'current')?.weight).toBeCloseTo(0.3, 12);
    expect(s.missing).toEqual([]);
  });
  it('says which dimensions had no data and scores them neutrally', () => {
    const s = compositeScores({ currentValue: [1, 2], futureValue: [1, 2], repeatPurchases: [0, 1], tenureDays: [1, 2], pAlive: [0.5, 0.6], spendTrend: [1, 1] });
    expect(s.missing).toEqual(['credit']);
    expect(Array.from(s.dimensions.credit)).toEqual([50, 50]);
  });
  it('refuses negative or all-zero weights', () => {
    const input = { currentValue: [1], futureValue: [1], repeatPurchases: [1], tenureDays: [1], pAlive: [1], spendTrend: [1] };
    expect(() => compositeScores(input, { current: 0, future: 0, credit: 0, loyalty: 0, growth: 0 })).toThrow();
    expect(() => compositeScores(input, { current: -1, future: 1, credit: 0, loyalty: 0, growth: 0 })).toThrow();
  });
});
