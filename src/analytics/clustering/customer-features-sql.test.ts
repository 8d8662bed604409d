import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { customerFeaturesSql } from './customer-features-sql.ts';
import { loadOrderLines } from './load-order-lines.ts';

let dir: string;
let db: DuckDbEngine;
beforeAll(async () => { dir = mkdtempSync(join(tmpdir(), 'cvm-features-')); db = await DuckDbEngine.open({ threads: 1 }); });
afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

// Order lines in the Online Retail layout: quantity × unit price, invoices, a cancellation invoice
// (C…, negative quantity), a guest line without a customer, discounts and categories.
const LINES = `Invoice,Customer,When,Qty,Price,Disc,Cat
1,A,2024-01-01 10:00:00,2,5.0,0,rice
1,A,2024-01-01 10:00:00,1,10.0,1.5,oil
2,A,2024-01-21 09:00:00,4,2.5,0,rice
C3,A,2024-01-22 09:00:00,-1,10.0,0,oil
4,B,2024-01-11 12:00:00,1,100.0,0,wine
5,,2024-01-15 12:00:00,3,1.0,0,rice
6,B,2024-01-31 18:00:00,1,1.0,0,rice
`;

describe('order lines → customer features', () => {
  it('loads quantity × price, skips guest lines and computes each feature as documented', async () => {
    const p = join(dir, 'lines.csv');
    writeFileSync(p, LINES);
    const info = await loadOrderLines(db, p, { customer: 'Customer', date: 'When', quantity: 'Qty', price: 'Price', order: 'Invoice', discount: 'Disc', category: 'Cat' });
    expect(info).toMatchObject({ rows: 7, loaded: 6, skippedNoCustomer: 1, customers: 2, amountFrom: 'Qty × Price', firstDay: '2024-01-01', lastDay: '2024-01-31' });
    await db.run(customerFeaturesSql({ end: info.lastDay, has: info.has }));
    const rows = await db.rows('SELECT * FROM customer_features ORDER BY customer_id');
    // A: orders 1 (20.0, 3 items, day 1) and 2 (10.0, 4 items, day 21); C3 is all negative, not an order.
    //   recency 31 − 21 = 10 days; frequency 2; net spend 20 + 10 − 10 = 20 → monetary 10 per order;
    //   basket (3 + 4)/2 = 3.5; discount on 1 of 3 purchase lines; categories rice, oil = 2.
    // B: orders 4 (100) and 6 (1): recency 0; monetary 50.5; basket 1; no discount; wine, rice.
    expect(rows).toEqual([
      { customer_id: 'A', recency_days: 10, frequency: 2, monetary: 10, basket_size: 3.5, discount_share: 1 / 3, categories: 2, total_spend: 20 },
      { customer_id: 'B', recency_days: 0, frequency: 2, monetary: 50.5, basket_size: 1, discount_share: 0, categories: 2, total_spend: 101 },
    ]);
  });

  it('counts one purchase per customer-day without an order column, and ignores lines after the end', async () => {
    const p = join(dir, 'days.csv');
    writeFileSync(p, 'id,day,amt\nA,2024-01-01,5\nA,2024-01-01,7\nA,2024-01-05,3\nA,2024-02-01,100\n');
    const info = await loadOrderLines(db, p, { customer: 'id', date: 'day', amount: 'amt' });
    await db.run(customerFeaturesSql({ end: '2024-01-10', has: info.has }));
    expect(await db.rows('SELECT * FROM customer_features')).toEqual([
      { customer_id: 'A', recency_days: 5, frequency: 2, monetary: 7.5, total_spend: 15 },
    ]);
  });

  it('refuses an unparseable date with its line and a missing amount with the columns to give', async () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'id,day,amt\nA,2024-01-01,5\nB,13/01/2024,7\n');
    await expect(loadOrderLines(db, p, { customer: 'id', date: 'day', amount: 'amt' })).rejects.toThrow(/1 of 2 rows in bad.csv have a date that does not parse \(line 3: "13\/01\/2024"\)/);
    await expect(loadOrderLines(db, p, { customer: 'id', date: 'day' })).rejects.toThrow(/give the amount column, or the quantity and unit price columns/);
    await expect(loadOrderLines(db, p, { customer: 'id', date: 'when', amount: 'amt' })).rejects.toThrow(/date column "when" not found in bad.csv \(columns: id, day, amt\)/);
  });
});

// The two-pass form the one-pass SQL replaced: line counts per customer from a second scan, joined.
const twoPass = (end: string): string => `CREATE OR REPLACE TABLE two_pass AS
WITH lines AS (SELECT * FROM random_lines WHERE CAST(ts AS DATE) <= DATE '${end}'),
orders AS (
  SELECT customer_id, coalesce(order_id, CAST(CAST(ts AS DATE) AS VARCHAR)) AS order_key, min(CAST(ts AS DATE)) AS day, sum(amount) AS amount,
    sum(quantity) FILTER (WHERE amount >= 0) AS items, bool_or(amount >= 0) AS purchase
  FROM lines GROUP BY ALL
), line_stats AS (
  SELECT customer_id, count(*) FILTER (WHERE amount >= 0) AS purchase_lines, count(*) FILTER (WHERE amount >= 0 AND discount > 0) AS discounted
  FROM lines GROUP BY customer_id
)
SELECT o.customer_id, CAST(date_diff('day', max(day) FILTER (WHERE purchase), DATE '${end}') AS DOUBLE) AS recency_days,
  CAST(count(*) FILTER (WHERE purchase) AS DOUBLE) AS frequency, sum(amount) / count(*) FILTER (WHERE purchase) AS monetary,
  sum(items) FILTER (WHERE purchase) / count(*) FILTER (WHERE purchase) AS basket_size, max(discounted) / max(purchase_lines) AS discount_share,
  sum(amount) AS total_spend
FROM orders o JOIN line_stats USING (customer_id) GROUP BY o.customer_id HAVING count(*) FILTER (WHERE purchase) > 0 ORDER BY o.customer_id`;

describe('one pass over the lines', () => {
  it('gives the two-pass form\'s features on random lines (returns, discounts, guests, lines without an order)', async () => {
    await db.run(`SELECT setseed(0.3);
      CREATE OR REPLACE TABLE random_lines AS
      SELECT CASE WHEN random() < 0.05 THEN NULL ELSE 'c' || CAST(floor(random() * 200) AS INTEGER) END AS customer_id,
        CASE WHEN random() < 0.3 THEN NULL ELSE 'o' || CAST(floor(random() * 1500) AS INTEGER) END AS order_id,
        TIMESTAMP '2024-01-01' + to_seconds(CAST(floor(random() * 90 * 86400) AS BIGINT)) AS ts,
        round((random() - 0.15) * 100) / 4 AS amount, CAST(1 + floor(random() * 4) AS DOUBLE) AS quantity,
        CASE WHEN random() < 0.3 THEN 1.0 ELSE 0.0 END AS discount, NULL::VARCHAR AS category
      FROM range(5000)`);
    await db.run(twoPass('2024-03-15'));
    await db.run(customerFeaturesSql({ source: 'random_lines', end: '2024-03-15', has: { order: true, quantity: true, discount: true, category: false }, target: 'one_pass' }));
    const expected = await db.rows('SELECT * FROM two_pass');
    expect(expected.length).toBeGreaterThan(150);
    expect(expected.some((r) => Number(r.discount_share) > 0 && Number(r.discount_share) < 1)).toBe(true);
    expect(await db.rows('SELECT * FROM one_pass')).toEqual(expected);
  });
});
