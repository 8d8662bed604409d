// Loads a transactions or order-lines file (CSV, gzip CSV or Parquet, with a header) into one table
// `name(customer_id, ts, amount, order_id, quantity, discount, category)` for clustering and the
// lifecycle stages. Unlike loadTransactions (summary/), it takes an amount as quantity × unit price,
// and the optional order, discount and category columns behaviour features need; and rows without a
// customer id are skipped and counted rather than refused, because retail exports carry guest
// checkouts (a quarter of the Online Retail file). Dates and amounts that do not parse still stop the
// load, with line numbers, as in loadTransactions.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import { SummaryError } from '../summary/summary-error.ts';
import { amountExprSql, dateExprSql, formatFromPath, readerSql, type SourceSpec } from '../summary/transactions-sql.ts';

export interface OrderLineMapping {
  customer: string;
  date: string;
  /** The line's amount; or give quantity and price, and amount = quantity × price. */
  amount?: string;
  quantity?: string;
  price?: string;
  /** Order (invoice) id: lines of one order make one purchase. Default: one purchase per customer-day. */
  order?: string;
  /** Discount on the line (an amount or a rate: > 0 means bought on discount). */
  discount?: string;
  category?: string;
  /** strptime format of the dates; default: the common formats and ISO 8601. */
  dateFormat?: string;
}

export interface OrderLinesInfo {
  /** Data rows in the file, and rows kept. */
  rows: number;
  loaded: number;
  skippedNoCustomer: number;
  customers: number;
  /** How the amount was formed: a column name, or 'Quantity × UnitPrice'. */
  amountFrom: string;
  /** The optional columns that were mapped. */
  has: { order: boolean; quantity: boolean; discount: boolean; category: boolean };
  firstDay: string;
  lastDay: string;
}

/**
 * @example
 * await loadOrderLines(db, 'onlineretail.csv.gz', { customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', order: 'InvoiceNo' });
 */
export async function loadOrderLines(db: DuckDbEngine, path: string, m: OrderLineMapping, table = 'transactions'): Promise<OrderLinesInfo> {
  const file = basename(path);
  if (!existsSync(path)) throw new SummaryError('unreadable-input', `transaction file not found: ${path}`);
  const source: SourceSpec = { path, format: formatFromPath(path), header: true };
  let described: { column_name: unknown; column_type: unknown }[];
  try {
    described = await db.rows(`DESCRIBE SELECT * FROM ${readerSql(source)}`) as typeof described;
  } catch (e) {
    throw new SummaryError('unreadable-input', `cannot read ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
  }
  const names = described.map((r) => String(r.column_name));
  const types = described.map((r) => String(r.column_type));
  const find = (what: string, ref: string | undefined): { ref: string; type: string } | undefined => {
    if (ref === undefined) return undefined;
    let k = names.indexOf(ref);
    if (k < 0) {
      const loose = names.flatMap((nm, i) => (nm.toLowerCase() === ref.toLowerCase() ? [i] : []));
      if (loose.length !== 1) throw new SummaryError('missing-column', `${what} column "${ref}" not found in ${file} (columns: ${names.join(', ')})`);
      k = loose[0];
    }
    return { ref: quoteIdent(names[k]), type: types[k] };
  };
  const customer = find('customer', m.customer);
  const date = find('date', m.date);
  const amount = find('amount', m.amount);
  const quantity = find('quantity', m.quantity);
  const price = find('price', m.price);
  const order = find('order', m.order);
  const discount = find('discount', m.discount);
  const category = find('category', m.category);
  if (!customer || !date) throw new SummaryError('missing-column', 'the customer and date columns are required');
  if (!amount && !(quantity && price)) {
    throw new SummaryError('missing-column', `${file}: give the amount column, or the quantity and unit price columns (amount = quantity × price)`);
  }
  const num = (c: { ref: string; type: string }) => amountExprSql(c.ref, c.type);
  const text = (c: { ref: string } | undefined) => (c ? `NULLIF(trim(CAST(${c.ref} AS VARCHAR)), '')` : 'CAST(NULL AS VARCHAR)');
  const amountSql = amount ? num(amount) : quantity && price ? `${num(quantity)} * ${num(price)}` : 'NULL';
  const rawAmount = amount ? `CAST(${amount.ref} AS VARCHAR)` : quantity && price ? `CAST(${quantity.ref} AS VARCHAR) || ' × ' || CAST(${price.ref} AS VARCHAR)` : 'NULL';
  await db.run(`CREATE OR REPLACE TEMP TABLE order_lines_staged AS
SELECT row_number() OVER () + 1 AS line, CAST(${date.ref} AS VARCHAR) AS raw_date, ${rawAmount} AS raw_amount,
  ${text(customer)} AS customer_id, ${dateExprSql(date.ref, date.type, m.dateFormat)} AS ts, ${amountSql} AS amount,
  ${text(order)} AS order_id, ${quantity ? num(quantity) : 'CAST(NULL AS DOUBLE)'} AS quantity,
  ${discount ? `coalesce(${num(discount)}, 0)` : 'CAST(NULL AS DOUBLE)'} AS discount, ${text(category)} AS category
FROM ${readerSql(source)}`);
  const [c] = await db.rows(`SELECT count(*) AS rows, count(*) FILTER (WHERE customer_id IS NULL) AS no_customer,
  count(*) FILTER (WHERE customer_id IS NOT NULL AND ts IS NULL) AS bad_date,
  count(*) FILTER (WHERE customer_id IS NOT NULL AND (amount IS NULL OR NOT isfinite(amount))) AS bad_amount
FROM order_lines_staged`);
  const rows = Number(c.rows);
  const refuse = async (count: number, where: string, column: string, code: 'bad-date' | 'bad-amount', hint: string) => {
    if (count === 0) return;
    const ex = await db.rows(`SELECT line, ${column} AS raw FROM order_lines_staged WHERE customer_id IS NOT NULL AND ${where} ORDER BY line LIMIT 5`);
    const list = ex.map((r) => `line ${r.line}: ${r.raw === null ? '(empty)' : JSON.stringify(r.raw)}`).join('; ');
    throw new SummaryError(code, `${count} of ${rows} rows in ${file} have ${code === 'bad-date' ? 'a date' : 'an amount'} that does not parse (${list}${count > ex.length ? '; …' : ''}). ${hint}`);
  };
  await refuse(Number(c.bad_date), 'ts IS NULL', 'raw_date', 'bad-date', 'Give --date-format (strptime, e.g. %d/%m/%Y) for dates in another layout.');
  await refuse(Number(c.bad_amount), '(amount IS NULL OR NOT isfinite(amount))', 'raw_amount', 'bad-amount', 'Amounts must be plain numbers such as 12.5.');
  await db.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS
SELECT customer_id, ts, amount, order_id, quantity, discount, category FROM order_lines_staged WHERE customer_id IS NOT NULL;
DROP TABLE order_lines_staged`);
  const [s] = await db.rows(`SELECT count(*) AS loaded, count(DISTINCT customer_id) AS customers,
  strftime(min(ts), '%Y-%m-%d') AS first_day, strftime(max(ts), '%Y-%m-%d') AS last_day FROM ${quoteIdent(table)}`);
  if (Number(s.loaded) === 0) throw new SummaryError('no-transactions', `${file} has no rows with a customer id`);
  return {
    rows, loaded: Number(s.loaded), skippedNoCustomer: Number(c.no_customer), customers: Number(s.customers),
    amountFrom: amount ? (m.amount ?? '') : `${m.quantity} × ${m.price}`,
    has: { order: !!order, quantity: !!quantity, discount: !!discount, category: !!category },
    firstDay: String(s.first_day), lastDay: String(s.last_day),
  };
}
