import { describe, expect, it } from 'vitest';
import { pyramidRows } from './pyramid-rows.ts';

const row = (tier: string, revenueShare: number | null, predictedValue: number | null) => ({
  tier, customers: 1, customerShare: 0.25, revenue: 1, revenueShare, predictedValue, meanSpend: 1,
});

describe('pyramidRows', () => {
  it('orders tiers from key to small and adds the value shares', () => {
    const r = pyramidRows([row('small', 0.5, 10), row('key', 0.1, 20), row('medium', 0.25, 30), row('large', 0.15, 40)]);
    expect(r.tiers.map((x) => x.tier)).toEqual(['key', 'large', 'medium', 'small']);
    expect(r.tiers.map((x) => x.valueShare)).toEqual([0.2, 0.4, 0.3, 0.1]);
    expect(r.topShare).toBeCloseTo(0.5, 12);
  });
  it('has no value shares without predicted values, and no top share when a tier lacks revenue', () => {
    const r = pyramidRows([row('key', null, null), row('small', 0.9, null)]);
    expect(r.tiers.every((x) => x.valueShare === null)).toBe(true);
    expect(r.topShare).toBeNull();
  });
});
