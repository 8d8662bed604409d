// The retail analytics stage of `cvm analyze` (issue 5), after the value pipeline and the segments:
// clusters, lifecycle stages, time to lapse and cohorts, loyalty, hot products, association rules and
// replenishment on the imported sales. Adds cluster, cluster_label(_zh), lifecycle_stage,
// lifecycle_rule, next_replenishment and replenishment_due_items to the `customers` table and returns
// the report sections. A part whose data is missing or too short says so in its section (the
// analysis errors of each area carry a code and a message meant for the user); anything else fails.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../engines/duckdb/sql-literal.ts';
import { isUnavailable, type ReportData, type Unavailable } from '../report/report-data.ts';
import { DEFAULT_ANALYZE_CONFIG, type AnalyzeConfig } from './analyze-config.ts';
import type { ClusterResult } from '../analytics/clustering/cluster-customers.ts';
import { fitClusters, readClusterSample, RETAIL_LINES_SQL, retailClusters, retailFeaturesSql, type ClusterSample } from './retail-clusters.ts';
import { retailCohorts, retailLifecycle, retailSurvival, survivalCurves, survivalLapseSql } from './retail-lifecycle.ts';
import { retailLoyalty, SATISFACTION_UNAVAILABLE } from './retail-loyalty.ts';
import { boughtAfterComplaint, loadInteractions, readInteractions, retailEconomics, retailSatisfaction, type InteractionRow } from './retail-operational.ts';
import { hasOperationalStore, operationalStoreOptions } from '../store/data-folder.ts';
import { openOperationalStore, type OperationalStore } from '../store/open-operational-store.ts';
import { retailHotProducts, retailReplenishment, retailRules, salesColumnsPresent, type SalesColumns } from './retail-products.ts';

export type RetailSections = Pick<ReportData, 'clusters' | 'lifecycle' | 'survival' | 'cohorts' | 'loyalty' | 'satisfaction' | 'economics' | 'hotProducts' | 'rules' | 'replenishment'>;

export interface RetailOptions {
  /** Observation end, YYYY-MM-DD (the value pipeline's). */
  end: string;
  /** Customer-days of `transactions` (transactionDaysSql with `purchase`), read by lifecycle, lapse and cohorts instead of grouping it again. */
  days?: string;
  config?: AnalyzeConfig;
  onStep?: (message: string) => void;
  /** The kept data folder (none for a temporary one): its operational store has the survey answers and complaints. */
  dataDir?: string;
  /** The folder's operational store when the caller holds it open (PGlite must not be opened twice). */
  operational?: OperationalStore;
  databaseUrl?: string;
  /** Annual discount rate d of the retention value (the value pipeline's, default 0.1). */
  discountRate?: number;
  /** false: no lifecycle stages (the section says it was switched off). */
  lifecycle?: boolean;
  /** The complaints and survey answers, when read by the process that holds the operational store (cvm serve's re-analysis child has none). */
  interactions?: readonly InteractionRow[];
  /** retailPreparation's SQL has been run already. */
  prepared?: RetailPreparation;
}

export interface RetailPreparation {
  /** The stage's first DuckDB work in one statement (see retailPreparation). */
  sql: string;
  has: SalesColumns;
  /** The clusters' sample and k-means, when done ahead (cvm analyze fits them while the segments are written), or the error that fitting threw. */
  clusters?: { sample: ClusterSample; result: ClusterResult } | { error: unknown };
}

/**
 * The retail stage's first DuckDB work as one statement: the sales lines view, `transactions`
 * computed once into a temp table (the store's is a view that groups the sales lines into orders;
 * lifecycle, lapse, cohorts and loyalty each read it; DuckDB resolves the temp table first), and the
 * clustering features. One statement, so that cvm analyze can run it while the segment ranks are
 * computed in JS (segment-customers.ts `alongside`), then pass it here as `prepared`.
 */
export async function retailPreparation(db: DuckDbEngine, end: string): Promise<RetailPreparation> {
  const has = await salesColumnsPresent(db);
  const catalog = String(await db.scalar('SELECT current_database()'));
  const sql = [
    RETAIL_LINES_SQL,
    `CREATE OR REPLACE TEMP TABLE transactions AS SELECT * FROM ${quoteIdent(catalog)}.main.transactions`,
    retailFeaturesSql(end, has),
  ].join(';\n');
  return { sql, has };
}

/**
 * The clusters' sample read and k-means fitted ahead of the stage, into `ready.clusters` (a fitting
 * error is kept there and raised in the clusters' part): segmentCustomers' `duringRewrite`, so the
 * fit runs in JS while DuckDB writes the segment columns.
 */
export function clustersAhead(db: DuckDbEngine, ready: RetailPreparation, c: AnalyzeConfig['clusters']): { read: () => Promise<void>; compute: () => void } {
  let sample: ClusterSample | undefined;
  return {
    read: async () => { sample = await readClusterSample(db, ready.has, c); },
    compute: () => {
      if (sample === undefined) return;
      try {
        ready.clusters = { sample, result: fitClusters(sample, c) };
      } catch (error) {
        ready.clusters = { error };
      }
    },
  };
}

/** Codes of the analysis areas' errors that mean "this data cannot support the part", not a bug. */
const DATA_CODES = new Set(['invalid-input', 'invalid-option', 'no-transactions', 'invalid-params']);

async function part<T extends object>(run: () => Promise<T | Unavailable>): Promise<T | Unavailable> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Error && DATA_CODES.has(String((e as Error & { code?: unknown }).code))) return { unavailable: e.message };
    throw e;
  }
}

/**
 * @example const sections = await analyzeRetail(db, { end: '2011-12-09' }); Object.assign(reportData, sections);
 */
export async function analyzeRetail(db: DuckDbEngine, o: RetailOptions): Promise<RetailSections> {
  const c = o.config ?? DEFAULT_ANALYZE_CONFIG;
  // The first step's label before its preparation (the cluster features are most of that SQL).
  o.onStep?.('clustering customers (k-means, k by silhouette)');
  const prepared = o.prepared ?? await retailPreparation(db, o.end);
  try {
    if (o.prepared === undefined) await db.run(prepared.sql);
    return await stages(db, o, c, prepared.has);
  } finally {
    await db.run(`DROP VIEW IF EXISTS retail_customers; DROP TABLE IF EXISTS temp.transactions; DROP TABLE IF EXISTS lifecycle_days; DROP TABLE IF EXISTS lifecycle_train; DROP TABLE IF EXISTS lifecycle_test;
      DROP TABLE IF EXISTS lifecycle_today; DROP TABLE IF EXISTS lifecycle_as_of_from; DROP TABLE IF EXISTS lifecycle_as_of_to;
      DROP TABLE IF EXISTS lifecycle_today_stage; DROP TABLE IF EXISTS customer_lapse; DROP TABLE IF EXISTS retail_features;
      DROP TABLE IF EXISTS retail_interactions; DROP TABLE IF EXISTS retail_quadrants; DROP TABLE IF EXISTS retail_margins`);
  }
}

async function stages(db: DuckDbEngine, o: RetailOptions, c: AnalyzeConfig, has: SalesColumns): Promise<RetailSections> {
  const step = o.onStep ?? (() => {});
  const out: RetailSections = {};
  const joins: { table: string; columns: string[] }[] = [];
  out.clusters = await part(async () => {
    const r = await retailClusters(db, o.end, has, c.clusters, { fitted: o.prepared?.clusters });
    joins.push({ table: r.table, columns: ['cluster', 'cluster_label', 'cluster_label_zh'] });
    return r.section;
  });
  // Unless the curves are split by a lifecycle column, the time-to-lapse table needs nothing of the
  // lifecycle stages: DuckDB builds it while the lifecycle tree grows in JS.
  let lapseBuilt = false;
  const lapseEarly = o.lifecycle === false || c.survival.by.startsWith('lifecycle_') ? null
    : await survivalLapseSql(db, o.end, c.survival, ['customers', ...(isUnavailable(out.clusters) ? [] : ['retail_cluster'])], o.days);
  if (o.lifecycle === false) out.lifecycle = { unavailable: 'the lifecycle stages were switched off for this run' };
  else {
    step('learning lifecycle stages (decision tree)');
    out.lifecycle = await part(async () => {
      const r = await retailLifecycle(db, o.end, c.lifecycle, o.days, lapseEarly ?? undefined);
      lapseBuilt = lapseEarly !== null;
      await db.run('CREATE OR REPLACE TEMP TABLE retail_lifecycle AS SELECT customer_id, stage AS lifecycle_stage, rule + 1 AS lifecycle_rule FROM lifecycle_today_stage');
      joins.push({ table: 'retail_lifecycle', columns: ['lifecycle_stage', 'lifecycle_rule'] });
      return r;
    });
  }
  // A view of the customers with the columns so far, so the survival curves can be split by
  // cluster or lifecycle stage too; the table itself is rewritten once, at the end.
  await db.run(`CREATE OR REPLACE TEMP VIEW retail_customers AS ${joinSql(joins)}`);
  step('time to lapse (Kaplan-Meier) and cohort retention');
  out.survival = await part(() => (lapseBuilt ? survivalCurves(db, o.end, c.survival) : retailSurvival(db, o.end, c.survival, ['customers', 'retail_customers'], o.days)));
  out.cohorts = await part(() => retailCohorts(db, o.end, c.survival.cohortMonths, o.days));
  step('loyalty, hot products, association rules, replenishment');
  out.loyalty = await part(() => retailLoyalty(db));
  out.satisfaction = SATISFACTION_UNAVAILABLE;
  if (await withInteractions(db, o)) {
    out.satisfaction = await part(() => retailSatisfaction(db));
    if (!isUnavailable(out.satisfaction)) joins.push({ table: 'retail_quadrants', columns: ['loyalty_quadrant'] });
    const loyalty = out.loyalty;
    if (!isUnavailable(loyalty)) loyalty.boughtAfterComplaint = await boughtAfterComplaint(db);
  }
  out.economics = await part(() => retailEconomics(db, o.end, o.discountRate ?? 0.1));
  out.hotProducts = await part(() => retailHotProducts(db, o.end, c.hotProducts));
  out.rules = await part(() => retailRules(db, c.rules));
  const rep = await retailReplenishment(db, o.end, c.replenishment);
  out.replenishment = rep.section;
  if (rep.table) joins.push({ table: rep.table, columns: ['next_replenishment', 'replenishment_due_items'] });

  await addColumns(db, joins);
  return out;
}

/**
 * Reads the folder's complaints and survey answers into DuckDB once, when the folder has an
 * operational store; false when it has none (a temporary folder, or the 1M benchmark's).
 */
async function withInteractions(db: DuckDbEngine, o: RetailOptions): Promise<boolean> {
  if (o.interactions !== undefined) return (await loadInteractions(db, o.interactions)) > 0;
  if (o.operational === undefined && (o.dataDir === undefined || !hasOperationalStore(o.dataDir, o.databaseUrl))) return false;
  const store = o.operational ?? (await openOperationalStore(operationalStoreOptions(o.dataDir ?? '', o.databaseUrl)));
  try {
    return (await loadInteractions(db, await readInteractions(store))) > 0;
  } finally {
    if (o.operational === undefined) await store.close();
  }
}

/** The customers table with the joined columns, in its own row order (rowid: the order it was written in, by customer id). */
function joinSql(joins: readonly { table: string; columns: string[] }[]): string {
  const select = joins.flatMap((j, k) => j.columns.map((col) => `, j${k}.${col}`)).join('');
  const from = joins.map((j, k) => ` LEFT JOIN ${j.table} j${k} USING (customer_id)`).join('');
  return `SELECT customers.*${select} FROM customers${from} ORDER BY customers.rowid`;
}

/**
 * Adds the columns in place (ALTER + UPDATE) rather than rewriting the whole table with them: at 1M
 * customers in a store file, about a quarter of the CPU in a one-off measurement; and the rows keep their order.
 */
async function addColumns(db: DuckDbEngine, joins: readonly { table: string; columns: string[] }[]): Promise<void> {
  for (const j of joins) {
    const types = new Map((await db.rows(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${quoteString(j.table)}`))
      .map((r) => [String(r.column_name), String(r.data_type)]));
    const add = j.columns.map((col) => `ALTER TABLE customers ADD COLUMN IF NOT EXISTS ${col} ${types.get(col) ?? 'VARCHAR'};`).join(' ');
    await db.run(`${add} UPDATE customers SET ${j.columns.map((col) => `${col} = j.${col}`).join(', ')} FROM ${j.table} j WHERE customers.customer_id = j.customer_id`);
  }
}
