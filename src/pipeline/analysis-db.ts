// The DuckDB database `cvm analyze` computes in: an in-memory one with the data folder's store attached.
// Why: every intermediate of the analysis (summary, scores, segments, clusters, …) written as a table
// of the store file is compressed and written to disk at each checkpoint, which cost seconds at a
// million customers (copying `customers` into the file: 3.4 s, into memory: 0.7 s; measured). Reads
// still see the store: unqualified names resolve first in memory, then in the store (search_path),
// so `transactions` and `sales_lines` are the store's. Only what a kept data folder serves later
// (`customers`, `analysis_runs`) is written to it, once, at the end (keepInStore).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';

/** Name of the attached store inside the analysis database. */
export const STORE_ALIAS = 'store';

/**
 * Opens the analysis database on the store file. DuckDB spills what does not fit in its memory
 * limit to `<data dir>/tmp` (removed with a temporary data folder, emptied by DuckDB on close).
 * @example const db = await openAnalysisDb(join(dataDir, 'analytics.duckdb'), dataDir);
 */
export async function openAnalysisDb(storePath: string, dataDir: string): Promise<DuckDbEngine> {
  const db = await DuckDbEngine.open();
  try {
    const spill = join(dataDir, 'tmp');
    mkdirSync(spill, { recursive: true });
    await db.run(`SET temp_directory = ${quoteString(spill)}`);
    await db.run(`ATTACH ${quoteString(storePath)} AS ${STORE_ALIAS}`);
    await db.run(`SET search_path = 'memory.main,${STORE_ALIAS}.main'`);
    // The store's `transactions` view also as memory's own, for code that names it by the current
    // database (`<current_database()>.main.transactions`).
    const hasView = Number(await db.scalar(`SELECT count(*) FROM duckdb_views() WHERE database_name = '${STORE_ALIAS}' AND view_name = 'transactions'`)) > 0;
    if (hasView) await db.run(`CREATE VIEW memory.main.transactions AS SELECT * FROM ${STORE_ALIAS}.main.transactions`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Writes the analysis's `customers` table into the store (replacing the previous run's) and runs
 * `work` with the store as the default database, for anything else that must land there.
 */
export async function keepInStore(db: DuckDbEngine, work: () => Promise<unknown>): Promise<void> {
  await db.run(`CREATE OR REPLACE TABLE ${STORE_ALIAS}.main.customers AS SELECT * FROM memory.main.customers`);
  await db.run(`USE ${STORE_ALIAS}`);
  try {
    await work();
  } finally {
    await db.run('USE memory');
    await db.run(`SET search_path = 'memory.main,${STORE_ALIAS}.main'`);
  }
}
