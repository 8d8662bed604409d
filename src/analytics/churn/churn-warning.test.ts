// Churn ranking and thresholds on a hand-made base; every number is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { churnCsv, churnList } from './churn-list.ts';
import { rankValueAtRisk } from './churn-warning.ts';

// value at risk = (1 − p) × value: a 10, b 40, c 60, d 9, e 80, f unknown (no value), g 0.
const base = {
  ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  pAlive: [0.9, 0.2, 0.4, 0.1, 0.6, 0.5, 0.3],
  value: [100, 50, 100, 10, 200, Number.NaN, 0],
  lastPurchase: ['2024-06-01', '2024-01-15', '2024-03-01', null, '2024-05-20', '2024-02-02', '2023-12-01'],
};
const byId = (flags: ArrayLike<number>): string[] => base.ids.filter((_, i) => flags[i]);

describe('ranking by value at risk', () => {
  it('ranks by (1 − P(alive)) × value and leaves out customers without a value', () => {
    const r = rankValueAtRisk(base);
    expect(Array.from(r.valueAtRisk).map((v) => (Number.isNaN(v) ? null : Number(v.toFixed(10))))).toEqual([10, 40, 60, 9, 80, null, 0]);
    expect(Array.from(r.order).map((i) => base.ids[i])).toEqual(['e', 'c', 'b', 'a', 'd', 'g']);
    expect(Array.from(r.rank)).toEqual([4, 3, 2, 5, 1, 0, 6]);
    expect([r.customers, r.excluded]).toEqual([7, 1]);
    expect(r.totalValueAtRisk).toBeCloseTo(199, 12);
  });

  it('flags P(alive) < 0.5 by default: c, b, d and g (g has nothing at risk but is likely gone)', () => {
    const r = rankValueAtRisk(base);
    expect(byId(r.flagged)).toEqual(['b', 'c', 'd', 'g']);
    expect([r.flaggedCount, Number(r.flaggedValueAtRisk.toFixed(10))]).toEqual([4, 109]); // 60 + 40 + 9 + 0
    expect(byId(rankValueAtRisk(base, { kind: 'p-alive', tau: 0.25 }).flagged)).toEqual(['b', 'd']);
  });

  it('flags the smallest top set holding the share of value at risk', () => {
    // 50 % of 199 = 99.5: e (80) is not enough, e + c (140) is; e is flagged though P(alive) = 0.6.
    expect(byId(rankValueAtRisk(base, { kind: 'value-share', share: 0.5 }).flagged)).toEqual(['c', 'e']);
    // 80 % = 159.2: e + c + b = 180.
    expect(byId(rankValueAtRisk(base, { kind: 'value-share', share: 0.8 }).flagged)).toEqual(['b', 'c', 'e']);
    // 100 %: everyone down to d (199); g adds nothing and is not needed.
    expect(byId(rankValueAtRisk(base, { kind: 'value-share', share: 1 }).flagged)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('breaks ties by the lower P(alive), then the id', () => {
    // All three have exactly 10 at risk (binary fractions): x and z (P(alive) 0.5, value 20) before
    // y (P(alive) 0.75, value 40), and x before z by id.
    const r = rankValueAtRisk({ ids: ['z', 'y', 'x'], pAlive: [0.5, 0.75, 0.5], value: [20, 40, 20] });
    expect(Array.from(r.order).map((i) => ['z', 'y', 'x'][i])).toEqual(['x', 'z', 'y']);
  });

  it('refuses impossible inputs and thresholds', () => {
    expect(() => rankValueAtRisk({ ids: ['a'], pAlive: [1.2], value: [1] })).toThrow(/customer a: P\(alive\) must be between 0 and 1/);
    expect(() => rankValueAtRisk({ ids: ['a'], pAlive: [0.2], value: [-1] })).toThrow(/expected value must be a finite number ≥ 0/);
    expect(() => rankValueAtRisk({ ids: ['a', 'b'], pAlive: [0.2], value: [1] })).toThrow(/same length/);
    expect(() => rankValueAtRisk(base, { kind: 'p-alive', tau: 0 })).toThrow(/threshold must be in \(0, 1\]/);
    expect(() => rankValueAtRisk(base, { kind: 'value-share', share: 1.5 })).toThrow(/share must be in \(0, 1\]/);
  });
});

describe('the list for staff', () => {
  it('gives the flagged customers in rank order with reasons in English and Chinese', () => {
    const rows = churnList(base, rankValueAtRisk(base), { top: 2 });
    expect(rows.map((r) => [r.rank, r.customerId])).toEqual([[2, 'c'], [3, 'b']]);
    // As of the latest last purchase (2024-06-01): c bought on 2024-03-01, 92 days before.
    expect(rows[0]).toMatchObject({ pAlive: 0.4, value: 100, lastPurchase: '2024-03-01', daysSinceLastPurchase: 92 });
    expect(rows[0].reasonEn).toBe('P(alive) 0.40 is below the 0.50 threshold; expected value 100.00, of which 60.00 at risk (rank 2 of 6); last purchase 2024-03-01, 92 days before 2024-06-01.');
    expect(rows[0].reasonZh).toBe('存活概率 0.40 低于阈值 0.50；预期价值 100.00，其中风险价值 60.00（排名 2/6）；最近一次购买 2024-03-01，距 2024-06-01 已 92 天。');
  });

  it('explains the value-share rule and copes with a missing last purchase', () => {
    const rule = { kind: 'value-share', share: 1 } as const;
    const rows = churnList(base, rankValueAtRisk(base, rule), { asOf: '2024-07-01' });
    const d = rows.find((r) => r.customerId === 'd');
    expect(d?.reasonEn).toBe('Among the top customers holding 100% of all value at risk; P(alive) 0.10; expected value 10.00, of which 9.00 at risk (rank 5 of 6).');
    expect(d?.reasonZh).toBe('属于合计占全部风险价值 100% 的高风险客户；存活概率 0.10；预期价值 10.00，其中风险价值 9.00（排名 5/6）。');
    expect(rows.find((r) => r.customerId === 'e')?.daysSinceLastPurchase).toBe(42); // 2024-05-20 → 2024-07-01
  });

  it('writes CSV with a BOM, CRLF lines and quoted reasons', () => {
    const csv = churnCsv(churnList({ ...base, ids: base.ids.map((id) => (id === 'c' ? 'c,"1"' : id)) }, rankValueAtRisk(base), { top: 1 }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFcustomer_id,p_alive,value,value_at_risk,rank,last_purchase,days_since_last_purchase,reason_en,reason_zh');
    expect(lines[1]).toMatch(/^"c,""1""",0\.4000,100\.00,60\.00,2,2024-03-01,92,"P\(alive\) 0\.40 is below[^"]*",存活概率 0\.40/);
    expect(lines).toHaveLength(3); // header, one row, and the final line break
  });
});
