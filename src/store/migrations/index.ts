// Every migration, listed statically: Kysely's folder-scanning provider would need a build step or
// dynamic imports of .ts paths, and a static list also makes the order explicit and reviewable.
// Names sort in the order they must run (Kysely orders by name); never rename or edit a shipped one.
import type { Migration, MigrationProvider } from 'kysely/migration';
import { initialSchema } from './0001-initial.ts';
import { importKinds } from './0002-import-kinds.ts';
import { authAndSettings } from './0003-auth-and-settings.ts';

const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-initial': initialSchema,
  '0002-import-kinds': importKinds,
  '0003-auth-and-settings': authAndSettings,
});

/** The MigrationProvider behind `migrateToLatest`; exported for tools that list or roll back. */
export const operationalMigrations: MigrationProvider = Object.freeze({
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
});
