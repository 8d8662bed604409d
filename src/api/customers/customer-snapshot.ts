// The customers table held in memory, column by column, for paging. At 1M customers every page read
// from DuckDB is a top-N over the whole table (~0.1 s alone, seconds under 50 concurrent readers on two
// cores); here a (filter, sort) order is computed once per data generation and every page after that
// is a slice. Same semantics as the SQL in customer-query.ts: filters on CAST(col AS VARCHAR) = value,
// ORDER BY col NULLS LAST then customer_id.
//
// Nothing here may hold the event loop for long, since 50 readers wait behind it: rows are loaded in
// customer_id order (ties then need no comparison) with repeated texts shared (snapshot-columns.ts),
// orders are radix-sorted in a worker thread (order-sorter.ts), and a new snapshot counts as loaded
// only once the lists' default orders are ready. After an import's swap the old snapshot keeps
// answering until then, so readers never wait for the reload. A page's JSON is written from the
// columns directly and kept per row for the hot rows.
import type { Column, Columns } from '../../engines/duckdb/read-columns.ts';
import type { AnalyticsPool, Cell, PlainRow } from '../analytics/analytics-pool.ts';
import type { CustomerFilters } from './customer-query.ts';
import type { OrderFilter } from './order-rows.ts';
import { sortOrder } from './order-sorter.ts';
import { breathe, idKey, inIdOrder, loadColumns, shared, textKey } from './snapshot-columns.ts';
import type { TextKey } from './snapshot-columns.ts';

export type FilterName = 'segment' | 'tier' | 'cluster' | 'stage';
const FILTER_COLUMNS: Record<FilterName, string[]> = {
  segment: ['rfm_segment', 'segment'], tier: ['pyramid_tier', 'tier'], cluster: ['cluster', 'cluster_id'], stage: ['lifecycle_stage', 'stage'],
};
const ORDER_CACHE = 64;
/** Rows whose JSON is kept (two generations of this many): the first pages of the usual orders fit. */
const JSON_CACHE = 50_000;
const NONE = new Uint32Array(0);

/** An order to have ready before a snapshot answers (the lists' default views). */
export interface WarmOrder {
  filters: CustomerFilters;
  sort: string;
  desc: boolean;
}

interface Field {
  /** `"name":` as JSON.stringify writes it. */
  prefix: string;
  col: Column;
  bool: boolean;
}

export class CustomerSnapshot {
  readonly n: number;
  readonly #columns: Columns;
  readonly #names: string[];
  readonly #boolean: Set<string>;
  readonly #fields: Field[];
  /** Orders made or being made, least recently used first. */
  readonly #orders = new Map<string, Promise<Uint32Array>>();
  readonly #textKeys = new Map<string, Promise<TextKey>>();
  #idKey: Float64Array | null = null;
  #json = new Map<number, Buffer>();
  #olderJson = new Map<number, Buffer>();

  private constructor(columns: Columns, types: Map<string, string>) {
    this.#columns = columns;
    this.#names = [...types.keys()].filter((k) => k in columns);
    this.#boolean = new Set([...types].filter(([, t]) => t === 'BOOLEAN').map(([k]) => k));
    this.n = columns.customer_id?.length ?? 0;
    // The fields in the order JSON.stringify(this.row(i)) writes them: an object built like row() says.
    const probe: PlainRow = {};
    for (const name of this.#names) probe[name] = null;
    this.#fields = Object.keys(probe).map((name) => ({ prefix: `${JSON.stringify(name)}:`, col: columns[name] ?? [], bool: this.#boolean.has(name) }));
  }

  /** Loads the table and makes the `warm` orders (given the loaded snapshot) before resolving. */
  static async load(pool: AnalyticsPool, types: Map<string, string>, warm: (s: CustomerSnapshot) => Promise<WarmOrder[]>): Promise<CustomerSnapshot> {
    const columns = await inIdOrder(await loadColumns(pool, types));
    for (const [name, col] of Object.entries(columns)) {
      if (col instanceof Float64Array) { columns[name] = shared(col); await breathe(); }
    }
    const snapshot = new CustomerSnapshot(columns, types);
    for (const w of await warm(snapshot)) await snapshot.order(w.filters, w.sort, w.desc);
    return snapshot;
  }

  #textKey(name: string, col: (string | null)[]): Promise<TextKey> {
    let key = this.#textKeys.get(name);
    if (!key) { key = textKey(col); this.#textKeys.set(name, key); }
    return key;
  }

  /** The distinct values of a filter's text column (none for a number column). */
  async filterValues(filter: FilterName): Promise<string[]> {
    const name = FILTER_COLUMNS[filter].find((c) => c in this.#columns);
    const col = name ? this.#columns[name] : undefined;
    return name && col && !(col instanceof Float64Array) ? [...(await this.#textKey(name, col)).ranks.keys()] : [];
  }

  /** `CAST(col AS VARCHAR) = value` as `key = number`; undefined when no row can match. */
  async #filter(name: string, value: string): Promise<OrderFilter | undefined> {
    const col = this.#columns[name];
    if (!col) return undefined;
    if (!(col instanceof Float64Array)) {
      const { key, ranks } = await this.#textKey(name, col);
      const rank = ranks.get(value);
      return rank === undefined ? undefined : { key, value: rank };
    }
    if (this.#boolean.has(name)) return { key: col, value: value === 'true' ? 1 : 0 };
    // String(x) === value exactly when x === Number(value) and Number(value) prints back as value
    // (-0 and 0 both print "0"; NULL, NaN here, prints as nothing).
    const x = Number(value);
    return Number.isNaN(x) || String(x) !== value ? undefined : { key: col, value: x };
  }

  async #sortKey(name: string): Promise<Float64Array | undefined> {
    const col = this.#columns[name];
    if (!col || col instanceof Float64Array) return col;
    if (name === 'customer_id') return (this.#idKey ??= idKey(col));
    return (await this.#textKey(name, col)).key;
  }

  /** Rows whose id contains `q` (lower case), ascending. */
  async #search(q: string): Promise<Uint32Array> {
    const ids = this.#columns.customer_id;
    if (!ids || ids instanceof Float64Array) return NONE;
    const found: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if ((ids[i] ?? '').toLowerCase().includes(q)) found.push(i);
      if (i % 65_536 === 65_535) await breathe();
    }
    return Uint32Array.from(found);
  }

  async #make(f: CustomerFilters, sort: string, desc: boolean): Promise<Uint32Array> {
    const filters: OrderFilter[] = [];
    for (const key of ['segment', 'tier', 'cluster', 'stage'] as const) {
      const value = f[key];
      if (value === undefined) continue;
      const name = FILTER_COLUMNS[key].find((c) => c in this.#columns);
      const filter = name === undefined ? undefined : await this.#filter(name, value);
      if (!filter) return NONE;
      filters.push(filter);
    }
    if (f.churnWarning !== undefined) {
      const col = this.#columns.churn_warning;
      if (!(col instanceof Float64Array)) return NONE;
      filters.push({ key: col, value: f.churnWarning ? 1 : 0 });
    }
    const sortKey = await this.#sortKey(sort);
    if (!sortKey) return NONE;
    const q = f.q?.trim().toLowerCase() ?? '';
    const rows = q === '' ? null : await this.#search(q);
    return sortOrder({ n: this.n, rows, filters, sortKey, desc });
  }

  /** Row numbers of the filtered list in the requested order (cached per filter and order). */
  order(f: CustomerFilters, sort: string, desc: boolean): Promise<Uint32Array> {
    const key = JSON.stringify([f.q, f.segment, f.tier, f.cluster, f.stage, f.churnWarning, sort, desc]);
    const hit = this.#orders.get(key);
    this.#orders.delete(key);
    const order = hit ?? this.#make(f, sort, desc);
    this.#orders.set(key, order);
    if (!hit) {
      order.catch(() => { if (this.#orders.get(key) === order) this.#orders.delete(key); });
      if (this.#orders.size > ORDER_CACHE) this.#orders.delete(this.#orders.keys().next().value ?? key);
    }
    return order;
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

  /** JSON.stringify(this.row(i)), written straight from the columns (numbers print as JSON prints them). */
  #write(i: number): string {
    const parts: string[] = [];
    for (const { prefix, col, bool } of this.#fields) {
      let value: string;
      if (col instanceof Float64Array) {
        const v = col[i] ?? Number.NaN;
        value = Number.isNaN(v) ? 'null' : bool ? String(v === 1) : Number.isFinite(v) ? String(v) : 'null';
      } else {
        const s = col[i] ?? null;
        value = s === null ? 'null' : JSON.stringify(s);
      }
      parts.push(prefix + value);
    }
    return `{${parts.join(',')}}`;
  }

  /**
   * A row as UTF-8 JSON; the last JSON_CACHE–2·JSON_CACHE rows asked for are kept. Bytes, not text:
   * a page is then a copy of its rows' bytes, with no string to flatten, measure and encode per request.
   */
  rowJson(i: number): Buffer {
    const hit = this.#json.get(i);
    if (hit !== undefined) return hit;
    const json = this.#olderJson.get(i) ?? Buffer.from(this.#write(i));
    if (this.#json.size >= JSON_CACHE) { this.#olderJson = this.#json; this.#json = new Map(); }
    this.#json.set(i, json);
    return json;
  }
}

interface Entry { generation: number; loading: Promise<CustomerSnapshot>; ready: CustomerSnapshot | null; previous: CustomerSnapshot | null }
const snapshots = new WeakMap<AnalyticsPool, Entry>();

/**
 * The snapshot of the current data; right after a swap, the previous one while the new one loads.
 * @example const s = await customerSnapshot(pool, info.columns, async () => []);
 */
export function customerSnapshot(pool: AnalyticsPool, types: Map<string, string>, warm: (s: CustomerSnapshot) => Promise<WarmOrder[]>): Promise<CustomerSnapshot> {
  const entry = snapshots.get(pool);
  if (entry && entry.generation === pool.generation) return entry.ready ? Promise.resolve(entry.ready) : entry.previous ? Promise.resolve(entry.previous) : entry.loading;
  const loading = CustomerSnapshot.load(pool, types, warm);
  const next: Entry = { generation: pool.generation, loading, ready: null, previous: entry?.ready ?? entry?.previous ?? null };
  snapshots.set(pool, next);
  loading.then((s) => { next.ready = s; next.previous = null; }, () => { if (snapshots.get(pool) === next) snapshots.delete(pool); });
  return next.previous ? Promise.resolve(next.previous) : loading;
}
