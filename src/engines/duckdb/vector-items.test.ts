import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { nullsToNaN, numberItems } from './vector-items.ts';

describe('vector items', () => {
  it('reaches the typed array of fixed-width vectors and marks their NULLs (the fast path is really taken)', async () => {
    // If a new @duckdb/node-api keeps its items elsewhere, reads and appends still work (per value),
    // but ~10× slower at a million rows: this test says so instead of the benchmark.
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const result = await connection.stream('SELECT CASE WHEN range % 100 = 7 THEN NULL ELSE range / 2 END AS d, CAST(range AS INTEGER) AS i, CAST(range AS BIGINT) AS b FROM range(300)');
    const chunk = await result.fetchChunk();
    if (!chunk) throw new Error('no chunk');
    const d = numberItems(chunk.getColumnVector(0)), i = numberItems(chunk.getColumnVector(1));
    expect(d).toBeInstanceOf(Float64Array);
    expect(i).toBeInstanceOf(Int32Array);
    expect(numberItems(chunk.getColumnVector(2))).toBeUndefined(); // BIGINT: 64-bit integers, read value by value
    const out = Float64Array.from(d ?? []);
    expect(nullsToNaN(chunk.getColumnVector(0), out)).toBe(true);
    expect([out[6], out[7], out[107], out[207], out[299]]).toEqual([3, Number.NaN, Number.NaN, Number.NaN, 149.5]);
    connection.closeSync();
  });
});
