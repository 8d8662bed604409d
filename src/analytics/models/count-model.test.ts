// One suite over every CountModel: identities that any correct implementation satisfies, so a model
// added later is held to the same contract. Published values are pinned in each model's own tests.
import { describe, expect, it } from 'vitest';
import { bgNbd } from './bg-nbd.ts';
import { bgbb } from './bg-bb.ts';
import { mbgNbd } from './mbg-nbd.ts';
import { paretoNbd } from './pareto-nbd.ts';
import type { CountModel } from './types.ts';

// CDNOW estimates (weeks) for the continuous models, FHS 2010 donations estimates for BG/BB.
const cases: { model: CountModel; params: Record<string, number>; customers: [number, number, number][]; t: number }[] = [
  { model: bgNbd as CountModel, params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 }, customers: [[0, 0, 38.86], [2, 30.43, 38.86], [7, 29.43, 38.86], [1, 1.71, 38.86]], t: 39 },
  { model: mbgNbd as CountModel, params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, customers: [[0, 0, 38.86], [2, 30.43, 38.86], [7, 29.43, 38.86]], t: 39 },
  { model: paretoNbd as CountModel, params: { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.667 }, customers: [[0, 0, 38.86], [2, 30.43, 38.86], [7, 29.43, 38.86]], t: 39 },
  { model: bgbb as CountModel, params: { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, customers: [[0, 0, 6], [3, 4, 6], [6, 6, 6], [1, 1, 6]], t: 5 },
];

describe.each(cases)('CountModel contract: $model.name', ({ model, params, customers, t }) => {
  it('expectedPurchases = pAlive × expectedPurchasesIfAlive (to rounding)', () => {
    for (const [x, tx, T] of customers) {
      const direct = model.expectedPurchases(params, t, x, tx, T);
      const split = model.pAlive(params, x, tx, T) * model.expectedPurchasesIfAlive(params, t, x, T);
      expect(Math.abs(direct - split)).toBeLessThan(1e-12 * Math.max(1, direct));
    }
  });
  it('pAliveAt(0) = pAlive, and P(alive) does not rise with the horizon', () => {
    for (const [x, tx, T] of customers) {
      const now = model.pAlive(params, x, tx, T);
      expect(model.pAliveAt(params, 0, x, tx, T)).toBeCloseTo(now, 12);
      expect(model.pAliveAt(params, t, x, tx, T)).toBeLessThanOrEqual(now + 1e-15);
      expect(now).toBeGreaterThan(0);
      expect(now).toBeLessThanOrEqual(1);
    }
  });
  it.runIf(model.survivalIfAlive !== undefined)('pAliveAt = pAlive × survivalIfAlive (BG/BB has no such split)', () => {
    for (const [x, tx, T] of customers) {
      const split = model.pAlive(params, x, tx, T) * (model.survivalIfAlive?.(params, t, x, T) ?? Number.NaN);
      expect(Math.abs(model.pAliveAt(params, t, x, tx, T) - split)).toBeLessThan(1e-14);
    }
  });
  it('expected purchases grow with the horizon and start at 0', () => {
    for (const [x, tx, T] of customers) {
      expect(model.expectedPurchases(params, 0, x, tx, T)).toBeCloseTo(0, 14);
      expect(model.expectedPurchases(params, 2 * t, x, tx, T)).toBeGreaterThan(model.expectedPurchases(params, t, x, tx, T));
    }
  });
  it('the new-customer PMF sums to 1 and its mean is expectedPurchasesNew', () => {
    let total = 0, mean = 0;
    for (let n = 0; n <= 200; n++) {
      const p = model.probabilityOfPurchases(params, n, t);
      total += p; mean += n * p;
    }
    expect(total).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(model.expectedPurchasesNew(params, t), 6);
  });
});
