import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { buildSummary } from './build-summary.ts';
import { loadTransactions, type LoadOptions } from './load-transactions.ts';
import { SummaryError } from './summary-error.ts';
import { dropDaysSql, transactionDaysSql, typedSourceSql } from './transactions-sql.ts';

let dir: string;
let db: DuckDbEngine;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-load-'));
  db = await DuckDbEngine.open({ threads: 1 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Loaded rows as [customer, 'YYYY-MM-DD HH:MM:SS', amount]. */
async function load(o: LoadOptions): Promise<[string, string, number | null][]> {
  await loadTransactions(db, o);
  const rows = await db.rows("SELECT customer_id, strftime(ts, '%Y-%m-%d %H:%M:%S') AS ts, amount FROM transactions");
  return rows.map((r) => [String(r.customer_id), String(r.ts), r.amount === null ? null : Number(r.amount)]);
}

/** The SummaryError a load throws. */
async function failure(o: LoadOptions): Promise<SummaryError> {
  try {
    await loadTransactions(db, o);
  } catch (e) {
    if (e instanceof SummaryError) return e;
    throw e;
  }
  throw new Error('expected the load to fail');
}

describe('loadTransactions', () => {
  it('reads the common date formats, ISO timestamps keeping their clock time', async () => {
    const p = file('formats.csv', [
      'id,when,value', 'a,2015-01-05,1', 'b,20150105,2', 'c,2015-01-05 13:45:10,3', 'd,2015/01/05,4',
      'e,2015-01-05T23:30:00+08:00,5', 'f,2015-01-05T08:00:00.250Z,6', ' g , 2015-01-05 , 7.5 ',
    ].join('\n'));
    expect(await load({ path: p, customer: 'id', date: 'when', amount: 'value' })).toEqual([
      ['a', '2015-01-05 00:00:00', 1], ['b', '2015-01-05 00:00:00', 2], ['c', '2015-01-05 13:45:10', 3], ['d', '2015-01-05 00:00:00', 4],
      ['e', '2015-01-05 23:30:00', 5], ['f', '2015-01-05 08:00:00', 6], ['g', '2015-01-05 00:00:00', 7.5],
    ]);
  });

  it('uses an explicit strptime format, matches names case-insensitively, works without an amount', async () => {
    const p = file('dmy.csv', 'Customer;Day\nx;05/01/2015\ny;31/12/2014\n');
    expect(await load({ path: p, customer: 'customer', date: 'DAY', dateFormat: '%d/%m/%Y' })).toEqual([
      ['x', '2015-01-05 00:00:00', null], ['y', '2014-12-31 00:00:00', null],
    ]);
  });

  it('reads gzip CSV and Parquet to the same table', async () => {
    const csv = 'cust,date,sales\n1,19970101,29.33\n1,19970118,29.73\n2,19970102,10\n';
    const fromCsv = await load({ path: file('t.csv', csv), customer: 'cust', date: 'date', amount: 'sales' });
    expect(fromCsv).toHaveLength(3);
    expect(await load({ path: file('t.csv.gz', gzipSync(csv)), customer: 'cust', date: 'date', amount: 'sales' })).toEqual(fromCsv);
    // Parquet keeps types: an integer date column and a DATE column are both understood.
    const pq = join(dir, 't.parquet');
    await db.run(`COPY (SELECT * FROM read_csv(${quoteString(join(dir, 't.csv'))})) TO ${quoteString(pq)} (FORMAT parquet)`);
    const types = await db.rows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${quoteString(pq)}))`);
    expect(types.map((t) => t.column_type)).toEqual(['BIGINT', 'BIGINT', 'DOUBLE']);
    expect(await load({ path: pq, customer: 'cust', date: 'date', amount: 'sales' })).toEqual(fromCsv);
    const pqDates = join(dir, 'dates.parquet');
    await db.run(`COPY (SELECT 'k' AS c, DATE '2020-02-29' AS d) TO ${quoteString(pqDates)} (FORMAT parquet)`);
    expect(await load({ path: pqDates, customer: 'c', date: 'd' })).toEqual([['k', '2020-02-29 00:00:00', null]]);
  });

  it('reads blank-separated text with and without a header (CDNOW_master.txt / CDNOW_sample.txt layouts)', async () => {
    const withHeader = file('master.txt', ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n');
    expect(await load({ path: withHeader, customer: 'customer_id', date: 'date', amount: 'dollar_value' })).toEqual([
      ['00001', '1997-01-01 00:00:00', 11.77], ['00002', '1997-01-12 00:00:00', 12],
    ]);
    const noHeader = file('sample.txt', ' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n');
    expect(await load({ path: noHeader, header: false, customer: '2', date: '3', amount: '5' })).toEqual([
      ['0001', '1997-01-01 00:00:00', 29.33], ['0001', '1997-01-18 00:00:00', 29.73],
    ]);
  });

  it('as a view: the same rows, read from the file; a failed load leaves the previous transactions', async () => {
    const p = file('v.csv', 'id,date,amt\nb,2015-01-05,1.5\na, 2015-01-07 ,2\n');
    const table = await load({ path: p, customer: 'id', date: 'date', amount: 'amt' });
    const r = await loadTransactions(db, { path: p, customer: 'id', date: 'date', amount: 'amt', view: true });
    expect([r.rows, r.lastDay]).toEqual([2, '2015-01-07']);
    expect(await db.scalar("SELECT table_type FROM information_schema.tables WHERE table_name = 'transactions'")).toBe('VIEW');
    const rows = await db.rows("SELECT customer_id, strftime(ts, '%Y-%m-%d %H:%M:%S') AS ts, amount FROM transactions");
    expect(rows.map((x) => [x.customer_id, x.ts, x.amount])).toEqual(table);
    await failure({ path: file('bad-v.csv', 'id,date\n1,never\n'), customer: 'id', date: 'date', view: true });
    expect(await db.scalar('SELECT count(*) FROM transactions')).toBe(2);
    await load({ path: p, customer: 'id', date: 'date', amount: 'amt' }); // a table replaces the view
    expect(await db.scalar("SELECT table_type FROM information_schema.tables WHERE table_name = 'transactions'")).toBe('BASE TABLE');
  });

  it('with `days`: day totals from the same reading, and the same errors for bad files', async () => {
    const p = file('d.csv', 'id,date,amt\nb,2015-01-05,1.5\na, 2015-01-07 ,2\nb,2015-01-05 10:00:00,3\n');
    const r = await loadTransactions(db, { path: p, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays' });
    expect([r.rows, r.lastDay]).toEqual([3, '2015-01-07']);
    const days = await db.rows("SELECT customer_id AS c, strftime(day, '%Y-%m-%d') AS d, spend, n_rows AS n FROM tdays ORDER BY ALL");
    expect(days).toEqual([{ c: 'a', d: '2015-01-07', spend: 2, n: 1 }, { c: 'b', d: '2015-01-05', spend: 4.5, n: 2 }]);
    const bad: [string, string, string | undefined][] = [
      ['bad-date.csv', 'id,date\n1,2015-01-01\n2,2015-13-45\n3,2015-01-03\n4,yesterday\n5,\n', undefined],
      ['bad-amount.csv', 'id,date,amt\n1,2015-01-01,3.5\n2,2015-01-02,$4\n', 'amt'],
      ['bad-customer.csv', 'id,date\n1,2015-01-01\n ,2015-01-02\n', undefined],
      ['empty.csv', 'id,date\n', undefined],
    ];
    for (const [name, text, amount] of bad) {
      const o = { path: file(name, text), customer: 'id', date: 'date', amount };
      const plain = await failure(o), fused = await failure({ ...o, view: true, days: 'tdays' });
      expect([fused.code, fused.message]).toEqual([plain.code, plain.message]);
      expect(await db.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'tdays'")).toBe(0);
    }
  });

  it("with `days`: DuckDB's typed CSV reading gives the view's day totals, or fails and the view is read", async () => {
    const dayRows = () => db.rows("SELECT customer_id AS c, strftime(day, '%Y-%m-%d') AS d, spend, n_rows AS n, n_amount AS m FROM tdays ORDER BY ALL");
    const viewDays = async () => { await db.run(transactionDaysSql('transactions', 'tdays')); return dayRows(); };
    // Values the typed reading accepts, each read as the view reads it.
    const odd = file('odd.csv', 'id,date,amt\na,2015-01-05,1.5\na, 2015-1-5,1e3\n b ,2015-01-05 10:00,.5\nb,15-01-05, 1_000\nc,1999-12-31,5.\nc,1999-12-31T23:59:59+02,1\n');
    const source = { path: odd, format: 'csv', header: true } as const;
    const columns = { customer: '"id"', date: '"date"', amount: '"amt"', dateType: 'VARCHAR', amountType: 'VARCHAR' };
    const typed = typedSourceSql(source, columns, 'date', 'amt');
    expect(typed).not.toBeNull();
    await db.run(transactionDaysSql(typed ?? '', 'tdays'));
    const fast = await dayRows();
    await loadTransactions(db, { path: odd, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays' });
    expect(await dayRows()).toEqual(fast);
    expect(await viewDays()).toEqual(fast);
    expect(fast).toHaveLength(4);
    // Values it refuses (a trailing blank, YYYYMMDD): the view's reading, same totals.
    const mixed = file('mixed.csv', 'id,date,amt\na,2015-01-05 ,1\na,20150105,2\nb,2015-01-06T08:00:00,3\n');
    expect(typedSourceSql({ ...source, path: mixed }, columns, 'date', 'amt')).not.toBeNull();
    await expect(db.run(transactionDaysSql(typedSourceSql({ ...source, path: mixed }, columns, 'date', 'amt') ?? '', 'tdays'))).rejects.toThrow(/Conversion Error/);
    await loadTransactions(db, { path: mixed, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays' });
    const fallback = await dayRows();
    expect(fallback).toEqual([{ c: 'a', d: '2015-01-05', spend: 3, n: 2, m: 2 }, { c: 'b', d: '2015-01-06', spend: 3, n: 1, m: 1 }]);
    expect(await viewDays()).toEqual(fallback);
  });

  it('with `summary`: the summary built in the reading equals the one built from the day totals', async () => {
    const summaryRows = () => db.rows('SELECT * EXCLUDE (first_purchase, last_purchase), strftime(first_purchase, \'%Y-%m-%d\') AS f, strftime(last_purchase, \'%Y-%m-%d\') AS l FROM customer_summary ORDER BY customer_id');
    // b buys twice on one day, c only after the end (1997-03-31), a before and after it.
    const rows = 'b,1997-01-05,1.5\na,1997-01-07,2\nb,1997-01-05,3\na,1997-02-01,4.25\nd,1997-03-01,1\nc,1997-04-02,9\na,1997-04-03,7\na,1997-03-10,1\n';
    const p = file('s.csv', `id,date,amt\n${rows}`);
    for (const spec of [{ unit: 'week', periods: 'fractional', end: '1997-03-31' }, { unit: 'month', periods: 'whole', end: '1997-03-31' }, { unit: 'day', periods: 'whole', end: '1997-12-31' }] as const) {
      await db.run(dropDaysSql('tdays'));
      const r = await loadTransactions(db, { path: p, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays', summary: spec });
      expect([r.summarised, r.rows, r.lastDay]).toEqual([true, 8, '1997-04-03']);
      expect(await db.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'tdays'")).toBe(0);
      const inReading = await summaryRows();
      const plain = await loadTransactions(db, { path: p, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays' });
      expect([plain.summarised, plain.rows, plain.lastDay]).toEqual([false, 8, '1997-04-03']);
      await buildSummary(db, { ...spec, history: true, days: 'tdays' }, true);
      expect(inReading).toEqual(await summaryRows());
      expect(inReading.map((x) => x.customer_id)).toEqual(spec.end === '1997-12-31' ? ['a', 'b', 'c', 'd'] : ['a', 'b', 'd']);
    }
    // An id with edge spaces (' d '): the typed reading groups ids untrimmed, so the file is read again
    // as without `summary`, where it is trimmed: the same customers.
    const spaced = file('s-spaced.csv', `id,date,amt\n${rows.replace('\nd,', '\n d ,')}`);
    await db.run(dropDaysSql('tdays'));
    const week = { unit: 'week', periods: 'fractional', end: '1997-03-31' } as const;
    const again = await loadTransactions(db, { path: spaced, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays', summary: week });
    expect([again.summarised, again.rows, again.lastDay]).toEqual([false, 8, '1997-04-03']);
    await buildSummary(db, { ...week, history: true, days: 'tdays' }, true);
    expect((await summaryRows()).map((x) => x.customer_id)).toEqual(['a', 'b', 'd']);
    // A value the typed reader refuses: read as without `summary`, day totals included.
    const mixed = file('s-mixed.csv', 'id,date,amt\na,1997-01-05 10:00,1\na,19970106,2\n');
    const r = await loadTransactions(db, { path: mixed, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'tdays', summary: { unit: 'week', periods: 'fractional', end: '1997-03-31' } });
    expect([r.summarised, r.rows]).toEqual([false, 2]);
    expect(await db.scalar('SELECT sum(n_rows) FROM tdays')).toBe(2);
  });


  it('with `summary`: the sniffed dialect (delimiter, quotes, CRLF, a comment line, gzip) reaches the typed reading', async () => {
    // The file is sniffed once (sniffCsvSql) and read with auto_detect = false afterwards: each layout
    // must give the summary of the same rows as a plain comma file, built in the reading.
    const week = { unit: 'week', periods: 'fractional', end: '1997-03-31' } as const;
    const layouts: [string, string | Buffer][] = [
      ['plain.csv', 'id,date,amt\na;1,1997-01-05,1.5\nb,1997-01-07,2\na;1,1997-02-01,3\n'.replaceAll('a;1', '"a;1"')],
      ['semi.csv', 'id;date;amt\n"a;1";1997-01-05;"1.5"\nb;1997-01-07;2\n"a;1";1997-02-01;3\n'],
      ['crlf.csv', 'id,date,amt\r\n"a;1",1997-01-05,1.5\r\nb,1997-01-07,2\r\n"a;1",1997-02-01,3\r\n'],
      ['tab.tsv', 'id\tdate\tamt\na;1\t1997-01-05\t1.5\nb\t1997-01-07\t2\na;1\t1997-02-01\t3\n'],
      ['comment.csv', '# exported 1997-04-01\nid,date,amt\n"a;1",1997-01-05,1.5\nb,1997-01-07,2\n"a;1",1997-02-01,3\n'],
      ['crlf.csv.gz', gzipSync('id,date,amt\r\n"a;1",1997-01-05,1.5\r\nb,1997-01-07,2\r\n"a;1",1997-02-01,3\r\n')],
    ];
    const results = [];
    for (const [name, text] of layouts) {
      const r = await loadTransactions(db, { path: file(name, text), customer: 'id', date: 'date', amount: 'amt', view: true, summary: week });
      expect([name, r.summarised, r.rows]).toEqual([name, true, 3]);
      results.push(await db.rows('SELECT customer_id, frequency, total_spend FROM customer_summary ORDER BY customer_id'));
    }
    expect(results[0]).toEqual([{ customer_id: 'a;1', frequency: 1, total_spend: 4.5 }, { customer_id: 'b', frequency: 0, total_spend: 2 }]);
    for (const r of results) expect(r).toEqual(results[0]);
    // A quote that opens a field but does not enclose it: the sniffer reads the file without quoting,
    // and so must the typed reading (with read_csv's default quote it fails on line 2).
    await loadTransactions(db, { path: file('inch.csv', 'id,date,amt\n"x" a,1997-01-05,1.5\n"x" a,1997-02-01,3\n'), customer: 'id', date: 'date', amount: 'amt', view: true, summary: week })
      .then((r) => expect([r.summarised, r.rows]).toEqual([true, 2]));
    expect(await db.rows('SELECT customer_id, frequency FROM customer_summary')).toEqual([{ customer_id: '"x" a', frequency: 1 }]);
  });
  it('with `summary`: bad files give the same errors as without it, blank customers after the end too', async () => {
    const bad: [string, string, string | undefined][] = [
      ['sb-date.csv', 'id,date\n1,2015-01-01\n5,\n', undefined],
      ['sb-amount.csv', 'id,date,amt\n1,2015-01-01,3.5\n2,2015-01-02,\n', 'amt'],
      ['sb-customer.csv', 'id,date\n1,2015-01-01\n ,2015-01-02\n', undefined],
      ['sb-late-customer.csv', 'id,date\n1,2015-01-01\n,2015-03-02\n', undefined],
      ['sb-empty.csv', 'id,date\n', undefined],
    ];
    for (const [name, text, amount] of bad) {
      const o = { path: file(name, text), customer: 'id', date: 'date', amount };
      const plain = await failure(o), fused = await failure({ ...o, view: true, days: 'tdays', summary: { unit: 'week', periods: 'fractional', end: '2015-01-31' } });
      expect([fused.code, fused.message]).toEqual([plain.code, plain.message]);
    }
  });

  it('names a missing column and lists the ones there are', async () => {
    const p = file('m.csv', 'id,date,amount\n1,2015-01-01,3\n');
    const e = await failure({ path: p, customer: 'customer', date: 'date' });
    expect(e.code).toBe('missing-column');
    expect(e.message).toBe('customer column "customer" not found in m.csv (columns: id, date, amount)');
    const positional = await failure({ path: p, header: false, customer: '1', date: '4' });
    expect(positional.message).toMatch(/date column "4" not found in m.csv: without a header, give a column position 1-3/);
  });

  it('gives the line and value of unparseable dates', async () => {
    const p = file('bad-date.csv', 'id,date\n1,2015-01-01\n2,2015-13-45\n3,2015-01-03\n4,yesterday\n5,\n');
    const e = await failure({ path: p, customer: 'id', date: 'date' });
    expect(e.code).toBe('bad-date');
    expect(e.message).toMatch(/^3 of 5 rows in bad-date.csv have a date that is not a date \(line 3: "2015-13-45"; line 5: "yesterday"; line 6: \(empty\)\)/);
    expect(e.message).toMatch(/--date-format/);
  });

  it('gives the line and value of non-numeric amounts and empty customers', async () => {
    const money = await failure({ path: file('bad-amount.csv', 'id,date,amt\n1,2015-01-01,3.5\n2,2015-01-02,$4\n'), customer: 'id', date: 'date', amount: 'amt' });
    expect([money.code, money.message]).toEqual(['bad-amount', expect.stringMatching(/^1 of 2 rows .* amt that is not a number \(line 3: "\$4"\)/)]);
    // NaN and infinity parse as doubles (in the typed reading too) but are no amounts: named, not summed.
    const nan = await failure({ path: file('nan-amount.csv', 'id,date,amt\n1,2015-01-01,3.5\n1,2015-01-02,NaN\n2,2015-01-02,inf\n2,2015-01-03,4\n'), customer: 'id', date: 'date', amount: 'amt' });
    expect([nan.code, nan.message]).toEqual(['bad-amount', expect.stringMatching(/^2 of 4 rows .* amt that is not a number \(line 3: "NaN"; line 4: "inf"\)/)]);
    // The same through the typed readings that sum as they read (money-sql.ts): the summary in the
    // reading and the day totals, whose sums take NaN and ∞ without an error, so they are checked.
    const nanFile = join(dir, 'nan-amount.csv');
    const inReading = await failure({ path: nanFile, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'nan_days', summary: { unit: 'week', periods: 'fractional', end: '2015-01-31' } });
    const inDays = await failure({ path: nanFile, customer: 'id', date: 'date', amount: 'amt', view: true, days: 'nan_days' });
    for (const e of [inReading, inDays]) expect([e.code, e.message]).toEqual([nan.code, nan.message]);
    const who = await failure({ path: file('bad-customer.csv', 'id,date\n1,2015-01-01\n ,2015-01-02\n'), customer: 'id', date: 'date' });
    expect([who.code, who.message]).toEqual(['bad-customer', expect.stringMatching(/have an empty id \(line 3: " "\)/)]);
  });

  it('refuses an invalid date format, a missing file and an empty file', async () => {
    const p = file('ok.csv', 'id,date\n1,2015-01-01\n');
    expect((await failure({ path: p, customer: 'id', date: 'date', dateFormat: '%Q' })).code).toBe('invalid-option');
    expect((await failure({ path: join(dir, 'nope.csv'), customer: 'id', date: 'date' })).code).toBe('unreadable-input');
    expect((await failure({ path: file('empty.csv', 'id,date\n'), customer: 'id', date: 'date' })).code).toBe('no-transactions');
  });
});
