// The product and loyalty parts of analyze on hand-made sales lines, each answer worked out here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loyaltyMeasures } from '../analytics/loyalty/satisfaction-loyalty.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { SCHEMA_SQL } from '../ingest/sales-store.ts';
import { isUnavailable } from '../report/report-data.ts';
import { DEFAULT_ANALYZE_CONFIG } from './analyze-config.ts';
import { retailLoyalty } from './retail-loyalty.ts';
import { retailHotProducts, retailReplenishment, retailRules } from './retail-products.ts';

/** (order, customer, day offset from 2026-01-01, product, quantity, price[, discount]) */
type Line = [string, string | null, number, string, number, number, number?];
const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

async function store(lines: readonly Line[]): Promise<DuckDbEngine> {
  const db = await DuckDbEngine.open({ threads: 1 });
  await db.run(SCHEMA_SQL);
  const values = lines.map(([o, c, d, p, q, u, disc], i) =>
    `(1, ${i + 2}, '${o}', ${c === null ? 'NULL' : `'${c}'`}, TIMESTAMP '${day(d)} 10:00:00', '${p}', 'name of ${p}', ${q}, ${u}, ${q * u}, ${disc ?? 'NULL'}, NULL, NULL, NULL, NULL)`);
  await db.run(`INSERT INTO sales_lines VALUES ${values.join(', ')}`);
  return db;
}

describe('association rules from order baskets (the arules vignette example as eight orders)', () => {
  // T1 bread butter milk; T2 bread butter; T3 bread milk; T4 bread butter jam; T5 bread butter milk;
  // T6 butter jam; T7 bread milk cereal; T8 bread butter jam.
  const baskets = [['bread', 'butter', 'milk'], ['bread', 'butter'], ['bread', 'milk'], ['bread', 'butter', 'jam'], ['bread', 'butter', 'milk'],
    ['butter', 'jam'], ['bread', 'milk', 'cereal'], ['bread', 'butter', 'jam']];
  let db: DuckDbEngine;
  beforeAll(async () => { db = await store(baskets.flatMap((b, t) => b.map((item): Line => [`T${t + 1}`, `c${t % 3}`, t, item, 1, 1]))); });
  afterAll(() => db.close());

  it('finds the 8 rules of length 2–3 with support ≥ 0.25 and confidence ≥ 0.6, and keeps 5 after pruning', async () => {
    // Counts: bread 7, butter 6, milk 4, jam 3; bread+butter 5, bread+milk 4, butter+jam 3, bread+jam 2,
    // butter+milk 2; bread+butter+milk 2, bread+butter+jam 2. Confidence ≥ 0.6: butter→bread 5/6,
    // bread→butter 5/7, milk→bread 4/4, jam→bread 2/3, jam→butter 3/3, {butter,milk}→bread 2/2,
    // {bread,jam}→butter 2/2, {butter,jam}→bread 2/3. The three two-item-lhs rules are redundant
    // (milk→bread 1, jam→butter 1 and jam→bread 2/3 are as confident with less).
    const all = await retailRules(db, { ...DEFAULT_ANALYZE_CONFIG.rules, support: 0.25, confidence: 0.6, pruneRedundant: false });
    if (isUnavailable(all)) throw new Error('expected rules');
    expect(all).toMatchObject({ basketBy: 'order', baskets: 8, items: 5, found: 8, kept: 8 });
    const pruned = await retailRules(db, { ...DEFAULT_ANALYZE_CONFIG.rules, support: 0.25, confidence: 0.6 });
    if (isUnavailable(pruned)) throw new Error('expected rules');
    expect(pruned.kept).toBe(5);
    // By lift: jam→butter 1·8/6, milk→bread 1·8/7, then butter→bread and bread→butter (both 40/42), jam→bread (2/3)·8/7.
    const text = pruned.top.map((r) => `${r.lhs.map((i) => i.id).join('+')}→${r.rhs.id}`);
    expect(text).toEqual(['jam→butter', 'milk→bread', 'butter→bread', 'bread→butter', 'jam→bread']);
    expect(pruned.top[0]).toMatchObject({ support: 3 / 8, confidence: 1, coverage: 3 / 8, count: 3 });
    expect(pruned.top[0].lift).toBeCloseTo(8 / 6, 12);
    expect(pruned.top[0].rhs.name).toBe('name of butter');
  });
});

describe('replenishment, hot products and loyalty', () => {
  let db: DuckDbEngine;
  beforeAll(async () => {
    db = await store([
      // a buys rice every 10 days (days 0, 10, 20) and oil twice: one cycle (rice), next rice on day 30.
      ['o1', 'a', 0, 'rice', 2, 5], ['o2', 'a', 10, 'rice', 2, 5], ['o3', 'a', 20, 'rice', 2, 5, 1], ['o3', 'a', 20, 'oil', 1, 8], ['o4', 'a', 22, 'oil', 1, 8],
      // b buys tea on days 0, 30, 40, 41: gaps 30, 10, 1 → median 10, next on day 51.
      ['o5', 'b', 0, 'tea', 1, 3], ['o6', 'b', 30, 'tea', 1, 3], ['o7', 'b', 40, 'tea', 1, 3], ['o8', 'b', 41, 'tea', 1, 3],
      // c: one order in the last week, rice and tea (a first-time buyer of both); an anonymous sale of tea.
      ['o9', 'c', 24, 'rice', 100, 1], ['o9', 'c', 24, 'tea', 10, 3], ['o10', null, 25, 'tea', 90, 3],
    ]);
  });
  afterAll(() => db.close());

  it('gives each customer × product its median interval and lists who is due in the next N days', async () => {
    const r = await retailReplenishment(db, day(25), { minPurchases: 3, dueDays: 14, top: 10 });
    if (isUnavailable(r.section)) throw new Error('expected a section');
    // Cycles: a×rice (next day 30, due: 25 < 30 ≤ 39) and b×tea (next day 51, not due within 14 days).
    expect(r.section).toMatchObject({ pairs: 2, customers: 2, duePairs: 1, dueCustomers: 1, overduePairs: 0 });
    expect(r.section.interval.median).toBe(10);
    expect(r.section.due).toEqual([{ customer_id: 'a', product_id: 'rice', product_name: 'name of rice', purchases: 3, median_interval_days: 10, last_purchase: day(20), next_purchase: day(30) }]);
    const rows = await db.rows('SELECT customer_id, next_replenishment, replenishment_due_items FROM retail_replenishment ORDER BY customer_id');
    expect(rows).toEqual([
      { customer_id: 'a', next_replenishment: day(30), replenishment_due_items: 1 },
      { customer_id: 'b', next_replenishment: day(51), replenishment_due_items: 0 },
    ]);
  });

  it('judges the weekly-units and first-time-buyer conditions and leaves favourites and views unknown', async () => {
    const h = await retailHotProducts(db, day(27), { ...DEFAULT_ANALYZE_CONFIG.hotProducts, weeks: 1 });
    if (isUnavailable(h)) throw new Error('expected a section');
    // Days 20–27: rice 2 (a) + 100 (c) = 102 units; tea 10 (c) + 90 (anonymous) = 100; oil 1 + 1 = 2.
    // First-time buyers: rice — c (first order) of {a, c} = 50 %; tea — c of {c} = 100 %; oil — none of {a}.
    const byId = new Map(h.top.map((p) => [p.productId, p]));
    expect(byId.get('rice')).toMatchObject({ weeklyUnits: 102, firstTimeBuyerShare: 0.5, hot: true, conditions: { weeklyUnits: 'met', firstTimeBuyerShare: 'met', favorites: 'unknown', views: 'unknown' } });
    expect(byId.get('tea')).toMatchObject({ weeklyUnits: 100, firstTimeBuyerShare: 1, hot: true });
    expect(byId.get('oil')).toMatchObject({ weeklyUnits: 2, firstTimeBuyerShare: 0, hot: false, conditions: { weeklyUnits: 'not-met', firstTimeBuyerShare: 'not-met' } });
    expect(h).toMatchObject({ products: 3, hot: 2 });
    expect(h.unknown.map((u) => u.condition)).toEqual(['favorites', 'views']);
  });

  it('computes repeat rate, days between orders and discount share as the pure definition does', async () => {
    const l = await retailLoyalty(db);
    // Orders per customer: a 4 (days 0, 10, 20, 22), b 4 (0, 30, 40, 41), c 1. Repeat rate 2/3.
    // Gaps: a 22 days over 3 gaps, b 41 over 3 → (22 + 41) / 6 = 10.5 days.
    expect(l.customers).toBe(3);
    expect(l.repeatRate).toBeCloseTo(2 / 3, 12);
    expect(l.meanDaysBetweenOrders).toBeCloseTo(10.5, 12);
    const pure = loyaltyMeasures({ orders: [4, 4, 1], gapDaysSum: [22, 41, 0], spend: [46, 12, 130], discountedSpend: [10, 0, 0] });
    expect(l.meanDaysBetweenOrders).toBeCloseTo(pure.meanDaysBetweenOrders, 12);
    expect(l.repeatRate).toBeCloseTo(pure.repeatRate, 12);
    // Customer spend: a 10+10+10+8+8 = 46, b 12, c 130 → 188; on discount: a's rice of day 20 (10).
    if (isUnavailable(l.discountShare)) throw new Error('the data has a discount');
    expect(l.discountShare.share).toBeCloseTo(10 / 188, 12);
    expect(l.discountShare.share).toBeCloseTo(pure.discountShare, 12);
    expect(isUnavailable(l.boughtAfterComplaint)).toBe(true);
  });
});

describe('parts whose input is missing', () => {
  it('say the file has no product column, and that discounts are unknown without a discount column', async () => {
    const db = await DuckDbEngine.open({ threads: 1 });
    try {
      await db.run(SCHEMA_SQL);
      await db.run(`INSERT INTO sales_lines VALUES (1, 2, 'o1', 'a', TIMESTAMP '2026-01-01', NULL, NULL, NULL, NULL, 5, NULL, NULL, NULL, NULL, NULL)`);
      expect(await retailRules(db, DEFAULT_ANALYZE_CONFIG.rules)).toEqual({ unavailable: { en: 'the sales file has no product column', 'zh-CN': '销售文件没有商品列' } });
      expect(isUnavailable(await retailHotProducts(db, '2026-01-01', DEFAULT_ANALYZE_CONFIG.hotProducts))).toBe(true);
      expect((await retailReplenishment(db, '2026-01-01', DEFAULT_ANALYZE_CONFIG.replenishment)).table).toBeNull();
      const l = await retailLoyalty(db);
      expect(l.discountShare).toEqual({ unavailable: { en: 'unknown: the sales file has no discount column', 'zh-CN': '未知：销售文件没有折扣列' } });
    } finally {
      db.close();
    }
  });
});
