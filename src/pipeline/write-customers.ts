// The per-customer result `customers` and its files: summary columns, the customer's history (carried
// by the summary, built with `history: true`) and the model's predictions under names that carry their
// horizon.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { copyCsvLinesSql, csvFieldOfType, csvNeedsQuotesSql, type CsvField } from '../engines/duckdb/csv-line.ts';
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import { CUSTOMER_ORDER } from '../analytics/summary/summary-sql.ts';
import { dropRelation } from '../analytics/summary/drop-relation.ts';

export interface WriteCustomersOptions {
  csv?: string;
  parquet?: string;
  hasSpend: boolean;
  clvMonths: number;
  /** Scored relation with the summary's history columns (default customer_scores). */
  source?: string;
  /** checkCustomerIdsSql ran on `source`'s ids: sort by its key (the same order as CUSTOMER_ORDER, cheaper for text ids). */
  idsChecked?: boolean;
  /** `source` carries csvPatternText's columns (scoreCustomers' `patternColumns`): a lone CSV is written with them. */
  patternText?: boolean;
  /** No customer id needs quoting in CSV (customerIdsPlain): the ids are printed without the quoting check. */
  plainIds?: boolean;
}

/**
 * The result's columns: name, source column in the scored relation, and for rounded numbers their
 * written precision in decimal places (DuckDB round()).
 */
interface Column { name: string; from: string; places?: number; integer?: boolean }

function resultColumns(hasSpend: boolean, clvMonths: number): Column[] {
  return [
    { name: 'customer_id', from: 'customer_id' }, { name: 'frequency', from: 'frequency', integer: true },
    { name: 'recency', from: 'recency', places: 6 }, { name: 'T', from: 'T', places: 6 },
    { name: 'monetary_value', from: hasSpend ? 'monetary_value' : '', places: 4 }, { name: 'total_spend', from: hasSpend ? 'total_spend' : '', places: 2 },
    { name: 'orders', from: 'orders' }, { name: 'first_purchase', from: 'first_purchase' }, { name: 'last_purchase', from: 'last_purchase' },
    { name: 'expected_purchases_52w', from: 'expected_purchases', places: 6 }, { name: 'p_alive', from: 'p_alive', places: 6 },
    { name: 'p_alive_52w', from: 'p_alive_horizon', places: 6 },
    ...(hasSpend ? [{ name: 'expected_spend', from: 'expected_spend', places: 4 }, { name: `clv_${clvMonths}m`, from: 'clv', places: 4 }, { name: `clv_${clvMonths}m_if_alive`, from: 'clv_if_alive', places: 4 }] : []),
  ];
}

/** The table's form: rounded doubles, dates as 'YYYY-MM-DD' text (as the table has always had them; a cast is half the cost of strftime). */
function tableColumn(c: Column): string {
  const src = c.from === '' ? 'CAST(NULL AS DOUBLE)' : quoteIdent(c.from);
  if (c.places !== undefined) return `${c.from === '' ? src : `round(${src}, ${c.places})`} AS ${quoteIdent(c.name)}`;
  return `${/_purchase$/.test(c.name) ? `CAST(${src} AS VARCHAR)` : src} AS ${quoteIdent(c.name)}`;
}

/**
 * The CSV's form, from the scored relation (`rounded` false) or the table: the same values, whole
 * numbers as integers and the rest as fixed-point decimals of their precision (p_alive 1.000000).
 * Why: DuckDB prints a DECIMAL(18, k) from its 64-bit integer, much faster than the shortest decimal
 * form of a double (a CSV of one column of 1M values: 0.19 s of CPU as DOUBLE, 0.10 s as DECIMAL,
 * 0.06 s as BIGINT; ten such columns here). The cast rounds as round() does, so the digits are the
 * table's (and the Parquet file's). TRY_CAST: a NaN (a model value that could not be
 * computed) becomes an empty field instead of failing the write.
 */
function csvValue(c: Column, rounded: boolean): string {
  const src = quoteIdent(rounded ? c.name : c.from);
  if (c.places !== undefined) {
    if (c.from === '') return `CAST(NULL AS DECIMAL(18, ${c.places}))`;
    // No round() first: DuckDB's cast of a double to DECIMAL(18, k) rounds v·10ᵏ half away from zero,
    // as round(v, k) does, so the digits are the same (0 of 2·10⁶ random values differ, ties such as
    // 0.00005 included), and round() was a third of the projection's time (0.1 s of CPU per 10⁶·5 values).
    return formSql(src, c.places);
  }
  return formSql(src, c.integer ? 'integer' : undefined);
}

/**
 * How a CSV prints a number column of `customers`: a whole number as an integer, a rounded one as
 * DECIMAL(18, k) of its places (csvValue says why: the same digits, printed faster), a date kept as
 * text as a DATE (printed without the quoting check text gets). Keyed by column name.
 */
export type CsvForm = 'integer' | 'date' | number;

/** SQL printing `id` in its CSV form (as it is without one). */
function formSql(id: string, form: CsvForm | undefined): string {
  if (form === undefined) return id;
  if (form === 'integer') return `CAST(${id} AS BIGINT)`;
  if (form === 'date') return `CAST(${id} AS DATE)`;
  return `TRY_CAST(${id} AS DECIMAL(18, ${form}))`;
}

/** The CSV forms of writeCustomers' columns, for writing a `customers` table that has more (copyCustomersCsv). */
export function customerCsvForms(hasSpend: boolean, clvMonths: number): Record<string, CsvForm> {
  return Object.fromEntries(resultColumns(hasSpend, clvMonths).flatMap((c): [string, CsvForm][] => (
    c.places !== undefined ? [[c.name, c.places]] : c.integer ? [[c.name, 'integer']] : /_purchase$/.test(c.name) ? [[c.name, 'date']] : []
  )));
}

/**
 * COPY of `table` (in its row order) to a CSV at `path`, its columns printed by `forms` and the
 * others as they are, each row written as one text (engines/duckdb/csv-line.ts). `cvm analyze` writes
 * its customers.csv so: 1M customers × 33 columns took 3.5 s (6.1 s of CPU) printed as doubles by the
 * writer, 2.5 s (4.8 s) in these forms, and the value columns read as the value pipeline's file prints
 * them (frequency 2, p_alive 1.000000 instead of 2.0 and 1.0).
 */
export async function copyCustomersCsv(db: DuckDbEngine, table: string, path: string, forms: Readonly<Record<string, CsvForm>>): Promise<void> {
  const described = await db.rows(`DESCRIBE ${quoteIdent(table)}`);
  const names = described.map((r) => String(r.column_name));
  const fields = described.map((r, i): CsvField => {
    const id = quoteIdent(names[i]), form = forms[names[i]];
    return form === undefined ? csvFieldOfType(id, String(r.column_type)) : { sql: `CAST(${formSql(id, form)} AS VARCHAR)`, text: false };
  });
  await db.run(copyCsvLinesSql(fields, names, `FROM ${quoteIdent(table)}`, path));
}

/**
 * Result columns that depend on the customer's (frequency, recency, T) pattern alone, with the
 * pattern_scores column (score-customers.ts) each is computed from.
 */
const PATTERN_FROM: Readonly<Record<string, string>> = {
  frequency: 'x', recency: 'tx', T: 'T', expected_purchases: 'expected_purchases', p_alive: 'p_alive', p_alive_horizon: 'p_alive_horizon',
};

/** The result columns in order, runs of consecutive pattern columns (PATTERN_FROM) grouped. */
function columnRuns(columns: readonly Column[]): { pattern: boolean; columns: Column[] }[] {
  const runs: { pattern: boolean; columns: Column[] }[] = [];
  for (const c of columns) {
    const pattern = c.from in PATTERN_FROM;
    const last = runs.at(-1);
    if (last && last.pattern && pattern) last.columns.push(c);
    else runs.push({ pattern, columns: [c] });
  }
  return runs;
}

/**
 * The CSV text of each run of pattern columns (frequency,recency,T and the three predictions), for
 * scoreCustomers' `patternColumns`: computed once per pattern (~2·10⁵ at 1M customers) instead of
 * printed for every customer. Why: DuckDB's CSV writer spends about 0.1 s of CPU per numeric column
 * per million rows, and copying a short text is cheaper (the 1M-customer file: 1.5 s of CPU instead
 * of 1.9–2.3, the same bytes). The text is what the writer prints: CAST to VARCHAR of the same
 * values, and NULL (a NaN) as an empty field.
 * @example await scoreCustomers(db, { ...o, patternColumns: csvPatternText(true, 12) });
 */
export function csvPatternText(hasSpend: boolean, clvMonths: number): Record<string, string> {
  const runs = columnRuns(resultColumns(hasSpend, clvMonths)).filter((r) => r.pattern);
  return Object.fromEntries(runs.map((r, k) => [
    `csv_text_${k}`,
    // concat() skips NULLs (the writer's empty field), and is cheaper than coalesce and || (0.13 s of CPU against 0.19 s for 215k patterns).
    `concat(${r.columns.map((c) => `CAST(${csvValue({ ...c, from: PATTERN_FROM[c.from] }, false)} AS VARCHAR)`).join(", ',', ")})`,
  ]));
}

/**
 * The result CSV's fields, from the scored relation (`rounded` false) or the table, with
 * csvPatternText's columns for the runs of pattern columns when the relation has them. The customer
 * id is the one text; dates and numbers never need quotes.
 */
function csvFields(columns: readonly Column[], o: { rounded: boolean; patternText: boolean; plainIds: boolean }): CsvField[] {
  let k = 0;
  const runs = o.patternText ? columnRuns(columns) : columns.map((c) => ({ pattern: false, columns: [c] }));
  return runs.flatMap((r) => (r.pattern
    ? [{ sql: `csv_text_${k++}`, text: false }]
    : r.columns.map((c) => ({ sql: `CAST(${csvValue(c, o.rounded)} AS VARCHAR)`, text: c.name === 'customer_id' && !o.plainIds }))));
}

/**
 * Ids that begin with an ASCII letter, which no integer does (DuckDB's integer cast takes blanks, a
 * sign, digits, and a dot or exponent after them): try_cast is skipped for them, a fifth of its cost
 * on ids such as C0000001 (0.045 s of CPU against 0.22 s at 1M customers), and the check runs while
 * JS fits the count model, where DuckDB's work was the longer of the two.
 */
const LETTER_FIRST = "(customer_id >= 'A' AND customer_id < '[') OR (customer_id >= 'a' AND customer_id < '{')";

/**
 * SQL noting in the DuckDB variable `cvm_ids` whether any customer id of `source` reads as an integer
 * and whether every id is plain (customerIdsPlain). The pipeline runs it on DuckDB's threads while JS
 * fits the models (engines/duckdb/overlapped.ts).
 * - `numeric`: when no id reads as an integer, CUSTOMER_ORDER's numeric key is NULL throughout and the
 *   order is customer_id's; the flag, a constant once set, lets DuckDB sort on the text alone (0.5 s
 *   of CPU instead of 0.75 s at 1M customers): checkedOrder.
 * - `plain`: no id is one DuckDB's CSV writer would quote (csv-line.ts csvNeedsQuotesSql, the one
 *   statement of its rule), so the ids are printed without the quoting check (`plainIds`).
 */
export const checkCustomerIdsSql = (source = 'customer_summary'): string =>
  `SET VARIABLE cvm_ids = (SELECT {'numeric': bool_or(CASE WHEN ${LETTER_FIRST} THEN false ELSE try_cast(customer_id AS HUGEINT) IS NOT NULL END), 'plain': NOT coalesce(bool_or(${csvNeedsQuotesSql('customer_id')}), false)} FROM ${source})`;

/** After checkCustomerIdsSql: no customer id needs quoting in CSV. */
export const customerIdsPlain = async (db: DuckDbEngine): Promise<boolean> => (await db.scalar("SELECT getvariable('cvm_ids').plain")) === true;

/** CUSTOMER_ORDER after checkCustomerIdsSql. */
const checkedOrder = "CASE WHEN getvariable('cvm_ids').numeric THEN try_cast(customer_id AS HUGEINT) END NULLS LAST, customer_id";

/**
 * Creates `customers` and writes the requested files from it, sorted by customer (CUSTOMER_ORDER).
 * With exactly one file, `customers` is a view and the file is written straight from the query: a
 * table would be a second full copy of the result (memory, and ~0.3 s at 1M customers) read only
 * once. With two files (sorted once, written twice) or none (the caller reads the table) it is a table.
 */
export async function writeCustomers(db: DuckDbEngine, o: WriteCustomersOptions): Promise<void> {
  const columns = resultColumns(o.hasSpend, o.clvMonths);
  const source = o.source ?? 'customer_scores';
  const order = `ORDER BY ${o.idsChecked ? checkedOrder : CUSTOMER_ORDER}`;
  const query = `SELECT ${columns.map(tableColumn).join(', ')} FROM ${source} ${order}`;
  const names = columns.map((c) => c.name);
  const plainIds = o.plainIds === true;
  await dropRelation(db, 'customers');
  if ((o.csv ? 1 : 0) + (o.parquet ? 1 : 0) === 1) {
    await db.run(`CREATE VIEW customers AS ${query}`);
    // Straight from the scored relation: dates stay DATEs, whose text needs no quoting check.
    if (o.csv) await db.run(copyCsvLinesSql(csvFields(columns, { rounded: false, patternText: o.patternText === true, plainIds }), names, `FROM ${source} ${order}`, o.csv));
    if (o.parquet) await db.run(`COPY (${query}) TO ${quoteString(o.parquet)} (FORMAT parquet)`);
    return;
  }
  await db.run(`CREATE TABLE customers AS ${query}`);
  // A scan of one table keeps its row order (DuckDB's order preservation), so the files are sorted.
  if (o.csv) await db.run(copyCsvLinesSql(csvFields(columns, { rounded: true, patternText: false, plainIds }), names, 'FROM customers', o.csv));
  if (o.parquet) await db.run(`COPY customers TO ${quoteString(o.parquet)} (FORMAT parquet)`);
}
