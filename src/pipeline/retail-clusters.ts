// Customer clusters inside `cvm analyze`: the behaviour features of every customer in DuckDB
// (customer-features-sql.ts over the imported sales lines), k-means and the silhouette on a seeded
// sample (k chosen there; a million customers never become JS objects), then every customer is
// assigned to the nearest centroid by SQL, with the sample's log1p + z-score transform.
import { clusterCustomers, type ClusterResult } from '../analytics/clustering/cluster-customers.ts';
import { availableFeatures, customerFeaturesSql } from '../analytics/clustering/customer-features-sql.ts';
import { vocabularyFor } from '../analytics/clustering/describe-cluster.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import type { ClustersSection } from '../report/report-data.ts';
import type { AnalyzeConfig } from './analyze-config.ts';

/** The imported sales as the clustering features read them (lines kept for customer analytics). */
export const RETAIL_LINES_SQL = `CREATE OR REPLACE TEMP VIEW retail_lines AS
SELECT customer_id, ts, amount, order_id, quantity, discount, CAST(NULL AS VARCHAR) AS category
FROM sales_lines WHERE exclusion IS NULL AND customer_id IS NOT NULL`;

export interface RetailClusters {
  section: ClustersSection;
  /** Temp table (customer_id, cluster, cluster_label, cluster_label_zh). */
  table: string;
}

const lit = (v: number): string => (Number.isFinite(v) ? `CAST(${v} AS DOUBLE)` : 'NULL');

/** Nearest centroid in the sample's standardised log space: the SQL of each customer's cluster id. */
export function nearestCentroidSql(r: ClusterResult): string {
  const z = (f: string) => `((ln(1 + greatest(${f}, 0)) - ${lit(r.transform.center[f])}) / ${lit(r.transform.scale[f])})`;
  const distances = r.clusters.map((c) => r.features.map((f) => `pow(${z(f)} - ${lit(c.centroid[f])}, 2)`).join(' + '));
  // list_position of the minimum: the first (lowest id) on a tie, as k-means' own assignment.
  return `CAST(list_position([${distances.join(', ')}], list_min([${distances.join(', ')}])) - 1 AS INTEGER)`;
}

/** The behaviour features of every customer into the temp table retail_features (over RETAIL_LINES_SQL's view). */
export const retailFeaturesSql = (end: string, has: { quantity: boolean; discount: boolean }): string =>
  customerFeaturesSql({ source: 'retail_lines', end, has: { order: true, quantity: has.quantity, discount: has.discount, category: false }, target: 'retail_features', temp: true });

/** The clustering's sample, read from retail_features (the DuckDB part before k-means). */
export interface ClusterSample { names: string[]; of: number; features: { name: string; values: Float64Array }[] }

export async function readClusterSample(db: DuckDbEngine, has: { quantity: boolean; discount: boolean }, c: AnalyzeConfig['clusters']): Promise<ClusterSample> {
  const names = availableFeatures({ order: true, quantity: has.quantity, discount: has.discount, category: false });
  const of = Number(await db.scalar('SELECT count(*) FROM retail_features'));
  // A hash of the id with the seed orders the sample: the same customers every run, whatever order
  // DuckDB's threads produce rows in (a reservoir sample is only repeatable single-threaded).
  const cols = await db.columns(`SELECT ${names.join(', ')} FROM retail_features
    ORDER BY hash(customer_id, ${c.seed}), customer_id LIMIT ${c.sample}`);
  const features = names.map((name) => ({ name, values: Float64Array.from(cols[name] as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : 0)) }));
  return { names, of, features };
}

/** k-means with k chosen by silhouette on the sample: JS only (cvm analyze runs it while DuckDB rewrites the customers table). */
export function fitClusters(s: ClusterSample, c: AnalyzeConfig['clusters']): ClusterResult {
  return clusterCustomers(s.features, {
    kMin: c.kMin, kMax: c.kMax, k: c.k ?? undefined, seed: c.seed, restarts: c.restarts, silhouetteMaxExact: c.silhouetteSample, describeThreshold: c.describeThreshold,
  });
}

/**
 * `prepared`: what is done already — retail_features made (retailFeaturesSql, analyze-retail.ts
 * retailPreparation), and possibly the sample read and fitted (`fitted`, or the error fitting threw).
 */
export async function retailClusters(db: DuckDbEngine, end: string, has: { quantity: boolean; discount: boolean }, c: AnalyzeConfig['clusters'],
  prepared?: { fitted?: { sample: ClusterSample; result: ClusterResult } | { error: unknown } }): Promise<RetailClusters> {
  if (prepared === undefined) await db.run(retailFeaturesSql(end, has));
  const fitted = prepared?.fitted;
  if (fitted !== undefined && 'error' in fitted) throw fitted.error;
  const sample = fitted?.sample ?? await readClusterSample(db, has, c);
  const r = fitted?.result ?? fitClusters(sample, c);
  const { names, of } = sample;
  const labels = (lang: 'en' | 'zh') => `CASE cluster ${r.clusters.map((k) => `WHEN ${k.id} THEN ${quoteString(k.description[lang])}`).join(' ')} END`;
  await db.run(`CREATE OR REPLACE TEMP TABLE retail_cluster AS
    SELECT customer_id, cluster, ${labels('en')} AS cluster_label, ${labels('zh')} AS cluster_label_zh, ${names.join(', ')}
    FROM (SELECT *, ${nearestCentroidSql(r)} AS cluster FROM retail_features)`);
  const stats = await db.rows(`SELECT cluster, count(*) AS n, ${names.map((f) => `avg(${f}) AS ${f}`).join(', ')} FROM retail_cluster GROUP BY cluster`);
  const byId = new Map(stats.map((s) => [Number(s.cluster), s]));
  return {
    table: 'retail_cluster',
    section: {
      features: r.features.map((id) => ({ id, label: vocabularyFor(id).label })),
      dropped: r.dropped,
      sample: { rows: r.labels.length, of },
      silhouette: r.silhouette.map((s) => ({ k: s.k, mean: s.mean })),
      k: r.k, chosenBy: r.chosenBy,
      clusters: r.clusters.map((k) => {
        const s = byId.get(k.id);
        const n = Number(s?.n ?? 0);
        return {
          id: k.id, label: k.description, customers: n, share: of > 0 ? n / of : 0,
          means: Object.fromEntries(r.features.map((f) => [f, s && s[f] !== null ? Number(s[f]) : null])),
          centroid: k.centroid,
        };
      }),
    },
  };
}
