// Keeps each `cvm analyze` run in the data folder's DuckDB file, so `cvm serve` (and the dashboard's
// "change since the last import") can read the latest and the previous run without recomputing them:
// - `analysis_runs`: the run's report data (JSON) and the fitted models with their covariance, so a
//   customer's prediction interval can be computed on demand (customer-intervals.ts) instead of for
//   every customer during the run;
// - `customer_history`: each customer's segment, tier, stage and value at each run (customer 360's
//   segment history). The per-customer results of the latest run stay in the `customers` table.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import type { FitResult, TimeUnit } from '../analytics/models/types.ts';
import type { ReportData } from '../report/report-data.ts';

export const ANALYSIS_RUNS_TABLE = 'analysis_runs';
/** Anything that runs a query and returns plain rows: DuckDbEngine, or the server's connection pool. */
export interface RowSource {
  rows(sql: string): Promise<readonly Record<string, unknown>[]>;
}
export const CUSTOMER_HISTORY_TABLE = 'customer_history';

/** What is needed to predict again for one customer: the fits and the horizons the run used. */
export interface RunModels {
  unit: TimeUnit;
  count: Pick<FitResult, 'model' | 'params' | 'covariance'>;
  spend: Pick<FitResult, 'model' | 'params' | 'covariance'> | null;
  /** Horizon of expected_purchases_52w, in `unit`. */
  horizon: number;
  /** CLV: months, and the annual discount rate applied as the equivalent monthly rate. */
  clvMonths: number;
  annualDiscountRate: number;
}

/** The columns a history row keeps, where the customers table has them. */
const HISTORY_COLUMNS: readonly [name: string, type: string][] = [
  ['rfm_segment', 'VARCHAR'], ['pyramid_tier', 'VARCHAR'], ['lifecycle_stage', 'VARCHAR'], ['cluster_label', 'VARCHAR'], ['cluster_label_zh', 'VARCHAR'],
  ['value_score', 'DOUBLE'], ['p_alive', 'DOUBLE'], ['clv_12m', 'DOUBLE'], ['churn_warning', 'BOOLEAN'],
];

/** Appends one run and its customers' history; returns the run's id (1, 2, … in order of runs). */
export async function saveAnalysisRun(db: DuckDbEngine, inputFile: string, report: ReportData, models?: RunModels): Promise<number> {
  await db.run(`CREATE TABLE IF NOT EXISTS ${ANALYSIS_RUNS_TABLE} (
    run_id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, input_file VARCHAR NOT NULL, report JSON NOT NULL, models JSON)`);
  // Folders written before the models column existed get it now.
  await db.run(`ALTER TABLE ${ANALYSIS_RUNS_TABLE} ADD COLUMN IF NOT EXISTS models JSON`);
  const id = Number(await db.scalar(`SELECT coalesce(max(run_id), 0) + 1 FROM ${ANALYSIS_RUNS_TABLE}`));
  const modelsJson = models ? quoteString(JSON.stringify(models)) : 'NULL';
  await db.run(`INSERT INTO ${ANALYSIS_RUNS_TABLE} (run_id, created_at, input_file, report, models)
    VALUES (${id}, now()::TIMESTAMP, ${quoteString(inputFile)}, ${quoteString(JSON.stringify(report))}, ${modelsJson})`);
  await saveHistory(db, id);
  return id;
}

async function saveHistory(db: DuckDbEngine, runId: number): Promise<void> {
  const have = new Set((await db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers'")).map((r) => String(r.column_name)));
  if (!have.has('customer_id')) return;
  await db.run(`CREATE TABLE IF NOT EXISTS ${CUSTOMER_HISTORY_TABLE} (run_id INTEGER NOT NULL, customer_id VARCHAR NOT NULL, ${HISTORY_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  // Folders whose history predates a column (cluster_label_zh) get it now; the insert names its columns.
  for (const [n, t] of HISTORY_COLUMNS) await db.run(`ALTER TABLE ${CUSTOMER_HISTORY_TABLE} ADD COLUMN IF NOT EXISTS ${n} ${t}`);
  const select = HISTORY_COLUMNS.map(([n, t]) => (have.has(n) ? `CAST(${n} AS ${t})` : `CAST(NULL AS ${t})`)).join(', ');
  await db.run(`INSERT INTO ${CUSTOMER_HISTORY_TABLE} (run_id, customer_id, ${HISTORY_COLUMNS.map(([n]) => n).join(', ')})
    SELECT ${runId}, CAST(customer_id AS VARCHAR), ${select} FROM customers`);
}

export interface AnalysisRun {
  runId: number;
  createdAt: string;
  inputFile: string;
  report: ReportData;
  models: RunModels | null;
}

/** The latest run (offset 0) or an earlier one (offset 1 = the run before it); null when none. */
export async function readAnalysisRun(db: DuckDbEngine, offset = 0): Promise<AnalysisRun | null> {
  if (!(await tableExists(db, ANALYSIS_RUNS_TABLE))) return null;
  const hasModels = Number(await db.scalar(`SELECT count(*) FROM information_schema.columns WHERE table_name = '${ANALYSIS_RUNS_TABLE}' AND column_name = 'models'`)) > 0;
  const rows = await db.rows(`SELECT run_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, input_file, CAST(report AS VARCHAR) AS report,
      ${hasModels ? 'CAST(models AS VARCHAR)' : 'NULL'} AS models
    FROM ${ANALYSIS_RUNS_TABLE} ORDER BY run_id DESC LIMIT 1 OFFSET ${Math.max(0, Math.floor(offset))}`);
  const r = rows[0];
  if (!r) return null;
  return {
    runId: Number(r.run_id), createdAt: String(r.created_at), inputFile: String(r.input_file),
    report: JSON.parse(String(r.report)) as ReportData,
    models: typeof r.models === 'string' ? (JSON.parse(r.models) as RunModels) : null,
  };
}

export interface HistoryPoint {
  runId: number;
  createdAt: string;
  rfmSegment: string | null;
  pyramidTier: string | null;
  lifecycleStage: string | null;
  clusterLabel: string | null;
  /** The cluster's label in Simplified Chinese (null in runs saved before it was kept). */
  clusterLabelZh: string | null;
  valueScore: number | null;
  pAlive: number | null;
  clv: number | null;
  churnWarning: boolean | null;
}

/** One customer's segment history, oldest run first (empty when the folder keeps none). */
export async function readCustomerHistory(db: RowSource, customerId: string): Promise<HistoryPoint[]> {
  if (!(await tableExists(db, CUSTOMER_HISTORY_TABLE))) return [];
  const rows = await db.rows(`SELECT h.*, strftime(r.created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at
    FROM ${CUSTOMER_HISTORY_TABLE} h JOIN ${ANALYSIS_RUNS_TABLE} r USING (run_id)
    WHERE h.customer_id = ${quoteString(customerId)} ORDER BY h.run_id`);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return rows.map((r) => ({
    runId: Number(r.run_id), createdAt: String(r.created_at), rfmSegment: str(r.rfm_segment), pyramidTier: str(r.pyramid_tier),
    lifecycleStage: str(r.lifecycle_stage), clusterLabel: str(r.cluster_label), clusterLabelZh: str(r.cluster_label_zh), valueScore: num(r.value_score), pAlive: num(r.p_alive),
    clv: num(r.clv_12m), churnWarning: typeof r.churn_warning === 'boolean' ? r.churn_warning : null,
  }));
}

async function tableExists(db: RowSource, name: string): Promise<boolean> {
  const [r] = await db.rows(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${quoteString(name)}`);
  return Number(r?.n ?? 0) > 0;
}

/** The fitted models of the latest run, for on-demand intervals; null when none were saved. */
export async function readRunModels(db: RowSource): Promise<RunModels | null> {
  if (!(await tableExists(db, ANALYSIS_RUNS_TABLE))) return null;
  const [has] = await db.rows(`SELECT count(*) AS n FROM information_schema.columns WHERE table_name = '${ANALYSIS_RUNS_TABLE}' AND column_name = 'models'`);
  if (Number(has?.n ?? 0) === 0) return null;
  const [r] = await db.rows(`SELECT CAST(models AS VARCHAR) AS models FROM ${ANALYSIS_RUNS_TABLE} ORDER BY run_id DESC LIMIT 1`);
  return typeof r?.models === 'string' ? (JSON.parse(r.models) as RunModels) : null;
}
