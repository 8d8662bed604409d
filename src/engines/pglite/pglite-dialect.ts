// Kysely over PGlite (PostgreSQL compiled to WASM, embedded in this process). Kysely ships the
// PGlite driver; compiler, adapter and introspector are PostgreSQL's, so the migrations and queries
// written for the server run here unchanged.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely';
import type { Dialect } from 'kysely';
import { sharedTypeParsers } from '../postgres/type-parsers.ts';

export interface PgliteDialectOptions {
  /** A folder on disk (created if missing), or `memory://` for a throw-away database. */
  readonly dataDir: string;
}

/** Opens PGlite on a data folder; the first open of an empty folder runs initdb (seconds). */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, { parsers: { ...sharedTypeParsers } });
}

/**
 * A Kysely dialect over PGlite. PGlite is opened lazily on the first query and closed by
 * `db.destroy()`. One process may own a data folder at a time: PGlite takes no lock on it.
 *
 * @example
 * const db = new Kysely<Database>({ dialect: pgliteDialect({ dataDir: 'data/operational' }) });
 */
export function pgliteDialect(options: PgliteDialectOptions): Dialect {
  const { dataDir } = Object.freeze({ ...options });
  return new PGliteDialect({ pglite: () => openPglite(dataDir) });
}
