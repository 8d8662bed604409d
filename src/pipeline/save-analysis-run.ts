// Keeps each `cvm analyze` run's report data in the data folder's DuckDB file, so `cvm serve` (and the
// dashboard's "change since the last import") can read the latest and the previous run without
// recomputing them. The per-customer results stay in the `customers` table beside it.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import type { ReportData } from '../report/report-data.ts';

export const ANALYSIS_RUNS_TABLE = 'analysis_runs';

/** Appends one run; returns its id (1, 2, … in order of runs). */
export async function saveAnalysisRun(db: DuckDbEngine, inputFile: string, report: ReportData): Promise<number> {
  await db.run(`CREATE TABLE IF NOT EXISTS ${ANALYSIS_RUNS_TABLE} (
    run_id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, input_file VARCHAR NOT NULL, report JSON NOT NULL)`);
  const id = Number(await db.scalar(`SELECT coalesce(max(run_id), 0) + 1 FROM ${ANALYSIS_RUNS_TABLE}`));
  await db.run(`INSERT INTO ${ANALYSIS_RUNS_TABLE} VALUES (${id}, now()::TIMESTAMP, ${quoteString(inputFile)}, ${quoteString(JSON.stringify(report))})`);
  return id;
}

/** The report data of the latest run (offset 0) or an earlier one (offset 1 = the run before it); null when none. */
export async function readAnalysisRun(db: DuckDbEngine, offset = 0): Promise<{ runId: number; createdAt: string; report: ReportData } | null> {
  const exists = await db.scalar(`SELECT count(*) FROM information_schema.tables WHERE table_name = ${quoteString(ANALYSIS_RUNS_TABLE)}`);
  if (Number(exists) === 0) return null;
  const rows = await db.rows(`SELECT run_id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, CAST(report AS VARCHAR) AS report
    FROM ${ANALYSIS_RUNS_TABLE} ORDER BY run_id DESC LIMIT 1 OFFSET ${Math.max(0, Math.floor(offset))}`);
  const r = rows[0];
  if (!r) return null;
  return { runId: Number(r.run_id), createdAt: String(r.created_at), report: JSON.parse(String(r.report)) as ReportData };
}
