// Where a data folder keeps its two stores, in one place so the CLI, the importer and `cvm serve`
// cannot disagree: the operational store (PGlite) in `DIR/operational/` unless a PostgreSQL URL is
// given, the analytics store (DuckDB) in `DIR/analytics.duckdb`.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OperationalStoreOptions } from './open-operational-store.ts';

/** The DuckDB file of a data folder (the same name src/ingest/import-sales.ts writes). */
export const ANALYTICS_FILE = 'analytics.duckdb';
/** The PGlite folder of a data folder. */
export const OPERATIONAL_DIR = 'operational';

/** @example operationalDir('cvm-data') // → /abs/path/cvm-data/operational */
export const operationalDir = (dataDir: string): string => join(resolve(dataDir), OPERATIONAL_DIR);

/** @example analyticsStorePath('cvm-data') // → /abs/path/cvm-data/analytics.duckdb */
export const analyticsStorePath = (dataDir: string): string => join(resolve(dataDir), ANALYTICS_FILE);

/**
 * How to open a data folder's operational store: the PostgreSQL server when a URL is given, else
 * PGlite inside the folder.
 * @example await openOperationalStore(operationalStoreOptions('cvm-data', process.env.DATABASE_URL));
 */
export function operationalStoreOptions(dataDir: string, databaseUrl?: string): OperationalStoreOptions {
  return databaseUrl !== undefined ? { databaseUrl } : { dataDir: operationalDir(dataDir) };
}

/** Whether the folder's operational store is in use: a PostgreSQL URL is given, or the PGlite folder exists. */
export const hasOperationalStore = (dataDir: string, databaseUrl?: string): boolean => databaseUrl !== undefined || existsSync(operationalDir(dataDir));
