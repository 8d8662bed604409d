import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { isUnavailable } from '../report/report-data.ts';
import { SCHEMA_SQL } from '../ingest/sales-store.ts';
import { LOYALTY_FACTS_SQL, retailLoyalty } from './retail-loyalty.ts';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 1 });
  await db.run(SCHEMA_SQL);
  // batch, line, order, customer, ts, product, name, quantity, unit price, amount, discount, store, channel, country, exclusion
  const line = (n: number, order: string, customer: string, day: string, amount: number, discount: number | null, exclusion: string | null = null): string =>
    `(1, ${n}, '${order}', '${customer}', TIMESTAMP '2026-01-${day}', 'p', NULL, 1, ${amount}, ${amount}, ${discount ?? 'NULL'}, NULL, NULL, NULL, ${exclusion === null ? 'NULL' : `'${exclusion}'`})`;
  await db.run(`INSERT INTO sales_lines VALUES ${[
    line(2, 'o1', 'a', '01', 30, 5), line(3, 'o1', 'a', '01', 10, 0), line(4, 'o2', 'a', '11', 60, 0),
    line(5, 'o3', 'b', '02', 50, 0),
    line(6, 'o4', 'c', '03', 20, 2), line(7, 'o5', 'c', '04', -20, -2, 'non-positive-quantity'),
  ].join(', ')}`);
});
afterAll(() => db.close());

describe('the discount share', () => {
  it('per customer: the part of their spend on lines with a discount > 0 (excluded lines left out)', async () => {
    const rows = await db.rows(`SELECT customer_id, spend, discounted_spend, discount_share FROM (${LOYALTY_FACTS_SQL}) ORDER BY 1`);
    expect(rows.map((r) => [r.customer_id, Number(r.spend), Number(r.discounted_spend), Number(r.discount_share)]))
      .toEqual([['a', 100, 30, 0.3], ['b', 50, 0, 0], ['c', 20, 20, 1]]);
  });

  it('store-wide: all discounted spend over all spend', async () => {
    const l = await retailLoyalty(db);
    if (isUnavailable(l.discountShare)) throw new Error('the lines have discounts');
    expect(l.discountShare.share).toBeCloseTo((30 + 20) / (100 + 50 + 20), 12);
  });
});

describe('sales without discounts', () => {
  it('give the same measures as the full facts, with the share unavailable', async () => {
    const other = await DuckDbEngine.open({ threads: 1 });
    try {
      await other.run(SCHEMA_SQL);
      await other.run(`INSERT INTO sales_lines SELECT 1, range, 'o' || (range // 2), 'c' || (range % 7), TIMESTAMP '2026-01-01' + INTERVAL (range % 40) DAY,
        NULL, NULL, NULL, NULL, 1.5 + range % 9, NULL, NULL, NULL, NULL, CASE WHEN range % 11 = 0 THEN 'return' END FROM range(200)`);
      const l = await retailLoyalty(other);
      expect(isUnavailable(l.discountShare)).toBe(true);
      const [f] = await other.rows(`SELECT count(*) AS customers, count(*) FILTER (WHERE orders >= 2) AS repeaters,
        sum(orders - 1) FILTER (WHERE orders >= 2) AS gaps, sum(gap_days_sum) FILTER (WHERE orders >= 2) AS gap_days FROM (${LOYALTY_FACTS_SQL})`);
      expect(l.customers).toBe(Number(f.customers));
      expect(l.repeatRate).toBe(Number(f.repeaters) / Number(f.customers));
      expect(l.meanDaysBetweenOrders).toBe(Number(f.gap_days) / Number(f.gaps));
    } finally {
      other.close();
    }
  });
});
