// Writing `customer_summary` to a file with DuckDB's COPY: the rows stream from the engine to the
// file without passing through JS.
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { SummaryError } from './summary-error.ts';
import { CUSTOMER_ORDER } from './summary-sql.ts';

export type SummaryFileFormat = 'csv' | 'parquet';

/** The COPY statement; the format follows the file name (.parquet/.pq) unless given. */
export function copySummarySql(path: string, format: SummaryFileFormat, table = 'customer_summary'): string {
  const options = format === 'parquet' ? '(FORMAT parquet)' : "(FORMAT csv, HEADER, DELIMITER ',')";
  return `COPY (SELECT * FROM ${table} ORDER BY ${CUSTOMER_ORDER}) TO ${quoteString(path)} ${options}`;
}

/**
 * Writes the summary; returns the number of rows written.
 * @example await writeSummary(db, 'out/summary.csv');
 */
export async function writeSummary(db: DuckDbEngine, path: string, format?: SummaryFileFormat, table = 'customer_summary'): Promise<number> {
  const f = format ?? (/\.(parquet|pq)$/i.test(path) ? 'parquet' : 'csv');
  try {
    return await db.run(copySummarySql(path, f, table));
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new SummaryError('unwritable-output', `cannot write ${path}: ${message}`, { cause: e });
  }
}
