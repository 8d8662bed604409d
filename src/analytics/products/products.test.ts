import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { dueSql, estimateReplenishment, replenishmentSql } from '../replenishment/replenishment.ts';
import { evaluateHotProducts, hotProductMeasuresSql } from './hot-products.ts';

describe('hot products', () => {
  it('meets all four conditions, or says which is unknown', () => {
    const r = evaluateHotProducts([
      { productId: 'rice', weeklyUnits: 80, firstTimeBuyerShare: 0.45, favorites: 600, views: 5000 },
      { productId: 'oil', weeklyUnits: 80, firstTimeBuyerShare: 0.2, favorites: 600, views: 5000 },
      { productId: 'tea', weeklyUnits: 60, firstTimeBuyerShare: 0.5, favorites: null, views: null },
    ]);
    expect(r.map((p) => [p.productId, p.hot, p.met])).toEqual([['rice', true, 4], ['tea', true, 2], ['oil', false, 3]]);
    expect(r.find((p) => p.productId === 'oil')?.conditions.firstTimeBuyerShare).toBe('not-met');
    expect(r.find((p) => p.productId === 'tea')?.conditions.views).toBe('unknown');
  });
  it('measures weekly units and first-time buyers in DuckDB', async () => {
    const db = await DuckDbEngine.open();
    try {
      await db.run(`CREATE TABLE sales_lines AS SELECT * FROM (VALUES
        ('A', 'o1', 'rice', 'Rice', TIMESTAMP '2026-06-01 10:00', 10.0, NULL),
        ('A', 'o2', 'rice', 'Rice', TIMESTAMP '2026-06-20 10:00', 10.0, NULL),
        ('B', 'o3', 'oil', 'Oil', TIMESTAMP '2026-05-01 10:00', 1.0, NULL),
        ('B', 'o4', 'rice', 'Rice', TIMESTAMP '2026-06-25 10:00', 20.0, NULL),
        ('C', 'o5', 'rice', 'Rice', TIMESTAMP '2026-06-26 10:00', 99.0, 'cancelled')
      ) AS t(customer_id, order_id, product_id, product_name, ts, quantity, exclusion)`);
      await db.run(`CREATE TABLE product_events AS SELECT * FROM (VALUES ('rice', 'view', TIMESTAMP '2026-06-02'), ('rice', 'view', TIMESTAMP '2026-06-03'), ('rice', 'favorite', TIMESTAMP '2026-06-03')) AS t(product_id, event, ts)`);
      const rows = await db.rows(hotProductMeasuresSql('2026-06-30', 5, true));
      // Rice in the 5 weeks (35 days) to 2026-06-30, i.e. from 05-26: 10 + 10 + 20 units (the cancelled
      // line excluded) = 40 → 8 a week; buyers A (first purchase was this rice, 06-01) and B (first
      // bought oil in May) → ½.
      expect(rows).toEqual([{ product_id: 'rice', name: 'Rice', weekly_units: 8, first_time_buyer_share: 0.5, favorites: 1, views: 2 }]);
      // With 4 weeks (from 06-02) A's first purchase falls outside: 30 units → 7.5, share 0.
      const [four] = await db.rows(hotProductMeasuresSql('2026-06-30', 4, true));
      expect([four.weekly_units, four.first_time_buyer_share]).toEqual([7.5, 0]);
    } finally {
      db.close();
    }
  });
});

describe('replenishment', () => {
  it('median interval and next date; too few purchases → no estimate', () => {
    // Days 0, 30, 58, 90 → gaps 30, 28, 32 → median 30 → next 120.
    expect(estimateReplenishment([0, 30, 58, 90, 90])).toEqual({ purchases: 4, medianIntervalDays: 30, lastPurchaseDay: 90, nextPurchaseDay: 120 });
    expect(estimateReplenishment([0, 30])).toBeNull();
  });
  it('the SQL gives the same estimates and the due list', async () => {
    const db = await DuckDbEngine.open();
    try {
      await db.run(`CREATE TABLE sales_lines AS SELECT 'A' AS customer_id, 'rice' AS product_id, DATE '2026-01-01' + INTERVAL (d) DAY AS ts, NULL AS exclusion
        FROM (VALUES (0), (30), (58), (90), (90)) AS t(d)`);
      const [row] = await db.rows(replenishmentSql());
      expect(row.purchases).toBe(4);
      expect(row.median_interval_days).toBe(30);
      const due = await db.rows(dueSql('2026-04-25', 10));
      // Last purchase 2026-04-01 (day 90) + 30 = 2026-05-01, within 10 days of 2026-04-25.
      expect(due).toHaveLength(1);
      expect(await db.rows(dueSql('2026-04-01', 10))).toHaveLength(0);
    } finally {
      db.close();
    }
  });
});
