// Running SQL on DuckDB's threads while the JS thread computes. The node-api executes a query off the
// JS thread, so a statement started before a stretch of synchronous JS runs alongside it and needs no
// event-loop turn to go on; only one statement (which may hold several, `;`-separated) can be in
// flight on a connection, so what is to overlap is sent as one call.
import type { DuckDbEngine } from './duckdb-engine.ts';

/**
 * Starts `sql` and returns the wait for it. The outcome is taken at once, so if the JS work throws
 * first, a failing query is no unhandled rejection; the wait rethrows its error.
 * @example const done = overlapped(db, 'CREATE TABLE t AS …'); const fit = fitModel(); await done();
 */
export function overlapped(db: DuckDbEngine, sql: string): () => Promise<void> {
  const outcome = db.run(sql).then(() => null, (e: unknown) => ({ error: e }));
  return async () => {
    const failed = await outcome;
    if (failed !== null) throw failed.error;
  };
}
