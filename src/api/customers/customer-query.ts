// Paged, filtered, sorted reads of the `customers` table (one row per customer, written by
// `cvm analyze`). User input never becomes SQL text: sort columns are checked against the table's own
// numeric columns (read from DuckDB's catalog) and quoted, filter values are bound parameters.
// Pages come from an in-memory snapshot of the table (customer-snapshot.ts); exports stream from DuckDB
// with the same filter and order semantics.
import type { DuckDBValue } from '@duckdb/node-api';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import type { AnalyticsPool, PlainRow } from '../analytics/analytics-pool.ts';
import { ApiError } from '../api-error.ts';
import { customerSnapshot } from './customer-snapshot.ts';
import type { CustomerSnapshot, WarmOrder } from './customer-snapshot.ts';

export interface CustomerFilters {
  q?: string;
  segment?: string;
  tier?: string;
  cluster?: string;
  stage?: string;
  churnWarning?: boolean;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface TableInfo {
  columns: Map<string, string>;
  /** The CLV column (clv_12m for a 12-month horizon), when present. */
  clv: string | null;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|DOUBLE|FLOAT|REAL|DECIMAL.*|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/i;
/** Non-numeric columns that also sort meaningfully. */
const ALSO_SORTABLE = ['customer_id', 'first_purchase', 'last_purchase'];
/** Filter → the column that holds it (the first that exists: later analyze versions may name it differently). */
const FILTER_COLUMNS: Record<'segment' | 'tier' | 'cluster' | 'stage', string[]> = {
  segment: ['rfm_segment', 'segment'],
  tier: ['pyramid_tier', 'tier'],
  cluster: ['cluster', 'cluster_id'],
  stage: ['lifecycle_stage', 'stage'],
};

const infoCache = new WeakMap<AnalyticsPool, { generation: number; info: Promise<TableInfo> }>();

export function tableInfo(pool: AnalyticsPool): Promise<TableInfo> {
  const hit = infoCache.get(pool);
  if (hit && hit.generation === pool.generation) return hit.info;
  const info = pool
    .rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position")
    .then((rows) => {
      const columns = new Map(rows.map((r) => [String(r.column_name), String(r.data_type)]));
      const clv = [...columns.keys()].find((c) => /^clv_\d+m$/.test(c)) ?? (columns.has('clv') ? 'clv' : null);
      return { columns, clv };
    });
  infoCache.set(pool, { generation: pool.generation, info });
  info.catch(() => infoCache.delete(pool));
  return info;
}

/** Per table info (one per data generation): every page request checks its sort column against it. */
const sortable = new WeakMap<TableInfo, string[]>();

export function sortableColumns(info: TableInfo): string[] {
  let columns = sortable.get(info);
  if (!columns) {
    columns = [...info.columns].filter(([name, type]) => NUMERIC.test(type) || ALSO_SORTABLE.includes(name)).map(([name]) => name);
    sortable.set(info, columns);
  }
  return [...columns];
}

/** WHERE clause and its parameters for the filters; filters on columns the table lacks match nothing. */
export function whereClause(info: TableInfo, f: CustomerFilters): { sql: string; params: DuckDBValue[] } {
  const conds: string[] = [];
  const params: DuckDBValue[] = [];
  if (f.q !== undefined && f.q.trim() !== '') {
    conds.push('contains(lower(customer_id), ?)');
    params.push(f.q.trim().toLowerCase());
  }
  for (const key of ['segment', 'tier', 'cluster', 'stage'] as const) {
    const value = f[key];
    if (value === undefined) continue;
    const column = FILTER_COLUMNS[key].find((c) => info.columns.has(c));
    if (!column) { conds.push('false'); continue; }
    conds.push(`CAST(${quoteIdent(column)} AS VARCHAR) = ?`);
    params.push(value);
  }
  if (f.churnWarning !== undefined) {
    if (!info.columns.has('churn_warning')) conds.push('false');
    else { conds.push('churn_warning = ?'); params.push(f.churnWarning); }
  }
  return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

export function orderClause(info: TableInfo, p: PageRequest, fallback: string | null): string {
  const sort = p.sort ?? fallback ?? 'customer_id';
  if (!(sortable.get(info) ?? sortableColumns(info)).includes(sort)) {
    throw new ApiError('invalid-input', `cannot sort by "${sort}"; sortable: ${sortableColumns(info).join(', ')}`);
  }
  const dir = (p.order ?? (p.sort === undefined && sort !== 'customer_id' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC';
  // customer_id breaks ties so that pages never overlap or skip rows.
  return `ORDER BY ${quoteIdent(sort)} ${dir} NULLS LAST${sort === 'customer_id' ? '' : ', customer_id'}`;
}

/** The churn list's default order: largest value at risk first. */
export const CHURN_SORT = 'value_at_risk';

/** What a snapshot makes before it answers: both lists' default orders, unfiltered and per segment. */
const warmOrders = (info: TableInfo) => async (s: CustomerSnapshot): Promise<WarmOrder[]> => {
  const lists: { filters: CustomerFilters; sort: string }[] = [{ filters: {}, sort: info.clv ?? 'customer_id' }];
  if (info.columns.has(CHURN_SORT)) lists.push({ filters: { churnWarning: true }, sort: CHURN_SORT });
  const segments = await s.filterValues('segment');
  return lists.flatMap(({ filters, sort }) => [undefined, ...segments].map((segment) => ({
    filters: segment === undefined ? filters : { ...filters, segment }, sort, desc: sort !== 'customer_id',
  })));
};

/** The snapshot and the requested order of a list; null when there is no data. */
async function pageOrder(pool: AnalyticsPool, f: CustomerFilters, p: PageRequest, defaultSort?: string): Promise<{ snapshot: CustomerSnapshot; order: Uint32Array } | null> {
  if (!pool.hasData) return null;
  const info = await tableInfo(pool);
  if (info.columns.size === 0) return null;
  orderClause(info, p, defaultSort ?? info.clv); // validates the sort column
  const sort = p.sort ?? defaultSort ?? info.clv ?? 'customer_id';
  const desc = (p.order ?? (p.sort === undefined && sort !== 'customer_id' ? 'desc' : 'asc')) === 'desc';
  const snapshot = await customerSnapshot(pool, info.columns, warmOrders(info));
  return { snapshot, order: await snapshot.order(f, sort, desc) };
}

/**
 * One page of customers.
 * @example await customerPage(pool, { segment: 'champions' }, { page: 1, pageSize: 50, sort: 'clv_12m', order: 'desc' })
 */
export async function customerPage(pool: AnalyticsPool, f: CustomerFilters, p: PageRequest, defaultSort?: string): Promise<Page<PlainRow>> {
  const found = await pageOrder(pool, f, p, defaultSort);
  if (!found) return { items: [], total: 0, page: p.page, pageSize: p.pageSize };
  const offset = (p.page - 1) * p.pageSize;
  const items = Array.from(found.order.subarray(offset, offset + p.pageSize), (i) => found.snapshot.row(i));
  return { items, total: found.order.length, page: p.page, pageSize: p.pageSize };
}

/**
 * The same page as UTF-8 JSON, byte for byte JSON.stringify(await customerPage(…)), from per-row JSON
 * the snapshot keeps: turning 50 rows of ~30 doubles into objects and then text was half of a page
 * request's CPU time.
 * @example c.body(await customerPageJson(pool, {}, { page: 1, pageSize: 50 }), 200, { 'Content-Type': 'application/json' })
 */
export async function customerPageJson(pool: AnalyticsPool, f: CustomerFilters, p: PageRequest, defaultSort?: string): Promise<Buffer<ArrayBuffer>> {
  const found = await pageOrder(pool, f, p, defaultSort);
  if (!found) return Buffer.from(JSON.stringify({ items: [], total: 0, page: p.page, pageSize: p.pageSize }));
  const offset = (p.page - 1) * p.pageSize;
  const parts: Buffer[] = [Buffer.from('{"items":[')];
  for (const i of found.order.subarray(offset, offset + p.pageSize)) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(found.snapshot.rowJson(i));
  }
  parts.push(Buffer.from(`],"total":${found.order.length},"page":${p.page},"pageSize":${p.pageSize}}`));
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');

/** Throws ApiError('invalid-input') for a sort column the table lacks: call before a streamed export starts. */
export async function checkSort(pool: AnalyticsPool, p: Omit<PageRequest, 'page' | 'pageSize'>, defaultSort?: string): Promise<void> {
  if (!pool.hasData) return;
  const info = await tableInfo(pool);
  if (info.columns.size > 0) orderClause(info, { ...p, page: 1, pageSize: 1 }, defaultSort ?? info.clv);
}

/** Every row of a filtered list as one streamed query (for CSV exports of up to millions of rows). */
export async function* allCustomers(pool: AnalyticsPool, f: CustomerFilters, p: Omit<PageRequest, 'page' | 'pageSize'>, defaultSort?: string): AsyncGenerator<PlainRow[]> {
  if (!pool.hasData) return;
  const info = await tableInfo(pool);
  if (info.columns.size === 0) return;
  const where = whereClause(info, f);
  const order = orderClause(info, { ...p, page: 1, pageSize: 1 }, defaultSort ?? info.clv);
  yield* pool.stream(`SELECT * FROM customers ${where.sql} ${order}`, where.params);
}
