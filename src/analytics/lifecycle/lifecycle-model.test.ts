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

  it('classifies today in SQL exactly as the tree does in JS (the rules as one CASE)', async () => {
    const js = await runLifecycle(db, { seed: 2 });
    const sql = await runLifecycle(db, { seed: 2, classifyInSql: true });
    expect(sql.tree.rules.map((r) => r.en)).toEqual(js.tree.rules.map((r) => r.en));
    expect(js.tree.rules.length).toBeGreaterThan(2); // a tree with real splits, not a stump
    expect(sql.today.ids).toEqual([]);
    // The test period classified in SQL gives the same confusion matrix; training counts cover every customer.
    expect(sql.test.confusion).toEqual(js.test.confusion);
    expect(sql.test.accuracy).toBe(js.test.accuracy);
    expect(sql.train).toEqual(js.train);
    expect(sql.today.stages).toEqual(js.today.stages);
    // The movement: counted in one pass over the kept wide table in SQL mode (movementFromWideSql),
    // from the stage tables of both dates otherwise.
    expect(sql.movement.counts.length).toBeGreaterThan(5);
    expect(sql.movement).toEqual(js.movement);
    const rows = await db.rows('SELECT customer_id, stage, rule FROM lifecycle_today_stage');
    expect(rows).toHaveLength(js.today.ids.length);
    const byId = new Map(rows.map((r) => [String(r.customer_id), r]));
    let same = 0;
    js.today.ids.forEach((id, i) => { if (byId.get(id)?.stage === js.today.predicted[i] && byId.get(id)?.rule === js.today.rule[i]) same++; });
    expect(same).toBe(js.today.ids.length);
  });

  it('in SQL mode reads only a seeded sample of the training customers, the same one each run', async () => {
    const a = await runLifecycle(db, { maxTrainRows: 500, seed: 4, classifyInSql: true });
    expect(a.train).toMatchObject({ customers: 2357, treeRows: 500, sampled: true });
    expect(Object.values(a.train.stages).reduce((x, y) => x + y, 0)).toBe(2357);
    expect(a.tree.rules.reduce((x, r) => x + r.n, 0)).toBe(500);
    expect(a.test.n).toBe(2357);
    const b = await runLifecycle(db, { maxTrainRows: 500, seed: 4, classifyInSql: true });
    expect(b.tree.rules.map((r) => r.en)).toEqual(a.tree.rules.map((r) => r.en));
  });

  it('takes the window and cut-off given and refuses a window of no days', async () => {
    const r = await runLifecycle(db, { windowDays: 60, trainCutoff: '1997-12-01' });
    expect(r.settings).toMatchObject({ trainCutoff: '1997-12-01', testCutoff: '1998-01-30' });
    await expect(runLifecycle(db, { windowDays: 0 })).rejects.toThrow(/whole number of days ≥ 1/);
  });
});
