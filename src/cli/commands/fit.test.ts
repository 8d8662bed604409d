import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';
import { sharedData } from '../../testing/shared-data.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-fit-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cvm fit', () => {
  it('prints the documented JSON object for BG/NBD on CDNOW', async () => {
    const r = await runCli('fit', 'bgnbd', sharedData('cdnow/cdnow_customers_summary.csv'), '--map', 'customer_id=ID', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).slice(0, 7)).toEqual(['model', 'params', 'logLik', 'standardErrors', 'aic', 'bic', 'n']);
    expect(j.model).toBe('bgnbd');
    expect(Object.keys(j.params)).toEqual(['r', 'alpha', 'a', 'b']);
    // Fader, Hardie & Lee (2005) / lifetimes: r 0.2426, α 4.414, LL −9582.43 (model tests pin the digits).
    expect(j.params.r).toBeCloseTo(0.2426, 3);
    expect(j.logLik).toBeCloseTo(-9582.43, 1);
    expect(j.n).toBe(2357);
    // AIC = 2k − 2 LL with k = 4.
    expect(j.aic).toBeCloseTo(8 - 2 * j.logLik, 9);
  });

  it('fits Gamma-Gamma on the repeat customers and says how many it skipped', async () => {
    const r = await runCli('fit', 'gg', sharedData('cdnow/cdnow_customers_summary_with_transactions.csv'), '--map', 'frequency=x,monetary_value=zbar', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.params)).toEqual(['p', 'q', 'gamma']);
    // 946 repeat customers of 2,357 (lifetimes Quickstart): 1,411 skipped.
    expect([j.n, j.skipped]).toEqual([946, 1411]);
  });

  it('reads BG/BB RF matrices and sBG survival tables with the papers\' parameter names', async () => {
    const bb = JSON.parse((await runCli('fit', 'bgbb', sharedData('donations/donations.csv'), '--map', 'n_periods=periods,weight=weights', '--format', 'json')).out);
    expect(Object.keys(bb.params)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(bb.n).toBe(11104);
    const sbg = JSON.parse((await runCli('fit', 'sbg', sharedData('sbg-retention/customer_retention.csv'), '--column', 'regular', '--periods', '7', '--format', 'json')).out);
    // Fader & Hardie (2007): the regular segment (63.1 % after year 1) has α = 0.704, β = 1.182.
    expect(sbg.params.alpha).toBeCloseTo(0.704, 3);
    expect(sbg.params.beta).toBeCloseTo(1.182, 3);
    // Percentages of a cohort of 500 give the same estimates (α, β do not depend on the size).
    const half = JSON.parse((await runCli('fit', 'sbg', sharedData('sbg-retention/customer_retention.csv'), '--column', 'regular', '--periods', '7', '--cohort', '500', '--format', 'json')).out);
    expect(half.n).toBe(500);
    expect(half.params.alpha).toBeCloseTo(0.704, 2);
  });

  it('saves a model file that predict can read', async () => {
    const out = join(dir, 'pnbd.json');
    const r = await runCli('fit', 'pnbd', sharedData('cdnow/cdnow_customers_summary.csv'), '--unit', 'week', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Pareto\/NBD fitted on 2357 customers/);
    const saved = JSON.parse(readFileSync(out, 'utf8'));
    expect(saved.unit).toBe('week');
    expect(Object.keys(saved.params)).toEqual(['r', 'alpha', 's', 'beta']);
  });

  it('gives clear errors for bad input, never a stack trace', async () => {
    const missing = await runCli('fit', 'bgnbd', sharedData('cdnow/cdnow_customers_summary.csv'), '--map', 'frequency=x');
    expect(missing.code).toBe(65);
    expect(missing.err).toMatch(/column\(s\) "x" not found \(the file has ID, frequency, recency, T\)/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,frequency,recency,T\na,1,2,3\nb,2,5,4\nc,x,1,1\n');
    const nonNumber = await runCli('fit', 'bgnbd', bad);
    expect(nonNumber.err).toMatch(/line 4 frequency="x"/);
    writeFileSync(bad, 'customer_id,frequency,recency,T\na,1,2,3\nb,2,5,4\n');
    const recency = await runCli('fit', 'bgnbd', bad);
    expect(recency.code).toBe(65);
    expect(recency.err).toMatch(/customer b: recency 5 > T 4/);
    writeFileSync(bad, 'customer_id,frequency,recency,T\na,1,2,3\na,2,3,4\n');
    expect((await runCli('fit', 'bgnbd', bad)).err).toMatch(/duplicate customer id\(s\): a/);
    const unknown = await runCli('fit', 'xyz', bad);
    expect(unknown.code).toBe(64);
    for (const r of [missing, nonNumber, recency, unknown]) expect(r.err).not.toMatch(/\n\s+at /);
  });
});
