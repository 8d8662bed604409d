// Bulk insert from columns. DuckDB's appender takes whole data chunks, so we fill one chunk of the
// standard vector size (2,048 rows) per step from the caller's arrays and hand it over in one call,
// instead of one native call per value (appendDouble/endRow) or an INSERT statement per row.
import { DuckDBDataChunk, DuckDBDoubleType, DuckDBVarCharType, DuckDBVector } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import type { Column } from './read-columns.ts';
import { numberItems } from './vector-items.ts';

/** Values for appending: numbers (Float64Array or number[]; NaN is stored as NaN, not NULL) or strings. */
export type AppendColumn = Column | readonly number[];

/**
 * Appends the columns, in the table's column order, to an existing table; returns the rows appended.
 * Numeric arrays go to DOUBLE-compatible columns, string arrays (null = NULL) to VARCHAR ones.
 * @example
 * await connection.run('CREATE TABLE t (id VARCHAR, x DOUBLE)');
 * await appendColumns(connection, 't', [['a', 'b'], Float64Array.of(1, 2)]);
 */
export async function appendColumns(connection: DuckDBConnection, table: string, columns: readonly AppendColumn[]): Promise<number> {
  const n = columns.length ? columns[0].length : 0;
  if (columns.some((c) => c.length !== n)) throw new Error(`appendColumns: columns for ${table} have different lengths`);
  const types: DuckDBType[] = columns.map((c) => (isTextColumn(c) ? DuckDBVarCharType.instance : DuckDBDoubleType.instance));
  const appender = await connection.createAppender(table);
  try {
    if (appender.columnCount !== columns.length) {
      throw new Error(`appendColumns: table ${table} has ${appender.columnCount} columns, got ${columns.length}`);
    }
    const size = DuckDBVector.standardSize();
    for (let start = 0; start < n; start += size) {
      const rows = Math.min(size, n - start);
      const chunk = DuckDBDataChunk.create(types, rows);
      columns.forEach((column, c) => {
        const vector = chunk.getColumnVector(c);
        // A Float64Array goes in as one copy (vector-items.ts); a fresh chunk has every row valid,
        // and NaN stays NaN as setItem would store it.
        const items = column instanceof Float64Array ? numberItems(vector) : undefined;
        if (items instanceof Float64Array && column instanceof Float64Array) items.set(column.subarray(start, start + rows));
        else for (let i = 0; i < rows; i++) vector.setItem(i, column[start + i]);
        vector.flush();
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return n;
}

function isTextColumn(c: AppendColumn): c is (string | null)[] {
  if (c instanceof Float64Array) return false;
  return c.some((v) => typeof v === 'string');
}
