// Loads a transaction file (CSV, gzip CSV, whitespace-separated text or Parquet) into the table
// `transactions(customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE)` with a column mapping, and
// refuses bad data with the line number and value of the first few offending rows.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import { dropRelation } from './drop-relation.ts';
import { SummaryError } from './summary-error.ts';
import { customerSummarySql, type SummarySpec } from './summary-sql.ts';
import {
  AUTO_DATE_FORMATS, badCountsSql, badRowsSql, columnRef, dayCountsSql, dropDaysSql, formatFromPath, loadSql, rawLinesSql, readerSql,
  nonFiniteDaysSql, sniffCsvSql, sniffedDialect, stageSql, summaryCountsSql, transactionDaysSql, typedSourceSql, type BadKind, type CsvDialect, type SourceFormat, type SourceSpec, type StageColumns,
} from './transactions-sql.ts';

/** The table a load fills before it replaces `transactions`. */
const LOADING = 'transactions_loading';

export interface ColumnMapping {
  /** Column names, or 1-based positions when the file has no header. */
  customer: string;
  date: string;
  amount?: string;
  /** strptime format for the date column (e.g. '%d/%m/%Y'); default: common formats and ISO 8601. */
  dateFormat?: string;
}

export interface LoadOptions extends ColumnMapping {
  path: string;
  format?: SourceFormat;
  /** CSV: the first line holds column names (default true). */
  header?: boolean;
  /** CSV: delimiter character, or 'whitespace'; default: sniffed by DuckDB, whitespace when it finds one column that blanks split. */
  delimiter?: string;
  /**
   * Make `transactions` a view that parses the file on every read instead of a table: no copy of the
   * rows in memory (~0.5 GB at 14M rows), for a caller that reads it once more, such as the value
   * pipeline. The file is checked all the same; it must not change while the view is in use.
   */
  view?: boolean;
  /**
   * Also create this temporary table of day totals (transactionDaysSql) in the reading that checks
   * the file, for buildSummary's `days`: with `view`, the file is then parsed once in all when it is
   * clean (instead of once to check and once to summarise).
   */
  days?: string;
  /**
   * With `view`: first try to build `customer_summary` (summary-sql.ts, with the history columns)
   * straight from DuckDB's typed CSV reading, in the one query that also checks the file (typedSourceSql
   * `strict`, customerSummarySql `keepLate`): no day totals table, no second pass. When that reading
   * fails or finds a bad row, nothing of it is kept and the file is read as without this option
   * (`days` included), which names the bad rows as usual. `summarised` in the result says which
   * happened. The options must be valid (buildSummary's summaryOptionsError).
   */
  summary?: Omit<SummarySpec, 'hasAmount' | 'daysTable' | 'keepLate' | 'calibrationEnd' | 'history'>;
}

export interface LoadResult {
  rows: number;
  source: SourceSpec;
  hasAmount: boolean;
  /** Day of the last transaction, YYYY-MM-DD (the default end of observation). */
  lastDay?: string;
  /** `customer_summary` was built in the reading (LoadOptions.summary). */
  summarised: boolean;
}

/** The summary loadTransactions builds with `summary`. */
const SUMMARY = 'customer_summary';

/**
 * Creates (or replaces) the `transactions` table (or view, with `view`) from a file.
 * @example
 * await loadTransactions(db, { path: 'cdnowElog.csv', customer: 'masterid', date: 'date', amount: 'sales' });
 */
export async function loadTransactions(db: DuckDbEngine, o: LoadOptions): Promise<LoadResult> {
  if (!existsSync(o.path)) throw new SummaryError('unreadable-input', `transaction file not found: ${o.path}`);
  const { source, names, types } = await resolveSource(db, o);
  const pick = (what: string, ref: string): number => findColumn(source, names, what, ref);
  const customer = pick('customer', o.customer);
  const date = pick('date', o.date);
  const amount = o.amount === undefined ? undefined : pick('amount', o.amount);
  const ref = (k: number): string => columnRef(source, names, k);
  const columns: StageColumns = {
    customer: ref(customer), date: ref(date), dateType: types[date], dateFormat: o.dateFormat,
    amount: amount === undefined ? undefined : ref(amount), amountType: amount === undefined ? undefined : types[amount],
  };
  // One reading into a new table (or, for a view, one reading to count); the file is read again, with
  // line numbers, only to name bad rows.
  await dropRelation(db, LOADING);
  await guard(source, () => db.run(loadSql(source, columns, LOADING, o.view ? 'VIEW' : 'TABLE')), o.dateFormat);
  const amountName = amount === undefined ? undefined : names[amount];
  // A value the typed reader cannot parse fails it wherever it is read: after a failed strict reading
  // the day totals come from the view straight away.
  let typedFails = false;
  const strict = o.summary && o.view ? typedSourceSql(source, columns, names[date], amountName, { customer: names[customer] }) : null;
  if (o.summary && strict !== null) {
    const sql = customerSummarySql({ ...o.summary, hasAmount: amount !== undefined, history: true, keepLate: true }, strict, SUMMARY);
    typedFails = !await db.run(sql).then(() => true, () => false);
    if (!typedFails) {
      const c = (await db.rows(summaryCountsSql(SUMMARY, amount !== undefined)))[0];
      const rows = Number(c.rows);
      // NaN or ±∞ among the amounts: the text reading below names their lines.
      typedFails = Number(c.nonfinite) > 0;
      // Blank customer ids or no rows at all: the reading below gives the usual error. Ids with edge
      // spaces: the reading below trims them (the strict one groups them as they are).
      if (Number(c.blank) === 0 && Number(c.untrimmed) === 0 && rows > 0 && !typedFails) {
        if (Number(c.late) > 0) await db.run(`DELETE FROM ${SUMMARY} WHERE customer_id IS NULL`);
        await dropRelation(db, 'transactions');
        await db.run(`ALTER VIEW ${LOADING} RENAME TO transactions`);
        return { rows, source, hasAmount: amount !== undefined, lastDay: typeof c.last_day === 'string' ? c.last_day : undefined, summarised: true };
      }
      await dropRelation(db, SUMMARY);
    }
  }
  const days = o.days;
  if (days !== undefined) {
    const typed = typedFails ? null : typedSourceSql(source, columns, names[date], amountName);
    // The typed reading first; any failure (a value it cannot parse) falls back to the view.
    const fast = typed !== null && await db.run(transactionDaysSql(typed, days)).then(() => true, () => false)
      && (amountName === undefined || Number(await db.scalar(nonFiniteDaysSql(days))) === 0);
    if (!fast) await guard(source, () => db.run(transactionDaysSql(quoteIdent(LOADING), days)), o.dateFormat);
  }
  const countsSql = days === undefined ? badCountsSql(amount !== undefined, LOADING) : dayCountsSql(amount !== undefined, days);
  const counts = (await guard(source, () => db.rows(countsSql), o.dateFormat))[0];
  const total = Number(counts.rows);
  const bad = Number(counts.bad_date) + Number(counts.bad_amount) + Number(counts.bad_customer);
  if (total === 0 || bad > 0) {
    await dropRelation(db, LOADING);
    if (days !== undefined) await db.run(dropDaysSql(days));
  }
  if (total === 0) throw new SummaryError('no-transactions', `${basename(o.path)} has no data rows`);
  if (bad > 0) await guard(source, () => db.run(stageSql(source, columns)), o.dateFormat);
  const what = source.format === 'parquet' ? 'row' : 'line';
  const fail = async (kind: BadKind, count: number, code: 'bad-date' | 'bad-amount' | 'bad-customer', problem: string, hint: string): Promise<void> => {
    if (count === 0) return;
    const examples = (await db.rows(badRowsSql(kind))).map((r) => `${what} ${r.line}: ${r.raw === null ? '(empty)' : JSON.stringify(r.raw)}`);
    throw new SummaryError(code, `${count} of ${total} rows in ${basename(o.path)} ${problem} (${examples.join('; ')}${count > examples.length ? '; …' : ''}). ${hint}`);
  };
  const dateHint = o.dateFormat === undefined
    ? `Dates are read as ${AUTO_DATE_FORMATS.map((f) => f.replaceAll('%', '')).join(', ')} or ISO 8601; give --date-format (strptime, e.g. %d/%m/%Y) for others.`
    : `They do not match --date-format ${o.dateFormat}.`;
  await fail('date', Number(counts.bad_date), 'bad-date', `have a ${names[date]} that is not a date`, dateHint);
  if (amount !== undefined) await fail('amount', Number(counts.bad_amount), 'bad-amount', `have a ${names[amount]} that is not a number`, 'Amounts must be plain numbers such as 12.5 (no currency signs or thousands separators).');
  await fail('customer', Number(counts.bad_customer), 'bad-customer', `have an empty ${names[customer]}`, 'Every transaction needs a customer id.');
  await dropRelation(db, 'transactions');
  await db.run(`ALTER ${o.view ? 'VIEW' : 'TABLE'} ${LOADING} RENAME TO transactions`);
  return { rows: total, source, hasAmount: amount !== undefined, lastDay: typeof counts.last_day === 'string' ? counts.last_day : undefined, summarised: false };
}

/**
 * Settles format, header and delimiter, with the column names and types: notices whitespace-separated
 * text, which DuckDB's sniffer cannot split (it finds one column). The sniff that describes the file
 * is the one that tells (a separate sniff_csv first cost ~0.07 s at 2.75M rows).
 */
async function resolveSource(db: DuckDbEngine, o: LoadOptions): Promise<{ source: SourceSpec; names: string[]; types: string[] }> {
  const format = o.format ?? formatFromPath(o.path);
  const spec: SourceSpec = { path: o.path, format, header: o.header ?? true, delimiter: o.delimiter };
  const { dialect, ...described } = await describeSource(db, spec);
  const sniffed: SourceSpec = { ...spec, dialect };
  if (format !== 'csv' || o.delimiter !== undefined || described.names.length !== 1) return { source: sniffed, ...described };
  const first = String((await guard(spec, () => db.scalar(`SELECT line FROM ${rawLinesSql(o.path)} LIMIT 1`))) ?? '');
  if (first.trim().split(/\s+/).length <= 1) return { source: sniffed, ...described };
  const whitespace: SourceSpec = { ...spec, delimiter: 'whitespace' };
  return { source: whitespace, ...await describeSource(db, whitespace) };
}

/** Column names and types; for whitespace files, names come from the header line (or are positions). */
async function describeSource(db: DuckDbEngine, s: SourceSpec): Promise<{ names: string[]; types: string[]; dialect?: CsvDialect }> {
  if (s.format === 'csv' && s.delimiter === 'whitespace') {
    const first = String((await guard(s, () => db.scalar(`SELECT line FROM ${rawLinesSql(s.path)} LIMIT 1`))) ?? '');
    const tokens = first.trim().split(/\s+/);
    const names = s.header ? tokens : tokens.map((_, i) => String(i + 1));
    return { names, types: names.map(() => 'VARCHAR') };
  }
  if (s.format === 'csv') {
    // Sniffed once, and the dialect kept for every later reading (transactions-sql.ts CsvDialect).
    const dialect = sniffedDialect((await guard(s, () => db.rows(sniffCsvSql(s))))[0]);
    return { names: dialect.names, types: dialect.names.map(() => 'VARCHAR'), dialect };
  }
  const rows = await guard(s, () => db.rows(`DESCRIBE SELECT * FROM ${readerSql(s)}`));
  return { names: rows.map((r) => String(r.column_name)), types: rows.map((r) => String(r.column_type)) };
}

/** Index of a mapped column: by name (exact, then case-insensitive), or by 1-based position without a header. */
function findColumn(s: SourceSpec, names: readonly string[], what: string, ref: string): number {
  const file = basename(s.path);
  if (s.format === 'csv' && !s.header) {
    const k = Number(ref);
    if (Number.isInteger(k) && k >= 1 && k <= names.length) return k - 1;
    throw new SummaryError('missing-column', `${what} column "${ref}" not found in ${file}: without a header, give a column position 1-${names.length}`);
  }
  const exact = names.indexOf(ref);
  if (exact >= 0) return exact;
  const loose = names.flatMap((n, i) => (n.toLowerCase() === ref.toLowerCase() ? [i] : []));
  if (loose.length === 1) return loose[0];
  throw new SummaryError('missing-column', `${what} column "${ref}" not found in ${file} (columns: ${names.join(', ')})`);
}

/** Turns DuckDB's failures to read the file into a SummaryError naming the file. */
async function guard<T>(s: SourceSpec, step: () => Promise<T>, dateFormat?: string): Promise<T> {
  try {
    return await step();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (dateFormat !== undefined && /format specifier|strptime/i.test(message)) {
      throw new SummaryError('invalid-option', `--date-format ${dateFormat} is not a valid strptime format: ${message}`, { cause: e });
    }
    throw new SummaryError('unreadable-input', `cannot read ${basename(s.path)} as ${s.format === 'parquet' ? 'Parquet' : 'CSV'}: ${message}`, { cause: e });
  }
}
