// Batches and classification: one batch per file content, re-import is a no-op, an overlapping newer
// export adds only its new rows, duplicates and exclusions are counted by reason and kept out of
// the `transactions` view, --strict stores nothing.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine, type Row } from '../engines/duckdb/duckdb-engine.ts';
import { importSales } from './import-sales.ts';
import { storeSnapshot } from './store-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function query(dataDir: string, sql: string): Promise<Row[]> {
  const db = await DuckDbEngine.open({ path: join(dataDir, 'analytics.duckdb'), threads: 1 });
  try {
    return await db.rows(sql);
  } finally {
    db.close();
  }
}

const HEADER = 'InvoiceNo,CustomerID,InvoiceDate,StockCode,Quantity,UnitPrice\n';
const JANUARY = ['536365,17850,2024-01-05 08:26,85123A,6,2.55', '536365,17850,2024-01-05 08:26,71053,6,3.39', '536366,13047,2024-01-06 09:00,22633,2,1.85'];
const FEBRUARY = ['536400,13047,2024-02-01 10:00,22633,4,1.85', '536401,,2024-02-02 11:00,84406B,1,2.75'];

describe('batches', () => {
  const data = join(dir, 'batches');

  it('re-importing the same content (even renamed) is a no-op that says so', async () => {
    const jan = file('jan.csv', HEADER + JANUARY.join('\n') + '\n');
    const first = await importSales({ path: jan, dataDir: data });
    expect(first).toMatchObject({ status: 'imported', batchId: 1, counts: { read: 3, loaded: 3 } });
    const after = await storeSnapshot(data);
    copyFileSync(jan, join(dir, 'jan-copy.csv'));
    for (const path of [jan, join(dir, 'jan-copy.csv')]) {
      const again = await importSales({ path, dataDir: data });
      expect(again).toMatchObject({ status: 'already-imported', batchId: 1, contentHash: first.contentHash, counts: first.counts });
      expect(await storeSnapshot(data)).toEqual(after);
    }
  });

  it('a newer export that overlaps the earlier one adds only its new rows', async () => {
    const janFeb = file('jan-feb.csv', HEADER + [...JANUARY, ...FEBRUARY].join('\n') + '\n');
    const r = await importSales({ path: janFeb, dataDir: data });
    expect(r).toMatchObject({ status: 'imported', batchId: 2, counts: { read: 5, alreadyLoaded: 3, loaded: 2, anonymous: 1 } });
    expect(await query(data, 'SELECT batch_id, count(*) AS n FROM sales_lines GROUP BY 1 ORDER BY 1')).toEqual([{ batch_id: 1, n: 3 }, { batch_id: 2, n: 2 }]);
    // The anonymous sale is stored (for products) but is not a customer transaction; transactions has
    // one row per order, so invoice 536365's two lines are one purchase: 536365, 536366, 536400.
    expect(await storeSnapshot(data)).toMatchObject({ batches: 2, lines: 5, transactions: 3 });
  });

  it('refuses, clearly, while another process holds the data folder', async () => {
    // DuckDB lets one process at a time open the file; a second cvm must say so rather than fail obscurely.
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const db = await DuckDBInstance.create(${JSON.stringify(join(data, 'analytics.duckdb'))});
      process.stdout.write('open\\n');
      setTimeout(() => db.closeSync(), 20000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      await expect(importSales({ path: file('mar.csv', HEADER + '536500,1,2024-03-01,X,1,1\n'), dataDir: data }))
        .rejects.toMatchObject({ code: 'store-busy', message: expect.stringMatching(/in use by another cvm process/) });
    } finally {
      holder.kill();
    }
  });
});

describe('classification', () => {
  it('counts duplicates, exclusions by reason and anonymous rows, and keeps all but duplicates stored', async () => {
    const data = join(dir, 'classes');
    const rows = [
      '536365,17850,2024-01-05,85123A,6,2.55', // loaded (line 2)
      '536365,17850,2024-01-05,85123A,6,2.55', // exact duplicate of line 2
      'C536379,14527,2024-01-05,D,-1,27.5', // cancelled (prefix C)
      '536380,14527,2024-01-05,22633,0,1.85', // non-positive-quantity
      '536381,14527,2024-01-05,22634,-3,1.85', // non-positive-quantity (negative, no cancel mark)
      '536382,14527,2024-01-05,B,1,0', // non-positive-price
      '536383,14527,2024-01-05,B,1,-11062.06', // non-positive-price
      '536384,,2024-01-05,22633,2,1.85', // anonymous, loaded
      '536385,17850,2024-01-05,85123A,6,2.55', // same as line 2 except the invoice: not a duplicate
    ];
    const r = await importSales({ path: file('classes.csv', HEADER + rows.join('\n') + '\n'), dataDir: data });
    expect(r.counts).toEqual({
      read: 9, loaded: 3, anonymous: 1, duplicates: 1, alreadyLoaded: 0,
      excluded: { total: 5, byReason: { cancelled: 1, 'non-positive-quantity': 2, 'non-positive-price': 2 } },
      rejected: { total: 0, byReason: {} },
    });
    expect(await query(data, 'SELECT source_line, exclusion FROM sales_lines ORDER BY 1')).toEqual([
      { source_line: 2, exclusion: null }, { source_line: 4, exclusion: 'cancelled' }, { source_line: 5, exclusion: 'non-positive-quantity' },
      { source_line: 6, exclusion: 'non-positive-quantity' }, { source_line: 7, exclusion: 'non-positive-price' },
      { source_line: 8, exclusion: 'non-positive-price' }, { source_line: 9, exclusion: null }, { source_line: 10, exclusion: null },
    ]);
    expect(await query(data, 'SELECT order_id, customer_id, amount FROM transactions ORDER BY order_id')).toEqual([
      { order_id: '536365', customer_id: '17850', amount: 15.3 }, { order_id: '536385', customer_id: '17850', amount: 15.3 },
    ]);
  });

  it('reads cancellation and return flags and an amount column (non-positive-amount)', async () => {
    const data = join(dir, 'flags');
    const csv = '订单号,会员编号,日期,实付金额,是否取消,退货\nA1,M1,2024-05-01,100,否,\nA2,M1,2024-05-02,80,是,\nA3,M2,2024-05-03,50,,1\nA4,M2,2024-05-04,0,,\nA5,M3,2024-05-05,-5,,\n';
    const r = await importSales({ path: file('flags.csv', csv), dataDir: data });
    expect(r.mapping).toEqual({ order: '订单号', customer: '会员编号', date: '日期', amount: '实付金额', cancelFlag: '是否取消', returnFlag: '退货' });
    expect(r.counts).toMatchObject({ loaded: 1, excluded: { total: 4, byReason: { cancelled: 1, return: 1, 'non-positive-amount': 2 } } });
  });

  it('drops the default prefix C when it is the id scheme (with a warning), keeps it when asked for', async () => {
    const csv = 'order_id,customer_id,date,amount\nCN-1,A,2024-01-01,5\nCN-2,B,2024-01-02,6\nX-3,C,2024-01-03,7\n';
    const auto = await importSales({ path: file('cn.csv', csv), dataDir: join(dir, 'cn1') });
    expect(auto).toMatchObject({ cancelPrefix: '', counts: { loaded: 3 } });
    expect(auto.warnings[0]).toMatch(/67 % of the order_id values start with "C"/);
    const forced = await importSales({ path: file('cn.csv', csv), dataDir: join(dir, 'cn2'), cancelPrefix: 'C' });
    expect(forced).toMatchObject({ cancelPrefix: 'C', counts: { loaded: 1, excluded: { byReason: { cancelled: 2 } } }, warnings: [] });
  });
});

describe('--strict and Parquet', () => {
  it('--strict stores nothing when a row is rejected, but writes the reject file', async () => {
    const data = join(dir, 'strict');
    await importSales({ path: file('ok.csv', HEADER + JANUARY.join('\n') + '\n'), dataDir: data });
    const before = await storeSnapshot(data);
    const bad = file('bad.csv', HEADER + FEBRUARY[0] + '\n536402,13047,not a date,22633,1,1\n');
    await expect(importSales({ path: bad, dataDir: data, strict: true })).rejects.toMatchObject({
      code: 'strict-rejects', message: expect.stringMatching(/1 of 2 rows of bad\.csv were rejected \(bad-date: 1\); nothing was imported.*2-bad\.csv\.rejects\.csv/),
    });
    expect(await storeSnapshot(data)).toEqual(before);
    expect(existsSync(join(data, 'rejects', '2-bad.csv.rejects.csv'))).toBe(true);
    // Without --strict the same file imports as batch 2, and its reject file replaces the strict run's.
    const r = await importSales({ path: bad, dataDir: data });
    expect(r).toMatchObject({ batchId: 2, counts: { loaded: 1, rejected: { total: 1 } }, rejectFile: join(data, 'rejects', '2-bad.csv.rejects.csv') });
  });

  it('a Parquet file gives the same lines as the CSV it was written from', async () => {
    const csv = file('p.csv', HEADER + [...JANUARY, ...FEBRUARY, 'C536999,17850,2024-02-03 12:00,71053,-1,3.39'].join('\n') + '\n');
    const parquet = join(dir, 'p.parquet');
    const db = await DuckDbEngine.open({ threads: 1 });
    // Typed columns (BIGINT ids, TIMESTAMP, DOUBLE) as a real export would have them.
    await db.run(`COPY (SELECT InvoiceNo, CustomerID::BIGINT AS CustomerID, InvoiceDate::TIMESTAMP AS InvoiceDate, StockCode,
      Quantity::INT AS Quantity, UnitPrice::DOUBLE AS UnitPrice FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    db.close();
    const fromCsv = await importSales({ path: csv, dataDir: join(dir, 'pc') });
    const fromParquet = await importSales({ path: parquet, dataDir: join(dir, 'pp') });
    expect(fromParquet).toMatchObject({ format: 'parquet', encoding: null, counts: fromCsv.counts });
    const csvSnap = await storeSnapshot(join(dir, 'pc'));
    const parquetSnap = await storeSnapshot(join(dir, 'pp'));
    // Line numbers differ by the CSV header (Parquet rows count from 1), so compare everything else.
    expect({ ...parquetSnap, linesHash: '', batchCounts: [] }).toEqual({ ...csvSnap, linesHash: '', batchCounts: [] });
    expect(await query(join(dir, 'pp'), 'SELECT min(source_line) AS a, max(source_line) AS b FROM sales_lines')).toEqual([{ a: 1, b: 6 }]);
  });
});
