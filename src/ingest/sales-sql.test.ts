import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { createRowsSql, dateSql } from './sales-sql.ts';

let db: DuckDbEngine;
beforeAll(async () => { db = await DuckDbEngine.open({ threads: 1 }); });
afterAll(() => db.close());

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
