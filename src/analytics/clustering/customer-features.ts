// Behaviour features for clustering from a transactions / order-lines file: load it into DuckDB,
// compute the per-customer features in SQL (customer-features-sql.ts) and read them as arrays.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { SummaryError } from '../summary/summary-error.ts';
import type { Feature } from './cluster-customers.ts';
import { availableFeatures, customerFeaturesSql } from './customer-features-sql.ts';
import { loadOrderLines, type OrderLineMapping, type OrderLinesInfo } from './load-order-lines.ts';

export interface CustomerFeatures {
  readonly ids: string[];
  readonly features: Feature[];
  /** Net spend per customer (reported beside the clusters, not clustered on). */
  readonly totalSpend: Float64Array;
  readonly load: OrderLinesInfo;
  readonly end: string;
  /** Customers with lines but no purchase (only returns or cancellations) by the end day. */
  readonly withoutPurchase: number;
}

/**
 * @example const f = await customerFeaturesFromFile(db, 'orders.csv', { customer: 'customer_id', date: 'order_date', quantity: 'quantity', price: 'unit_price', order: 'order_id' });
 */
export async function customerFeaturesFromFile(db: DuckDbEngine, path: string, mapping: OrderLineMapping, end?: string): Promise<CustomerFeatures> {
  const load = await loadOrderLines(db, path, mapping, 'cluster_lines');
  const last = end ?? load.lastDay;
  await db.run(customerFeaturesSql({ source: 'cluster_lines', end: last, has: load.has }));
  const names = availableFeatures(load.has);
  const cols = await db.columns(`SELECT customer_id, ${names.join(', ')}, total_spend FROM customer_features`);
  const ids = (cols.customer_id as (string | null)[]).map((v) => v ?? '');
  if (ids.length === 0) throw new SummaryError('no-transactions', `no customer made a purchase on or before ${last}`);
  const seen = Number(await db.scalar(`SELECT count(DISTINCT customer_id) FROM cluster_lines WHERE CAST(ts AS DATE) <= DATE ${quoteString(last)}`));
  return {
    ids, features: names.map((name) => ({ name, values: cols[name] as Float64Array })),
    totalSpend: cols.total_spend as Float64Array, load, end: last, withoutPurchase: seen - ids.length,
  };
}
