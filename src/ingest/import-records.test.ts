// Products and product events (the analytics-store kinds) on hand-made files: a GBK file with
// Chinese headers, bad rows in the reject file with line, reason and raw text, repaired numbers,
// duplicates and superseded rows, re-import as a no-op, overlapping exports, --strict, Parquet.
// Customers and interactions (the operational store) are in test/conformance/operational-import-*.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { analyticsStorePath } from '../store/data-folder.ts';
import { importRecords } from './import-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function query(dataDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDbEngine.open({ path: analyticsStorePath(dataDir), threads: 1 });
  try {
    return await db.rows(sql);
  } finally {
    db.close();
  }
}

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

// GBK bytes from Python 3's 'gbk' codec for (lines 1–8):
// 商品编号,名称,类别,价格,成本 / P1,五常大米,大米,69.90,52 / P2,面粉,面粉,25.00,16 / P4,礼盒,礼品,"￥1,299.00",800 /
// P3,牛奶,乳品,abc,3 / ,无编号,杂货,5,1 / P1,五常大米,大米,69.90,52 / P2,面粉（新）,面粉,25,16
const PRODUCTS_GBK = Buffer.from('c9ccc6b7b1e0bac52cc3fbb3c62cc0e0b1f02cbcdbb8f12cb3c9b1be0a50312ccee5b3a3b4f3c3d72cb4f3c3d72c36392e39302c35320a50322cc3e6b7db2cc3e6b7db2c32352e30302c31360a50342cc0f1bad02cc0f1c6b72c22a3a4312c3239392e3030222c3830300a50332cc5a3c4cc2cc8e9c6b72c6162632c330a2ccedeb1e0bac52cd4d3bbf52c352c310a50312ccee5b3a3b4f3c3d72cb4f3c3d72c36392e39302c35320a50322cc3e6b7dba3a8d0c2a3a92cc3e6b7db2c32352c31360a', 'hex');

describe('importRecords: products', () => {
  const data = join(dir, 'products');

  it('reads a GBK file with Chinese headers: repaired price, duplicate, superseded row, rejects with line and reason', async () => {
    const r = await importRecords({ kind: 'products', path: file('商品.csv', PRODUCTS_GBK), dataDir: data });
    expect(r).toMatchObject({ status: 'imported', store: 'analytics', encoding: 'gbk', mapping: { product: '商品编号', name: '名称', category: '类别', price: '价格', cost: '成本' } });
    // Lines 2–8: P1, P2, P4 (¥ and a thousands comma: repaired), P3 (price abc), no id, P1 again (exact duplicate), P2 again (replaces line 3).
    expect(r.counts).toEqual({ read: 7, loaded: 3, fixed: 1, duplicates: 1, superseded: 1, alreadyLoaded: 0, rejected: { total: 2, byReason: { 'bad-price': 1, 'missing-product': 1 } } });
    expect(await rejects(r.rejectFile)).toEqual([
      { line: 5, reason: 'bad-price: "abc" in 价格 is not a number', raw: 'P3,牛奶,乳品,abc,3' },
      { line: 6, reason: 'missing-product: 商品编号 is empty', raw: ',无编号,杂货,5,1' },
    ]);
    expect(await query(data, 'SELECT product_id, name, category, price, cost, source_line FROM products ORDER BY product_id')).toEqual([
      { product_id: 'P1', name: '五常大米', category: '大米', price: 69.9, cost: 52, source_line: 2 },
      { product_id: 'P2', name: '面粉（新）', category: '面粉', price: 25, cost: 16, source_line: 8 },
      { product_id: 'P4', name: '礼盒', category: '礼品', price: 1299, cost: 800, source_line: 4 },
    ]);
  });

  it('a re-import of the same bytes is a no-op that says so; a later price list updates only its columns', async () => {
    const again = await importRecords({ kind: 'products', path: join(dir, '商品.csv'), dataDir: data });
    expect(again).toMatchObject({ status: 'already-imported', batchId: 1, counts: { read: 7, loaded: 3 } });
    const r = await importRecords({ kind: 'products', path: file('prices.csv', 'product_id,name,price\nP1,Wuchang rice,70\nP9,New,1\n'), dataDir: data });
    expect(r).toMatchObject({ status: 'imported', batchId: 2, counts: { read: 2, loaded: 2, rejected: { total: 0 } }, rejectFile: null });
    expect(await query(data, 'SELECT product_id, name, price, cost FROM products ORDER BY product_id')).toEqual([
      { product_id: 'P1', name: 'Wuchang rice', price: 70, cost: 52 },
      { product_id: 'P2', name: '面粉（新）', price: 25, cost: 16 },
      { product_id: 'P4', name: '礼盒', price: 1299, cost: 800 },
      { product_id: 'P9', name: 'New', price: 1, cost: null },
    ]);
    expect(await query(data, 'SELECT batch_id, kind, rows_read, rows_loaded, rows_rejected FROM ingest_batches ORDER BY batch_id')).toEqual([
      { batch_id: 1, kind: 'products', rows_read: 7, rows_loaded: 3, rows_rejected: 2 },
      { batch_id: 2, kind: 'products', rows_read: 2, rows_loaded: 2, rows_rejected: 0 },
    ]);
  });

  it('refuses a file without a product id column, naming what it looked for', async () => {
    await expect(importRecords({ kind: 'products', path: file('nameonly.csv', 'name,price\nRice,5\n'), dataDir: data }))
      .rejects.toMatchObject({ code: 'missing-columns', message: expect.stringMatching(/product id \(product_id, 商品编号 …\); --map product=COLUMN/) });
  });
});

describe('importRecords: product events', () => {
  const data = join(dir, 'events');
  const EVENTS = [
    '会员编号,访客id,商品编号,行为,时间',
    'M1,,P1,浏览,2024-07-01 10:00:00', // 2
    ',V9,P1,收藏,2024/07/01 11:00', // 3: anonymous visitor
    'M1,,P2,加购,2024年7月2日 09:00', // 4
    'M2,,P2,buy,2024-07-02', // 5: no such event
    'M2,,P2,view,soon', // 6: no date
    'M1,,P1,浏览,2024-07-01 10:00:00', // 7: exact duplicate of 2
  ].join('\n') + '\n';

  it('maps Chinese event words, rejects unknown events and dates, drops duplicates', async () => {
    const r = await importRecords({ kind: 'events', path: file('行为.csv', EVENTS), dataDir: data });
    expect(r.mapping).toEqual({ customer: '会员编号', visitor: '访客id', product: '商品编号', event: '行为', date: '时间' });
    expect(r.counts).toMatchObject({ read: 6, loaded: 3, duplicates: 1, anonymous: 1, rejected: { total: 2, byReason: { 'bad-event': 1, 'bad-date': 1 } } });
    const lines = await rejects(r.rejectFile);
    expect(lines.map((l) => [l.line, l.reason.split(':')[0], l.raw])).toEqual([[5, 'bad-event', 'M2,,P2,buy,2024-07-02'], [6, 'bad-date', 'M2,,P2,view,soon']]);
    expect(lines[0].reason).toMatch(/"buy" in 行为 is not an event \(view, favorite, cart, or 浏览, 收藏, 加购\)/);
    expect(await query(data, "SELECT source_line, customer_id, visitor_id, product_id, event, strftime(ts, '%Y-%m-%d %H:%M') AS ts FROM product_events ORDER BY source_line")).toEqual([
      { source_line: 2, customer_id: 'M1', visitor_id: null, product_id: 'P1', event: 'view', ts: '2024-07-01 10:00' },
      { source_line: 3, customer_id: null, visitor_id: 'V9', product_id: 'P1', event: 'favorite', ts: '2024-07-01 11:00' },
      { source_line: 4, customer_id: 'M1', visitor_id: null, product_id: 'P2', event: 'cart', ts: '2024-07-02 09:00' },
    ]);
  });

  it('an overlapping export adds only its new events; --strict stores nothing when a row is bad', async () => {
    const overlap = file('overlap.csv', 'customer_id,product_id,event,occurred_at\nM1,P1,view,2024-07-01 10:00:00\nM3,P3,cart,2024-07-03 08:00:00\n');
    const r = await importRecords({ kind: 'events', path: overlap, dataDir: data });
    expect(r.counts).toMatchObject({ read: 2, loaded: 1, alreadyLoaded: 1 });
    const strict = importRecords({ kind: 'events', path: file('strict.csv', 'customer_id,product_id,event,occurred_at\nM4,P1,view,2024-07-04\nM4,P1,peek,2024-07-04\n'), dataDir: data, strict: true });
    await expect(strict).rejects.toMatchObject({ code: 'strict-rejects', message: expect.stringMatching(/1 of 2 records .* were rejected \(bad-event: 1\)/) });
    expect(await query(data, 'SELECT count(*) AS n, max(batch_id) AS b FROM product_events')).toEqual([{ n: 4, b: 2 }]);
  });

  it('reads Parquet and takes columns from --map style flags', async () => {
    const parquet = join(dir, 'events.parquet');
    const db = await DuckDbEngine.open({ threads: 1 });
    try {
      await db.run(`COPY (SELECT * FROM (VALUES ('M5', 'P7', 'Favourite', TIMESTAMP '2024-07-05 12:00:00')) t(who, item, what, happened)) TO '${parquet}' (FORMAT parquet)`);
    } finally {
      db.close();
    }
    const r = await importRecords({ kind: 'events', path: parquet, dataDir: data, columns: { customer: 'who', product: 'item', event: 'what', date: 'happened' } });
    expect(r).toMatchObject({ format: 'parquet', counts: { read: 1, loaded: 1 }, mappingSource: { customer: 'flag', event: 'flag' } });
    expect(await query(data, "SELECT event, strftime(ts, '%Y-%m-%d %H:%M') AS ts FROM product_events WHERE customer_id = 'M5'")).toEqual([{ event: 'favorite', ts: '2024-07-05 12:00' }]);
  });
});

describe('importRecords: mapping file', () => {
  it('takes columns and a day-first date layout from a mapping file, and refuses fields the kind lacks', async () => {
    const data = join(dir, 'mapped');
    const mapping = file('events.json', JSON.stringify({ product: 'SKU', event: '动作', date: 'when', dateFormat: '%d/%m/%Y %H:%M' }));
    const r = await importRecords({ kind: 'events', path: file('day-first.csv', 'member,SKU,动作,when\nM1,P1,加购,03/02/2024 18:30\nM1,P1,加购,2024-02-03\n'), dataDir: data, mappingFile: mapping });
    expect(r).toMatchObject({ mapping: { customer: 'member', product: 'SKU', event: '动作', date: 'when' }, mappingSource: { product: 'mapping-file', customer: 'detected' } });
    expect(r.counts).toMatchObject({ loaded: 1, rejected: { byReason: { 'bad-date': 1 } } });
    expect((await rejects(r.rejectFile))[0].reason).toBe('bad-date: "2024-02-03" in when is not a date in the layout %d/%m/%Y %H:%M');
    expect(await query(data, "SELECT strftime(ts, '%Y-%m-%d %H:%M') AS ts FROM product_events")).toEqual([{ ts: '2024-02-03 18:30' }]);
    const wrong = file('wrong.json', JSON.stringify({ amount: 'x' }));
    await expect(importRecords({ kind: 'events', path: join(dir, 'day-first.csv'), dataDir: data, mappingFile: wrong }))
      .rejects.toMatchObject({ code: 'bad-mapping', message: expect.stringMatching(/Valid keys for an events import: customer, visitor, product, event, date, dateFormat/) });
  });
});

describe('importRecords: bad input', () => {
  const data = join(dir, 'bad');

  it('empty, header-only and binary files get a clear error and store nothing', async () => {
    await expect(importRecords({ kind: 'products', path: file('empty.csv', ''), dataDir: data })).rejects.toMatchObject({ code: 'empty-file', message: 'empty.csv is empty (0 bytes): nothing to import' });
    await expect(importRecords({ kind: 'products', path: file('header.csv', 'product_id,name\n'), dataDir: data })).rejects.toMatchObject({ code: 'empty-file', message: 'header.csv has a header but no data rows: nothing to import' });
    await expect(importRecords({ kind: 'events', path: file('x.bin', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00])), dataDir: data })).rejects.toMatchObject({ code: 'binary-file' });
  });

  it('a wrong column count and a truncated last line with an open quote become reject lines; the rest imports', async () => {
    // Line 3 lacks a column, line 4 has one too many, line 6 (the last, cut off) opens a quote it never closes.
    const text = 'product_id,name,price\nP1,"Rice, 5 kg",10\nP3,Salt\nP4,Tea,3,extra\nP5,Milk,4\nP6,"Bread,2.5';
    const r = await importRecords({ kind: 'products', path: file('broken.csv', text), dataDir: data });
    expect(r.counts).toMatchObject({ read: 5, loaded: 2, rejected: { total: 3, byReason: { 'missing-columns': 1, 'too-many-columns': 1, 'broken-quoting': 1 } } });
    expect((await rejects(r.rejectFile)).map((l) => [l.line, l.reason.split(':')[0], l.raw])).toEqual([
      [3, 'missing-columns', 'P3,Salt'], [4, 'too-many-columns', 'P4,Tea,3,extra'], [6, 'broken-quoting', 'P6,"Bread,2.5'],
    ]);
    expect(await query(data, 'SELECT product_id, name FROM products ORDER BY 1')).toEqual([{ product_id: 'P1', name: 'Rice, 5 kg' }, { product_id: 'P5', name: 'Milk' }]);
  });
});
