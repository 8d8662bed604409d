// The embedded DuckDB engine: open (in memory or a file), run SQL, read rows or typed columns, bulk
// append, close. Works offline: extension auto-install is switched off, and what the analytics need
// is built into @duckdb/node-api's binary (CSV and gzip in the core, Parquet, JSON and ICU statically
// loaded; duckdb-engine.test.ts checks each), so nothing is ever downloaded at run time.
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, JS } from '@duckdb/node-api';
import { appendColumns, type AppendColumn } from './append-columns.ts';
import { readColumns, type Columns } from './read-columns.ts';

export interface DuckDbOptions {
  /** Database file; omitted or ':memory:' for an in-memory database. */
  readonly path?: string;
  /** Worker threads (DuckDB's default is one per core). */
  readonly threads?: number;
  /** e.g. '4GB'; DuckDB's default is 80 % of RAM. */
  readonly memoryLimit?: string;
}

/** A plain JS value from a row: numbers (BIGINT too, when it fits), strings, booleans, Dates, bytes, null. */
export type RowValue = JS;
export type Row = Record<string, RowValue>;

/**
 * One DuckDB database with one connection.
 * @example
 * const db = await DuckDbEngine.open();
 * await db.run('CREATE TABLE t AS SELECT range AS x FROM range(3)');
 * const { x } = await db.columns('SELECT x FROM t'); // Float64Array [0, 1, 2]
 * db.close();
 */
export class DuckDbEngine {
  readonly options: Readonly<DuckDbOptions>;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;

  private constructor(options: DuckDbOptions, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.options = Object.freeze({ ...options });
    this.#instance = instance;
    this.#connection = connection;
  }

  /** Opens (or creates) the database. */
  static async open(options: DuckDbOptions = {}): Promise<DuckDbEngine> {
    const config: Record<string, string> = {
      // Offline by design: a query that needs an extension we do not ship fails instead of downloading it.
      autoinstall_known_extensions: 'false',
    };
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
    const connection = await instance.connect();
    // Timestamps with a zone are cast in UTC, not in whatever zone the machine is set to. (Set after
    // connecting: ICU, which owns the setting, is statically linked but loaded on first use.)
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(options, instance, connection);
  }

  /** Runs one or more statements; returns the rows changed by the last one (0 for DDL). */
  async run(sql: string): Promise<number> {
    const result = await this.#connection.run(sql);
    return result.rowsChanged;
  }

  /** Rows as plain objects: for small results only (use `columns` for large ones). */
  async rows(sql: string): Promise<Row[]> {
    const reader = await this.#connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [key, value] of Object.entries(row)) out[key] = smallBigIntToNumber(value);
      return out;
    });
  }

  /** The first column of the first row, or null when there is no row. */
  async scalar(sql: string): Promise<RowValue> {
    const [row] = await this.rows(sql);
    return row ? (Object.values(row)[0] ?? null) : null;
  }

  /** The result column by column: numeric columns as Float64Array, others as strings. */
  columns(sql: string): Promise<Columns> {
    return readColumns(this.#connection, sql);
  }

  /** Bulk-appends columns (in the table's column order) to an existing table; returns rows appended. */
  append(table: string, columns: readonly AppendColumn[]): Promise<number> {
    return appendColumns(this.#connection, table, columns);
  }

  /** Closes the connection and the database (a file database is checkpointed). */
  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}

/** COUNT(*) and other BIGINTs come back as bigint; counts are far below 2^53, so plain numbers serve. */
function smallBigIntToNumber(v: RowValue): RowValue {
  return typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}
