// The tracking SQL against the plain form it replaced (each purchase day joined to its customer's
// first day), on a random log with same-day repeats, one-day customers and a late start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { actualTrackingSql, trackingStartsSql } from './tracking-sql.ts';

const joinedForm = (unitDays: number, periods: number): string => `
WITH days AS (SELECT DISTINCT customer_id, CAST(ts AS DATE) AS day FROM transactions),
start AS (SELECT min(day) AS d0 FROM days),
firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY customer_id),
repeats AS (
  SELECT CAST(ceil((date_diff('day', start.d0, days.day) + 1) / ${unitDays}) AS INTEGER) AS period
  FROM days JOIN firsts USING (customer_id), start WHERE days.day > firsts.first_day
),
grid AS (SELECT range AS period FROM range(1, ${periods + 1}))
SELECT grid.period, sum(count(repeats.period)) OVER (ORDER BY grid.period) AS cumulative
FROM grid LEFT JOIN repeats USING (period) GROUP BY grid.period ORDER BY grid.period`;

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open();
  await db.run(`SELECT setseed(0.42);
    CREATE TABLE transactions AS
    SELECT 'c' || CAST(floor(random() * 300) AS INTEGER) AS customer_id,
      TIMESTAMP '2020-03-01 00:00:00' + to_seconds(CAST(floor(random() * 400 * 86400) AS BIGINT)) AS ts, 1.0 AS amount
    FROM range(3000);
    CREATE TABLE days AS SELECT customer_id, CAST(ts AS DATE) AS day, sum(amount) AS spend FROM transactions GROUP BY ALL`);
});
afterAll(() => db.close());

describe('tracking SQL', () => {
  for (const [unit, unitDays] of [['day', 1], ['week', 7], ['month', 365 / 12]] as const) {
    it(`cumulative repeats per ${unit} equal the joined form's, from transactions or a day table`, async () => {
      const periods = Math.ceil(401 / unitDays) + 2; // beyond the log's end too
      const expected = await db.columns(joinedForm(unitDays, periods));
      expect((expected.cumulative as Float64Array).at(-1)).toBeGreaterThan(2000);
      expect(await db.columns(actualTrackingSql(unitDays, periods))).toEqual(expected);
      expect(await db.columns(actualTrackingSql(unitDays, periods, 'days'))).toEqual(expected);
    });
  }
  it('first-purchase times are the same from transactions or a day table', async () => {
    const starts = await db.rows(trackingStartsSql(7));
    expect(starts.reduce((s, r) => s + Number(r.customers), 0)).toBe(Number(await db.scalar("SELECT count(DISTINCT customer_id) FROM transactions")));
    expect(await db.rows(trackingStartsSql(7, 'days'))).toEqual(starts);
  });
});
