// Reading query results column by column into typed arrays. A million-row result turned into one
// JS object per row costs more than DuckDB needs to compute it (architecture.md §6), so we walk
// DuckDB's result chunks (2,048 rows each) and copy each vector's items straight into the output
// arrays: numbers land in Float64Array, strings in a plain string array, and no row object is made.
import { DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import { nullsToNaN, numberItems } from './vector-items.ts';

/** A result read column-wise: numeric columns as Float64Array (NULL → NaN), text columns as strings. */
export type Column = Float64Array | (string | null)[];
export type Columns = Record<string, Column>;

/** DuckDB types read as numbers (integers wider than 2^53 lose precision, like every float64). */
const NUMERIC_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DECIMAL, DuckDBTypeId.BOOLEAN,
]);

/** One growing output column: numbers are kept in per-chunk Float64Arrays and joined once at the end. */
interface Sink {
  numeric: boolean;
  parts: Float64Array[];
  strings: (string | null)[];
}

/**
 * Streams `sql` and returns its columns by name. Numeric SQL types become Float64Array, everything
 * else is converted to text (cast in SQL first if you need a particular textual form).
 * @example const { x, id } = await readColumns(connection, 'SELECT id, x FROM customer_summary');
 */
export async function readColumns(connection: DuckDBConnection, sql: string): Promise<Columns> {
  // stream(): DuckDB produces chunks as we consume them, instead of materialising the whole result first.
  const result: DuckDBResult = await connection.stream(sql);
  const names = result.deduplicatedColumnNames();
  const sinks: Sink[] = names.map((_, i) => ({
    numeric: NUMERIC_TYPES.has(result.columnTypeId(i)),
    parts: [],
    strings: [],
  }));
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let c = 0; c < sinks.length; c++) copyChunkColumn(chunk, c, sinks[c]);
  }
  const out: Columns = {};
  names.forEach((name, c) => { out[name] = sinks[c].numeric ? concat(sinks[c].parts) : sinks[c].strings; });
  return out;
}

function copyChunkColumn(chunk: DuckDBDataChunk, c: number, sink: Sink): void {
  const vector = chunk.getColumnVector(c);
  const n = chunk.rowCount;
  if (sink.numeric) {
    const part = new Float64Array(n);
    // Fixed-width numbers are copied as one typed array, NULLs then marked (vector-items.ts).
    const items = numberItems(vector);
    if (items !== undefined) {
      part.set(items.subarray(0, n));
      if (nullsToNaN(vector, part)) {
        sink.parts.push(part);
        return;
      }
    }
    for (let i = 0; i < n; i++) {
      const v = vector.getItem(i);
      // DOUBLE arrives as number, BIGINT as bigint, DECIMAL as a value object whose text is exact.
      part[i] = v === null ? Number.NaN : typeof v === 'number' ? v : typeof v === 'bigint' || typeof v === 'boolean' ? Number(v) : Number(String(v));
    }
    sink.parts.push(part);
  } else {
    for (let i = 0; i < n; i++) {
      const v = vector.getItem(i);
      sink.strings.push(v === null ? null : typeof v === 'string' ? v : String(v));
    }
  }
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
