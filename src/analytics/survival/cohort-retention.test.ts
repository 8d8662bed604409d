// The cohort matrix on a hand-made log; every cell is worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { assembleCohorts, cohortRetention } from './cohort-retention.ts';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 1 });
  const log = [
    ['A', '2024-01-05'], ['A', '2024-01-20'], ['A', '2024-03-02'], // cohort 2024-01, buys in months 0 and 2
    ['B', '2024-01-31'], ['B', '2024-02-01'], // cohort 2024-01, months 0 and 1 (one day apart, two calendar months)
    ['C', '2024-02-10'], ['C', '2024-04-01'], // cohort 2024-02; April is after the end
    ['D', '2024-03-01'], // cohort 2024-03
  ];
  await db.run(`CREATE TABLE transactions AS SELECT * FROM (VALUES ${log.map(([c, d]) => `('${c}', TIMESTAMP '${d} 12:00:00', 1.0)`).join(', ')}) t(customer_id, ts, amount)`);
});
afterAll(() => db.close());

describe('monthly cohort retention', () => {
  it('counts each cohort month, 0 when observed without buyers, null after the end', async () => {
    const m = await cohortRetention(db, { months: 3, end: '2024-03-15' });
    expect(m.partialLastMonth).toBe(true); // March is observed to the 15th only
    expect(m.cohorts).toEqual([
      // January: A and B; February: B; March: A; April is after the end's month.
      { cohort: '2024-01', customers: 2, active: [2, 1, 1, null], share: [1, 0.5, 0.5, null] },
      // February: C; in March (observed, partly) nobody of it bought.
      { cohort: '2024-02', customers: 1, active: [1, 0, null, null], share: [1, 0, null, null] },
      { cohort: '2024-03', customers: 1, active: [1, null, null, null], share: [1, null, null, null] },
    ]);
  });

  it('defaults the end to the last purchase and stops at the requested number of months', async () => {
    const m = await cohortRetention(db, { months: 1 });
    expect([m.end, m.months, m.partialLastMonth]).toEqual(['2024-04-01', 1, true]);
    expect(m.cohorts.map((c) => c.active)).toEqual([[2, 1], [1, 0], [1, 0]]);
    await expect(cohortRetention(db, { months: -1 })).rejects.toThrow(/from 0 to 1200/);
  });

  it('assembles cells across a year boundary', () => {
    // cohort 2023-11 with the end in 2024-01: months 0, 1, 2 observed (Nov, Dec, Jan), 3 not.
    expect(assembleCohorts([{ cohort: '2023-11', k: 0, active: 4 }, { cohort: '2023-11', k: 2, active: 1 }], '2024-01-31', 3))
      .toEqual([{ cohort: '2023-11', customers: 4, active: [4, 0, 1, null], share: [1, 0, 0.25, null] }]);
  });
});
