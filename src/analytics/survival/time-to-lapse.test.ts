// Time to lapse on a hand-made log: every duration is worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { customerGroupsSql } from './lapse-sql.ts';
import { timeToLapse } from './time-to-lapse.ts';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 1 });
  // [customer, timestamp, channel]
  const log: [string, string, string | null][] = [
    ['A', '2024-01-01 10:00', 'web'], ['A', '2024-01-05 10:00', 'store'], ['A', '2024-01-20 10:00', 'web'],
    ['B', '2024-03-25 12:00', 'store'],
    ['C', '2024-03-21 08:00', 'web'],
    ['D', '2024-01-01 09:00', 'store'], ['D', '2024-01-11 09:00', 'web'], ['D', '2024-01-21 09:00', 'web'],
    ['E', '2024-02-01 18:00', 'web'], ['E', '2024-02-01 09:00', 'store'], ['E', '2024-02-05 09:00', null], ['E', '2024-04-02 09:00', 'web'],
    ['F', '2024-03-01 00:00', null], ['F', '2024-03-08 00:00', 'web'], ['F', '2024-03-15 00:00', 'web'], ['F', '2024-03-22 00:00', 'web'], ['F', '2024-03-29 23:59', 'web'],
  ];
  const values = log.map(([c, t, g]) => `('${c}', TIMESTAMP '${t}:00', 1.0, ${g === null ? 'NULL' : `'${g}'`})`).join(', ');
  await db.run(`CREATE TABLE raw (cust VARCHAR, ts TIMESTAMP, amount DOUBLE, channel VARCHAR); INSERT INTO raw VALUES ${values};
    CREATE TABLE transactions AS SELECT cust AS customer_id, ts, amount FROM raw`);
});
afterAll(() => db.close());

describe('time to lapse (L = 10 days, end 2024-03-31)', () => {
  it('finds the first lapse, or censors at the end, per customer', async () => {
    const r = await timeToLapse(db, { lapseDays: 10, end: '2024-03-31' });
    const got = Object.fromEntries(r.columns.ids.map((id, i) => [id, [r.columns.durationDays[i], r.columns.lapsed[i]]]));
    expect(got).toEqual({
      A: [14, 1], // gap 01-05 → 01-20 is 15 > 10 days: lapsed on 01-15, 14 days after the first purchase (it came back on 01-20)
      B: [6, 0], // one purchase 6 days before the end: too early to tell, censored at 6 days
      C: [10, 1], // one purchase exactly 10 days before the end: the 10 quiet days are all observed, lapsed at 10
      D: [30, 1], // gaps of exactly 10 days are not lapses; after 01-21 nothing: lapsed on 01-31, 30 days in
      E: [14, 1], // two purchases on 02-01 are one purchase day; 02-05 + 10 = 02-15 is 14 days in; 04-02 is after the end
      F: [30, 0], // weekly buyer, last 03-29 is 2 days before the end: censored at 03-31, 30 days in
    });
    expect([r.customers, r.lapsed, r.censored, r.returnedAfterLapse]).toEqual([6, 4, 2, 1]);
    // KM by hand: 6 (censored), 10: 5 at risk, 1 lapse → 0.8; 14: 4 at risk, 2 → 0.4; 30: 2 at risk, 1 → 0.2.
    expect(Array.from(r.overall.time)).toEqual([6, 10, 14, 30]);
    expect(Array.from(r.overall.nRisk)).toEqual([6, 5, 4, 2]);
    expect(Array.from(r.overall.surv).map((v) => Number(v.toFixed(12)))).toEqual([1, 0.8, 0.4, 0.2]);
    expect(r.overall.median.median).toBe(14); // first time S ≤ 0.5
    expect(r.groups).toEqual([]);
  });

  it('defaults the end to the last purchase day and L to 90 days', async () => {
    const r = await timeToLapse(db);
    expect([r.end, r.lapseDays]).toEqual(['2024-04-02', 90]);
    // E now keeps 04-02: gap 02-05 → 04-02 is 57 days, no lapse; censored at 61 days (02-01 → 04-02).
    expect(r.columns.durationDays[r.columns.ids.indexOf('E')]).toBe(61);
    expect(r.columns.lapsed[r.columns.ids.indexOf('E')]).toBe(0);
  });

  it('groups customers by the value on their first purchase day', async () => {
    await db.run(customerGroupsSql({ reader: 'raw', customer: 'cust', group: 'channel', ts: 'ts', end: '2024-03-31' }));
    const r = await timeToLapse(db, { lapseDays: 10, end: '2024-03-31', groupTable: 'customer_group' });
    const groupOf = Object.fromEntries(r.columns.ids.map((id, i) => [id, r.columns.group?.[i]]));
    // E's first purchase is 02-01 09:00 in the store (its 18:00 web purchase came later); F's first has no channel.
    expect(groupOf).toEqual({ A: 'web', B: 'store', C: 'web', D: 'store', E: 'store', F: '(none)' });
    expect(r.groups.map((g) => [g.group, g.curve.records, g.curve.events])).toEqual([['(none)', 1, 0], ['store', 3, 2], ['web', 2, 2]]);
    // store: B censored at 6, D lapsed at 30, E at 14 → S(14) = 1/2 exactly on a plateau up to 30: median (14 + 30)/2.
    const store = r.groups.find((g) => g.group === 'store')?.curve;
    expect(store?.median.median).toBe(22);
  });

  it('refuses a lapse length or an end date that makes no sense', async () => {
    await expect(timeToLapse(db, { lapseDays: 0 })).rejects.toThrow(/whole number of days from 1/);
    await expect(timeToLapse(db, { lapseDays: 2.5 })).rejects.toThrow(/whole number of days/);
    await expect(timeToLapse(db, { end: '2024-02-30' })).rejects.toThrow(/YYYY-MM-DD \(got 2024-02-30\)/);
    await expect(timeToLapse(db, { end: '2023-01-01' })).rejects.toThrow(/no customer made a purchase on or before 2023-01-01/);
  });
});
