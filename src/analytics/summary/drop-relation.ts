// Dropping a table or a view by name. The pipeline keeps some of its relations as views (no copy of a
// million rows) and others as tables, and DuckDB's CREATE OR REPLACE refuses to replace one kind with
// the other, so whatever holds the name goes first.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';

/**
 * Drops `name` in the current schema if it is a table or a view; does nothing when there is none.
 * @example await dropRelation(db, 'customers'); await db.run('CREATE VIEW customers AS …');
 */
export async function dropRelation(db: DuckDbEngine, name: string): Promise<void> {
  const found = await db.rows(`SELECT table_type FROM information_schema.tables
    WHERE table_name = ${quoteString(name)} AND table_schema = current_schema() AND table_catalog = current_database()`);
  for (const r of found) await db.run(`DROP ${r.table_type === 'VIEW' ? 'VIEW' : 'TABLE'} ${quoteIdent(name)}`);
}
