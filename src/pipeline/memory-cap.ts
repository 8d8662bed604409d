// Bounding DuckDB's memory while the value pipeline runs. By default DuckDB may use 80 % of the RAM,
// and at 5M customers its hash tables, window and sort then peak at 2.1 GB of process memory (measured,
// with the machine busy); told a limit, the same operators keep under it (spilling to DuckDB's temp
// directory only if they must) with no loss of speed measured at 1M or 5M customers: with 1 GB the
// 5M run peaks at 1.5 GB. A caller who wants another limit opens the engine with `memoryLimit`.
import { totalmem } from 'node:os';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';

/** DuckDB's memory limit for the pipeline when the engine was opened without one (1GB = 10⁹ bytes). */
export const PIPELINE_MEMORY_LIMIT = '1GB';
export const PIPELINE_MEMORY_BYTES = 1e9;

/**
 * Runs `work` with DuckDB's memory_limit set to `limit` (`bytes` of it), then resets it to DuckDB's
 * default. Does nothing when the engine was opened with a `memoryLimit`, or when DuckDB's default
 * (80 % of RAM) is lower than `bytes` already.
 * @example await withMemoryCap(db, '1GB', 1e9, () => runSteps(db));
 */
export async function withMemoryCap<T>(db: DuckDbEngine, limit: string, bytes: number, work: () => Promise<T>): Promise<T> {
  if (db.options.memoryLimit !== undefined || !(0.8 * totalmem() > bytes)) return work();
  await db.run(`SET memory_limit = ${quoteString(limit)}`);
  try {
    return await work();
  } finally {
    await db.run('RESET memory_limit');
  }
}
