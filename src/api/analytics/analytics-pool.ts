// The server's read side of the data folder's DuckDB file: one read-only DuckDB instance with a small
// pool of connections, so concurrent requests run side by side (a DuckDB connection runs one query at a
// time) and a slow query does not queue everything behind it. Read-only because the server never writes
// analytics: imports run in a child process on a copy and the copy replaces the file (swap()).
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { readColumns } from '../../engines/duckdb/read-columns.ts';
import type { Columns } from '../../engines/duckdb/read-columns.ts';

export type Cell = string | number | boolean | null;
export type PlainRow = Record<string, Cell>;

export interface AnalyticsPoolOptions {
  readonly path: string;
  /** Connections in the pool (default 4). */
  readonly size?: number;
  /** DuckDB worker threads (default 2). */
  readonly threads?: number;
}

/** A plain JSON-able value: BIGINTs as numbers, dates and timestamps as ISO strings. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export class AnalyticsPool {
  readonly options: Readonly<AnalyticsPoolOptions>;
  #instance: DuckDBInstance | null = null;
  #free: DuckDBConnection[] = [];
  #waiting: ((c: DuckDBConnection) => void)[] = [];
  #busy = 0;
  /** While a swap is under way, new queries wait on this. */
  #gate: Promise<void> | null = null;
  #drained: (() => void) | null = null;
  /** Bumped on every (re)open, so caches keyed by it go stale with the data. */
  generation = 0;

  private constructor(options: AnalyticsPoolOptions) {
    this.options = Object.freeze({ ...options });
  }

  /** Opens the file if it exists; a folder not analysed yet gives a pool with no data (`hasData` false). */
  static async open(options: AnalyticsPoolOptions): Promise<AnalyticsPool> {
    const pool = new AnalyticsPool(options);
    await pool.#open();
    return pool;
  }

  /** Whether the folder has been analysed; stays true while a swap reopens the file (readers then wait, they do not see "no data"). */
  get hasData(): boolean {
    return this.#instance !== null || (this.#gate !== null && this.#hadData);
  }
  #hadData = false;

  async #open(): Promise<void> {
    this.generation++;
    if (!existsSync(this.options.path)) {
      this.#hadData = false;
      return;
    }
    const instance = await DuckDBInstance.create(this.options.path, {
      access_mode: 'READ_ONLY',
      threads: String(this.options.threads ?? 2),
      autoinstall_known_extensions: 'false',
    });
    const connections: DuckDBConnection[] = [];
    for (let i = 0; i < (this.options.size ?? 4); i++) {
      const c = await instance.connect();
      await c.run("SET TimeZone = 'UTC'");
      connections.push(c);
    }
    this.#instance = instance;
    this.#free = connections;
    this.#hadData = true;
  }

  async #acquire(): Promise<DuckDBConnection> {
    while (this.#gate) await this.#gate;
    this.#busy++;
    const c = this.#free.pop();
    if (c) return c;
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  // `#busy` counts requests that hold or wait for a connection; the releasing request is done either
  // way, whether its connection goes to a waiter or back to the free list.
  #release(c: DuckDBConnection): void {
    this.#busy--;
    const next = this.#waiting.shift();
    if (next) return next(c);
    this.#free.push(c);
    if (this.#busy === 0) this.#drained?.();
  }

  /** Runs a query with bound parameters ($1, $2 … or ?) and returns plain rows. */
  async rows(sql: string, params: DuckDBValue[] = []): Promise<PlainRow[]> {
    if (!this.#instance && !this.#gate) return [];
    const c = await this.#acquire();
    try {
      if (!this.#instance) return [];
      const reader = await c.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((r) => {
        const out: PlainRow = {};
        for (const [k, v] of Object.entries(r)) out[k] = plain(v);
        return out;
      });
    } finally {
      this.#release(c);
    }
  }

  /**
   * A large result chunk by chunk (DuckDB's streaming result: one sort, however many rows). Holds one
   * connection until the last chunk is read or the consumer stops; a swap waits for it.
   */
  async *stream(sql: string, params: DuckDBValue[] = []): AsyncGenerator<PlainRow[]> {
    if (!this.#instance && !this.#gate) return;
    const c = await this.#acquire();
    try {
      if (!this.#instance) return;
      const result = await c.stream(sql, params);
      const names = result.columnNames();
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) return;
        yield chunk.getRowObjects(names).map((r) => {
          const out: PlainRow = {};
          for (const [k, v] of Object.entries(r)) out[k] = plain(v);
          return out;
        });
      }
    } finally {
      this.#release(c);
    }
  }

  /** A whole result column-wise (numbers as Float64Array, NULL → NaN); empty when there is no data. */
  async columns(sql: string): Promise<Columns> {
    if (!this.#instance && !this.#gate) return {};
    const c = await this.#acquire();
    try {
      return this.#instance ? await readColumns(c, sql) : {};
    } finally {
      this.#release(c);
    }
  }

  async scalar(sql: string, params: DuckDBValue[] = []): Promise<Cell> {
    const [row] = await this.rows(sql, params);
    return row ? (Object.values(row)[0] ?? null) : null;
  }

  /**
   * Waits for running queries, closes the file, runs `replace` (which may swap the file on disk), and
   * reopens it. Queries arriving meanwhile wait; none fails.
   */
  async swap(replace: () => Promise<void> | void): Promise<void> {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    this.#gate = gate;
    try {
      if (this.#busy > 0) await new Promise<void>((resolve) => { this.#drained = resolve; });
      this.#drained = null;
      this.#closeNow();
      await replace();
      await this.#open();
    } finally {
      this.#gate = null;
      open();
    }
  }

  #closeNow(): void {
    for (const c of this.#free) c.closeSync();
    this.#free = [];
    this.#instance?.closeSync();
    this.#instance = null;
  }

  /** Waits for running queries and closes; queries after this see no data. */
  async close(): Promise<void> {
    this.#gate = null;
    if (this.#busy > 0) await new Promise<void>((resolve) => { this.#drained = resolve; });
    this.#closeNow();
  }
}
