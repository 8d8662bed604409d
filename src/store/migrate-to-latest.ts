// Brings a store's schema to the newest migration. Safe to call on every open: applied migrations
// are recorded in kysely_migration and skipped, and on PostgreSQL Kysely takes an advisory lock so
// two processes opening the same database at once do not both run them.
import { Migrator } from 'kysely/migration';
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { operationalMigrations } from './migrations/index.ts';
import { StoreError } from './store-error.ts';

/**
 * Applies every pending migration; returns the names it applied (empty when already current).
 *
 * @example
 * const applied = await migrateToLatest(db); // ['0001-initial'] on a new store, [] afterwards
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: operationalMigrations });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    // No failed migration means Kysely failed before running one: the database could not be
    // reached or opened (its bookkeeping tables are the first thing it touches).
    if (failed === undefined) throw new StoreError('connect-failed', reason, { cause: error });
    throw new StoreError('migration-failed', `migration ${failed} failed: ${reason}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
