import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { DuckDbEngine } from './duckdb-engine.ts';
import { quoteString } from './sql-literal.ts';

let dir: string;
let db: DuckDbEngine;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-duckdb-'));
  db = await DuckDbEngine.open({ threads: 2 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DuckDbEngine', () => {
  it('appends columns over several chunks and reads them back as typed arrays', async () => {
    // 5,000 rows span three 2,048-row chunks each way, so chunk boundaries are exercised.
    const n = 5000;
    const ids = Array.from({ length: n }, (_, i) => (i === 7 ? null : `c${i}`));
    const x = Float64Array.from({ length: n }, (_, i) => i / 3);
    await db.run('CREATE TABLE t (id VARCHAR, x DOUBLE)');
    expect(await db.append('t', [ids, x])).toBe(n);
    const cols = await db.columns('SELECT id, x, CAST(x * 3 AS BIGINT) AS k, NULL::DOUBLE AS missing FROM t');
    expect(cols.x).toBeInstanceOf(Float64Array);
    expect(Array.from(cols.x as Float64Array)).toEqual(Array.from(x));
    expect(cols.id).toEqual(ids);
    expect(Array.from(cols.k as Float64Array)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(Number.isNaN((cols.missing as Float64Array)[0])).toBe(true);
  });

  it('reads NULLs of every fixed-width type as NaN wherever they fall, and appends NaN and ±Infinity as they are', async () => {
    // Typed-array copies (vector-items.ts) must agree with the per-value path: NULL rows at the start,
    // inside and at the end of a 64-row validity word and of a 2,048-row chunk, in DOUBLE, FLOAT, INTEGER,
    // SMALLINT, TINYINT and UINTEGER columns; other rows carry i (or i / 4 for the floats).
    const nulls = new Set([0, 63, 64, 100, 2047, 2048, 4095, 4999]);
    const n = 5000;
    const cols = await db.columns(`SELECT v AS d, CAST(v AS FLOAT) AS f, CAST(i AS INTEGER) AS i32, CAST(i % 30000 AS SMALLINT) AS i16,
      CAST(i % 100 AS TINYINT) AS i8, CAST(i AS UINTEGER) AS u32
      FROM (SELECT range AS i0, CASE WHEN range IN (${[...nulls].join(', ')}) THEN NULL ELSE range END AS i, i / 4 AS v FROM range(${n})) ORDER BY i0`);
    const want = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => (nulls.has(i) ? Number.NaN : f(i)));
    expect(Array.from(cols.d as Float64Array)).toEqual(want((i) => i / 4));
    expect(Array.from(cols.f as Float64Array)).toEqual(want((i) => i / 4));
    expect(Array.from(cols.i32 as Float64Array)).toEqual(want((i) => i));
    expect(Array.from(cols.i16 as Float64Array)).toEqual(want((i) => i % 30000));
    expect(Array.from(cols.i8 as Float64Array)).toEqual(want((i) => i % 100));
    expect(Array.from(cols.u32 as Float64Array)).toEqual(want((i) => i));
    await db.run('CREATE TABLE specials (x DOUBLE)');
    await db.append('specials', [Float64Array.of(Number.NaN, Infinity, -Infinity, -0, 1.5)]);
    expect(await db.rows("SELECT count(*) FILTER (WHERE isnan(x)) AS nan, count(*) FILTER (WHERE x IS NULL) AS nulls, count(*) FILTER (WHERE isinf(x)) AS inf FROM specials"))
      .toEqual([{ nan: 1, nulls: 0, inf: 2 }]);
  });

  it('returns small results as rows, counts as numbers', async () => {
    expect(await db.rows('SELECT count(*) AS n, sum(x) > 0 AS positive FROM t')).toEqual([{ n: 5000, positive: true }]);
    expect(await db.scalar('SELECT max(id) FROM t WHERE id IS NOT NULL')).toBe('c999');
  });

  it('refuses columns of different lengths', async () => {
    await expect(db.append('t', [['a'], Float64Array.of(1, 2)])).rejects.toThrow(/different lengths/);
  });

  it('reads CSV, gzip CSV and Parquet with the built-in readers (no extension download)', async () => {
    const loaded = await db.columns("SELECT extension_name FROM duckdb_extensions() WHERE loaded ORDER BY 1");
    expect(loaded.extension_name).toEqual(expect.arrayContaining(['parquet', 'icu']));
    const sum = Math.round(((5000 * 4999) / 2 / 3) * 1e6) / 1e6; // Σ i/3 for i < 5000, as rounded in SQL
    for (const [file, copyOptions, reader] of [
      ['t.csv', '(HEADER)', 'read_csv'],
      ['t.csv.gz', '(HEADER, COMPRESSION gzip)', 'read_csv'],
      ['t.parquet', '(FORMAT parquet)', 'read_parquet'],
    ] as const) {
      const path = quoteString(join(dir, file));
      await db.run(`COPY (SELECT * FROM t ORDER BY x) TO ${path} ${copyOptions}`);
      expect(await db.rows(`SELECT count(*) AS n, round(sum(x), 6) AS s FROM ${reader}(${path})`)).toEqual([{ n: 5000, s: sum }]);
    }
    // A published gzip file: the UCI Online Retail data (541,909 rows per MANIFEST.tsv).
    const retail = quoteString(sharedData('online-retail/onlineretail.csv.gz'));
    expect(await db.scalar(`SELECT count(*) FROM read_csv(${retail})`)).toBe(541909);
  });

  it('fails instead of downloading an extension it does not have', async () => {
    // httpfs is not built in; with auto-install off DuckDB names it instead of fetching it.
    await expect(db.run("SELECT * FROM read_csv('https://example.invalid/x.csv')")).rejects.toThrow(/httpfs/);
  });

  it('persists a file database across close and reopen', async () => {
    const path = join(dir, 'db.duckdb');
    const a = await DuckDbEngine.open({ path });
    await a.run('CREATE TABLE kept AS SELECT 42 AS answer');
    a.close();
    const b = await DuckDbEngine.open({ path });
    expect(await b.scalar('SELECT answer FROM kept')).toBe(42);
    expect(Object.isFrozen(b.options)).toBe(true);
    b.close();
  });
});
