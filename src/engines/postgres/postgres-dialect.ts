// Kysely over a PostgreSQL server through node-postgres. Kysely's PostgresDialect already holds the
// compiler, adapter and introspector; this file only builds the pool the way cvm wants it.
import pg from 'pg';
import { PostgresDialect } from 'kysely';
import type { Dialect } from 'kysely';
import { sharedTypeParsers } from './type-parsers.ts';

export interface PostgresDialectOptions {
  /** `postgres://user:password@host:port/database` (also `postgresql://`). */
  readonly databaseUrl: string;
  /** Pool size. The operational store does short transactions; a few connections are enough. */
  readonly maxConnections?: number;
}

/** The URL with any password replaced by `***`, for messages and logs. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/**
 * A Kysely dialect for a PostgreSQL server.
 *
 * @example
 * const db = new Kysely<Database>({ dialect: postgresDialect({ databaseUrl: 'postgres://localhost/cvm' }) });
 */
export function postgresDialect(options: PostgresDialectOptions): Dialect {
  const { databaseUrl, maxConnections = 5 } = Object.freeze({ ...options });
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    // Per-pool parsers: pg.types.setTypeParser would change every pg client in the process.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        sharedTypeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (server restart) must not crash the process; the next
  // query reports the problem instead.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
