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
