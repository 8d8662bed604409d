import { describe, expect, it } from 'vitest';
import { clvInterval, clvOf } from './clv-columns.ts';

describe('clv columns', () => {
  it('finds the predicted value whatever its horizon', () => {
    expect(clvOf({ customer_id: 'a', clv_12m: 4.5 })).toBe(4.5);
    expect(clvOf({ customer_id: 'a', clv_24m: 9 })).toBe(9);
    expect(clvOf({ customer_id: 'a', clv: 2 })).toBe(2);
    expect(clvOf({ customer_id: 'a', clv_12m: null })).toBeNull();
  });
  it('does not take an interval bound for the value', () => {
    expect(clvOf({ clv_12m_lower: 1, clv_12m: 3, clv_12m_upper: 5 })).toBe(3);
  });
  it('reads the interval when both bounds are there', () => {
    expect(clvInterval({ clv_12m: 3, clv_12m_lower: 1, clv_12m_upper: 5 })).toEqual([1, 5]);
    expect(clvInterval({ clv_12m: 3, clv_12m_lower: 1 })).toBeNull();
  });
});
