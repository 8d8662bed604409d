import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { runCli } from '../../testing/run-cli.ts';
import { sharedData } from '../../testing/shared-data.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-analyze-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cvm analyze', () => {
  it('runs the whole pipeline on CDNOW and agrees with summary + fit run separately', async () => {
    const out = join(dir, 'cdnow');
    const r = await runCli('analyze', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--amount', 'sales', '--model', 'auto', '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.rows).toBe(6919);
    expect(j.summary.customers).toBe(2357);
    expect(j.choice.candidates.map((c: { model: string }) => c.model).sort()).toEqual(['bgnbd', 'pnbd']);
    expect(j.choice.reason).toMatch(/fits better \(BIC lower by/);

    const summary = join(dir, 'summary.csv');
    await runCli('summary', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--date', 'date', '--amount', 'sales', '--out', summary);
    const fit = JSON.parse((await runCli('fit', j.choice.chosen, summary, '--format', 'json')).out);
    for (const [k, v] of Object.entries(fit.params)) expect(j.countFit.params[k]).toBeCloseTo(v as number, 6);

    const lines = readFileSync(join(out, 'customers.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2358);
    const head = lines[0].split(',');
    for (const c of ['customer_id', 'frequency', 'recency', 'T', 'monetary_value', 'total_spend', 'orders', 'expected_purchases_52w', 'p_alive', 'clv_12m']) expect(head).toContain(c);
    // masterid 4 bought 4 times for 29.33 + 29.73 + 14.96 + 26.48 = 100.50 (cdnowElog.csv).
    const first = Object.fromEntries(lines[1].split(',').map((v, i) => [head[i], v]));
    expect(first.customer_id).toBe('4');
    expect(Number(first.orders)).toBe(4);
    expect(Number(first.total_spend)).toBeCloseTo(100.5, 2);

    const db = await DuckDbEngine.open();
    try {
      const n = await db.scalar(`SELECT count(*) FROM read_parquet(${quoteString(join(out, 'customers.parquet'))})`);
      expect(n).toBe(2357);
    } finally {
      db.close();
    }
  });

  it('detects the usual column names and explains what it picked', async () => {
    const r = await runCli('analyze', sharedData('lifetimes-misc/example_transactions.csv'), '--out', join(dir, 'lt'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/columns: customer=id, date=date, amount=\(none\) \(detected\)/);
    expect(r.out).toMatch(/customers/);
  });

  it('tells the user which column it could not find', async () => {
    const odd = join(dir, 'odd.csv');
    writeFileSync(odd, 'shopper,day,paid\nA,2024-01-01,5\n');
    const r = await runCli('analyze', odd, '--out', join(dir, 'g'));
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/could not tell which column is the customer id in .*odd.csv \(columns: shopper, day, paid\); name it with --customer COL/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
