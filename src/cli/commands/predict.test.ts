import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';
import { sharedData } from '../../testing/shared-data.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-predict-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cdnow = () => sharedData('cdnow/cdnow_customers_summary_with_transactions.csv');
const map = 'customer_id=ID,frequency=x,recency=t_x,monetary_value=zbar';
const readCsv = (path: string) => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i], v])));
};

describe('cvm predict', () => {
  it('scores every customer from saved models, matching FHL 2005 and lifetimes', async () => {
    const bg = join(dir, 'bg.json'), gg = join(dir, 'gg.json'), out = join(dir, 'p.csv');
    expect((await runCli('fit', 'bgnbd', cdnow(), '--map', map, '--unit', 'week', '--out', bg)).code).toBe(0);
    expect((await runCli('fit', 'gg', cdnow(), '--map', map, '--out', gg)).code).toBe(0);
    const r = await runCli('predict', cdnow(), '--model', bg, '--spend-model', gg, '--map', map, '--horizon', '39', '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).customers).toBe(2357);
    const rows = readCsv(out);
    expect(rows).toHaveLength(2357);
    // Customer 1 (x=2, t_x=30.43, T=38.86): 1.226 expected purchases in 39 weeks (FHL 2005 §5);
    // expected spend 24.658619 (lifetimes Quickstart, ggf.conditional_expected_average_profit).
    expect(Number(rows[0].expected_purchases)).toBeCloseTo(1.226, 3);
    expect(Number(rows[0].expected_spend)).toBeCloseTo(24.6586, 3);
    for (const row of rows.slice(0, 50)) expect(Number(row.p_alive_horizon)).toBeLessThanOrEqual(Number(row.p_alive));
  });

  it('adds intervals that bracket the point predictions', async () => {
    const out = join(dir, 'iv.csv');
    const r = await runCli('predict', cdnow(), '--fit', 'bgnbd', '--fit-spend', '--map', map, '--interval', '0.9', '--draws', '100', '--out', out);
    expect(r.code).toBe(0);
    for (const row of readCsv(out).slice(0, 100)) {
      expect(Number(row.expected_purchases_lower)).toBeLessThanOrEqual(Number(row.expected_purchases) * 1.02);
      expect(Number(row.expected_purchases_upper)).toBeGreaterThanOrEqual(Number(row.expected_purchases) * 0.98);
      expect(Number(row.clv_lower)).toBeLessThan(Number(row.clv_upper));
    }
  });

  it('projects sBG retention (Fader & Hardie 2007, high end: r(1) = 0.851)', async () => {
    const m = join(dir, 'sbg.json');
    await runCli('fit', 'sbg', sharedData('sbg-retention/customer_retention.csv'), '--column', 'high_end', '--periods', '7', '--out', m);
    const j = JSON.parse((await runCli('predict', '--model', m, '--horizon', '12', '--format', 'json')).out);
    expect(j.rows).toHaveLength(13);
    expect(j.rows[1].retention_rate).toBeCloseTo(3.806 / (0.668 + 3.806), 3);
    // jdmaturen/shifted_beta_geometric_py README (high end): S(12) = 0.378.
    expect(j.rows[12].survival).toBeCloseTo(0.378, 3);
  });

  it('refuses a broken model file and a missing model clearly', async () => {
    const m = join(dir, 'broken.json');
    writeFileSync(m, '{"model":"bgnbd","params":{"r":1}}');
    const r = await runCli('predict', cdnow(), '--model', m, '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/not a cvm model/);
    const none = await runCli('predict', cdnow(), '--out', join(dir, 'x.csv'));
    expect(none.code).toBe(64);
    expect(none.err).toMatch(/--model FILE .* or --fit/);
  });
});
