// Attaching a data folder's analytics store as the default catalog, shared by every kind of import:
// DuckDB takes a file lock, so a second process importing into the same folder gets a clear message
// instead of DuckDB's lock error.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { IngestError } from './ingest-error.ts';

/** Attaches the store as `store` and makes it the default catalog (a no-op when already attached). */
export async function attachStore(db: DuckDbEngine, storePath: string): Promise<void> {
  if (Number(await db.scalar("SELECT count(*) FROM duckdb_databases() WHERE database_name = 'store'")) > 0) return;
  try {
    await db.run(`ATTACH ${quoteString(storePath)} AS store; USE store`);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (/lock/i.test(message)) throw new IngestError('store-busy', `the data folder is in use by another cvm process (${storePath}): wait for it to finish`, { cause: e });
    throw new IngestError('unwritable-output', `cannot open the analytics store ${storePath}: ${message}`, { cause: e });
  }
}
