import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine, type Row } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { importSales } from './import-sales.ts';
import { createRowsSql, dateSql } from './sales-sql.ts';

let db: DuckDbEngine;
const dir = mkdtempSync(join(tmpdir(), 'cvm-sales-sql-'));
beforeAll(async () => { db = await DuckDbEngine.open({ threads: 1 }); });
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The parsed timestamp of each text as 'YYYY-MM-DD HH:MM:SS', or null. */
async function parse(values: string[], dateFormat?: string): Promise<(string | null)[]> {
  const list = values.map((v) => `(${quoteString(v)})`).join(', ');
  const rows = await db.rows(`SELECT strftime(${dateSql('v', dateFormat)}, '%Y-%m-%d %H:%M:%S') AS t FROM (VALUES ${list}) AS x(v)`);
  return rows.map((r) => (r.t === null ? null : String(r.t)));
}

describe('dateSql', () => {
  it('reads every supported layout, mixed in one column', async () => {
    expect(await parse([
      '2011-01-05', '20110105', '2011/01/05', '2011.01.05', '2011年01月05日', '2011年1月5日 10:30',
      '2011-01-05 10:30:15', '2011-01-05 10:30', '2011/01/05 10:30:15', '2011-1-5',
    ])).toEqual([
      '2011-01-05 00:00:00', '2011-01-05 00:00:00', '2011-01-05 00:00:00', '2011-01-05 00:00:00', '2011-01-05 00:00:00', '2011-01-05 10:30:00',
      '2011-01-05 10:30:15', '2011-01-05 10:30:00', '2011-01-05 10:30:15', '2011-01-05 00:00:00',
    ]);
  });

  it('reads ISO 8601 keeping the clock time as written (the offset is dropped, the day stays local)', async () => {
    expect(await parse(['2011-01-05T10:30:00', '2011-01-05T10:30:00Z', '2011-01-05T23:30:00+08:00', '2011-01-05 10:30:00.250']))
      .toEqual(['2011-01-05 10:30:00', '2011-01-05 10:30:00', '2011-01-05 23:30:00', '2011-01-05 10:30:00']);
  });

  it('refuses impossible dates and every day-first or month-first layout (ambiguous without --date-format)', async () => {
    // 2011 is not a leap year (Feb 29 does not exist); 05/01/2011 is 5 January or 1 May depending on the country.
    expect(await parse(['2011-02-29', '2011-02-30', '2011-13-01', '05/01/2011', '01-05-2011', '5 Jan 2011', 'yesterday', '2011'])).toEqual(Array(8).fill(null));
    expect(await parse(['2012-02-29'])).toEqual(['2012-02-29 00:00:00']);
  });

  it('uses --date-format alone when given', async () => {
    expect(await parse(['05/01/2011', '2011-01-05'], '%d/%m/%Y')).toEqual(['2011-01-05 00:00:00', null]);
  });
});

describe('createRowsSql text fields', () => {
  it('trims edge spaces and turns blank values into NULL, as NULLIF(trim(v), \'\') does', async () => {
    const values = ['C1', ' C1', 'C1  ', '  ', '', 'C 1', '\tC1', null];
    await db.run('CREATE OR REPLACE TEMP TABLE raw_rows (c VARCHAR, d VARCHAR, a VARCHAR)');
    await db.run(`INSERT INTO raw_rows VALUES ${values.map((v) => `(${v === null ? 'NULL' : quoteString(v)}, '2011-01-05', '1')`).join(', ')}`);
    await db.run(createRowsSql({ columns: { customer: 'c', date: 'd', amount: 'a' }, typed: false }, 'raw_rows'));
    const got = (await db.rows('SELECT customer_id FROM ingest_rows ORDER BY rowid')).map((r) => r.customer_id);
    const want = (await db.rows("SELECT NULLIF(trim(c), '') AS v FROM raw_rows ORDER BY rowid")).map((r) => r.v);
    expect(got).toEqual(want);
    expect(got).toEqual(['C1', 'C1', 'C1', null, null, 'C 1', '\tC1', null]);
  });
});

/** Imports `content` into a fresh data folder and returns the stored lines (by source line) and the result. */
async function importLines(name: string, content: string): Promise<{ lines: Row[]; result: Awaited<ReturnType<typeof importSales>> }> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const data = join(dir, `${name}-data`);
  const result = await importSales({ path, dataDir: data, threads: 1 });
  const store = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
  try {
    return { lines: await store.rows('SELECT source_line, amount, discount, exclusion FROM sales_lines ORDER BY source_line'), result };
  } finally {
    store.close();
  }
}

/** The reject file's rows (line, reason), read back with DuckDB's CSV reader. */
async function rejects(path: string | null): Promise<{ line: number; reason: string }[]> {
  if (path === null) return [];
  const rows = await db.rows(`SELECT line, reason FROM read_csv(${quoteString(path)}, header = true, all_varchar = true) ORDER BY line::INT`);
  return rows.map((r) => ({ line: Number(r.line), reason: String(r.reason) }));
}

describe('line discounts (amount = quantity × unit price − discount when there is no amount column)', () => {
  it('subtracts each line\'s discount, and a return\'s (negative) discount is refunded with it', async () => {
    const { lines, result } = await importLines('disc.csv', [
      'order_id,customer_id,order_date,product_id,quantity,unit_price,优惠金额',
      '1,M1,2024-07-01,P1,3,12.50,2.50', // 37.50 − 2.50
      '1,M1,2024-07-01,P2,2,9.90,', // no discount given: 19.80
      '2,M2,2024-07-02,P1,1,12.50,0', // 12.50
      '3,M1,2024-07-03,P1,-1,12.50,-0.83', // return of one of line 2's three: −12.50 + 0.83
    ].join('\n') + '\n');
    expect(result.mapping.discount).toBe('优惠金额');
    expect(result.mappingSource.discount).toBe('detected');
    expect(lines.map((l) => [Number(l.source_line), Number(l.amount), l.discount === null ? null : Number(l.discount)])).toEqual([
      [2, 3 * 12.5 - 2.5, 2.5], [3, 2 * 9.9, null], [4, 12.5, 0], [5, -1 * 12.5 + 0.83, -0.83],
    ]);
    expect(lines[3].exclusion).toBe('non-positive-quantity');
  });

  it('without a discount column the amount stays quantity × unit price', async () => {
    const { lines } = await importLines('nodisc.csv', 'order_id,customer_id,order_date,quantity,unit_price\n1,M1,2024-07-01,6,2.55\n');
    expect(lines.map((l) => Number(l.amount))).toEqual([15.3]);
  });

  it('an explicit amount column wins: the discount is stored but not subtracted again', async () => {
    const { lines, result } = await importLines('paid.csv', [
      'order_id,customer_id,date,quantity,unit_price,disc,amount',
      '1,M1,2024-07-01,3,12.50,2.50,35.00',
    ].join('\n') + '\n');
    expect(result.mapping).toMatchObject({ discount: 'disc', amount: 'amount' });
    expect(lines.map((l) => [Number(l.amount), Number(l.discount)])).toEqual([[35, 2.5]]);
  });

  it('takes the discount column from --discount (a flag) like the other roles', async () => {
    const path = join(dir, 'flag.csv');
    writeFileSync(path, 'customer_id,date,quantity,unit_price,立减\nM1,2024-07-01,2,10,3\n');
    const data = join(dir, 'flag-data');
    const r = await importSales({ path, dataDir: data, columns: { discount: '立减' }, threads: 1 });
    expect(r.mappingSource.discount).toBe('flag');
    const store = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
    try {
      expect(Number(await store.scalar('SELECT amount FROM sales_lines'))).toBe(17);
    } finally {
      store.close();
    }
  });

  it('rejects a discount that is text, has the wrong sign or exceeds the line, with its line number and reason', async () => {
    const { lines, result } = await importLines('baddisc.csv', [
      'customer_id,date,quantity,unit_price,discount',
      'M1,2024-07-01,2,10,1',
      'M1,2024-07-01,2,10,lots',
      'M1,2024-07-01,2,10,-1',
      'M1,2024-07-01,2,10,20.01',
      'M1,2024-07-01,-2,10,1',
      'M1,2024-07-01,2,10,20',
    ].join('\n') + '\n');
    expect(result.counts.rejected).toMatchObject({ total: 4, byReason: { 'bad-discount': 1, 'discount-sign': 2, 'discount-over-line': 1 } });
    const got = await rejects(result.rejectFile);
    expect(got.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(got[0].reason).toMatch(/^bad-discount: "lots" in discount is not a number/);
    expect(got[1].reason).toMatch(/^discount-sign: "-1" in discount has the wrong sign for quantity 2/);
    expect(got[2].reason).toMatch(/^discount-over-line: "20\.01" in discount is more than the line itself \(quantity 2 × unit price 10\)/);
    expect(got[3].reason).toMatch(/^discount-sign: "1" in discount has the wrong sign for quantity -2/);
    // A full discount leaves a zero line, kept but out of customer analytics.
    expect(lines.map((l) => [Number(l.source_line), Number(l.amount), l.exclusion])).toEqual([[2, 19, null], [7, 0, 'non-positive-amount']]);
  });

  it('the sample store: imported member amounts total sum(quantity × unit price − discount) of the loaded lines', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../samples/orders.csv'), 'utf8');
    const [header, ...rows] = text.trim().split('\n');
    expect(header).toBe('order_id,customer_id,order_date,product_id,quantity,unit_price,discount,store,channel,original_order_id');
    const fen = (yuan: string): number => Math.round(Number(yuan) * 100);
    // The lines the import loads for members: not cancelled (C…), quantity > 0, a positive amount,
    // each exact repeat once (the sample has no quoted fields, so a line is its own identity).
    const seen = new Set<string>();
    let want = 0, discounts = 0;
    for (const row of rows) {
      if (seen.has(row)) continue;
      seen.add(row);
      const [order, customer, , , q, p, d] = row.split(',');
      const amount = Number(q) * fen(p) - fen(d);
      if (order.startsWith('C') || customer === '' || Number(q) <= 0 || amount <= 0) continue;
      want += amount;
      discounts += fen(d);
    }
    expect(discounts).toBeGreaterThan(0);
    const data = join(dir, 'sample-data');
    await importSales({ path: join(import.meta.dirname, '../../samples/orders.csv'), dataDir: data, threads: 1 });
    const store = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
    try {
      const [got] = await store.rows(`SELECT round(sum(amount) * 100) AS fen, round(sum(discount) * 100) AS disc
        FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL`);
      expect(Number(got.fen)).toBe(want);
      expect(Number(got.disc)).toBe(discounts);
    } finally {
      store.close();
    }
  });
});
