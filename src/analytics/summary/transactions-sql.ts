// SQL text for reading a transaction file into `transactions(customer_id VARCHAR, ts TIMESTAMP,
// amount DOUBLE)`. Pure string builders: load-transactions.ts runs them through the DuckDB engine.
// CSV is read with every column as text so that *we* decide how dates and amounts are parsed (and
// can name the line of a value that does not parse) instead of DuckDB's sniffer guessing a type.
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';
import { exactSum } from './money-sql.ts';

export type SourceFormat = 'csv' | 'parquet';

/** How the file is read, once resolved (format known, whitespace detection done). */
export interface SourceSpec {
  path: string;
  format: SourceFormat;
  /** CSV: first line holds column names. */
  header: boolean;
  /** CSV: a delimiter character, 'whitespace' for fields separated by runs of spaces/tabs, or undefined to let DuckDB sniff it. */
  delimiter?: string;
  /** CSV: what DuckDB's sniffer found (sniffCsvSql), so that later readings need not sniff again. */
  dialect?: CsvDialect;
}

/**
 * A CSV file's dialect and column names as DuckDB's sniffer reports them (sniff_csv), given back to
 * read_csv with auto_detect = false: the reading it describes is the one read_csv would make after
 * sniffing (sniff_csv's own "Prompt" is built from the same fields). Why: every read_csv that
 * auto-detects samples the file again when the query is bound, ~0.04–0.09 s each at 2.75M rows, and
 * the value pipeline bound three (the description, the loading view, the typed summary query).
 */
export interface CsvDialect {
  delim: string;
  quote: string;
  escape: string;
  newLine: string;
  comment: string;
  skip: number;
  names: string[];
}

/** sniff_csv of a file, all columns as text; sniffedDialect reads its row. */
export function sniffCsvSql(s: SourceSpec): string {
  const delim = s.delimiter === undefined ? '' : `, delim = ${quoteString(s.delimiter)}`;
  return `SELECT Delimiter AS delim, Quote AS quote, Escape AS escape, NewLineDelimiter AS new_line, Comment AS comment, SkipRows AS skip,
  list_transform(Columns, c -> c.name) AS names
FROM sniff_csv(${quoteString(s.path)}, all_varchar = true, header = ${s.header}${delim})`;
}

/** sniff_csv writes "(empty)" for a dialect character it does not use. */
const sniffed = (v: unknown): string => (v === '(empty)' ? '' : String(v));

/** The dialect in a row of sniffCsvSql. */
export function sniffedDialect(row: Record<string, unknown>): CsvDialect {
  const names = row.names;
  return {
    delim: sniffed(row.delim), quote: sniffed(row.quote), escape: sniffed(row.escape), newLine: sniffed(row.new_line),
    comment: sniffed(row.comment), skip: Number(row.skip), names: Array.isArray(names) ? names.map(String) : [],
  };
}

/** read_csv of a sniffed file with the given column types (text where none is given). */
function dialectReaderSql(s: SourceSpec, d: CsvDialect, types: Readonly<Record<string, string>>, extra = ''): string {
  const columns = d.names.map((n) => `${quoteString(n)}: ${quoteString(types[n] ?? 'VARCHAR')}`).join(', ');
  return `read_csv(${quoteString(s.path)}, auto_detect = false, header = ${s.header}, delim = ${quoteString(d.delim)}, quote = ${quoteString(d.quote)}, `
    + `escape = ${quoteString(d.escape)}, new_line = ${quoteString(d.newLine)}, comment = ${quoteString(d.comment)}, skip = ${d.skip}, columns = {${columns}}${extra})`;
}

/** Formats tried, in order, when no --date-format is given (DuckDB strptime syntax). */
export const AUTO_DATE_FORMATS = ['%Y-%m-%d', '%Y%m%d', '%Y/%m/%d', '%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M'] as const;

/** A file format from the name: .parquet/.pq are Parquet, anything else (.csv, .txt, .tsv, .gz …) CSV. */
export const formatFromPath = (path: string): SourceFormat => (/\.(parquet|pq)$/i.test(path) ? 'parquet' : 'csv');

/** Reads each line whole (the unit separator never occurs in text data), for whitespace-separated files. */
export const rawLinesSql = (path: string, skip = 0): string =>
  `read_csv(${quoteString(path)}, columns = {'line': 'VARCHAR'}, header = false, delim = chr(31), quote = '', escape = '', auto_detect = false, skip = ${skip})`;

/**
 * The file as a relation. CSV columns are all VARCHAR; a whitespace file has one column `fields`
 * (a list of the line's fields); Parquet keeps its own types.
 */
export function readerSql(s: SourceSpec): string {
  if (s.format === 'parquet') return `read_parquet(${quoteString(s.path)})`;
  if (s.delimiter === 'whitespace') {
    // trim() also drops the CR of CRLF files; '\s+' splits on runs of blanks, as R's and pandas' sep='\s+'.
    return `(SELECT regexp_split_to_array(trim(line, ' ' || chr(9) || chr(13)), '\\s+') AS fields FROM ${rawLinesSql(s.path, s.header ? 1 : 0)})`;
  }
  if (s.dialect) return dialectReaderSql(s, s.dialect, {});
  const delim = s.delimiter === undefined ? '' : `, delim = ${quoteString(s.delimiter)}`;
  return `read_csv(${quoteString(s.path)}, all_varchar = true, header = ${s.header}${delim})`;
}

/** SQL expression for the k-th column (0-based) of a resolved source, given its column names. */
export const columnRef = (s: SourceSpec, names: readonly string[], k: number): string =>
  s.delimiter === 'whitespace' && s.format === 'csv' ? `fields[${k + 1}]` : quoteIdent(names[k]);

/** Line number of a data row: DuckDB keeps file order (preserve_insertion_order), so row_number() is the row, plus the header line. */
export const lineOffset = (s: SourceSpec): number => (s.format === 'csv' && s.header ? 1 : 0);

/** Timestamp from text: an explicit strptime format, or the common formats, then ISO 8601 by cast. */
export function parseDateSql(text: string, dateFormat?: string): string {
  if (dateFormat !== undefined) return `CAST(try_strptime(${text}, ${quoteString(dateFormat)}) AS TIMESTAMP)`;
  const formats = AUTO_DATE_FORMATS.map(quoteString).join(', ');
  // The cast covers ISO 8601 ('2015-01-05T10:30:00.123', with 'Z' or an offset); it keeps the clock
  // time as written and drops the offset, so a purchase stays on the local day it was made.
  return `COALESCE(try_strptime(${text}, [${formats}]), try_cast(${text} AS TIMESTAMP))`;
}

/** Timestamp from a column of any type: date/time types are cast, anything else is parsed as text. */
export function dateExprSql(ref: string, columnType: string, dateFormat?: string): string {
  if (/^(DATE|TIMESTAMP)/.test(columnType)) return `CAST(${ref} AS TIMESTAMP)`;
  const text = columnType === 'VARCHAR' ? `trim(${ref})` : `CAST(${ref} AS VARCHAR)`;
  const parsed = parseDateSql(text, dateFormat);
  if (dateFormat !== undefined || columnType !== 'VARCHAR') return parsed;
  // ISO dates first, by a plain cast of the untrimmed text: about five times cheaper than trim and
  // strptime, and the answer cannot differ. The cast accepts no surrounding blanks (those fall through
  // to the full expression), and where it succeeds, any format of AUTO_DATE_FORMATS that also matches
  // reads the same calendar fields; the full expression ends with this very cast anyway.
  return `COALESCE(try_cast(${ref} AS TIMESTAMP), ${parsed})`;
}

/**
 * Amount as DOUBLE, NULL when the text is not a number (numeric columns are cast directly). The cast
 * itself ignores leading and trailing blanks (spaces, tabs, CR), so no trim() is needed. "NaN" and
 * "inf" parse as doubles but are no amount of money (and would poison every sum), so they count as
 * not a number too.
 */
export function amountExprSql(ref: string, columnType: string): string {
  const v = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(columnType)
    ? `CAST(${ref} AS DOUBLE)`
    : `try_cast(${columnType === 'VARCHAR' ? ref : `CAST(${ref} AS VARCHAR)`} AS DOUBLE)`;
  return `CASE WHEN isfinite(${v}) THEN ${v} END`;
}

export interface StageColumns {
  customer: string;
  date: string;
  amount?: string;
  dateType: string;
  amountType?: string;
  dateFormat?: string;
}

/**
 * Customer id as text, NULL when blank. trim() only when there is a blank to trim (DuckDB's trim
 * removes spaces): the check is a byte comparison, trim builds a new string, and this runs on every
 * row (−0.2 s CPU at 2.75M rows).
 */
function customerSql(ref: string): string {
  const id = `CAST(${ref} AS VARCHAR)`;
  return `CASE WHEN prefix(${id}, ' ') OR suffix(${id}, ' ') THEN NULLIF(trim(${id}), '') ELSE NULLIF(${id}, '') END`;
}

/** The parsed columns: customer id (NULL when blank), timestamp and amount (NULL when they do not parse). */
function parsedColumnsSql(c: StageColumns): string {
  const amount = c.amount === undefined ? 'NULL::DOUBLE' : amountExprSql(c.amount, c.amountType ?? 'VARCHAR');
  return `${customerSql(c.customer)} AS customer_id,
  ${dateExprSql(c.date, c.dateType, c.dateFormat)} AS ts,
  ${amount} AS amount`;
}

/**
 * The table (or view) `transactions` will become: the parsed columns only. Rows that do not parse
 * hold NULLs; loadTransactions counts them (badCountsSql) and, only when there are some, reads the
 * file again with stageSql to name their lines.
 */
export function loadSql(s: SourceSpec, c: StageColumns, name: string, kind: 'TABLE' | 'VIEW' = 'TABLE'): string {
  return `CREATE ${kind} ${quoteIdent(name)} AS
SELECT ${parsedColumnsSql(c)}
FROM ${readerSql(s)}`;
}

/**
 * A temporary table holding each row's line number, raw values (for error messages) and parsed
 * values: the slow second reading, for files with bad rows only.
 */
export function stageSql(s: SourceSpec, c: StageColumns, table = 'transactions_staged'): string {
  const amountRaw = c.amount === undefined ? 'NULL' : `CAST(${c.amount} AS VARCHAR)`;
  return `CREATE OR REPLACE TEMP TABLE ${table} AS
SELECT row_number() OVER () + ${lineOffset(s)} AS line,
  CAST(${c.customer} AS VARCHAR) AS raw_customer, CAST(${c.date} AS VARCHAR) AS raw_date, ${amountRaw} AS raw_amount,
  ${parsedColumnsSql(c)}
FROM ${readerSql(s)}`;
}

/**
 * The rows merged per customer and day, with the counts that tell a clean file from a bad one, in the
 * same reading: `day` is NULL for rows whose date did not parse, `customer_id` NULL for blank ids, and
 * `n_rows − n_amount` counts amounts that did not parse. For a caller that summarises the file right
 * away (the value pipeline): the summary starts from day totals anyway (summary-sql.ts), so one
 * parse of the file serves both the check (dayCountsSql) and the summary. `from` is a relation of
 * (customer_id, ts, amount): the loading view, or typedSourceSql.
 */
// The counts are INTEGERs (a day of one customer has fewer than 2³¹ rows): 8 bytes a row less than
// BIGINTs, ~110 MB at the 13.7M day rows of 5M customers.
// `purchase` (for the customer-day tables of lifecycle-sql.ts) adds whether the day had a row of
// amount ≥ 0, i.e. was not returns only.
export const transactionDaysSql = (from: string, table: string, o: { purchase?: boolean } = {}): string =>
  `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
SELECT customer_id, CAST(ts AS DATE) AS day, ${exactSum('amount')} AS spend, CAST(count(*) AS INTEGER) AS n_rows, CAST(count(amount) AS INTEGER) AS n_amount${o.purchase ? ', bool_or(amount >= 0) AS purchase' : ''}
FROM ${from} GROUP BY ALL`;

/**
 * The loading view's rows read by DuckDB's typed CSV parser instead of as text: the date column as
 * TIMESTAMP (DuckDB's ISO 8601 parsing, or the strptime format of --date-format) and the amount as
 * DOUBLE. About a third cheaper than text plus casts (1.8 s against 2.75 s of CPU for the day totals
 * of 2.75M rows). Exact where it succeeds: a value it parses gives what the view gives (the view
 * tries the same ISO cast first, and --date-format among its formats; DuckDB's CSV and cast read
 * numbers alike; checked on edge cases in load-transactions.test.ts). It fails as a whole on the
 * first value it cannot parse (another date format, a date with a trailing blank, "$4"), and
 * loadTransactions then reads the view, which accepts what it should and names the rest. Null for
 * sources it does not apply to.
 *
 * `strict` (the name of the customer column) makes it refuse empty dates and amounts too
 * (force_not_null: an empty field is '' instead of NULL, which no date or number parses), and gives
 * blank customer ids as '' instead of NULL, and ids as they are, untrimmed. A reading that succeeds
 * then has no bad row but for blank customers, which form a group of their own ('') in whatever it is
 * grouped by, and ids with edge spaces, which the view would trim: the check of a clean file comes with
 * the reading at the cost of two comparisons on the grouped result (summaryCountsSql), where trimming
 * every row's id cost ~0.3 s of 2.2 at 2.75M rows (load-transactions.ts then reads the file as without
 * `strict`).
 */
export function typedSourceSql(s: SourceSpec, c: StageColumns, dateName: string, amountName?: string, strict?: { customer: string }): string | null {
  if (s.format !== 'csv' || s.delimiter === 'whitespace' || c.dateType !== 'VARCHAR' || (amountName !== undefined && c.amountType !== 'VARCHAR')) return null;
  const typed: Record<string, string> = { [dateName]: 'TIMESTAMP', ...(amountName === undefined ? {} : { [amountName]: 'DOUBLE' }) };
  // No format but the user's: DuckDB's own ISO parsing, which the view tries first (try_cast), is
  // ~0.15 s cheaper at 2.75M rows than a strptime format (the summary query 1.73 s against 1.88 s,
  // medians of 7 alternating runs).
  const format = c.dateFormat === undefined ? '' : `, timestampformat = ${quoteString(c.dateFormat)}`;
  const notNull = strict === undefined ? '' : `, force_not_null = [${[strict.customer, dateName, ...(amountName === undefined ? [] : [amountName])].map(quoteString).join(', ')}]`;
  // With the sniffed dialect (loadTransactions) nothing is detected again; without one, read_csv sniffs.
  const delim = s.delimiter === undefined ? '' : `, delim = ${quoteString(s.delimiter)}`;
  const reader = s.dialect
    ? dialectReaderSql(s, s.dialect, typed, `${format}${notNull}`)
    : `read_csv(${quoteString(s.path)}, all_varchar = true, header = ${s.header}${delim}, types = {${Object.entries(typed).map(([k, v]) => `${quoteString(k)}: '${v}'`).join(', ')}}${format}${notNull})`;
  return `(SELECT ${strict === undefined ? customerSql(c.customer) : `CAST(${c.customer} AS VARCHAR)`} AS customer_id, ${c.date} AS ts, ${c.amount ?? 'NULL::DOUBLE'} AS amount FROM ${reader})`;
}

/**
 * The counts loadTransactions needs from a summary built with `keepLate` from a strict typedSourceSql
 * reading: rows read (every row is in some group's `orders`), the last day, customers with a blank
 * id (a bad file), ids with edge spaces (to be read again, trimmed) and whether late rows were kept
 * (the NULL customer's row, to delete), and, with amounts, customers whose total is not a finite
 * number: the typed reader parses "NaN" and "inf" as doubles, and a file with them is read again as
 * text, which names their lines (nonFiniteDaysSql does the same for day totals).
 */
export const summaryCountsSql = (table: string, hasAmount: boolean): string =>
  `SELECT coalesce(sum(orders), 0) AS rows, strftime(max(last_purchase), '%Y-%m-%d') AS last_day,
  count(*) FILTER (WHERE customer_id = '') AS blank, count(*) FILTER (WHERE customer_id IS NULL) AS late,
  count(*) FILTER (WHERE prefix(customer_id, ' ') OR suffix(customer_id, ' ')) AS untrimmed,
  ${hasAmount ? 'count(*) FILTER (WHERE NOT isfinite(total_spend))' : '0'} AS nonfinite
FROM ${quoteIdent(table)}`;

/**
 * Day totals that are not finite numbers: a typed reading (typedSourceSql) parses "NaN" and "inf" as
 * doubles, which no amount is, and they reach the totals (money-sql.ts): such a reading is refused.
 */
export const nonFiniteDaysSql = (table: string): string =>
  `SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE NOT isfinite(spend)`;

/** Drops a transactionDaysSql table (temporary objects live in the `temp` catalog). */
export const dropDaysSql = (table: string): string => `DROP TABLE IF EXISTS temp.main.${quoteIdent(table)}`;

/** badCountsSql's counts from a transactionDaysSql table. */
export const dayCountsSql = (hasAmount: boolean, table: string): string =>
  `SELECT sum(n_rows) AS rows, strftime(max(day), '%Y-%m-%d') AS last_day,
  coalesce(sum(n_rows) FILTER (WHERE day IS NULL), 0) AS bad_date,
  ${hasAmount ? 'sum(n_rows - n_amount)' : '0'} AS bad_amount,
  coalesce(sum(n_rows) FILTER (WHERE customer_id IS NULL), 0) AS bad_customer
FROM ${quoteIdent(table)}`;

/** Counts of rows whose customer, date or amount did not parse, and the day of the last transaction. */
export const badCountsSql = (hasAmount: boolean, table = 'transactions_staged'): string =>
  `SELECT count(*) AS rows, strftime(max(ts), '%Y-%m-%d') AS last_day, count(*) FILTER (WHERE ts IS NULL) AS bad_date,
  ${hasAmount ? 'count(*) FILTER (WHERE amount IS NULL)' : '0'} AS bad_amount,
  count(*) FILTER (WHERE customer_id IS NULL) AS bad_customer
FROM ${quoteIdent(table)}`;

export type BadKind = 'date' | 'amount' | 'customer';

/** The first few bad rows of one kind, with their line and raw value. */
export function badRowsSql(kind: BadKind, limit = 5, table = 'transactions_staged'): string {
  const where = kind === 'date' ? 'ts IS NULL' : kind === 'amount' ? 'amount IS NULL' : 'customer_id IS NULL';
  return `SELECT line, raw_${kind} AS raw FROM ${table} WHERE ${where} ORDER BY line LIMIT ${limit}`;
}
