// The analytics store's ingest tables in `<data dir>/analytics.duckdb`: every imported sales line
// (excluded ones too, with the reason: nothing is lost), one row per import batch, and the
// `transactions` view the customer summary reads. The DDL runs inside the import's transaction, so
// even the first import of a fresh folder leaves nothing behind when it is killed.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { exactSum } from '../analytics/summary/money-sql.ts';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS ingest_batches (
  batch_id INTEGER PRIMARY KEY,
  content_hash VARCHAR NOT NULL UNIQUE,
  kind VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  encoding VARCHAR,
  mapping VARCHAR,             -- JSON: role → column
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL, -- written with exclusion NULL
  rows_anonymous BIGINT NOT NULL,
  rows_excluded BIGINT NOT NULL,
  rows_duplicate BIGINT NOT NULL,
  rows_already_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  counts VARCHAR NOT NULL,     -- JSON: the full report counts, by reason
  reject_file VARCHAR,
  status VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS sales_lines (
  batch_id INTEGER NOT NULL,
  source_line BIGINT NOT NULL,
  order_id VARCHAR,
  customer_id VARCHAR,         -- NULL: an anonymous sale (counts for products, not customers)
  ts TIMESTAMP NOT NULL,
  product_id VARCHAR,
  product_name VARCHAR,
  quantity DOUBLE,
  unit_price DOUBLE,
  amount DOUBLE NOT NULL,      -- the amount column, or quantity × unit_price − discount
  discount DOUBLE,             -- yuan off the whole line (<= 0 on a return: the refunded share); NULL: none given
  store VARCHAR,
  channel VARCHAR,
  country VARCHAR,
  exclusion VARCHAR            -- NULL, or why the line stays out of customer analytics
);
-- One row per order (lines of one order summed; a line without an order id is its own order), so
-- "orders" counts purchases, not lines, for order-line files such as Online Retail. Lines without an
-- order id pass straight through: grouping them by a made-up per-line key cost 1.5 s per read at
-- 2.75M lines, and the analysis reads this view several times.
CREATE OR REPLACE VIEW transactions AS
  SELECT customer_id, order_id, ts, amount
  FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL AND order_id IS NULL
  UNION ALL
  SELECT customer_id, any_value(order_id) AS order_id, min(ts) AS ts, ${exactSum('amount')} AS amount
  FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL AND order_id IS NOT NULL
  GROUP BY customer_id, order_id;
`;

export interface StoredBatch {
  batchId: number;
  fileName: string;
  finishedAt: string;
  rejectFile: string | null;
  counts: string;
}

export async function tableExists(db: DuckDbEngine, name: string): Promise<boolean> {
  return Number(await db.scalar(`SELECT count(*) FROM duckdb_tables() WHERE table_name = ${quoteString(name)} AND NOT temporary`)) > 0;
}

/** The finished batch with this content, if any. */
export async function findBatch(db: DuckDbEngine, contentHash: string): Promise<StoredBatch | undefined> {
  if (!(await tableExists(db, 'ingest_batches'))) return undefined;
  const [row] = await db.rows(`SELECT batch_id, file_name, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at, reject_file, counts
    FROM ingest_batches WHERE content_hash = ${quoteString(contentHash)} AND status = 'done'`);
  if (!row) return undefined;
  return {
    batchId: Number(row.batch_id), fileName: String(row.file_name), finishedAt: String(row.finished_at),
    rejectFile: row.reject_file === null ? null : String(row.reject_file), counts: String(row.counts),
  };
}

/** The id the next batch gets. One writer owns the file at a time (DuckDB locks it), so max + 1 is safe. */
export async function nextBatchId(db: DuckDbEngine): Promise<number> {
  if (!(await tableExists(db, 'ingest_batches'))) return 1;
  return Number(await db.scalar('SELECT coalesce(max(batch_id), 0) + 1 FROM ingest_batches'));
}
