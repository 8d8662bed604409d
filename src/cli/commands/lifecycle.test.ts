import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data.ts';
import { runCli } from '../../testing/run-cli.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'cvm-lifecycle-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CDNOW = ['--customer', 'masterid', '--date', 'date', '--amount', 'sales'];

/** CDNOW's elog read directly: purchase days per customer (YYYYMMDD numbers). */
function cdnowDays(): Map<string, number[]> {
  const days = new Map<string, number[]>();
  for (const line of readFileSync(sharedData('cdnow/cdnowElog.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id, , date] = line.split(',');
    days.set(id, [...(days.get(id) ?? []), Number(date)]);
  }
  return days;
}

describe('cvm lifecycle', () => {
  it('learns stages on CDNOW: labels agree with a direct count, and every total adds up', async () => {
    const out = join(dir, 'stages.csv');
    const r = await runCli('lifecycle', sharedData('cdnow/cdnowElog.csv'), ...CDNOW, '--window-days', '90', '--out', out, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // Last purchase 1998-06-30; c₁ = end − 180 days = 1998-01-01, c₂ = 1998-04-01.
    expect(j.settings).toMatchObject({ windowDays: 90, growth: 0.2, end: '1998-06-30', trainCutoff: '1998-01-01', testCutoff: '1998-04-01', prune: 'min' });
    // Every CDNOW customer first bought in Q1 1997, so all 2,357 are known at c₁ and none is exploring;
    // churned = no purchase day in (1998-01-01, 1998-04-01], counted here from the raw file.
    const days = cdnowDays();
    const churned = [...days.values()].filter((d) => !d.some((x) => x > 19980101 && x <= 19980401)).length;
    expect(j.train.customers).toBe(2357);
    expect(j.train.stages.churned).toBe(churned);
    expect(j.train.stages.exploration).toBe(0);
    const testChurned = [...days.values()].filter((d) => !d.some((x) => x > 19980401 && x <= 19980630)).length;
    expect(j.test.stages.churned).toBe(testChurned);
    // Accuracy is the confusion matrix's diagonal; rules are the leaves; totals are all customers.
    const diag = j.test.confusion.reduce((a: number, row: number[], k: number) => a + row[k], 0);
    expect(j.test.accuracy).toBeCloseTo(diag / 2357, 14);
    expect(j.tree.rules).toHaveLength(j.tree.leaves);
    expect(j.tree.rules.reduce((a: number, x: { n: number }) => a + x.n, 0)).toBe(2357);
    expect(j.today.customers).toBe(2357);
    expect(j.movement).toMatchObject({ from: '1998-04-01', to: '1998-06-30' });
    expect(j.movement.counts.reduce((a: number, m: { customers: number }) => a + m.customers, 0)).toBe(2357);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('customer_id,stage,stage_zh,rule');
    expect(lines).toHaveLength(2358);
    const predicted = lines.slice(1).map((l) => l.split(',')[1]);
    for (const [stage, n] of Object.entries(j.today.stages)) expect(predicted.filter((p) => p === stage)).toHaveLength(n as number);
  });

  it('prints the rules in English and Chinese, the test table and the movement', async () => {
    const r = await runCli('lifecycle', sharedData('cdnow/cdnowElog.csv'), ...CDNOW, '--prune', '1se');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nrules:\n {2}1\. (if .* then|all customers:) (exploration|formation|stability|decline|churned) \(\d+ % of [\d,]+\)\n {5}(如果|全部客户)/);
    expect(r.out).toMatch(/test \(cut-off 1998-04-01\): accuracy [\d.]+ % on 2,357 customers \(always "churned": [\d.]+ %\)/);
    expect(r.out).toMatch(/movement 1998-04-01 → 1998-06-30:\n {2}churned +→ churned +[\d,]+/);
  });

  it('refuses a cut-off that leaves no full test window', async () => {
    const r = await runCli('lifecycle', sharedData('cdnow/cdnowElog.csv'), ...CDNOW, '--cutoff', '1998-03-01');
    expect(r.code).toBe(64);
    expect(r.err).toBe('cvm: training cut-off 1998-03-01 + 2 windows of 90 days ends after 1998-06-30: the test period needs a full window\n');
  });
});
