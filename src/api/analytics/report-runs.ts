// The saved report data of `cvm analyze` runs (src/pipeline/save-analysis-run.ts), read through the
// server's pool and kept in memory per data generation: a run's JSON is read once, not per request.
import type { ReportData } from '../../report/report-data.ts';
import { ANALYSIS_RUNS_TABLE } from '../../pipeline/save-analysis-run.ts';
import type { AnalyticsPool } from './analytics-pool.ts';

export interface AnalysisRun {
  runId: number;
  createdAt: string;
  inputFile: string;
  report: ReportData;
}

const cache = new WeakMap<AnalyticsPool, { generation: number; runs: Promise<AnalysisRun[]> }>();

/** The latest run first, then the one before it (at most two). */
export function latestRuns(pool: AnalyticsPool): Promise<AnalysisRun[]> {
  const hit = cache.get(pool);
  if (hit && hit.generation === pool.generation) return hit.runs;
  const runs = readRuns(pool);
  cache.set(pool, { generation: pool.generation, runs });
  runs.catch(() => cache.delete(pool));
  return runs;
}

async function readRuns(pool: AnalyticsPool): Promise<AnalysisRun[]> {
  if (!pool.hasData) return [];
  const exists = await pool.scalar('SELECT count(*) FROM information_schema.tables WHERE table_name = ?', [ANALYSIS_RUNS_TABLE]);
  if (Number(exists) === 0) return [];
  const rows = await pool.rows(`SELECT run_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, input_file, CAST(report AS VARCHAR) AS report
    FROM ${ANALYSIS_RUNS_TABLE} ORDER BY run_id DESC LIMIT 2`);
  return rows.map((r) => ({
    runId: Number(r.run_id), createdAt: String(r.created_at), inputFile: String(r.input_file), report: JSON.parse(String(r.report)) as ReportData,
  }));
}

/**
 * One section of the latest run: a top-level field of ReportData (`model`, `dataQuality`, or a section
 * added later such as `clusters`) or an entry of `sections` with that id. Undefined when absent.
 */
export function findSection(report: ReportData, ...names: string[]): unknown {
  const record = report as unknown as Record<string, unknown>;
  for (const name of names) {
    if (record[name] !== undefined) return record[name];
    const extra = report.sections?.find((s) => s.id === name);
    if (extra) return extra;
  }
  return undefined;
}
