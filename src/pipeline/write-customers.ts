// The per-customer result `customers` and its files: summary columns, the customer's history (carried
// by the summary, built with `history: true`) and the model's predictions under names that carry their
// horizon.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { CUSTOMER_ORDER } from '../analytics/summary/summary-sql.ts';
import { dropRelation } from '../analytics/summary/drop-relation.ts';

export interface WriteCustomersOptions {
  csv?: string;
  parquet?: string;
  hasSpend: boolean;
  clvMonths: number;
  /** Scored relation with the summary's history columns (default customer_scores). */
  source?: string;
}

/**
 * Creates `customers` and writes the requested files from it, sorted by customer (CUSTOMER_ORDER).
 * With exactly one file, `customers` is a view and the file is written straight from the query: a
 * table would be a second full copy of the result (memory, and ~0.3 s at 1M customers) read only
 * once. With two files (sorted once, written twice) or none (the caller reads the table) it is a table.
 */
export async function writeCustomers(db: DuckDbEngine, o: WriteCustomersOptions): Promise<void> {
  const spend = o.hasSpend
    ? `, round(expected_spend, 4) AS expected_spend, round(clv, 4) AS clv_${o.clvMonths}m`
    : '';
  // Dates as 'YYYY-MM-DD' text, as the table has always had them (a cast: half the cost of strftime).
  const query = `SELECT customer_id, frequency, round(recency, 6) AS recency, round("T", 6) AS "T",
           ${o.hasSpend ? 'round(monetary_value, 4)' : 'CAST(NULL AS DOUBLE)'} AS monetary_value,
           ${o.hasSpend ? 'round(total_spend, 2)' : 'CAST(NULL AS DOUBLE)'} AS total_spend, orders,
           CAST(first_purchase AS VARCHAR) AS first_purchase, CAST(last_purchase AS VARCHAR) AS last_purchase,
           round(expected_purchases, 6) AS expected_purchases_52w, round(p_alive, 6) AS p_alive,
           round(p_alive_horizon, 6) AS p_alive_52w${spend}
    FROM ${o.source ?? 'customer_scores'}
    ORDER BY ${CUSTOMER_ORDER}`;
  const files: [string, string][] = [];
  if (o.csv) files.push([o.csv, 'FORMAT csv, HEADER true']);
  if (o.parquet) files.push([o.parquet, 'FORMAT parquet']);
  await dropRelation(db, 'customers');
  if (files.length === 1) {
    await db.run(`CREATE VIEW customers AS ${query}`);
    await db.run(`COPY (${query}) TO ${quoteString(files[0][0])} (${files[0][1]})`);
    return;
  }
  await db.run(`CREATE TABLE customers AS ${query}`);
  for (const [path, options] of files) await db.run(`COPY customers TO ${quoteString(path)} (${options})`);
}
