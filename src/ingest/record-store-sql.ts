// The analytics store's tables for products and product events, and the batch rows every record
// import leaves in its ingest_batches table (the one the sales import keeps: one row per imported
// file, whichever store holds the file's records). Products are keyed by product id (a later file
// updates them); product events are appended, as hot-products.ts reads them (product_id, event, ts).
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import type { RecordCounts } from './record-counts.ts';
import type { RecordColumns, RecordKind } from './record-kinds.ts';

export const RECORD_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS products (
  product_id VARCHAR PRIMARY KEY,
  name VARCHAR,
  category VARCHAR,
  price DOUBLE,
  cost DOUBLE,
  batch_id INTEGER NOT NULL,   -- the batch that last wrote the product
  source_line BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS product_events (
  batch_id INTEGER NOT NULL,
  source_line BIGINT NOT NULL,
  customer_id VARCHAR,         -- NULL: an anonymous visitor
  visitor_id VARCHAR,
  product_id VARCHAR NOT NULL,
  event VARCHAR NOT NULL,      -- view | favorite | cart
  ts TIMESTAMP NOT NULL
);`;

/** Rows of an events file that an earlier batch stored (overlapping exports): same shopper, product, event and time. */
export const markEventsLoadedSql = `UPDATE ingest_rows SET status = 'already-loaded' WHERE rowid IN (
  SELECT n.rowid FROM ingest_rows n JOIN product_events e ON e.product_id = n.f_product AND e.event = n.f_event AND e.ts = n.f_date
    AND e.customer_id IS NOT DISTINCT FROM n.f_customer AND e.visitor_id IS NOT DISTINCT FROM n.f_visitor
  WHERE n.status = 'loaded')`;

const PRODUCT_COLUMNS: Readonly<Record<string, string>> = { name: 'name', category: 'category', price: 'price', cost: 'cost' };

/**
 * The statements writing a batch's loaded records (from `numbered`, ingest_rows with line numbers).
 * A products file updates only the columns it has: a price list without costs keeps the stored costs.
 */
export function writeRecordsSql(kind: 'products' | 'events', batchId: number, numbered: string, columns: RecordColumns): string {
  if (kind === 'events') {
    return `INSERT INTO product_events SELECT ${batchId}, line, f_customer, f_visitor, f_product, f_event, f_date FROM ${numbered} WHERE status = 'loaded'`;
  }
  const updates = Object.entries(PRODUCT_COLUMNS).filter(([role]) => columns[role] !== undefined).map(([, c]) => `${c} = excluded.${c}`);
  return `INSERT INTO products SELECT f_product, f_name, f_category, f_price, f_cost, ${batchId}, line FROM ${numbered} WHERE status = 'loaded'
    ON CONFLICT (product_id) DO UPDATE SET ${[...updates, 'batch_id = excluded.batch_id', 'source_line = excluded.source_line'].join(', ')}`;
}

export interface RecordBatchRow {
  readonly batchId: number;
  readonly contentHash: string;
  readonly kind: RecordKind;
  readonly fileName: string;
  readonly encoding: string | null;
  readonly mapping: RecordColumns;
  readonly counts: RecordCounts;
  readonly rejectFile: string | null;
  readonly startedAt: Date;
}

const str = (v: string | null): string => (v === null ? 'NULL' : quoteString(v));

/** The ingest_batches row of a record import (sales_lines' columns that do not apply are 0). */
export function insertRecordBatchSql(b: RecordBatchRow): string {
  const c = b.counts;
  return `INSERT INTO ingest_batches VALUES (${b.batchId}, ${quoteString(b.contentHash)}, ${quoteString(b.kind)}, ${quoteString(b.fileName)},
    ${str(b.encoding)}, ${quoteString(JSON.stringify(b.mapping))}, ${c.read}, ${c.loaded}, ${c.anonymous ?? 0}, 0, ${c.duplicates + c.superseded},
    ${c.alreadyLoaded}, ${c.rejected.total}, ${quoteString(JSON.stringify(c))}, ${str(b.rejectFile)}, 'done',
    ${quoteString(b.startedAt.toISOString())}::TIMESTAMPTZ::TIMESTAMP, now()::TIMESTAMP)`;
}
