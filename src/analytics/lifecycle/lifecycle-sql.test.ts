import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { customerDaysSql, lifecycleSql, lifecycleTablesSql, movementFromWideSql, movementSql, stagesAsOfFromFeaturesSql, stagesAsOfSql } from './lifecycle-sql.ts';

// Cut-off c = 2024-04-01, w = 30 days, g = 0.2. Periods: before (02-01, 03-02], last (03-02, 04-01],
// label window (04-01, 05-01].
const HISTORIES: [string, string, number][] = [
  ['churn', '2024-01-10', 50], ['churn', '2024-03-15', 50], // nothing in the window → churned
  ['explore', '2024-03-20', 30], ['explore', '2024-04-10', 20], // first purchase in the last period, one so far, back in the window
  ['explore-churn', '2024-03-25', 30], // new and one purchase, but not back: churned comes first
  ['form', '2024-02-10', 10], ['form', '2024-03-10', 60], ['form', '2024-03-10', 40], ['form', '2024-04-15', 130], // 130 ≥ 1.2 · 100
  ['decline', '2023-11-01', 20], ['decline', '2024-03-10', 100], ['decline', '2024-04-15', 80], // 80 ≤ 0.8 · 100 (inclusive)
  ['stable', '2023-11-01', 20], ['stable', '2024-03-10', 100], ['stable', '2024-04-15', 110], // 80 < 110 < 120
  ['return-only', '2024-03-05', 100], ['return-only', '2024-04-10', -20], // a return is no purchase → churned
  ['reactivated', '2023-12-01', 40], ['reactivated', '2024-04-20', 10], // spend_last 0, so any spend is growth
  ['later', '2024-04-05', 25], // no purchase by c: not scored at c
  ['twoday-new', '2024-03-05', 30], ['twoday-new', '2024-03-20', 30], ['twoday-new', '2024-04-05', 50], // two purchases: not exploration
];

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 1 });
  await db.run('CREATE TABLE transactions (customer_id VARCHAR, ts TIMESTAMP, amount DOUBLE)');
  await db.run(`INSERT INTO transactions VALUES ${HISTORIES.map(([c, d, a]) => `('${c}', TIMESTAMP '${d} 12:00:00', ${a})`).join(', ')}`);
  await db.run(customerDaysSql());
});
afterAll(() => db.close());

describe('lifecycle labels and features', () => {
  it('labels hand-made histories by the documented rules', async () => {
    await db.run(lifecycleSql({ cutoff: '2024-04-01', windowDays: 30, growth: 0.2, labels: true, target: 'l' }));
    const rows = await db.rows('SELECT customer_id, stage FROM l ORDER BY customer_id');
    expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.stage]))).toEqual({
      churn: 'churned', decline: 'decline', explore: 'exploration', 'explore-churn': 'churned', form: 'formation',
      reactivated: 'formation', 'return-only': 'churned', stable: 'stability', 'twoday-new': 'stability',
    });
  });

  it('computes the features from the history only', async () => {
    await db.run(lifecycleSql({ cutoff: '2024-04-01', windowDays: 30, labels: true, target: 'l' }));
    const [form] = await db.rows("SELECT * EXCLUDE (stage) FROM l WHERE customer_id = 'form'");
    // Purchase days 02-10 (10) and 03-10 (60 + 40 on one day): recency 22 days, 2 purchases, spend 110,
    // tenure 51 days; last period 100, the one before 10; trend (100 − 10)/110; 55 per purchase.
    expect(form).toEqual({
      customer_id: 'form', recency_days: 22, frequency: 2, monetary: 110, tenure_days: 51, spend_last: 100, spend_prev: 10,
      purchases_last: 1, trend: 90 / 110, avg_spend: 55, window_spend: 130, window_purchases: 1,
    });
    const [ret] = await db.rows("SELECT window_spend, window_purchases FROM l WHERE customer_id = 'return-only'");
    expect(ret).toEqual({ window_spend: -20, window_purchases: 0 });
  });

  it('moves customers between the stages as of two dates', async () => {
    await db.run(stagesAsOfSql('2024-04-01', 30, 0.2, 'as_of_a'));
    await db.run(stagesAsOfSql('2024-05-01', 30, 0.2, 'as_of_b'));
    // As of 04-01 (cut-off 03-02, last period (02-01, 03-02], window (03-02, 04-01]): churn bought on
    // 01-10 only, then 03-15 → formation (from nothing in the last period); form had one purchase
    // (02-10, in the last period) and came back → exploration; decline and stable bought in November
    // only, then 100 on 03-10 → formation; reactivated did not buy → churned; whoever first bought
    // after 03-02 is new, and 'later' (04-05) is no customer yet.
    const moves = await db.rows(movementSql('as_of_a', 'as_of_b'));
    expect(moves).toEqual([
      { from: 'churned', to: 'formation', customers: 1 },
      { from: 'exploration', to: 'formation', customers: 1 },
      { from: 'formation', to: 'churned', customers: 1 },
      { from: 'formation', to: 'decline', customers: 1 },
      { from: 'formation', to: 'stability', customers: 1 },
      { from: 'new', to: 'churned', customers: 2 },
      { from: 'new', to: 'exploration', customers: 1 },
      { from: 'new', to: 'stability', customers: 1 },
      { from: 'none', to: 'new', customers: 1 },
    ]);
    // The same counts in one pass over the wide table of lifecycleTablesSql (labels at 03-02 and
    // 04-01, first purchases from the features at 05-01), as cvm analyze counts them.
    const tables = [
      { cutoff: '2024-03-02', labels: true, target: 'mv_train' }, { cutoff: '2024-04-01', labels: true, target: 'mv_test' },
      { cutoff: '2024-05-01', labels: false, target: 'mv_today' },
    ];
    await db.run(lifecycleTablesSql(tables, { windowDays: 30, growth: 0.2, temp: true, views: { perCustomer: 'mv_wide' } }));
    const o = { windowDays: 30, growth: 0.2, perCustomer: 'mv_wide' };
    const wide = movementFromWideSql(tables, o, { from: '2024-04-01', to: '2024-05-01', asOf: '2024-05-01' });
    expect(await db.rows(wide ?? '')).toEqual(moves);
    // Dates whose label tables are not among them, or after the features' day: null (the caller builds the stages instead).
    expect(movementFromWideSql(tables, o, { from: '2024-04-02', to: '2024-05-01', asOf: '2024-05-01' })).toBeNull();
    expect(movementFromWideSql(tables, o, { from: '2024-04-01', to: '2024-05-02', asOf: '2024-05-01' })).toBeNull();
  });

  it('takes the new customers from later features without grouping the customer-days again', async () => {
    // Features at 05-01; labels at 03-02 and 04-01 give the stages as of 04-01 and 05-01.
    await db.run(lifecycleSql({ cutoff: '2024-05-01', windowDays: 30, labels: false, target: 'feat' }));
    const stagesOf = async (t: string) => (await db.rows(`SELECT customer_id, stage FROM ${t} ORDER BY ALL`)).map((r) => `${r.customer_id}:${r.stage}`);
    for (const [d, cutoff] of [['2024-04-01', '2024-03-02'], ['2024-05-01', '2024-04-01']]) {
      await db.run(lifecycleSql({ cutoff, windowDays: 30, growth: 0.2, labels: true, target: 'lab' }));
      await db.run(stagesAsOfSql(d, 30, 0.2, 'by_days', 'lab'));
      await db.run(stagesAsOfFromFeaturesSql(d, 30, 'by_features', 'lab', { table: 'feat', asOf: '2024-05-01' }));
      expect(await stagesOf('by_features')).toEqual(await stagesOf('by_days'));
      // First purchase in (d − 30, d]: 03-05 to 03-25 for 04-01, 'later' (04-05) for 05-01.
      const fresh = (await stagesOf('by_features')).filter((x) => x.endsWith(':new'));
      expect(fresh).toEqual(d === '2024-04-01' ? ['explore:new', 'explore-churn:new', 'return-only:new', 'twoday-new:new'] : ['later:new']);
    }
    expect(() => stagesAsOfFromFeaturesSql('2024-05-02', 30, 'x', 'lab', { table: 'feat', asOf: '2024-05-01' })).toThrow(RangeError);
  });
});

describe('lifecycleTablesSql', () => {
  it('builds the same tables as lifecycleSql, one cut-off at a time', async () => {
    const cutoffs = [['2024-03-02', true], ['2024-04-01', true], ['2024-05-01', false]] as const;
    await db.run(lifecycleTablesSql(cutoffs.map(([cutoff, labels], k) => ({ cutoff, labels, target: `many_${k}` })), { windowDays: 30, growth: 0.25 }));
    for (const [k, [cutoff, labels]] of cutoffs.entries()) {
      await db.run(lifecycleSql({ cutoff, windowDays: 30, growth: 0.25, labels, target: 'one' }));
      const read = async (t: string) => ({ columns: await db.rows(`DESCRIBE ${t}`), rows: await db.rows(`SELECT * FROM ${t} ORDER BY customer_id`) });
      const one = await read('one');
      expect(one.rows.length).toBeGreaterThanOrEqual(5);
      expect(await read(`many_${k}`)).toEqual(one);
    }
    expect(await db.rows("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%per_customer'")).toEqual([]);
  });
});
