// Pages from the in-memory snapshot against the SQL that CSV exports run (customer-query.ts's
// whereClause/orderClause), for every sort column both ways and the filters, and the pre-serialised
// page JSON against JSON.stringify of the page objects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../pipeline/analyze-run.ts';
import { analyticsStorePath } from '../../store/data-folder.ts';
import { AnalyticsPool } from '../analytics/analytics-pool.ts';
import { SAMPLE } from '../testing/api-test-folder.ts';
import { customerPage, customerPageJson, orderClause, sortableColumns, tableInfo, whereClause } from './customer-query.ts';
import type { CustomerFilters, PageRequest } from './customer-query.ts';

describe('customer pages from the snapshot', () => {
  let root: string;
  let pool: AnalyticsPool;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cvm-snapshot-test-'));
    await analyzeFile({ file: SAMPLE, dataDir: join(root, 'data'), outDir: join(root, 'out') });
    pool = await AnalyticsPool.open({ path: analyticsStorePath(join(root, 'data')) });
  });
  afterAll(async () => {
    await pool?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** Every id of the list, page by page. */
  async function pagedIds(f: CustomerFilters, p: Omit<PageRequest, 'page' | 'pageSize'>, defaultSort?: string): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const got = await customerPage(pool, f, { ...p, page, pageSize: 400 }, defaultSort);
      ids.push(...got.items.map((r) => String(r.customer_id)));
      if (got.items.length < 400) { expect(ids.length).toBe(got.total); return ids; }
    }
  }

  async function sqlIds(f: CustomerFilters, p: Omit<PageRequest, 'page' | 'pageSize'>, defaultSort?: string): Promise<string[]> {
    const info = await tableInfo(pool);
    const where = whereClause(info, f);
    const rows = await pool.rows(`SELECT customer_id FROM customers ${where.sql} ${orderClause(info, { ...p, page: 1, pageSize: 1 }, defaultSort ?? info.clv)}`, where.params);
    return rows.map((r) => String(r.customer_id));
  }

  it('orders every sortable column both ways exactly as the SQL does (NULLs last, ties by customer_id)', async () => {
    const info = await tableInfo(pool);
    const columns = sortableColumns(info);
    expect(columns).toEqual(expect.arrayContaining(['customer_id', 'last_purchase', 'clv_12m', 'orders']));
    for (const sort of columns) {
      for (const order of ['asc', 'desc'] as const) {
        expect(await pagedIds({}, { sort, order }), `${sort} ${order}`).toEqual(await sqlIds({}, { sort, order }));
      }
    }
    expect(await pagedIds({}, {})).toEqual(await sqlIds({}, {}));
  });

  it('rows hold the table\'s values, text columns included (read as codes into their distinct values)', async () => {
    const info = await tableInfo(pool);
    for (const [sort, order] of [['last_purchase', 'asc'], ['clv_12m', 'desc']] as const) {
      const page = await customerPage(pool, {}, { page: 2, pageSize: 300, sort, order });
      const sql = await pool.rows(`SELECT * FROM customers ${orderClause(info, { page: 1, pageSize: 1, sort, order }, null)} LIMIT 300 OFFSET 300`);
      expect(page.items).toEqual(sql);
      expect(Object.keys(page.items[0] ?? {})).toEqual([...info.columns.keys()]);
    }
  });

  it('filters as the SQL does, alone and together, and matches nothing for unknown values', async () => {
    const pick = async (sql: string): Promise<string> => String((await pool.rows(sql))[0]?.v);
    const segment = await pick('SELECT rfm_segment AS v FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const tier = await pick('SELECT pyramid_tier AS v FROM customers GROUP BY 1 ORDER BY 1 LIMIT 1');
    const stage = await pick('SELECT lifecycle_stage AS v FROM customers GROUP BY 1 ORDER BY 1 LIMIT 1');
    const cluster = await pick('SELECT CAST(cluster AS VARCHAR) AS v FROM customers WHERE cluster IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 1');
    const cases: [CustomerFilters, Omit<PageRequest, 'page' | 'pageSize'>, string?][] = [
      [{ segment }, {}], [{ tier }, { sort: 'total_spend', order: 'asc' }], [{ stage }, { sort: 'last_purchase' }],
      [{ cluster }, { sort: 'p_alive', order: 'desc' }], [{ cluster: `${cluster}.0` }, {}], [{ churnWarning: true }, {}, 'value_at_risk'],
      [{ churnWarning: false, segment }, { sort: 'customer_id', order: 'desc' }], [{ q: 'M0001' }, {}], [{ q: ' m00 ', segment }, { sort: 'orders' }],
      [{ segment: 'no-such-segment' }, {}], [{ q: 'no-such-id' }, {}],
    ];
    for (const [f, p, defaultSort] of cases) {
      const expected = await sqlIds(f, p, defaultSort);
      expect(await pagedIds(f, p, defaultSort), JSON.stringify(f)).toEqual(expected);
    }
    expect((await sqlIds({ segment }, {})).length).toBeGreaterThan(0);
    expect((await sqlIds({ cluster: `${cluster}.0` }, {})).length).toBe(0);
  });

  it('writes the same bytes as JSON.stringify of the page objects', async () => {
    const total = (await customerPage(pool, {}, { page: 1, pageSize: 1 })).total;
    for (const [f, p] of [[{}, { page: 1, pageSize: 500 }], [{ churnWarning: true }, { page: 2, pageSize: 37, sort: 'recency', order: 'asc' }],
      [{}, { page: Math.ceil(total / 500), pageSize: 500, sort: 'first_purchase' }], [{ segment: 'no-such-segment' }, { page: 3, pageSize: 10 }]] as const) {
      for (let rep = 0; rep < 2; rep++) { // the second time from the kept row JSON
        expect(await customerPageJson(pool, f, p)).toEqual(Buffer.from(JSON.stringify(await customerPage(pool, f, p))));
      }
    }
  });
});
