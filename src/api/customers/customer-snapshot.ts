// The customers table held in memory, column by column, for paging. At 1M customers every page read
// from DuckDB is a top-N over the whole table (~0.1 s alone, seconds under 50 concurrent readers on two
// cores); here a (filter, sort) order is computed once per data generation (a typed-array sort) and
// every page after that is a slice. Same semantics as the SQL in customer-query.ts: filters on
// CAST(col AS VARCHAR) = value, ORDER BY col NULLS LAST then customer_id. After an import's swap the
// old snapshot keeps answering until the new one has loaded, so readers never wait for the reload.
import type { Column, Columns } from '../../engines/duckdb/read-columns.ts';
import type { AnalyticsPool, Cell, PlainRow } from '../analytics/analytics-pool.ts';
import type { CustomerFilters } from './customer-query.ts';

const FILTER_COLUMNS: Record<'segment' | 'tier' | 'cluster' | 'stage', string[]> = {
  segment: ['rfm_segment', 'segment'], tier: ['pyramid_tier', 'tier'], cluster: ['cluster', 'cluster_id'], stage: ['lifecycle_stage', 'stage'],
};
const ORDER_CACHE = 64;

export class CustomerSnapshot {
  readonly n: number;
  readonly #columns: Columns;
  readonly #names: string[];
  readonly #boolean: Set<string>;
  readonly #orders = new Map<string, Uint32Array>();

  private constructor(columns: Columns, types: Map<string, string>) {
    this.#columns = columns;
    this.#names = [...types.keys()].filter((k) => k in columns);
    this.#boolean = new Set([...types].filter(([, t]) => t === 'BOOLEAN').map(([k]) => k));
    this.n = columns.customer_id?.length ?? 0;
  }

  static async load(pool: AnalyticsPool, types: Map<string, string>): Promise<CustomerSnapshot> {
    return new CustomerSnapshot(await pool.columns('SELECT * FROM customers'), types);
  }

  #text(col: Column, i: number): string | null {
    if (col instanceof Float64Array) { const v = col[i] ?? Number.NaN; return Number.isNaN(v) ? null : String(v); }
    return col[i] ?? null;
  }

  #matches(f: CustomerFilters): ((i: number) => boolean)[] {
    const tests: ((i: number) => boolean)[] = [];
    const ids = this.#columns.customer_id as (string | null)[];
    if (f.q !== undefined && f.q.trim() !== '') {
      const q = f.q.trim().toLowerCase();
      tests.push((i) => (ids[i] ?? '').toLowerCase().includes(q));
    }
    for (const key of ['segment', 'tier', 'cluster', 'stage'] as const) {
      const value = f[key];
      if (value === undefined) continue;
      const name = FILTER_COLUMNS[key].find((c) => c in this.#columns);
      const col = name ? this.#columns[name] : undefined;
      if (!col) { tests.push(() => false); continue; }
      const isBool = name !== undefined && this.#boolean.has(name);
      tests.push((i) => (isBool ? this.#cell(name ?? '', i) === (value === 'true') : this.#text(col, i) === value));
    }
    if (f.churnWarning !== undefined) {
      const col = this.#columns.churn_warning;
      const want = f.churnWarning ? 1 : 0;
      tests.push(col instanceof Float64Array ? (i) => col[i] === want : () => false);
    }
    return tests;
  }

  /** Row indices of the filtered list in the requested order (cached per filter and order). */
  order(f: CustomerFilters, sort: string, desc: boolean): Uint32Array {
    const key = JSON.stringify([f.q, f.segment, f.tier, f.cluster, f.stage, f.churnWarning, sort, desc]);
    const hit = this.#orders.get(key);
    if (hit) return hit;
    const tests = this.#matches(f);
    const idx: number[] = [];
    for (let i = 0; i < this.n; i++) if (tests.every((t) => t(i))) idx.push(i);
    const rank = this.#idRank();
    const col = this.#columns[sort];
    const order = Uint32Array.from(idx);
    if (col instanceof Float64Array) {
      // Keys with NULL as +Infinity (NULLS LAST in both directions) and negated for DESC, ties by the
      // id's rank: a comparator on two typed arrays, several times faster than comparing strings.
      const keys = new Float64Array(this.n);
      for (const i of order) { const v = col[i] ?? Number.NaN; keys[i] = Number.isNaN(v) ? Number.POSITIVE_INFINITY : desc ? -v : v; }
      order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || (rank[a] ?? 0) - (rank[b] ?? 0));
    } else if (col) {
      order.sort((a, b) => {
        const x = col[a] ?? null, y = col[b] ?? null;
        if (x === null || y === null) return x === y ? (rank[a] ?? 0) - (rank[b] ?? 0) : x === null ? 1 : -1;
        return x === y ? (rank[a] ?? 0) - (rank[b] ?? 0) : (x < y) !== desc ? -1 : 1;
      });
    }
    const out = col ? order : new Uint32Array(0);
    this.#orders.set(key, out);
    if (this.#orders.size > ORDER_CACHE) this.#orders.delete(this.#orders.keys().next().value ?? key);
    return out;
  }

  #rank: Uint32Array | null = null;

  /** Each row's position in customer_id order (ties of a sort are broken by it, as `ORDER BY …, customer_id`). */
  #idRank(): Uint32Array {
    if (this.#rank) return this.#rank;
    const ids = this.#columns.customer_id as (string | null)[];
    const byId = Uint32Array.from({ length: this.n }, (_, i) => i).sort((a, b) => { const x = ids[a] ?? '', y = ids[b] ?? ''; return x < y ? -1 : x > y ? 1 : 0; });
    const rank = new Uint32Array(this.n);
    byId.forEach((row, position) => { rank[row] = position; });
    this.#rank = rank;
    return rank;
  }

  #cell(name: string, i: number): Cell {
    const col = this.#columns[name];
    if (col instanceof Float64Array) {
      const v = col[i] ?? Number.NaN;
      if (Number.isNaN(v)) return null;
      return this.#boolean.has(name) ? v === 1 : v;
    }
    return col?.[i] ?? null;
  }

  row(i: number): PlainRow {
    const out: PlainRow = {};
    for (const name of this.#names) out[name] = this.#cell(name, i);
    return out;
  }
}

const snapshots = new WeakMap<AnalyticsPool, { generation: number; loading: Promise<CustomerSnapshot>; ready: CustomerSnapshot | null; previous: CustomerSnapshot | null }>();

/** The snapshot of the current data; right after a swap, the previous one while the new one loads. */
export function customerSnapshot(pool: AnalyticsPool, types: Map<string, string>): Promise<CustomerSnapshot> {
  const entry = snapshots.get(pool);
  if (entry && entry.generation === pool.generation) return entry.ready ? Promise.resolve(entry.ready) : entry.previous ? Promise.resolve(entry.previous) : entry.loading;
  const loading = CustomerSnapshot.load(pool, types);
  const next = { generation: pool.generation, loading, ready: null as CustomerSnapshot | null, previous: entry?.ready ?? entry?.previous ?? null };
  snapshots.set(pool, next);
  loading.then((s) => { next.ready = s; next.previous = null; }, () => { if (snapshots.get(pool) === next) snapshots.delete(pool); });
  return next.previous ? Promise.resolve(next.previous) : loading;
}
