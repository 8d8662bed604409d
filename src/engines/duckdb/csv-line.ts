// CSV rows built as one text each in SQL and written as a single unquoted field: the same bytes as
// DuckDB's CSV writer gives the separate fields, with less work. Why: the writer spends more per
// field (its quoting check, separators, one vector per column) than concat() spends per value; the
// value pipeline's 1M-customer file of 11 fields took 0.80 s and 1.43 s of CPU as one text against
// 0.99 s and 1.79 s as fields (medians of 7 alternating runs, 2026-12-03, the same bytes).
// What the writer does, and these functions copy (pinned by csv-line.test.ts against the writer):
// a text is quoted when it is empty (NULL is the empty field) or holds the delimiter, the quote, CR,
// LF or '#', its quotes doubled; every other value is printed as its cast to VARCHAR; NULL is empty.
import { quoteIdent, quoteString } from './sql-literal.ts';

/** One field of a CSV row: SQL giving its text, and whether that text may need quoting. */
export interface CsvField { sql: string; text: boolean }

/** The bytes that make DuckDB's writer quote a text (default dialect: comma, double quote). */
const QUOTE_BYTES = /[,"\r\n#]/;

/** `name` as the writer prints it in the header. */
export const csvHeaderField = (name: string): string =>
  (name === '' || QUOTE_BYTES.test(name) ? `"${name.replaceAll('"', '""')}"` : name);

/**
 * SQL true when the writer would quote the text `sql` (NULL for NULL). contains() per byte rather than
 * one regexp: 0.10 s against 0.15 s of CPU over 1M customer ids.
 */
export const csvNeedsQuotesSql = (sql: string): string =>
  `(${sql} = '' OR ${[`','`, `'"'`, `'#'`, 'chr(13)', 'chr(10)'].map((b) => `contains(${sql}, ${b})`).join(' OR ')})`;

/** SQL quoting the text `sql` as the writer would (NULL stays NULL, printed as the empty field). */
export const csvTextSql = (sql: string): string =>
  `CASE WHEN ${csvNeedsQuotesSql(sql)} THEN concat('"', replace(${sql}, '"', '""'), '"') ELSE ${sql} END`;

/** Column types whose VARCHAR cast never needs quoting (numbers, booleans, dates and times). */
const PLAIN_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\)|BOOLEAN|DATE|TIME|TIMESTAMP|TIMESTAMP WITH TIME ZONE)$/;

/** A column of type `type` (as DESCRIBE names it) printed from SQL `sql`. */
export const csvFieldOfType = (sql: string, type: string): CsvField => ({ sql: `CAST(${sql} AS VARCHAR)`, text: !PLAIN_TYPE.test(type) });

/**
 * COPY writing `fields` of `from` (a FROM clause and what follows it, ORDER BY included) as CSV rows
 * of one text each, under the header `names`.
 * @example await db.run(copyCsvLinesSql([{ sql: 'id', text: true }], ['id'], 'FROM t ORDER BY id', '/tmp/t.csv'));
 */
export function copyCsvLinesSql(fields: readonly CsvField[], names: readonly string[], from: string, path: string): string {
  const line = `concat(${fields.map((f) => (f.text ? csvTextSql(f.sql) : f.sql)).join(", ',', ")})`;
  // QUOTE '': the writer prints the one field as it is, commas and quotes included (the header too).
  return `COPY (SELECT ${line} AS ${quoteIdent(names.map(csvHeaderField).join(','))} ${from}) TO ${quoteString(path)} (FORMAT csv, HEADER true, QUOTE '')`;
}
