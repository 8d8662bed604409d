// cvm rfm, pyramid, hot-products, replenishment and loyalty on a hand-made sales file whose answers
// are worked out here, read from the file and from a data folder.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cvm-retail-cli-'));
const file = join(dir, 'sales.csv');
const data = join(dir, 'data');

// Ten customers c0..c9: customer k buys rice on k + 1 days, 10 days apart (day 0, 10, …), 1 unit at
// 10 each, with a 1.00 discount on the first line (line amount 9); c9 also buys 100 units of tea on the last day.
// The last day is 2026-04-01 (day 90, c9's tenth rice purchase).
beforeAll(async () => {
  const lines = ['order_id,customer_id,date,product_id,product_name,quantity,unit_price,discount'];
  let o = 0;
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  for (let k = 0; k < 10; k++) {
    for (let j = 0; j <= k; j++) lines.push(`o${++o},c${k},${day(10 * j)},rice,Rice 5 kg,1,10,${j === 0 ? 1 : 0}`);
  }
  lines.push(`o${o + 1},c9,${day(90)},tea,Green tea,100,2,0`);
  writeFileSync(file, lines.join('\n') + '\n');
  expect((await runCli('import', file, '--data', data, '--format', 'json')).code).toBe(0);
});

describe('retail commands', () => {
  it('cvm rfm: frequency scores by fifths, the segment table and the per-customer file', async () => {
    const out = join(dir, 'rfm.csv');
    const r = await runCli('rfm', file, '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ customers: 10, end: '2026-04-01' });
    // Revenue (amount = quantity × unit price − discount): c9 = 10 × 10 − 1 + 200 = 299; all = 10·(1 + … + 10) − 10 + 200 = 740.
    expect(j.revenue).toBe(740);
    expect(j.segments.reduce((a: number, s: { customers: number }) => a + s.customers, 0)).toBe(10);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('customer_id,recency_days,frequency,monetary,rfm_r,rfm_f,rfm_m,rfm_score,rfm_segment');
    // c0 has 1 order (the fewest: F = 1); c8, c9 the most (F = 5); two customers per fifth.
    const f = Object.fromEntries(rows.slice(1).map((l) => l.split(',')).map((c) => [c[0], Number(c[5])]));
    expect([f.c0, f.c1, f.c2, f.c3, f.c8, f.c9]).toEqual([1, 1, 2, 2, 5, 5]);
  });

  it('cvm pyramid: with ten customers the 1 % and 5 % tiers are empty and medium holds the top two by spend', async () => {
    const r = await runCli('pyramid', '--data', data, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // Positions 1/10 … 10/10: key ≤ 0.01 none, large ≤ 0.05 none, medium ≤ 0.2: c9 and c8, small the other 8.
    expect(j.tiers.map((t: { tier: string; customers: number }) => [t.tier, t.customers])).toEqual([['key', 0], ['large', 0], ['medium', 2], ['small', 8]]);
    expect(j.tiers[2].revenueShare).toBeCloseTo((299 + 89) / 740, 12);
  });

  it('cvm hot-products: units per week and first-time buyers, favourites and views unknown', async () => {
    const r = await runCli('hot-products', '--data', data, '--weeks', '1', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // The week to day 90: tea 100 units (c9 — not a first-time buyer), rice 1 unit (c9).
    expect(j.top.map((p: { productId: string; weeklyUnits: number; firstTimeBuyerShare: number; hot: boolean }) => [p.productId, p.weeklyUnits, p.firstTimeBuyerShare, p.hot]))
      .toEqual([['tea', 100, 0, false], ['rice', 1, 0, false]]);
    expect(j.unknown.map((u: { condition: string }) => u.condition)).toEqual(['favorites', 'views']);
    const lower = JSON.parse((await runCli('hot-products', '--data', data, '--weeks', '1', '--first-time-share', '0', '--format', 'json')).out);
    expect(lower.top[0]).toMatchObject({ productId: 'tea', hot: true });
  });

  it('cvm replenishment: every 10 days, so who bought on day 80 or 90 is due within 14 days', async () => {
    const out = join(dir, 'due.csv');
    const r = await runCli('replenishment', '--data', data, '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // Cycles need 3 purchase days: c2..c9 (8 pairs). Next purchase = last + 10: c2 day 30 … c9 day 100.
    // After day 90 and by day 104: c9 (day 100) only; c8's is day 90 — not after the end: past its date, with c2..c7.
    expect(j).toMatchObject({ pairs: 8, customers: 8, duePairs: 1, dueCustomers: 1, overduePairs: 7, interval: { median: 10 } });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual(['customer_id,product_id,purchases,median_interval_days,last_purchase,next_purchase', 'c9,rice,10,10.0,2026-04-01,2026-04-11']);
  });

  it('cvm loyalty: repeat rate, days between orders and the discount share', async () => {
    const r = await runCli('loyalty', file, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // 9 of 10 customers have 2+ orders (c0 has one).
    expect(j.repeatRate).toBeCloseTo(0.9, 12);
    // Gaps: c1..c9's rice orders 10 days apart, (1 + … + 9) = 45 gaps, 450 days; c9's tea order (its own
    // order id, on the day of its last rice order) adds a gap of 0 days: 450 / 46.
    expect(j.meanDaysBetweenOrders).toBeCloseTo(450 / 46, 12);
    // Discounted lines: each customer's first rice line (10 − 1 = 9 each) = 90 of 740.
    expect(j.discountShare.share).toBeCloseTo(90 / 740, 12);
    expect(j.satisfaction.unavailable.en).toMatch(/survey answers/);
  });

  it('have --help with an example and refuse bad input with a clear message', async () => {
    for (const c of ['rfm', 'pyramid', 'hot-products', 'replenishment', 'loyalty']) {
      const h = await runCli(c, '--help');
      expect(h.out, c).toMatch(/Examples:\n {2}cvm /);
      expect(h.out, c).toContain('--format');
    }
    const none = await runCli('rfm');
    expect(none.code).toBe(64);
    expect(none.err).toMatch(/give a sales file, or --data DIR/);
    const empty = await runCli('loyalty', '--data', join(dir, 'nothing-here'));
    expect(empty.code).toBe(65);
    expect(empty.err).toMatch(/holds no imported sales/);
    const bad = await runCli('replenishment', file, '--days', '0');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/--days must be a whole number from 1 to 3650/);
  });
});
