// The read routes against the analyze run's own outputs (customers.csv, report.json), which are
// written by a different code path (DuckDB COPY, the pipeline's report data) than the API's queries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../../test/support/store-engines.ts';
import { makeApiFixture } from '../testing/api-test-folder.ts';
import type { ApiFixture } from '../testing/api-test-folder.ts';

const engine = enginesUnderTest().find((e) => e.name === 'pglite' && !e.skipReason);
const run = engine ? describe : describe.skip;

interface CsvCustomer { customer_id: string; clv_12m: number; total_spend: number; rfm_segment: string; churn_warning: boolean; value_at_risk: number; orders: number }

function readCustomersCsv(path: string): CsvCustomer[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = (head ?? '').split(',');
  const at = (name: string): number => cols.indexOf(name);
  return lines.map((l) => l.split(',')).map((v) => ({
    customer_id: v[at('customer_id')] ?? '', clv_12m: Number(v[at('clv_12m')]), total_spend: Number(v[at('total_spend')]),
    rfm_segment: v[at('rfm_segment')] ?? '', churn_warning: v[at('churn_warning')] === 'true', value_at_risk: Number(v[at('value_at_risk')]), orders: Number(v[at('orders')]),
  }));
}

run('read routes on the sample data folder', () => {
  let f: ApiFixture;
  let csv: CsvCustomer[];
  const get = async <T>(path: string, role: 'staff' | 'admin' = 'admin'): Promise<T> => {
    const res = await f.app.request(path, { headers: { authorization: `Bearer ${f.tokens[role]}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  beforeAll(async () => {
    if (!engine) return;
    f = await makeApiFixture(engine);
    csv = readCustomersCsv(join(f.outDir, 'customers.csv'));
  });
  afterAll(async () => f?.dispose());

  it('pages customers by CLV, highest first, with the same total and order as customers.csv', async () => {
    const expected = [...csv].sort((a, b) => b.clv_12m - a.clv_12m || (a.customer_id < b.customer_id ? -1 : 1));
    const p1 = await get<{ items: CsvCustomer[]; total: number }>('/api/customers?pageSize=20', 'staff');
    const p3 = await get<{ items: CsvCustomer[]; total: number }>('/api/customers?pageSize=20&page=3&sort=clv_12m&order=desc');
    expect(p1.total).toBe(csv.length);
    expect(p1.items.map((c) => c.customer_id)).toEqual(expected.slice(0, 20).map((c) => c.customer_id));
    expect(p3.items.map((c) => c.customer_id)).toEqual(expected.slice(40, 60).map((c) => c.customer_id));
  });

  it('filters by segment and churn warning, and searches ids', async () => {
    const champions = csv.filter((c) => c.rfm_segment === 'champions');
    const page = await get<{ items: CsvCustomer[]; total: number }>('/api/customers?segment=champions&pageSize=500');
    expect(page.total).toBe(champions.length);
    expect(page.items.every((c) => c.rfm_segment === 'champions')).toBe(true);
    const found = await get<{ items: CsvCustomer[]; total: number }>('/api/customers?q=m00000');
    expect(found.total).toBe(csv.filter((c) => c.customer_id.toLowerCase().includes('m00000')).length);
    expect((await get<{ total: number }>('/api/customers?segment=no-such-segment')).total).toBe(0);
  });

  it('the churn list holds the warned customers, largest value at risk first; the CSV export has them all', async () => {
    const warned = csv.filter((c) => c.churn_warning).sort((a, b) => b.value_at_risk - a.value_at_risk || (a.customer_id < b.customer_id ? -1 : 1));
    const page = await get<{ items: CsvCustomer[]; total: number }>('/api/churn?pageSize=10', 'staff');
    expect(page.total).toBe(warned.length);
    expect(page.items.map((c) => c.customer_id)).toEqual(warned.slice(0, 10).map((c) => c.customer_id));
    const res = await f.app.request('/api/churn.csv', { headers: { authorization: `Bearer ${f.tokens.staff}` } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const text = new TextDecoder().decode(bytes); // (drops the BOM)
    expect(text.startsWith('customer_id,')).toBe(true);
    const rows = text.trim().split('\r\n');
    expect(rows.length).toBe(warned.length + 1);
    expect(rows[1]?.split(',')[0]).toBe(warned[0]?.customer_id);
    const viaFormat = await f.app.request('/api/customers?format=csv&segment=champions', { headers: { authorization: `Bearer ${f.tokens.staff}` } });
    expect((await viaFormat.text()).trim().split('\r\n').length).toBe(csv.filter((c) => c.rfm_segment === 'champions').length + 1);
  });

  it('customer 360: scores, every order in the timeline, P(alive) path ending at the table\'s P(alive)', async () => {
    const c = await get<{ scores: Record<string, number>; timeline: { kind: string; date: string }[]; pAlivePath: { date: string; pAlive: number }[]; profile: unknown }>('/api/customers/M000007', 'staff');
    expect(c.scores.customer_id).toBe('M000007');
    expect(c.timeline.filter((t) => t.kind === 'order').length).toBe(c.scores.orders);
    const dates = c.timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const last = c.pAlivePath[c.pAlivePath.length - 1];
    expect(last?.pAlive).toBeCloseTo(c.scores.p_alive ?? NaN, 5);
    expect(c.pAlivePath.every((p) => p.pAlive >= 0 && p.pAlive <= 1)).toBe(true);
    const more = c as unknown as { intervals: { clv: [number, number] | null } | null; history: { rfmSegment: string | null; clv: number | null }[] };
    // The interval brackets the table's own CLV (the estimate at the fitted parameters), and the history's
    // last point is this run's segment.
    const clv = Number(c.scores.clv_12m);
    expect(more.intervals?.clv?.[0]).toBeLessThanOrEqual(clv * 1.02);
    expect(more.intervals?.clv?.[1]).toBeGreaterThanOrEqual(clv * 0.98);
    expect(more.history.at(-1)?.rfmSegment).toBe(c.scores.rfm_segment as unknown as string);
    const missing = await f.app.request('/api/customers/NOPE', { headers: { authorization: `Bearer ${f.tokens.staff}` } });
    expect(missing.status).toBe(404);
  });

  it('overview, segments, grid and pyramid add up to the customers file', async () => {
    const o = await get<Record<string, { value: number; previous: number | null }>>('/api/overview', 'staff');
    expect(o.customers?.value).toBe(csv.length);
    expect(o.revenue?.value).toBeCloseTo(csv.reduce((s, c) => s + c.total_spend, 0), 4);
    expect(o.atRiskCustomers?.value).toBe(csv.filter((c) => c.churn_warning).length);
    expect(o.repeatRate?.value).toBeCloseTo(csv.filter((c) => c.orders >= 2).length / csv.length, 10);
    expect(o.customers?.previous).toBeNull(); // one run so far
    for (const path of ['/api/segments', '/api/pyramid']) {
      const s = await get<{ items: { customers: number; revenueShare: number }[] }>(path);
      expect(s.items.reduce((t, i) => t + i.customers, 0), path).toBe(csv.length);
      expect(s.items.reduce((t, i) => t + i.revenueShare, 0), path).toBeCloseTo(1, 10);
    }
    const grid = await get<{ items: { recency: number; frequency: number; customers: number }[] }>('/api/rfm-grid');
    expect(grid.items.reduce((t, i) => t + i.customers, 0)).toBe(csv.length);
    expect(grid.items.every((i) => i.recency >= 1 && i.recency <= 5 && i.frequency >= 1 && i.frequency <= 5)).toBe(true);
  });

  it('models and diagnostics are report.json\'s; sections a run lacks say so', async () => {
    const report = JSON.parse(readFileSync(join(f.outDir, 'report.json'), 'utf8')) as { model: { params: unknown; chosen: string; holdout: unknown } };
    const models = await get<{ params: unknown; chosen: string; holdout?: unknown }>('/api/models');
    expect(models.params).toEqual(report.model.params);
    expect(models.chosen).toBe(report.model.chosen);
    expect(models.holdout).toBeUndefined();
    expect((await get<{ holdout: unknown }>('/api/diagnostics')).holdout).toEqual(report.model.holdout);
    for (const path of ['/api/clusters', '/api/lifecycle', '/api/survival', '/api/cohorts', '/api/products/hot', '/api/rules', '/api/loyalty', '/api/quality']) {
      const s = await get<Record<string, unknown>>(path);
      expect(Object.keys(s).length, path).toBeGreaterThan(0);
      if ('unavailable' in s) expect(JSON.stringify(s.unavailable).length, path).toBeGreaterThan(10);
    }
  });

  it('the reference page and the OpenAPI document are served', async () => {
    const page = await f.app.request('/api/docs', { headers: { authorization: `Bearer ${f.tokens.staff}` } });
    const html = await page.text();
    expect(html).toContain('/api/customers/{id}');
    expect(html).not.toMatch(/<script/);
    const doc = await get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json', 'staff');
    expect(doc.openapi).toBe('3.1.0');
  });
});
