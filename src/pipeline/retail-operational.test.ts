// `cvm analyze --data DIR` on the bundled sample store with every kind imported into one folder:
// satisfaction (NPS, quadrants), tolerance, economics and hot products' event conditions come from
// the folder's inputs, and each is checked against numbers worked out here from the sample files
// themselves (read with DuckDB's CSV reader, not through the import).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quadrantOf } from '../analytics/loyalty/satisfaction-loyalty.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { importRecords } from '../ingest/import-records.ts';
import { isUnavailable, type ReportData } from '../report/report-data.ts';
import { operationalStoreOptions } from '../store/data-folder.ts';
import { openOperationalStore } from '../store/open-operational-store.ts';
import { analyzeFile } from './analyze-run.ts';

const SAMPLES = resolve(import.meta.dirname, '../../samples');
const sample = (f: string) => quoteString(join(SAMPLES, f));
let dir: string, data: ReportData, db: DuckDbEngine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-retail-op-'));
  const folder = join(dir, 'data');
  const store = await openOperationalStore(operationalStoreOptions(folder));
  try {
    for (const kind of ['customers', 'products', 'events', 'interactions'] as const) {
      await importRecords({ kind, path: join(SAMPLES, `${kind}.csv`), dataDir: folder, operational: store });
    }
  } finally {
    await store.close();
  }
  await analyzeFile({ file: join(SAMPLES, 'orders.csv'), outDir: join(dir, 'out'), dataDir: folder, holdout: false });
  data = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as ReportData;
  db = await DuckDbEngine.open();
  await db.run(`CREATE TABLE answers AS SELECT * FROM read_csv(${sample('interactions.csv')}, all_varchar = true)`);
}, 120_000);
afterAll(() => { db?.close(); rmSync(dir, { recursive: true, force: true }); });

describe('cvm analyze --data with the sample store\'s operational data', () => {
  it('computes NPS from every 0–10 survey score', async () => {
    const [c] = await db.rows(`SELECT count(*) AS n, count(*) FILTER (WHERE CAST(score AS INT) >= 9) AS pro, count(*) FILTER (WHERE CAST(score AS INT) <= 6) AS det
      FROM answers WHERE kind = 'survey' AND score IS NOT NULL`);
    const s = data.satisfaction;
    if (s === undefined || isUnavailable(s)) throw new Error(`satisfaction: ${JSON.stringify(s)}`);
    expect(s.responses).toBe(Number(c.n));
    expect(s.responses).toBeGreaterThan(100);
    expect(s.nps).toBeCloseTo((100 * (Number(c.pro) - Number(c.det))) / Number(c.n), 9);
  });

  it('gives each surveyed customer a satisfaction × loyalty quadrant in customers.csv', async () => {
    const rows = await db.rows(`SELECT o.customer_id, o.loyalty_quadrant AS q, o.p_alive, a.sat
      FROM read_csv(${quoteString(join(dir, 'out', 'customers.csv'))}) o
      LEFT JOIN (SELECT customer_id, avg(CAST(satisfaction AS DOUBLE)) AS sat FROM answers WHERE kind = 'survey' AND satisfaction IS NOT NULL GROUP BY 1) a USING (customer_id)`);
    const expected = rows.map((r) => (r.sat === null ? null : quadrantOf(Number(r.sat), Number(r.p_alive))));
    expect(rows.map((r) => r.q)).toEqual(expected);
    const counts = new Map<string, number>();
    for (const q of expected) if (q !== null) counts.set(q, (counts.get(q) ?? 0) + 1);
    const s = data.satisfaction;
    if (s === undefined || isUnavailable(s)) throw new Error('satisfaction unavailable');
    expect(new Map(s.quadrants.map((q) => [q.quadrant, q.customers]))).toEqual(counts);
    expect(counts.size).toBeGreaterThan(1);
  });

  it('measures tolerance: complainers with a purchase after their first complaint', async () => {
    const [c] = await db.rows(`WITH first AS (SELECT customer_id, min(CAST(occurred_at AS TIMESTAMP)) AS first_at FROM answers WHERE kind = 'complaint' AND customer_id IS NOT NULL GROUP BY 1),
        buys AS (SELECT customer_id, CAST(order_date AS TIMESTAMP) AS ts FROM read_csv(${sample('orders.csv')}, all_varchar = true)
          WHERE NOT starts_with(order_id, 'C') AND CAST(quantity AS DOUBLE) > 0 AND customer_id IS NOT NULL)
      SELECT count(*) AS n, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM buys b WHERE b.customer_id = first.customer_id AND b.ts > first.first_at)) AS stayed FROM first`);
    const loyalty = data.loyalty;
    if (loyalty === undefined || isUnavailable(loyalty) || isUnavailable(loyalty.boughtAfterComplaint)) throw new Error(`loyalty: ${JSON.stringify(loyalty)}`);
    expect(Number(c.n)).toBeGreaterThan(10);
    expect(loyalty.boughtAfterComplaint.share).toBeCloseTo(Number(c.stayed) / Number(c.n), 12);
  });

  it('computes margins from the products\' costs', async () => {
    // The export repeats some lines; each counts once (samples/README.md), hence DISTINCT. Margin =
    // quantity × (unit price − cost) − discount: a file without an amount column is imported with
    // amount = quantity × unit price − discount (the importer's amount, as RFM uses).
    const [c] = await db.rows(`SELECT count(DISTINCT o.customer_id) AS customers,
        sum(CAST(quantity AS DOUBLE) * (CAST(unit_price AS DOUBLE) - CAST(p.cost AS DOUBLE)) - CAST(discount AS DOUBLE)) AS margin
      FROM (SELECT DISTINCT * FROM read_csv(${sample('orders.csv')}, all_varchar = true)) o JOIN read_csv(${sample('products.csv')}, all_varchar = true) p USING (product_id)
      WHERE NOT starts_with(order_id, 'C') AND CAST(quantity AS DOUBLE) > 0 AND o.customer_id IS NOT NULL`);
    const e = data.economics;
    if (e === undefined || isUnavailable(e)) throw new Error(`economics: ${JSON.stringify(e)}`);
    expect(e.customers).toBe(Number(c.customers));
    expect(e.totalMargin).toBeCloseTo(Number(c.margin), 2);
    expect(e.retention).toBeGreaterThan(0);
    expect(e.retention).toBeLessThan(1);
    expect(e.meanRetentionValue).toBeGreaterThan(0);
    // Each pyramid tier's margin from customers.csv's tiers and the lines' margins, worked out here.
    const tiers = await db.rows(`SELECT t.pyramid_tier AS tier, count(*) AS customers, sum(m.margin) AS margin
      FROM (SELECT o.customer_id, sum(CAST(quantity AS DOUBLE) * (CAST(unit_price AS DOUBLE) - CAST(p.cost AS DOUBLE)) - CAST(discount AS DOUBLE)) AS margin
        FROM (SELECT DISTINCT * FROM read_csv(${sample('orders.csv')}, all_varchar = true)) o JOIN read_csv(${sample('products.csv')}, all_varchar = true) p USING (product_id)
        WHERE NOT starts_with(order_id, 'C') AND CAST(quantity AS DOUBLE) > 0 AND o.customer_id IS NOT NULL GROUP BY 1) m
      JOIN read_csv(${quoteString(join(dir, 'out', 'customers.csv'))}) t USING (customer_id) GROUP BY 1 ORDER BY 1`);
    const got = [...(e.tiers ?? [])].sort((a, b) => a.tier.localeCompare(b.tier));
    expect(got.map((t) => [t.tier, t.customers])).toEqual(tiers.map((t) => [t.tier, Number(t.customers)]));
    got.forEach((t, i) => expect(t.share).toBeCloseTo(Number(tiers[i].margin) / Number(c.margin), 9));
    expect(got.reduce((a, t) => a + t.share, 0)).toBeCloseTo(1, 9);
  });

  it('shows the quadrants and the tiers\' margin shares in report.html in both languages', () => {
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    for (const text of ['Apostle', '忠诚者（传道者）', 'Margin share: Key', '毛利占比：主顾客']) expect(html).toContain(text);
  });

  it('judges hot products on favourites and views from the product events', () => {
    const h = data.hotProducts;
    if (h === undefined || isUnavailable(h)) throw new Error(`hotProducts: ${JSON.stringify(h)}`);
    expect(h.unknown).toEqual([]);
    expect(h.top.every((p) => p.favorites !== null && p.views !== null && p.conditions.views !== 'unknown')).toBe(true);
  });
});
