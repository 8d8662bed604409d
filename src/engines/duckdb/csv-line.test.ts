// copyCsvLinesSql must give the bytes DuckDB's own CSV writer gives: a DuckDB upgrade that changed
// the writer's quoting or a cast's text fails here first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFieldOfType, copyCsvLinesSql, csvHeaderField } from './csv-line.ts';
import { DuckDbEngine } from './duckdb-engine.ts';
import { quoteIdent, quoteString } from './sql-literal.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-csv-line-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = ['plain', '', ' ', ' lead', 'a,b', 'a"b', '"', 'a\nb', 'a\rb', '#x', 'a#b', "it's", 'a;b', 'a\tb', '中文，逗号', 'x\\y', 'ä'];

describe('copyCsvLinesSql', () => {
  it('writes what the CSV writer writes, for every kind of column and awkward text', async () => {
    const db = await DuckDbEngine.open({ threads: 2 });
    try {
      const texts = [...TEXTS.map((t) => quoteString(t)), 'NULL'];
      // One row per text, the other columns cycling through their own awkward values (NULL included).
      await db.run(`CREATE TABLE t AS SELECT
          s AS "id", i AS "n", [1.5, 'NaN'::DOUBLE, 'inf'::DOUBLE, -0.0, 1e300, NULL, 0.1, 2.0][i % 8 + 1] AS "x,y",
          [12.5::DECIMAL(18, 4), NULL, -0.0001][i % 3 + 1] AS "d""q", [true, false, NULL][i % 3 + 1] AS b,
          [DATE '1997-01-01', NULL, DATE '2026-12-03'][i % 3 + 1] AS day, [TIMESTAMP '2020-02-03 04:05:06', NULL][i % 2 + 1] AS ts,
          [[1, 2], NULL][i % 2 + 1] AS list, CAST(i AS HUGEINT) * 1000000000000 AS big
        FROM (SELECT unnest([${texts.join(', ')}]) AS s, generate_subscripts([${texts.join(', ')}], 1) AS i)`);
      const columns = await db.rows('DESCRIBE t');
      const fields = columns.map((c) => csvFieldOfType(quoteIdent(String(c.column_name)), String(c.column_type)));
      const names = columns.map((c) => String(c.column_name));
      const own = join(dir, 'writer.csv'), lines = join(dir, 'lines.csv');
      await db.run(`COPY (SELECT * FROM t ORDER BY n) TO ${quoteString(own)} (FORMAT csv, HEADER true)`);
      await db.run(copyCsvLinesSql(fields, names, 'FROM t ORDER BY n', lines));
      const expected = readFileSync(own, 'utf8');
      // The table's awkward parts reached the file: quoted texts, an empty text, NULLs, a quoted header.
      expect(expected).toContain('"a""b"');
      expect(expected).toContain('"x,y"');
      expect(expected.split('\n')[2].startsWith('"",')).toBe(true);
      expect(readFileSync(lines, 'utf8')).toBe(expected);
    } finally {
      db.close();
    }
  });
  it('quotes header names as the writer does', () => {
    expect(['a', 'x,y', 'd"q', '', '#'].map(csvHeaderField)).toEqual(['a', '"x,y"', '"d""q"', '""', '"#"']);
  });
});
