// SQL that turns a file's rows into classified sales rows, all inside DuckDB (no per-row JS work):
// parse dates and numbers, pick each row's fate (rejected / duplicate / already-loaded / excluded /
// loaded) and its reason. Pure string builders; import-sales.ts runs them.
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import type { ColumnChoice, SalesRole } from './sales-columns.ts';

/** Layouts tried, in order, when no --date-format is given: year first only, so none is ambiguous. */
export const AUTO_DATE_FORMATS = [
  '%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y%m%d', '%Y/%m/%d', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M',
  '%Y.%m.%d', '%Y年%m月%d日', '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M',
] as const;

/** Flag values read as "yes" (a cancellation or return column), compared lowercased and trimmed. */
export const TRUE_VALUES = ['1', 'true', 't', 'yes', 'y', 'x', '是', '已取消', '取消', 'cancelled', 'canceled', '退货', '已退货', 'return', 'returned'] as const;

export interface SalesSqlOptions {
  readonly columns: ColumnChoice;
  /** The source is Parquet: mapped columns are cast to text first (typed columns become ISO text). */
  readonly typed: boolean;
  readonly dateFormat?: string;
  /** Invoice prefix marking a cancellation ('' or undefined: no prefix rule). */
  readonly cancelPrefix?: string;
}

/** Timestamp from trimmed text, or NULL: a strptime format when given, else the common ones, then ISO 8601. */
export function dateSql(text: string, dateFormat?: string): string {
  if (dateFormat !== undefined) return `CAST(try_strptime(${text}, ${quoteString(dateFormat)}) AS TIMESTAMP)`;
  // try_cast first: it is the fastest path for the commonest text (YYYY-MM-DD[ HH:MM:SS]) and covers
  // ISO 8601 ('2011-01-05T10:30:00.123', 'Z' or an offset), keeping the clock time as written and
  // dropping the offset, so a purchase stays on the local day it was made. It accepts no
  // day-first or month-first layout, so trying it first cannot change how any value is read.
  return `COALESCE(try_cast(${text} AS TIMESTAMP), try_strptime(${text}, [${AUTO_DATE_FORMATS.map(quoteString).join(', ')}]))`;
}

/** A finite number, or NULL: try_cast accepts 'NaN' and 'inf', which are no amount either. */
const finiteSql = (v: string): string => `CASE WHEN isfinite(${v}) THEN ${v} END`;

// list_contains, not IN (…): DuckDB plans an IN list of this length as a hash join, and a join may
// hand rows on out of file order, which the rowid-based line numbers below rely on.
const truthySql = (text: string): string => `coalesce(list_contains([${TRUE_VALUES.map(quoteString).join(', ')}], ${text}), false)`;

/** The fields that make a row's identity: two rows equal in all of them are the same sale. */
export const IDENTITY_FIELDS = ['order_id', 'customer_id', 'ts', 'product_id', 'product_name', 'quantity', 'unit_price', 'amount',
  'discount', 'store', 'channel', 'country', 'exclusion'] as const;

/** DuckDB's 64-bit hash of the identity fields: only a pre-filter (equal rows hash equal); matches are then compared field by field. */
export const identityHashSql = (alias = ''): string => `hash(${IDENTITY_FIELDS.map((f) => `${alias}${f}`).join(', ')})`;

/** Field-by-field equality of two rows' identities, NULL equal to NULL. */
const identityEqualSql = (a: string, b: string): string =>
  IDENTITY_FIELDS.map((f) => `${a}.${f} IS NOT DISTINCT FROM ${b}.${f}`).join(' AND ');

/**
 * ingest_rows, straight from the reader (one pass over the file): one row per record the reader
 * returned, with parsed fields, `reject` (a reason code, or NULL), `exclusion`, `status`
 * ('rejected', 'excluded' or 'loaded' here; the duplicate and already-loaded passes below change it)
 * and `h`, the identity hash. Its rowid + 1 is the record's position among the returned rows: a
 * table created from a scan through projections only gets its rowids in scan order, which is file
 * order, so no row_number() window (+10 % import time) is needed; numberedRowsSql turns it into a
 * line number. Keep joins out of this statement: a join may reorder rows (import-online-retail.test.ts
 * checks 2,000 stored line numbers against the file).
 */
export function createRowsSql(o: SalesSqlOptions, reader: string): string {
  const raw = (role: SalesRole): string => {
    const col = o.columns[role];
    if (col === undefined) return 'NULL::VARCHAR';
    return o.typed ? `CAST(r.${quoteIdent(col)} AS VARCHAR)` : `r.${quoteIdent(col)}`;
  };
  // NULLIF(trim(v), '') without the cost of trim on the common value that has no edge spaces (trim
  // makes a new string for every row: 0.25 s of CPU per text column at 2.75M rows, measured).
  const text = (role: SalesRole): string => {
    const v = raw(role);
    return `CASE WHEN ${v} = '' THEN NULL WHEN starts_with(${v}, ' ') OR ends_with(${v}, ' ') THEN NULLIF(trim(${v}), '') ELSE ${v} END`;
  };
  const hasAmount = o.columns.amount !== undefined;
  const numbers = ['quantity', 'unitPrice', 'amount', 'discount'] as const;
  const casts = numbers.map((role) => `try_cast(${text(role)} AS DOUBLE) AS n_${role}`).join(', ');
  const finite = numbers.map((role) => `${finiteSql(`n_${role}`)} AS p_${role}`).join(', ');
  // A value that is present but does not parse is rejected; an absent one only when it is needed.
  const needs = (role: 'quantity' | 'unitPrice' | 'amount'): boolean => (role === 'amount' ? hasAmount : !hasAmount);
  const checks = [
    `WHEN t_date IS NULL THEN 'missing-date'`, `WHEN ts IS NULL THEN 'bad-date'`,
    ...(['amount', 'quantity', 'unitPrice'] as const).flatMap((role) => {
      if (o.columns[role] === undefined) return [];
      const code = role === 'unitPrice' ? 'price' : role;
      return [
        ...(needs(role) ? [`WHEN t_${role} IS NULL THEN 'missing-${code}'`] : []),
        `WHEN t_${role} IS NOT NULL AND p_${role} IS NULL THEN 'bad-${code}'`,
      ];
    }),
    ...(o.columns.discount === undefined ? [] : [`WHEN t_discount IS NOT NULL AND p_discount IS NULL THEN 'bad-discount'`]),
    ...(o.columns.discount === undefined || hasAmount ? [] : [
      // The discount goes into the amount here, so it must fit the line: a sale's is >= 0 and a
      // return's <= 0 (the refunded share of the original discount, as the sample generator writes
      // it), and it can never exceed the line's own quantity × unit price.
      `WHEN p_discount * sign(p_quantity * p_unitPrice) < 0 THEN 'discount-sign'`,
      `WHEN abs(p_discount) > abs(p_quantity * p_unitPrice) THEN 'discount-over-line'`,
    ]),
  ];
  const prefix = o.cancelPrefix ? `starts_with(order_id, ${quoteString(o.cancelPrefix)}) OR ` : '';
  // 6 × 2.55 is 15.299999999999999 in binary floating point; rounding the product to 10 decimals gives
  // back the decimal a till would print (15.3) and changes no product of two decimals that have
  // 10 decimal places between them.
  // Without an amount column a line costs quantity × unit price − discount (samples/README.md, the
  // sample generator's lineAmount); an explicit amount column is what was paid and is taken as is.
  const lessDiscount = o.columns.discount === undefined ? '' : ' - coalesce(p_discount, 0)';
  const amount = hasAmount ? 'p_amount' : `round(p_quantity * p_unitPrice${lessDiscount}, 10)`;
  return `CREATE OR REPLACE TEMP TABLE ingest_rows AS
WITH texts AS (
  SELECT ${text('customer')} AS customer_id, ${text('order')} AS order_id, ${text('product')} AS product_id,
    NULLIF(${raw('productName')}, '') AS product_name, NULLIF(${raw('store')}, '') AS store, NULLIF(${raw('channel')}, '') AS channel,
    NULLIF(${raw('country')}, '') AS country, ${text('date')} AS t_date, ${text('amount')} AS t_amount, ${text('quantity')} AS t_quantity,
    ${text('unitPrice')} AS t_unitPrice, ${text('discount')} AS t_discount, lower(${text('cancelFlag')}) AS t_cancel, lower(${text('returnFlag')}) AS t_return,
    ${casts}
  FROM ${reader} r
), parsed AS (
  SELECT *, ${dateSql('t_date', o.dateFormat)} AS ts, ${finite} FROM texts
), judged AS (
  SELECT order_id, customer_id, ts, product_id, product_name, p_quantity AS quantity, p_unitPrice AS unit_price,
    ${amount} AS amount, p_discount AS discount, store, channel, country, t_cancel, t_return,
    CASE ${checks.join(' ')} END AS reject
  FROM parsed
), excluded AS (
  SELECT * EXCLUDE (t_cancel, t_return),
    CASE WHEN reject IS NOT NULL THEN NULL
      WHEN ${prefix}${truthySql('t_cancel')} THEN 'cancelled'
      WHEN ${truthySql('t_return')} THEN 'return'
      WHEN quantity <= 0 THEN 'non-positive-quantity'
      WHEN unit_price <= 0 THEN 'non-positive-price'
      WHEN amount <= 0 THEN 'non-positive-amount' END AS exclusion
  FROM judged
)
SELECT *, CASE WHEN reject IS NOT NULL THEN 'rejected' WHEN exclusion IS NOT NULL THEN 'excluded' ELSE 'loaded' END AS status,
  CASE WHEN reject IS NULL THEN ${identityHashSql()} END AS h
FROM excluded`;
}

/**
 * Marks exact repeats within the file as 'duplicate' (the first one by line stays). Rows sharing a
 * hash are the only candidates, and those few are then compared field by field, so a hash collision
 * can never drop a row.
 */
export const markDuplicatesSql = `UPDATE ingest_rows SET status = 'duplicate' WHERE rowid IN (
  SELECT rid FROM (
    SELECT rowid AS rid, row_number() OVER (PARTITION BY ${IDENTITY_FIELDS.join(', ')} ORDER BY rowid) AS k
    FROM ingest_rows WHERE h IN (SELECT h FROM ingest_rows WHERE h IS NOT NULL GROUP BY h HAVING count(*) > 1)
  ) WHERE k > 1)`;

/**
 * Marks rows that an earlier batch already stored as 'already-loaded'. Only stored lines inside the
 * new file's time span can match, which keeps the lookup to the overlap; hash equality picks the
 * candidates and the fields are compared exactly.
 */
export const markAlreadyLoadedSql = `UPDATE ingest_rows SET status = 'already-loaded' WHERE rowid IN (
  WITH span AS (SELECT min(ts) AS lo, max(ts) AS hi FROM ingest_rows WHERE status IN ('loaded', 'excluded')),
  stored AS (SELECT s.*, ${identityHashSql('s.')} AS h FROM sales_lines s, span WHERE s.ts BETWEEN span.lo AND span.hi)
  SELECT n.rowid FROM ingest_rows n JOIN stored s ON n.h = s.h AND ${identityEqualSql('n', 's')}
  WHERE n.status IN ('loaded', 'excluded'))`;

/** Share of order ids starting with the prefix among the first rows (to tell a cancellation prefix from an id scheme). */
export const prefixShareSql = (reader: string, orderColumn: string, prefix: string, rows = 10_000): string =>
  `SELECT count(*) FILTER (WHERE starts_with(o, ${quoteString(prefix)})) / greatest(count(o), 1) AS share
   FROM (SELECT NULLIF(trim(CAST(${quoteIdent(orderColumn)} AS VARCHAR)), '') AS o FROM ${reader} LIMIT ${rows})`;

/**
 * ingest_rows with each record's line number: rn + header lines, plus (when the CSV reader rejected
 * lines) the rejected lines before it, found by an ASOF join on ingest_gaps.
 */
export const numberedRowsSql = (header: number, gaps: boolean): string => (gaps
  ? `(SELECT i.rowid + 1 AS rn, i.rowid + 1 + ${header} + coalesce(g.i, 0) AS line, i.* FROM ingest_rows i ASOF LEFT JOIN ingest_gaps g ON i.rowid + 1 > g.g)`
  : `(SELECT rowid + 1 AS rn, rowid + 1 + ${header} AS line, * FROM ingest_rows)`);

/** Counts by fate and reason, for the report. */
export const countsSql = `SELECT status, coalesce(reject, exclusion) AS reason, count(*) AS n,
  count(*) FILTER (WHERE status = 'loaded' AND customer_id IS NULL) AS anonymous
FROM ingest_rows GROUP BY ALL ORDER BY ALL`;
