import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { loadOrderLines } from '../clustering/load-order-lines.ts';
import { runLifecycle } from './lifecycle-model.ts';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 1 });
  await loadOrderLines(db, sharedData('cdnow/cdnowElog.csv'), { customer: 'masterid', date: 'date', amount: 'sales' });
});
afterAll(() => db.close());

describe('runLifecycle', () => {
  it('grows the tree on a seeded sample above maxTrainRows, the same sample for the same seed', async () => {
    const a = await runLifecycle(db, { maxTrainRows: 500, seed: 4 });
    expect(a.train).toMatchObject({ customers: 2357, treeRows: 500, sampled: true });
    // Leaves hold the sample's rows; the test period and today still cover all customers.
    expect(a.tree.rules.reduce((s, r) => s + r.n, 0)).toBe(500);
    expect(a.settings.minLeaf).toBe(7); // max(7, 0.5 % of 500)
    expect(a.test.n).toBe(2357);
    expect(a.today.customers).toBe(2357);
    const b = await runLifecycle(db, { maxTrainRows: 500, seed: 4 });
    expect(b.tree.rules.map((r) => r.en)).toEqual(a.tree.rules.map((r) => r.en));
  });

  it('takes the window and cut-off given and refuses a window of no days', async () => {
    const r = await runLifecycle(db, { windowDays: 60, trainCutoff: '1997-12-01' });
    expect(r.settings).toMatchObject({ trainCutoff: '1997-12-01', testCutoff: '1998-01-30' });
    await expect(runLifecycle(db, { windowDays: 0 })).rejects.toThrow(/whole number of days ≥ 1/);
  });
});
