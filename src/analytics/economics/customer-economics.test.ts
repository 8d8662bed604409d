import { describe, expect, it } from 'vitest';
import { customerProfit, retentionValue, substituteValue } from './customer-economics.ts';

describe('customer economics', () => {
  it('substitute value Q(U−P) − O − M − S', () => {
    // 10 units worth 12 each at price 9: gain 30, minus 5 + 4 + 6 of costs = 15.
    expect(substituteValue({ quantity: 10, utility: 12, price: 9, otherCosts: 5, maintenanceCost: 4, switchingCost: 6 })).toBe(15);
    expect(() => substituteValue({ quantity: NaN, utility: 1, price: 1, otherCosts: 0, maintenanceCost: 0, switchingCost: 0 })).toThrow(/quantity/);
  });
  it('retention value with no discount and retention r: m·r/(1−r)', () => {
    // 40 per period, 90 % retention, no discounting: 40 · 0.9 / 0.1 = 360.
    expect(retentionValue(40, 0.9, 0)).toBeCloseTo(360, 9);
  });
  it('profit = revenue − cost − cost to serve, per customer', () => {
    expect(Array.from(customerProfit([100, 50], [60, 45], [10, 10]))).toEqual([30, -5]);
  });
});
