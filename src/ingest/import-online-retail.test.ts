// Issue 4's acceptance on the UCI Online Retail file (541,909 rows, MANIFEST.tsv): imported with no
// mapping flags; rows without CustomerID, cancelled invoices ("C…"), non-positive quantities and
// prices are each counted and kept out of `transactions`; read reconciles exactly. The expected
// counts are computed independently: DuckDB's own CSV sniffer and types over the raw file, with
// the classification rules written out again in plain SQL.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine, type Row } from '../engines/duckdb/duckdb-engine.ts';
import { sharedData } from '../testing/shared-data.ts';
import { importSales, type ImportSalesResult } from './import-sales.ts';

const FILE = sharedData('online-retail/onlineretail.csv.gz');
const dir = mkdtempSync(join(tmpdir(), 'cvm-retail-'));
let result: ImportSalesResult;
let expected: Row;
let store: DuckDbEngine;

beforeAll(async () => {
  result = await importSales({ path: FILE, dataDir: dir });
  store = await DuckDbEngine.open({ path: join(dir, 'analytics.duckdb') });
  // Exact duplicates are rows equal in all eight columns (all are mapped); each class is then taken
  // in the importer's order: cancelled first, then quantity ≤ 0, then price ≤ 0.
  const [row] = await store.rows(`WITH raw AS (SELECT * FROM read_csv('${FILE}')),
    d AS (SELECT DISTINCT * FROM raw),
    c AS (SELECT *, CASE WHEN InvoiceNo LIKE 'C%' THEN 'cancelled' WHEN Quantity <= 0 THEN 'q' WHEN UnitPrice <= 0 THEN 'p' END AS why FROM d)
    SELECT (SELECT count(*) FROM raw) AS read, (SELECT count(*) FROM raw) - (SELECT count(*) FROM d) AS duplicates,
      count(*) FILTER (WHERE why = 'cancelled') AS cancelled, count(*) FILTER (WHERE why = 'q') AS q, count(*) FILTER (WHERE why = 'p') AS p,
      count(*) FILTER (WHERE why IS NULL) AS loaded, count(*) FILTER (WHERE why IS NULL AND CustomerID IS NULL) AS anonymous,
      count(DISTINCT InvoiceNo) FILTER (WHERE why IS NULL AND CustomerID IS NOT NULL) AS tx, sum(Quantity * UnitPrice) FILTER (WHERE why IS NULL AND CustomerID IS NOT NULL) AS spend,
      (SELECT count(*) FROM raw WHERE CustomerID IS NULL) AS no_customer, (SELECT count(*) FROM raw WHERE InvoiceNo LIKE 'C%') AS c_invoices
    FROM c`);
  expected = row;
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cvm import of UCI Online Retail (no mapping flags)', () => {
  it('detects the columns and counts every class exactly as the independent query does', () => {
    expect(expected.read).toBe(541909); // MANIFEST.tsv: 541,909 data rows
    expect(result.mapping).toMatchObject({ customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', quantity: 'Quantity', unitPrice: 'UnitPrice' });
    expect(result.counts).toEqual({
      read: expected.read, loaded: expected.loaded, anonymous: expected.anonymous, duplicates: expected.duplicates, alreadyLoaded: 0,
      excluded: {
        total: Number(expected.cancelled) + Number(expected.q) + Number(expected.p),
        byReason: { cancelled: expected.cancelled, 'non-positive-quantity': expected.q, 'non-positive-price': expected.p },
      },
      rejected: { total: 0, byReason: {} },
    });
    const c = result.counts;
    expect(c.loaded + c.excluded.total + c.duplicates + c.alreadyLoaded + c.rejected.total).toBe(c.read);
    // Sanity of the independent query itself: the file's raw totals, before de-duplication.
    expect([expected.no_customer, expected.c_invoices]).toEqual([135080, 9288]);
  });

  it('keeps excluded and anonymous rows stored but out of transactions, whose spend matches', async () => {
    const [s] = await store.rows(`SELECT count(*) AS lines, count(*) FILTER (WHERE exclusion IS NOT NULL) AS excluded,
      count(*) FILTER (WHERE exclusion IS NULL AND customer_id IS NULL) AS anonymous FROM sales_lines`);
    expect(s).toEqual({ lines: Number(expected.loaded) + result.counts.excluded.total, excluded: result.counts.excluded.total, anonymous: expected.anonymous });
    const [t] = await store.rows(`SELECT count(*) AS n, sum(amount) AS spend, count(*) FILTER (WHERE amount <= 0) AS non_positive,
      count(*) FILTER (WHERE starts_with(order_id, 'C')) AS cancelled FROM transactions`);
    expect(t).toMatchObject({ n: expected.tx, non_positive: 0, cancelled: 0 });
    // Sums of the same ~400k products in a different order: relative 1e-12 is far above the rounding
    // of a double sum of this size (~n·ε ≈ 1e-10 absolute on 8.9e6) yet would catch one missing line.
    expect(Math.abs(Number(t.spend) - Number(expected.spend)) / Number(expected.spend)).toBeLessThan(1e-12);
  });

  it('stores each line under its own line number in the file (checked on 2,000 lines read in plain JS)', async () => {
    const lines = gunzipSync(readFileSync(FILE)).toString('utf8').split('\n');
    const picks = Array.from({ length: 2000 }, (_, k) => 2 + Math.floor((k * 7919) % (lines.length - 2)));
    const got = await store.rows(`SELECT source_line, order_id, product_id FROM sales_lines WHERE source_line IN (${picks.join(',')})`);
    const byLine = new Map(got.map((g) => [Number(g.source_line), g]));
    let checked = 0;
    for (const line of picks) {
      const g = byLine.get(line);
      if (!g) continue; // a dropped duplicate has no stored line
      const [invoice, stock] = lines[line - 1].split(',').map((f) => f.replace(/^"|"$/g, ''));
      expect([g.order_id, g.product_id]).toEqual([invoice, stock]);
      checked++;
    }
    expect(checked).toBeGreaterThan(1950);
  });
});
