// SQL that reads an input file, and turns the CSV reader's own rejects into reject rows with line
// numbers. CSV is read with auto-detection off, every column VARCHAR and store_rejects on, so that a
// broken line becomes a row of DuckDB's rejects table (with its line number, text and error) instead
// of failing the read or being dropped. Rows come back in file order (preserve_insertion_order, on by
// default).
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';

export interface CsvSource {
  readonly kind: 'csv';
  readonly path: string;
  readonly delimiter: string;
  readonly names: readonly string[];
  readonly gzip: boolean;
}

export interface ParquetSource {
  readonly kind: 'parquet';
  readonly path: string;
}

export type Source = CsvSource | ParquetSource;

/** Temp tables DuckDB fills with the CSV reader's rejects (one scan per import, so fixed names serve). */
export const REJECTS_TABLE = 'ingest_reject_errors';
export const REJECTS_SCAN = 'ingest_reject_scans';

/**
 * The reader: RFC 4180 quoting ("" escapes a quote), the header line skipped, all columns text.
 * `errors`: 'store' logs faulty lines to the rejects tables (the import's one real read); 'again'
 * reads the same good rows a second time, logging to other tables (ignore_errors alone recovers
 * differently after a broken quote and returns other rows); 'skip' leaves faulty lines out (a look
 * at the first rows).
 */
export function readerSql(s: Source, errors: 'store' | 'again' | 'skip' = 'store'): string {
  if (s.kind === 'parquet') return `read_parquet(${quoteString(s.path)})`;
  const columns = s.names.map((n) => `${quoteString(n)}: 'VARCHAR'`).join(', ');
  const onError = errors === 'skip'
    ? 'ignore_errors = true'
    : errors === 'store'
      ? `store_rejects = true, rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_SCAN}'`
      : `store_rejects = true, rejects_table = '${REJECTS_TABLE}_again', rejects_scan = '${REJECTS_SCAN}_again'`;
  return `read_csv(${quoteString(s.path)}, auto_detect = false, header = true, delim = ${quoteString(s.delimiter)},
    quote = '"', escape = '"', columns = {${columns}}, compression = ${s.gzip ? "'gzip'" : "'none'"}, ${onError})`;
}

/** Clears the reject tables of an earlier read on this connection, so they hold this import's rejects only. */
export const dropRejectTablesSql = `DROP TABLE IF EXISTS temp.${REJECTS_TABLE}; DROP TABLE IF EXISTS temp.${REJECTS_SCAN}`;

/**
 * ingest_raw: the file's columns as read (for CSV all VARCHAR), to show the full record of a row
 * rejected for its values. Read a second time only when there are such rows: the reader returns
 * the same records in the same order, so ingest_raw's rowid matches ingest_rows' rowid.
 */
export const createRawSql = (s: Source): string => `DROP TABLE IF EXISTS temp.${REJECTS_TABLE}_again; DROP TABLE IF EXISTS temp.${REJECTS_SCAN}_again;
CREATE OR REPLACE TEMP TABLE ingest_raw AS SELECT * FROM ${readerSql(s, 'again')}`;

/**
 * ingest_struct_rejects(line, code, reason, raw): one row per faulty CSV record. DuckDB can log
 * several errors for one record (an unterminated quote, then too few columns), so they are grouped by
 * line and the first one names it; raw is the record as DuckDB saw it, without the line break it
 * sometimes keeps at its start.
 */
export const structRejectsSql = (): string => `CREATE OR REPLACE TEMP TABLE ingest_struct_rejects AS
SELECT line, code, code || ': ' || message AS reason, raw FROM (
  SELECT line, first(${reasonSql('error_type')} ORDER BY byte_position) AS code, first(error_message ORDER BY byte_position) AS message,
    first(regexp_replace(csv_line, '^[\\r\\n]+|[\\r\\n]+$', '', 'g')) AS raw
  FROM ${REJECTS_TABLE} GROUP BY line
)`;

/** DuckDB's error types as our reason codes (kebab-case like the rest). */
function reasonSql(col: string): string {
  return `CASE ${col} WHEN 'MISSING COLUMNS' THEN 'missing-columns' WHEN 'TOO MANY COLUMNS' THEN 'too-many-columns'
    WHEN 'UNQUOTED VALUE' THEN 'broken-quoting' WHEN 'LINE SIZE OVER MAXIMUM' THEN 'line-too-long'
    WHEN 'INVALID ENCODING' THEN 'invalid-encoding' WHEN 'INVALID UNICODE' THEN 'invalid-encoding' ELSE 'csv-error' END`;
}

/**
 * ingest_gaps(g, i): turns the reader's row position into a line number. DuckDB numbers records
 * with the header as line 1 (blank lines count) and returns only the good rows: the rejected ones
 * and blank lines are skipped. For the i-th skipped line r_i, g_i = r_i − header − i good rows
 * precede it; so good row rn lies on line rn + header + (number of skipped lines with g < rn),
 * found by an ASOF join on g. ingest_blank_lines holds the blank lines (found by scanFile).
 */
export const gapsSql = (header: number): string => `CREATE OR REPLACE TEMP TABLE ingest_gaps AS
SELECT g, max(i) AS i FROM (
  SELECT line - ${header} - row_number() OVER (ORDER BY line) AS g, row_number() OVER (ORDER BY line) AS i
  FROM (SELECT line FROM ingest_struct_rejects UNION SELECT CAST(line AS BIGINT) FROM ingest_blank_lines)
) GROUP BY g`;

/** The raw text of a whole record, re-joined as CSV (fields quoted when they must be). */
export function rawRecordSql(names: readonly string[], delimiter: string, alias = 'r'): string {
  const d = quoteString(delimiter);
  const field = (n: string): string => {
    const v = `CAST(${alias}.${quoteIdent(n)} AS VARCHAR)`;
    return `CASE WHEN ${v} IS NULL THEN '' WHEN regexp_matches(${v}, '["\\r\\n]') OR contains(${v}, ${d})
      THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END`;
  };
  return names.length === 0 ? "''" : `concat_ws(${d}, ${names.map(field).join(', ')})`;
}
