// The one way into the operational store: PGlite embedded in a data folder by default, a PostgreSQL
// server when a URL is given. Both get the same Kysely<Database>, the same migrations and the same
// value types, so nothing above this file knows which engine it talks to.
import { Kysely } from 'kysely';
import { pgliteDialect } from '../engines/pglite/pglite-dialect.ts';
import { postgresDialect, redactDatabaseUrl } from '../engines/postgres/postgres-dialect.ts';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { StoreError } from './store-error.ts';

export type OperationalStoreOptions =
  | { readonly dataDir: string; readonly databaseUrl?: undefined }
  | { readonly databaseUrl: string; readonly dataDir?: undefined };

export type OperationalEngine = 'pglite' | 'postgres';

export interface OperationalStore {
  readonly db: Kysely<Database>;
  readonly engine: OperationalEngine;
  /** Migrations this open applied (empty when the schema was already current). */
  readonly appliedMigrations: readonly string[];
  /** Closes the pool or the embedded database; the store cannot be used afterwards. */
  close(): Promise<void>;
}

/**
 * Opens the operational store and migrates it to the latest schema.
 *
 * @example
 * const store = await openOperationalStore({ dataDir: 'cvm-data/operational' });
 * const server = await openOperationalStore({ databaseUrl: 'postgres://cvm@db.internal/cvm' });
 * try { … } finally { await store.close(); }
 */
export async function openOperationalStore(options: OperationalStoreOptions): Promise<OperationalStore> {
  const engine: OperationalEngine = options.databaseUrl !== undefined ? 'postgres' : 'pglite';
  const where = options.databaseUrl !== undefined ? redactDatabaseUrl(options.databaseUrl) : options.dataDir;
  if (options.databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new StoreError('invalid-input', `database URL must start with postgres:// or postgresql://, got ${where}`);
  }
  const dialect =
    options.databaseUrl !== undefined ? postgresDialect({ databaseUrl: options.databaseUrl }) : pgliteDialect({ dataDir: options.dataDir });
  const db = new Kysely<Database>({ dialect });

  let appliedMigrations: string[];
  try {
    appliedMigrations = await migrateToLatest(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof StoreError && error.code === 'connect-failed') {
      throw new StoreError('connect-failed', `cannot open the ${engine} operational store at ${where}: ${error.message}`, { cause: error.cause });
    }
    throw error;
  }

  let closed = false;
  return Object.freeze({
    db,
    engine,
    appliedMigrations: Object.freeze(appliedMigrations),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  });
}
