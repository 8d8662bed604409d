// Issue 4's bad-input acceptance: wrong columns, broken quoting, a GBK file, mixed date formats, a
// truncated last line, a 0-byte file, a binary file. Each gives a clear message (an IngestError, or
// counts with a reject file that names line and reason), and nothing an earlier batch stored changes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { importSales } from './import-sales.ts';
import { storeSnapshot, type StoreSnapshot } from './store-snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-bad-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const HEADER = 'order_id,customer_id,date,product_id,quantity,price\n';
let before: StoreSnapshot;

/** Lines of batch 1 (the good import every case starts from), to show they are untouched. */
async function batchOne(): Promise<string> {
  const db = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
  try {
    return JSON.stringify(await db.rows("SELECT source_line, order_id, customer_id, strftime(ts, '%c') AS ts, amount FROM sales_lines WHERE batch_id = 1 ORDER BY source_line"));
  } finally {
    db.close();
  }
}
let batchOneBefore: string;

/** The reject file's rows (line, reason, raw), read back with DuckDB's CSV reader. */
async function rejects(path: string | null): Promise<{ line: number; reason: string; raw: string }[]> {
  if (path === null) return [];
  const db = await DuckDbEngine.open({ threads: 1 });
  try {
    const rows = await db.rows(`SELECT line, reason, raw FROM read_csv('${path}', header = true, all_varchar = true) ORDER BY line::INT`);
    return rows.map((r) => ({ line: Number(r.line), reason: String(r.reason), raw: String(r.raw) }));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  await importSales({ path: file('good.csv', `${HEADER}O1,A,2024-01-05,P1,2,3.5\nO1,A,2024-01-05,P2,1,10\nO2,B,2024-01-06,P1,1,3.5\n`), dataDir: data });
  before = await storeSnapshot(data);
  batchOneBefore = await batchOne();
  // transactions holds one row per order: O1's two lines make one purchase.
  expect(before).toMatchObject({ batches: 1, lines: 3, transactions: 2, amount: 20.5 });
});

describe('files that cannot be imported at all: clear message, store unchanged', () => {
  it.each([
    ['a 0-byte file', 'empty.csv', '', 'empty-file', /empty\.csv is empty \(0 bytes\)/],
    ['a header without rows', 'header.csv', HEADER, 'empty-file', /header but no data rows/],
    ['a binary file', 'image.csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00]), 'binary-file', /not a text file/],
    ['wrong columns', 'members.csv', 'name,phone,city\n张三,13800000000,上海\n', 'missing-columns', /members\.csv lacks columns.*customer id.*Its columns are: name, phone, city/],
  ])('%s', async (_what, name, content, code, message) => {
    await expect(importSales({ path: file(name, content), dataDir: data })).rejects.toMatchObject({ name: 'IngestError', code, message: expect.stringMatching(message) });
    expect(await storeSnapshot(data)).toEqual(before);
  });
});

describe('files with bad rows: the good rows load, each bad one is in the reject file with line and reason', () => {
  it('broken quoting: a quote closed mid-field and a quote never closed', async () => {
    const r = await importSales({
      path: file('quotes.csv', `${HEADER}O3,C,2024-02-01,P1,1,3.5\nO4,"D"x,2024-02-02,P1,1,3.5\nO5,E,2024-02-03,P1,2,3.5\nO7,"E, Jr.",2024-02-31,P1,1,1\nO6,"F,2024-02-04,P1,1,3.5\n`),
      dataDir: data,
    });
    expect(r.counts).toMatchObject({ read: 5, loaded: 2, rejected: { total: 3, byReason: { 'broken-quoting': 2, 'bad-date': 1 } } });
    const rows = await rejects(r.rejectFile);
    expect(rows.map((x) => x.line)).toEqual([3, 5, 6]);
    expect(rows[0].raw).toBe('O4,"D"x,2024-02-02,P1,1,3.5');
    // A row rejected for its value (after a reader reject) shows its own record, re-joined as CSV.
    expect(rows[1]).toEqual({ line: 5, reason: expect.stringMatching(/^bad-date: "2024-02-31" in date/), raw: 'O7,"E, Jr.",2024-02-31,P1,1,1' });
    expect(rows[2].raw).toBe('O6,"F,2024-02-04,P1,1,3.5');
    expect(rows[0].reason).toMatch(/^broken-quoting: /);
    // The good rows keep their own line numbers although the reader skipped line 3 between them.
    const db = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
    try {
      expect(await db.rows(`SELECT source_line, order_id FROM sales_lines WHERE batch_id = ${r.batchId} ORDER BY 1`)).toEqual([
        { source_line: 2, order_id: 'O3' }, { source_line: 4, order_id: 'O5' },
      ]);
    } finally {
      db.close();
    }
    expect(await batchOne()).toBe(batchOneBefore);
  });

  it('mixed date formats load; an ambiguous or impossible date is rejected with its line', async () => {
    const r = await importSales({
      path: file('dates.csv', `${HEADER}D1,G,2024-03-01,P1,1,1\nD2,G,20240302,P1,1,1\nD3,G,2024/03/03 10:00,P1,1,1\nD4,G,2024-03-04T08:00:00Z,P1,1,1\nD5,G,03/05/2024,P1,1,1\nD6,G,2023-02-29,P1,1,1\nD7,G,,P1,1,1\n`),
      dataDir: data,
    });
    expect(r.counts).toMatchObject({ read: 7, loaded: 4, rejected: { total: 3, byReason: { 'bad-date': 2, 'missing-date': 1 } } });
    const rows = await rejects(r.rejectFile);
    expect(rows.map((x) => [x.line, x.reason.split(':')[0], x.raw])).toEqual([
      [6, 'bad-date', 'D5,G,03/05/2024,P1,1,1'], [7, 'bad-date', 'D6,G,2023-02-29,P1,1,1'], [8, 'missing-date', 'D7,G,,P1,1,1'],
    ]);
    expect(rows[0].reason).toMatch(/"03\/05\/2024" in date is not a date .*--date-format/);
    const db = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
    try {
      const ts = await db.rows(`SELECT order_id, strftime(ts, '%Y-%m-%d %H:%M') AS t FROM sales_lines WHERE batch_id = ${r.batchId} ORDER BY order_id`);
      expect(ts).toEqual([
        { order_id: 'D1', t: '2024-03-01 00:00' }, { order_id: 'D2', t: '2024-03-02 00:00' },
        { order_id: 'D3', t: '2024-03-03 10:00' }, { order_id: 'D4', t: '2024-03-04 08:00' },
      ]);
    } finally {
      db.close();
    }
    expect(await batchOne()).toBe(batchOneBefore);
  });

  it('a truncated last line (no newline, fields missing) is rejected; the rows before it load', async () => {
    const r = await importSales({ path: file('cut.csv', `${HEADER}T1,H,2024-04-01,P1,1,2\nT2,H,2024-04-02,P1,1,2\nT3,H,2024-0`), dataDir: data });
    expect(r.counts).toMatchObject({ read: 3, loaded: 2, rejected: { total: 1, byReason: { 'missing-columns': 1 } } });
    expect(await rejects(r.rejectFile)).toEqual([{ line: 4, reason: expect.stringMatching(/^missing-columns: /), raw: 'T3,H,2024-0' }]);
    expect(await batchOne()).toBe(batchOneBefore);
  });

  it('blank lines and mixed CRLF/LF line ends: the file is read, and line numbers after them stay right', async () => {
    const text = `${HEADER}B1,J,2024-07-01,P1,1,2\n\nB2,J,2024-07-02,P1,1,2\r\n\r\nB3,J,2024-07-0x,P1,1,2\nB4,J\n\nB5,J,2024-07-05,P1,1,2\n`;
    const r = await importSales({ path: file('blanks.csv', text), dataDir: data });
    expect(r.counts).toMatchObject({ read: 5, loaded: 3, rejected: { total: 2, byReason: { 'bad-date': 1, 'missing-columns': 1 } } });
    expect((await rejects(r.rejectFile)).map((x) => [x.line, x.raw])).toEqual([[6, 'B3,J,2024-07-0x,P1,1,2'], [7, 'B4,J']]);
    const db = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
    try {
      expect(await db.rows(`SELECT source_line, order_id FROM sales_lines WHERE batch_id = ${r.batchId} ORDER BY 1`)).toEqual([
        { source_line: 2, order_id: 'B1' }, { source_line: 4, order_id: 'B2' }, { source_line: 9, order_id: 'B5' },
      ]);
    } finally {
      db.close();
    }
  });

  it('a file where every row is rejected fails clearly, stores nothing, and still writes the reject file', async () => {
    const bad = file('days-first.csv', `${HEADER}A1,Z,31/01/2024,P1,1,1\nA2,Z,01/02/2024,P1,1,1\n`);
    const snapshot = await storeSnapshot(data);
    await expect(importSales({ path: bad, dataDir: data })).rejects.toMatchObject({
      code: 'all-rejected', message: expect.stringMatching(/none of the 2 rows of days-first\.csv could be imported \(bad-date: 2\).*--date-format.*rejects\.csv/),
    });
    expect(await storeSnapshot(data)).toEqual(snapshot);
    expect(readdirSync(join(data, 'rejects')).filter((f) => f.endsWith('-days-first.csv.rejects.csv'))).toHaveLength(1);
    const ok = await importSales({ path: bad, dataDir: data, dateFormat: '%d/%m/%Y' });
    expect(ok.counts).toMatchObject({ loaded: 2, rejected: { total: 0 } });
  });

  it('a UTF-8 file (with BOM) with a line of undecodable bytes: that line is rejected', async () => {
    const bytes = Buffer.concat([Buffer.from(`\ufeff${HEADER}U1,I,2024-06-01,P1,1,2\nU2,I,2024-06-02,P`), Buffer.from([0xff, 0xfe]), Buffer.from(',1,2\nU3,I,2024-06-03,P1,1,2\n')]);
    const r = await importSales({ path: file('utf8-bad.csv', bytes), dataDir: data });
    expect(r).toMatchObject({ encoding: 'utf8', counts: { read: 3, loaded: 2, rejected: { total: 1, byReason: { 'invalid-encoding': 1 } } } });
    expect((await rejects(r.rejectFile)).map((x) => x.line)).toEqual([3]);
    expect(await batchOne()).toBe(batchOneBefore);
  });

  it('a GBK file with Chinese names: detected, stored as UTF-8, its bad row rejected in readable text', async () => {
    // GBK bytes from Python 3's 'gbk' codec for:
    // 会员编号,下单时间,商品名称,数量,单价 / M001,2024-01-05 10:30:00,苹果,2,3.5 / M002,2024/01/06,香蕉,1,12 / M001,20240107,橙子,3,4
    const gbk = Buffer.from('bbe1d4b1b1e0bac52ccfc2b5a5cab1bce42cc9ccc6b7c3fbb3c62ccafdc1bf2cb5a5bcdb0a4d3030312c323032342d30312d30352031303a33303a30302cc6bbb9fb2c322c332e350a4d3030322c323032342f30312f30362ccfe3bdb62c312c31320a4d3030312c32303234303130372cb3c8d7d32c332c340a', 'hex');
    const bad = Buffer.concat([gbk, Buffer.from('M003,2024-01-08,', 'latin1'), Buffer.from('c6bbb9fb', 'hex'), Buffer.from(',two,3\n', 'latin1')]);
    const r = await importSales({ path: file('销售.csv', bad), dataDir: data });
    expect(r).toMatchObject({ encoding: 'gbk', mapping: { customer: '会员编号', date: '下单时间', productName: '商品名称', quantity: '数量', unitPrice: '单价' } });
    expect(r.counts).toMatchObject({ read: 4, loaded: 3, rejected: { total: 1, byReason: { 'bad-quantity': 1 } } });
    expect(await rejects(r.rejectFile)).toEqual([{ line: 5, reason: 'bad-quantity: "two" in 数量 is not a number', raw: 'M003,2024-01-08,苹果,two,3' }]);
    expect(readFileSync(r.rejectFile ?? '', 'utf8')).toContain('苹果');
    const db = await DuckDbEngine.open({ path: join(data, 'analytics.duckdb'), threads: 1 });
    try {
      expect(await db.rows(`SELECT customer_id, product_name, amount FROM sales_lines WHERE batch_id = ${r.batchId} ORDER BY source_line`)).toEqual([
        { customer_id: 'M001', product_name: '苹果', amount: 7 }, { customer_id: 'M002', product_name: '香蕉', amount: 12 },
        { customer_id: 'M001', product_name: '橙子', amount: 12 },
      ]);
    } finally {
      db.close();
    }
    expect(await batchOne()).toBe(batchOneBefore);
  });
});
