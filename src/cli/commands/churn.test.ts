import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';
import { sharedData } from '../../testing/shared-data.ts';

let dir: string;
let scored: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cvm-churn-cli-'));
  const r = await runCli('analyze', sharedData('cdnow/cdnowElog.csv'), '--customer', 'masterid', '--amount', 'sales', '--out', join(dir, 'cdnow'), '--format', 'json');
  expect(r.code).toBe(0);
  scored = join(dir, 'cdnow', 'customers.csv');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** customers.csv as rows of strings by column name (the file has no quoted fields). */
function readCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

describe('cvm churn', () => {
  it('ranks the customers of cvm analyze by value at risk and flags P(alive) < 0.5', async () => {
    const out = join(dir, 'list.csv');
    const r = await runCli('churn', scored, '--out', out, '--format', 'json');
    expect([r.code, r.err]).toEqual([0, '']);
    const j = JSON.parse(r.out);
    // Recomputed here from the file: flagged = P(alive) < 0.5; value at risk = (1 − p) × clv_12m.
    const rows = readCsv(scored);
    const risk = rows.map((c) => ({ id: c.customer_id, p: Number(c.p_alive), var: (1 - Number(c.p_alive)) * Number(c.clv_12m) }));
    const flagged = risk.filter((c) => c.p < 0.5).sort((a, b) => b.var - a.var);
    // 2,349 of CDNOW's 2,357: cvm analyze's import keeps the 8 $0 purchases out of customer analytics,
    // and those 8 customers bought nothing else.
    expect([j.customers, j.excluded, j.valueColumn, j.flagged, j.listed]).toEqual([2349, 0, 'clv_12m', flagged.length, flagged.length]);
    expect(rows).toHaveLength(2349);
    expect(j.totalValueAtRisk).toBeCloseTo(risk.reduce((s, c) => s + c.var, 0), 6);
    expect(j.list.slice(0, 5).map((c: { customer_id: string }) => c.customer_id)).toEqual(flagged.slice(0, 5).map((c) => c.id));
    const ranks = j.list.map((c: { rank: number }) => c.rank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFcustomer_id,p_alive,value,value_at_risk,rank,last_purchase,days_since_last_purchase,reason_en,reason_zh\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(flagged.length + 1);
    expect(csv).toMatch(/存活概率 0\.\d\d 低于阈值 0\.50/);
  });

  it('keeps the top N, and the value-share rule flags the smallest set holding the share', async () => {
    const top = JSON.parse((await runCli('churn', scored, '--top', '3', '--format', 'json')).out);
    expect(top.list).toHaveLength(3);
    const share = JSON.parse((await runCli('churn', scored, '--value-share', '0.5', '--format', 'json')).out);
    expect(share.flaggedValueAtRisk).toBeGreaterThanOrEqual(0.5 * share.totalValueAtRisk);
    const lastIn = share.list[share.list.length - 1].value_at_risk;
    expect(share.flaggedValueAtRisk - lastIn).toBeLessThan(0.5 * share.totalValueAtRisk); // one fewer would not do
    expect(share.list.map((c: { rank: number }) => c.rank)).toEqual(Array.from({ length: share.flagged }, (_, k) => k + 1));
  });

  it('works the hand-made example through the command, with a text summary', async () => {
    const p = join(dir, 'hand.csv');
    writeFileSync(p, 'customer_id,p_alive,clv_12m,last_purchase\na,0.9,100,2024-06-01\nb,0.2,50,2024-01-15\nc,0.4,100,2024-03-01\n');
    const r = await runCli('churn', p);
    expect(r.code).toBe(0);
    // at risk: a 10, b 40, c 60; flagged b and c (P(alive) < 0.5) holding 100 of 110.
    expect(r.out).toMatch(/^3 customers; value = clv_12m\nflagged 2 by P\(alive\) < 0\.5, holding 100 of value at risk \(90\.9% of 110\)\n/);
    expect(r.out).toMatch(/\n\s+1\s+c\s+0\.400\s+100\.00\s+60\.00\s+2024-03-01\n\s+2\s+b\s/);
  });

  it('names missing columns and bad values, exits 65; refuses conflicting options, exits 64', async () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'customer_id,palive,clv_12m\na,0.5,1\n');
    const missing = await runCli('churn', p);
    expect(missing.code).toBe(65);
    expect(missing.err).toBe(`cvm: ${p} has no column "p_alive" (columns: customer_id, palive, clv_12m); churn reads the customers file of cvm analyze; name another value column with --value COL\n`);
    const q = join(dir, 'text.csv');
    writeFileSync(q, 'customer_id,p_alive,clv_12m\na,0.5,1\nb,high,2\n');
    expect((await runCli('churn', q)).err).toMatch(/not a number: line 3 p_alive="high"/);
    const outOfRange = join(dir, 'range.csv');
    writeFileSync(outOfRange, 'customer_id,p_alive,clv_12m\na,1.5,1\n');
    expect((await runCli('churn', outOfRange)).err).toBe('cvm: customer a: P(alive) must be between 0 and 1 (got 1.5)\n');
    expect((await runCli('churn', scored, '--value', 'margin')).err).toMatch(/no column "margin"/);
    const both = await runCli('churn', scored, '--threshold', '0.4', '--value-share', '0.8');
    expect([both.code, both.err]).toEqual([64, 'cvm: give either --threshold or --value-share, not both\n']);
    expect((await runCli('churn', scored, '--threshold', '2')).code).toBe(64);
    expect((await runCli('churn', join(dir, 'nope.csv'))).code).toBe(66);
  });
});
