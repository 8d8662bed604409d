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

export function sortableColumns(info: TableInfo): string[] {
  return [...info.columns].filter(([name, type]) => NUMERIC.test(type) || ALSO_SORTABLE.includes(name)).map(([name]) => name);
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
  if (!sortableColumns(info).includes(sort)) {
    throw new ApiError('invalid-input', `cannot sort by "${sort}"; sortable: ${sortableColumns(info).join(', ')}`);
  }
  const dir = (p.order ?? (p.sort === undefined && sort !== 'customer_id' ? 'desc' : 'asc')) === 'desc' ? 'DESC' : 'ASC';
  // customer_id breaks ties so that pages never overlap or skip rows.
  return `ORDER BY ${quoteIdent(sort)} ${dir} NULLS LAST${sort === 'customer_id' ? '' : ', customer_id'}`;
}

/**
 * One page of customers.
 * @example await customerPage(pool, { segment: 'champions' }, { page: 1, pageSize: 50, sort: 'clv_12m', order: 'desc' })
 */
export async function customerPage(pool: AnalyticsPool, f: CustomerFilters, p: PageRequest, defaultSort?: string): Promise<Page<PlainRow>> {
  if (!pool.hasData) return { items: [], total: 0, page: p.page, pageSize: p.pageSize };
  const info = await tableInfo(pool);
  if (info.columns.size === 0) return { items: [], total: 0, page: p.page, pageSize: p.pageSize };
  orderClause(info, p, defaultSort ?? info.clv); // validates the sort column
  const sort = p.sort ?? defaultSort ?? info.clv ?? 'customer_id';
  const desc = (p.order ?? (p.sort === undefined && sort !== 'customer_id' ? 'desc' : 'asc')) === 'desc';
  const snapshot = await customerSnapshot(pool, info.columns);
  const order = snapshot.order(f, sort, desc);
  const offset = (p.page - 1) * p.pageSize;
  const items = Array.from(order.subarray(offset, offset + p.pageSize), (i) => snapshot.row(i));
  return { items, total: order.length, page: p.page, pageSize: p.pageSize };
}

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
