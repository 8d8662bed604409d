// What writeCustomers relies on in DuckDB itself: the result CSV prints a model value as
// TRY_CAST(v AS DECIMAL(18, k)) while the table and the Parquet file hold round(v, k), so both must
// give the same digits. A DuckDB upgrade that changed the cast's rounding would fail here first.
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';

describe('DuckDB rounding under writeCustomers', () => {
  it('casts a double to DECIMAL(18, k) with the digits of round(v, k), ties included', async () => {
    const db = await DuckDbEngine.open({ threads: 1 });
    try {
      // Ties after scaling (0.00005·10⁴ is exactly 0.5 in doubles) round away from zero in both;
      // 0.00015 is just below its tie in binary, so both give 0.0001.
      const ties = await db.rows(`SELECT CAST(v AS DECIMAL(18, 4))::VARCHAR AS cast, CAST(round(v, 4) AS DECIMAL(18, 4))::VARCHAR AS rounded
        FROM (VALUES (0.00005::DOUBLE), (0.00015::DOUBLE), (0.00025::DOUBLE), (-0.00005::DOUBLE), (12.34565::DOUBLE)) t(v)`);
      expect(ties.map((r) => r.cast)).toEqual(['0.0001', '0.0001', '0.0003', '-0.0001', '12.3456']);
      expect(ties.map((r) => r.cast)).toEqual(ties.map((r) => r.rounded));
      // Spread values at the three precisions the result uses, and money with a third decimal (many
      // near-ties at 2 places): no value may print differently.
      const differ = await db.scalar(`SELECT count(*) FILTER (WHERE TRY_CAST(v AS DECIMAL(18, 6)) IS DISTINCT FROM TRY_CAST(round(v, 6) AS DECIMAL(18, 6))
          OR TRY_CAST(v AS DECIMAL(18, 4)) IS DISTINCT FROM TRY_CAST(round(v, 4) AS DECIMAL(18, 4))
          OR TRY_CAST(m AS DECIMAL(18, 2)) IS DISTINCT FROM TRY_CAST(round(m, 2) AS DECIMAL(18, 2)))
        FROM (SELECT (hash(i) % 10000000) / 7919.0 - 300 AS v, CAST(hash(i + 1) % 1000000 AS DOUBLE) / 1000 AS m FROM range(300000) r(i))`);
      expect(Number(differ)).toBe(0);
      // Non-numbers stay empty fields in both forms.
      expect(await db.scalar("SELECT TRY_CAST('NaN'::DOUBLE AS DECIMAL(18, 4)) IS NULL AND TRY_CAST(round('NaN'::DOUBLE, 4) AS DECIMAL(18, 4)) IS NULL")).toBe(true);
    } finally {
      db.close();
    }
  });
  it('casts no id that begins with an ASCII letter to an integer (checkCustomerIdsSql skips those)', async () => {
    const db = await DuckDbEngine.open({ threads: 1 });
    try {
      // What the cast does take starts otherwise: blanks, a sign, a digit or a dot.
      const ids = ['e5', 'E5', 'inf', 'Infinity', 'nan', 'x1', 'Z9', 'a 1', 'b-2', ' 12', '+3', '-4', '1e3', '.5', '1_000', '\t7'];
      const rows = await db.rows(`SELECT s, try_cast(s AS HUGEINT) IS NOT NULL AS n FROM (VALUES ${ids.map((v) => `('${v}')`).join(', ')}) t(s)`);
      expect(rows.filter((r) => r.n === true).map((r) => r.s)).toEqual([' 12', '+3', '-4', '1e3', '.5', '1_000', '\t7']);
    } finally {
      db.close();
    }
  });
});
