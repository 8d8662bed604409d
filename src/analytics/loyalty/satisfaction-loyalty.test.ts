import { describe, expect, it } from 'vitest';
import { loyaltyMeasures, netPromoterScore, quadrantOf } from './satisfaction-loyalty.ts';

describe('loyalty and satisfaction', () => {
  it('NPS: 3 promoters, 1 passive, 2 detractors of 6 → (3 − 2)/6 = 16.7', () => {
    const r = netPromoterScore([10, 9, 9, 8, 6, 0]);
    expect([r.promoters, r.passives, r.detractors]).toEqual([3, 1, 2]);
    expect(r.nps).toBeCloseTo(100 / 6, 12);
    expect(() => netPromoterScore([11])).toThrow(/0–10/);
  });
  it('Jones & Sasser quadrants', () => {
    expect(quadrantOf(5, 0.9)).toBe('apostle');
    expect(quadrantOf(2, 0.9)).toBe('hostage');
    expect(quadrantOf(5, 0.1)).toBe('mercenary');
    expect(quadrantOf(1, 0.1)).toBe('defector');
  });
  it('base measures from per-customer facts', () => {
    // Customers: 3 orders with gaps summing 40 days; 1 order; 2 orders 10 days apart.
    const m = loyaltyMeasures({ orders: [3, 1, 2], gapDaysSum: [40, 0, 10], spend: [100, 20, 80], discountedSpend: [50, 0, 0], complained: [1, 1, 0], boughtAfterComplaint: [1, 0, 0] });
    expect(m.repeatRate).toBeCloseTo(2 / 3, 12);
    expect(m.meanDaysBetweenOrders).toBeCloseTo(50 / 3, 12); // 3 gaps, 50 days
    expect(m.discountShare).toBeCloseTo(0.25, 12);
    expect(m.boughtAfterComplaint).toBe(0.5);
  });
});
