// Time to lapse on CDNOW against fixtures/lapse-cdnow.json, where R computed the durations in base R
// from the same definition (independently of our SQL) and fitted them with survival::survfit.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteString } from '../../engines/duckdb/sql-literal.ts';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { loadTransactions } from '../summary/load-transactions.ts';
import { sharedData } from '../../testing/shared-data.ts';
import { survivalAt, type KaplanMeierCurve } from './kaplan-meier.ts';
import { customerGroupsSql } from './lapse-sql.ts';
import { timeToLapse } from './time-to-lapse.ts';

interface FixCurve {
  records: number; events: number; median: number; medianLower: number; medianUpper: number;
  time: number[]; nRisk: number[]; surv: number[]; stdErrSurv: number[]; lower: number[]; upper: number[];
}
interface Fix { end: string; lapseDays: number; customers: number; lapsed: number; returnedAfterLapse: number; overall: FixCurve; groups: Record<string, FixCurve> }
const fx = JSON.parse(readFileSync(new URL('./fixtures/lapse-cdnow.json', import.meta.url), 'utf8')) as Fix;

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 1 });
  await loadTransactions(db, { path: sharedData('cdnow/cdnowElog.csv'), customer: 'masterid', date: 'date', amount: 'sales' });
});
afterAll(() => db.close());

/** Same tolerance and reasoning as kaplan-meier.test.ts: same closed forms, 15 printed digits. */
function expectCurve(got: KaplanMeierCurve, want: FixCurve): void {
  expect([got.records, got.events, got.median.median, got.median.lower, got.median.upper])
    .toEqual([want.records, want.events, want.median, want.medianLower, want.medianUpper]);
  const at = survivalAt(got, want.time);
  expect(at.map((r) => r.nRisk)).toEqual(want.nRisk);
  for (const key of ['surv', 'stdErrSurv', 'lower', 'upper'] as const) {
    at.forEach((r, i) => expect(Math.abs(r[key] - want[key][i]), `${key} at ${want.time[i]}`).toBeLessThan(1e-10));
  }
}

describe('time to lapse on CDNOW (L = 90 days) against R', () => {
  it('gives R\'s counts and survfit curve', async () => {
    const r = await timeToLapse(db, { lapseDays: fx.lapseDays });
    expect([r.end, r.customers, r.lapsed, r.returnedAfterLapse]).toEqual([fx.end, fx.customers, fx.lapsed, fx.returnedAfterLapse]);
    expectCurve(r.overall, fx.overall);
  });

  it('by acquisition month, read from the file as a grouping column', async () => {
    const reader = `read_csv(${quoteString(sharedData('cdnow/cdnowElog.csv'))}, all_varchar = true)`;
    await db.run(customerGroupsSql({ reader, customer: 'masterid', group: 'substr(date, 1, 6)', ts: "strptime(date, '%Y%m%d')" }));
    const r = await timeToLapse(db, { lapseDays: fx.lapseDays, groupTable: 'customer_group' });
    expect(r.groups.map((g) => g.group)).toEqual(Object.keys(fx.groups));
    for (const g of r.groups) expectCurve(g.curve, fx.groups[g.group]);
  });

  it('backs the documented 90-day default: 3,254 of 4,339 gaps between purchase days are ≤ 90 days', async () => {
    const [row] = await db.rows(`WITH d AS (SELECT DISTINCT customer_id, CAST(ts AS DATE) AS day FROM transactions),
      g AS (SELECT date_diff('day', day, lead(day) OVER (PARTITION BY customer_id ORDER BY day)) AS gap FROM d)
      SELECT count(gap) AS gaps, count(*) FILTER (WHERE gap <= 90) AS within FROM g`);
    expect(row).toEqual({ gaps: 4339, within: 3254 });
  });
});
