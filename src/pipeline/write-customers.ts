// The per-customer result table `customers` and its files: summary columns, historic value from the
// raw transactions, and the model's predictions under names that carry their horizon.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { CUSTOMER_ORDER } from '../analytics/summary/summary-sql.ts';

export interface WriteCustomersOptions {
  csv?: string;
  parquet?: string;
  hasSpend: boolean;
  clvMonths: number;
}

export async function writeCustomers(db: DuckDbEngine, o: WriteCustomersOptions): Promise<void> {
  const spend = o.hasSpend
    ? `, round(s.expected_spend, 4) AS expected_spend, round(s.clv, 4) AS clv_${o.clvMonths}m`
    : '';
  await db.run(`CREATE OR REPLACE TABLE customers AS
    WITH history AS (
      SELECT customer_id, count(*) AS orders, ${o.hasSpend ? 'sum(amount)' : 'CAST(NULL AS DOUBLE)'} AS total_spend,
             min(ts) AS first_purchase, max(ts) AS last_purchase
      FROM transactions GROUP BY customer_id
    )
    SELECT s.customer_id, s.frequency, round(s.recency, 6) AS recency, round(s."T", 6) AS "T",
           ${o.hasSpend ? 'round(s.monetary_value, 4)' : 'CAST(NULL AS DOUBLE)'} AS monetary_value,
           round(h.total_spend, 2) AS total_spend, h.orders,
           strftime(h.first_purchase, '%Y-%m-%d') AS first_purchase, strftime(h.last_purchase, '%Y-%m-%d') AS last_purchase,
           round(s.expected_purchases, 6) AS expected_purchases_52w, round(s.p_alive, 6) AS p_alive,
           round(s.p_alive_horizon, 6) AS p_alive_52w${spend}
    FROM customer_scores s JOIN history h USING (customer_id)
    ORDER BY ${CUSTOMER_ORDER}`);
  if (o.csv) await db.run(`COPY customers TO ${quoteString(o.csv)} (FORMAT csv, HEADER true)`);
  if (o.parquet) await db.run(`COPY customers TO ${quoteString(o.parquet)} (FORMAT parquet)`);
}
