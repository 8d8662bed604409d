// customerSummarySql against a plain, independent form of the same definition, on a random log of
// 3,000 customers (several purchases a day, refunds, cents and hundredths of cents): every convention,
// unit and split must give the same table, to the bit. The reference finds each customer's first tick
// by a window and sums the repeat ticks with a FILTER, which is the definition written out (and the
// form summary-sql.ts used before it took Σ − first tick with arg_min); both sum money exactly
// (money-sql.ts), so any difference is a bug, not rounding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import type { TimeUnit } from '../models/types.ts';
import { buildSummary } from './build-summary.ts';
import { transactionDaysSql } from './transactions-sql.ts';
import type { PeriodConvention } from './summary-sql.ts';

const END = '2021-06-30';
const CAL_END = '2021-01-31';

let db: DuckDbEngine;
beforeAll(async () => {
  db = await DuckDbEngine.open({ threads: 2 });
  // Deterministic pseudo-random columns from hash(i): the same log every run, whatever the threads do.
  await db.run(`CREATE TABLE transactions AS
    SELECT 'c' || CAST(1 + hash(i, 1) % 3000 AS INTEGER) AS customer_id,
      TIMESTAMP '2020-01-01' + to_days(CAST(hash(i, 2) % 560 AS INTEGER)) + to_hours(CAST(hash(i, 3) % 24 AS INTEGER)) AS ts,
      CASE WHEN hash(i, 4) % 20 = 0 THEN -CAST(hash(i, 5) % 4000 AS DOUBLE) / 100
           WHEN hash(i, 4) % 20 = 1 THEN CAST(hash(i, 5) % 1000000 AS DOUBLE) / 10000
           ELSE CAST(hash(i, 5) % 12000 AS DOUBLE) / 100 END AS amount
    FROM range(20000) t(i)`);
});
afterAll(() => db.close());

/** DuckDB SQL of the tick (an integer) a DATE `d` falls in. */
function tickSql(unit: TimeUnit, periods: PeriodConvention, d: string): string {
  if (periods === 'fractional') return `date_diff('day', DATE '1970-01-01', ${d})`;
  switch (unit) {
    case 'day': return `date_diff('day', DATE '1970-01-01', ${d})`;
    case 'week': return `(date_diff('day', DATE '1970-01-05', CAST(date_trunc('week', ${d}) AS DATE)) // 7)`;
    case 'month': return `(year(${d}) * 12 + month(${d}) - 1)`;
    case 'year': return `year(${d})`;
  }
}

const DAYS_PER_UNIT: Record<TimeUnit, string> = { day: '1', week: '7', month: '(365.0 / 12)', year: '365' };

/** The definition written out: ticks with their exact spend, the first calibration tick by a window, repeat ticks summed with FILTER. */
function referenceSql(unit: TimeUnit, periods: PeriodConvention, split: boolean): string {
  const scale = periods === 'fractional' ? `CAST(${DAYS_PER_UNIT[unit]} AS DOUBLE)` : 'CAST(1 AS DOUBLE)';
  const cal = (a: string): string => (split ? `${a} FILTER (WHERE in_cal)` : a);
  const money = (filter: string): string => `CAST(sum(CAST(spend AS DECIMAL(38,6))) FILTER (WHERE ${filter}) AS DOUBLE)`;
  const calEnd = split ? CAL_END : END;
  return `CREATE OR REPLACE TABLE reference AS
WITH days AS (
  SELECT customer_id, CAST(ts AS DATE) AS day, CAST(sum(CAST(amount AS DECIMAL(38,6))) AS DOUBLE) AS spend, count(*) AS n_rows
  FROM transactions WHERE CAST(ts AS DATE) <= DATE '${END}' GROUP BY ALL
), ticks AS (
  SELECT customer_id, ${tickSql(unit, periods, 'day')} AS k${split ? `, day <= DATE '${CAL_END}' AS in_cal` : ''},
    CAST(sum(CAST(spend AS DECIMAL(38,6))) AS DOUBLE) AS spend, sum(n_rows) AS n_rows, min(day) AS first_day, max(day) AS last_day
  FROM days GROUP BY ALL
), firsts AS (
  SELECT *, ${cal('min(k)')} OVER (PARTITION BY customer_id) AS first_k FROM ticks
)
SELECT customer_id,
  CAST(${cal('count(*)')} - 1 AS DOUBLE) AS frequency,
  CAST(${cal('max(k)')} - ${cal('min(k)')} AS DOUBLE) / ${scale} AS recency,
  CAST(${tickSql(unit, periods, `DATE '${calEnd}'`)} - ${cal('min(k)')} AS DOUBLE) / ${scale} AS "T",
  coalesce(${money(`${split ? 'in_cal AND ' : ''}k > first_k`)} / count(*) FILTER (WHERE ${split ? 'in_cal AND ' : ''}k > first_k), 0) AS monetary_value,
  ${split ? `CAST(count(*) FILTER (WHERE NOT in_cal) AS DOUBLE) AS frequency_holdout,
  coalesce(${money('NOT in_cal')} / count(*) FILTER (WHERE NOT in_cal), 0) AS monetary_value_holdout,
  CAST(${tickSql(unit, periods, `DATE '${END}'`)} - ${tickSql(unit, periods, `DATE '${CAL_END}'`)} AS DOUBLE) / ${scale} AS duration_holdout,` : ''}
  CAST(sum(n_rows) AS BIGINT) AS orders, ${money('true')} AS total_spend, min(first_day) AS first_purchase, max(last_day) AS last_purchase
FROM firsts GROUP BY customer_id${split ? '\nHAVING count(*) FILTER (WHERE in_cal) > 0' : ''}`;
}

/** Rows of one table missing from the other, both ways. */
async function differences(): Promise<number> {
  return Number(await db.scalar(`SELECT (SELECT count(*) FROM (SELECT * FROM customer_summary EXCEPT ALL SELECT * FROM reference))
    + (SELECT count(*) FROM (SELECT * FROM reference EXCEPT ALL SELECT * FROM customer_summary))`));
}

const cases: [TimeUnit, PeriodConvention][] = [['day', 'fractional'], ['week', 'fractional'], ['month', 'fractional'], ['day', 'whole'], ['week', 'whole'], ['month', 'whole'], ['year', 'whole']];

describe('customerSummarySql equals the definition written out (window reference), to the bit', () => {
  for (const [unit, periods] of cases) {
    for (const split of [false, true]) {
      it(`${unit}, ${periods}${split ? ', with a calibration split' : ''}`, async () => {
        await buildSummary(db, { unit, periods, end: END, calibrationEnd: split ? CAL_END : undefined, history: true }, true);
        await db.run(referenceSql(unit, periods, split));
        const repeaters = Number(await db.scalar('SELECT count(*) FROM reference WHERE frequency > 0 AND monetary_value <> 0'));
        expect(repeaters).toBeGreaterThan(500); // the comparison covers many repeat means, not only zeros
        expect(await differences()).toBe(0);
      });
    }
  }

  it('from a table of customer-days (the analysis path) as from the transactions', async () => {
    await db.run(transactionDaysSql('transactions', 'days_for_test'));
    await buildSummary(db, { unit: 'week', periods: 'fractional', end: END, history: true, days: 'days_for_test' }, true);
    await db.run(referenceSql('week', 'fractional', false));
    expect(await differences()).toBe(0);
  });
});
