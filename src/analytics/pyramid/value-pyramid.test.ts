import { describe, expect, it } from 'vitest';
import { pyramidTiers, summarizePyramid } from './value-pyramid.ts';

describe('value pyramid', () => {
  it('cuts 200 customers at 1 / 4 / 15 / 80 %', () => {
    const value = Array.from({ length: 200 }, (_, i) => i + 1); // customer i has value i+1
    const tiers = pyramidTiers(value);
    const count = (t: string) => tiers.filter((x) => x === t).length;
    // 1 % of 200 = 2 key, 4 % = 8 large, 15 % = 30 medium, 80 % = 160 small.
    expect([count('key'), count('large'), count('medium'), count('small')]).toEqual([2, 8, 30, 160]);
    expect(tiers[199]).toBe('key');
    expect(tiers[198]).toBe('key');
    expect(tiers[197]).toBe('large');
  });
  it('reports shares per tier, prospects included in the customer base', () => {
    const value = [100, 50, 10, 10, 5, 5, 5, 5, 5, 5];
    const tiers = pyramidTiers(value, { key: 0.1, large: 0.2, medium: 0.5 });
    expect(tiers.slice(0, 5)).toEqual(['key', 'large', 'medium', 'medium', 'medium']);
    const rows = summarizePyramid(tiers, value, value, undefined, 10);
    const key = rows.find((r) => r.tier === 'key');
    // Key: 1 customer of 20 (10 buyers + 10 prospects), 100 of 200 revenue.
    expect(key?.customerShare).toBeCloseTo(0.05, 12);
    expect(key?.revenueShare).toBeCloseTo(0.5, 12);
    expect(rows.find((r) => r.tier === 'prospect')?.customers).toBe(10);
    expect(rows.reduce((s, r) => s + r.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(key?.margin).toBeNull();
  });
  it('refuses cuts out of order', () => {
    expect(() => pyramidTiers([1, 2], { key: 0.3, large: 0.2, medium: 0.5 })).toThrow(/cuts/);
  });
});
