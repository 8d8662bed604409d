// Reading baskets from files: the basket format (one basket per line, comma-separated items, no
// header) with Node's fs, and a transactions file (one row per order line, with a header) through
// DuckDB, which codes orders and items in SQL so that only two integer columns reach JavaScript.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import { formatFromPath, readerSql } from '../summary/transactions-sql.ts';
import { BasketError } from './basket-error.ts';
import { parseBaskets } from './parse-baskets.ts';
import { basketCount, fromBaskets, fromPairs, type Transactions } from './transactions.ts';

function checkReadable(path: string): void {
  if (!existsSync(path)) throw new BasketError('unreadable-input', `basket file not found: ${path}`);
}

function checkNotEmpty(tx: Transactions, path: string): Transactions {
  if (basketCount(tx) === 0) throw new BasketError('invalid-input', `${basename(path)} is empty: no baskets to mine`);
  if (tx.labels.length === 0) throw new BasketError('invalid-input', `${basename(path)} has ${basketCount(tx)} line(s) but no items`);
  return tx;
}

/**
 * One basket per line, comma-separated item labels, no header (arules' read.transactions
 * format = "basket", sep = ","; see parse-baskets.ts for the details followed).
 * @example const tx = await readBasketFile('groceries.csv');
 */
export async function readBasketFile(path: string): Promise<Transactions> {
  checkReadable(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new BasketError('unreadable-input', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return checkNotEmpty(fromBaskets(parseBaskets(text)), path);
}

export interface OrderItemColumns {
  /** Column holding the order (basket, invoice) id. */
  order: string;
  /** Column holding the item (product) label. */
  item: string;
}

/**
 * Order lines (CSV with a header, or Parquet): each distinct order is one basket, holding the distinct
 * items of its rows — arules' read.transactions(format = "single"), which also drops duplicates.
 * Rows without an order id or an item are skipped; item labels are trimmed of white space as in
 * the basket format, so both inputs give the same items.
 * @example await readOrderItemFile(db, 'lines.csv', { order: 'InvoiceNo', item: 'Description' });
 */
export async function readOrderItemFile(db: DuckDbEngine, path: string, columns: OrderItemColumns): Promise<Transactions> {
  checkReadable(path);
  const reader = readerSql({ path, format: formatFromPath(path), header: true });
  let names: string[];
  try {
    names = (await db.rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new BasketError('unreadable-input', `cannot read ${basename(path)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
  }
  const find = (what: string, ref: string): string => {
    if (names.includes(ref)) return quoteIdent(ref);
    const loose = names.filter((nm) => nm.toLowerCase() === ref.toLowerCase());
    if (loose.length !== 1) throw new BasketError('invalid-input', `${what} column "${ref}" not found in ${basename(path)} (columns: ${names.join(', ')})`);
    return quoteIdent(loose[0]);
  };
  const order = find('order', columns.order);
  const item = find('item', columns.item);
  const trimmed = `regexp_replace(CAST(${item} AS VARCHAR), '^[ \\t\\r\\n]+|[ \\t\\r\\n]+$', '', 'g')`;
  await db.run(`
    CREATE OR REPLACE TEMP TABLE basket_lines AS
      SELECT DISTINCT o, i FROM (SELECT CAST(${order} AS VARCHAR) AS o, ${trimmed} AS i FROM ${reader})
      WHERE o IS NOT NULL AND i IS NOT NULL AND i <> '';
    CREATE OR REPLACE TEMP TABLE basket_items AS
      SELECT i, CAST(row_number() OVER (ORDER BY i) - 1 AS INTEGER) AS code FROM (SELECT DISTINCT i FROM basket_lines);
    CREATE OR REPLACE TEMP TABLE basket_orders AS
      SELECT o, CAST(row_number() OVER (ORDER BY o) - 1 AS INTEGER) AS t FROM (SELECT DISTINCT o FROM basket_lines);`);
  const { i: labels } = await db.columns('SELECT i FROM basket_items ORDER BY code');
  const pairs = await db.columns('SELECT t, code FROM basket_lines JOIN basket_orders USING (o) JOIN basket_items USING (i) ORDER BY t, code');
  const nBaskets = Number(await db.scalar('SELECT count(*) FROM basket_orders'));
  const { t, code } = pairs;
  if (!(t instanceof Float64Array && code instanceof Float64Array) || labels instanceof Float64Array) {
    throw new BasketError('invalid-input', 'internal: basket codes are not numeric or item labels not text');
  }
  const tx = fromPairs(t, code, labels.map((l) => l ?? ''), nBaskets);
  return checkNotEmpty(tx, path);
}
