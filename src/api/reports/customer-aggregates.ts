// Aggregates over the `customers` table for the segment views: RFM segments, the recency × frequency
// grid and the value pyramid. Computed in DuckDB (never by pulling a million rows into JS) and cached
// per data generation.
import type { AnalyticsPool, PlainRow } from '../analytics/analytics-pool.ts';
import { tableInfo } from '../customers/customer-query.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';

export type Aggregate = { items: PlainRow[] } | { unavailable: string };

const cache = new WeakMap<AnalyticsPool, { generation: number; results: Map<string, Promise<Aggregate>> }>();

function cached(pool: AnalyticsPool, key: string, compute: () => Promise<Aggregate>): Promise<Aggregate> {
  let entry = cache.get(pool);
  if (!entry || entry.generation !== pool.generation) {
    entry = { generation: pool.generation, results: new Map() };
    cache.set(pool, entry);
  }
  let hit = entry.results.get(key);
  if (!hit) {
    hit = compute();
    entry.results.set(key, hit);
    const results = entry.results;
    hit.catch(() => results.delete(key));
  }
  return hit;
}

const NO_DATA = { unavailable: 'no analysis in this data folder yet: import a sales file (POST /api/imports or cvm analyze --data)' };

async function grouped(pool: AnalyticsPool, groupColumn: string, label: string): Promise<Aggregate> {
  if (!pool.hasData) return NO_DATA;
  const info = await tableInfo(pool);
  if (!info.columns.has(groupColumn)) return { unavailable: `the customers table has no ${groupColumn} column (re-run cvm analyze)` };
  const value = info.clv ? `sum(${quoteIdent(info.clv)})` : 'NULL';
  const items = await pool.rows(`SELECT ${quoteIdent(groupColumn)} AS ${quoteIdent(label)}, count(*) AS customers,
      count(*) / sum(count(*)) OVER () AS "customerShare",
      sum(total_spend) AS revenue, sum(total_spend) / sum(sum(total_spend)) OVER () AS "revenueShare",
      ${value} AS "predictedValue", avg(total_spend) AS "meanSpend"
    FROM customers GROUP BY 1 ORDER BY revenue DESC NULLS LAST`);
  return { items };
}

/** RFM segments: size, revenue and its share, predicted value. */
export const segments = (pool: AnalyticsPool): Promise<Aggregate> => cached(pool, 'segments', () => grouped(pool, 'rfm_segment', 'segment'));

/** Value pyramid tiers with revenue shares (the 80/20 picture). */
export const pyramid = (pool: AnalyticsPool): Promise<Aggregate> => cached(pool, 'pyramid', () => grouped(pool, 'pyramid_tier', 'tier'));

/** Recency score × frequency score cells: customers and their mean spend and mean predicted value. */
export const rfmGrid = (pool: AnalyticsPool): Promise<Aggregate> => cached(pool, 'rfm-grid', async () => {
  if (!pool.hasData) return NO_DATA;
  const info = await tableInfo(pool);
  if (!info.columns.has('rfm_r') || !info.columns.has('rfm_f')) return { unavailable: 'the customers table has no RFM scores (re-run cvm analyze)' };
  const value = info.clv ? `avg(${quoteIdent(info.clv)})` : 'NULL';
  const items = await pool.rows(`SELECT rfm_r AS recency, rfm_f AS frequency, count(*) AS customers,
      avg(total_spend) AS "meanSpend", ${value} AS "meanValue"
    FROM customers WHERE rfm_r IS NOT NULL AND rfm_f IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`);
  return { items };
});
