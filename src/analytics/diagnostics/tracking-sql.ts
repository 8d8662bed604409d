// SQL for the actual side of the cumulative tracking plot: repeat purchase days of every customer,
// counted by period since the first day of the log, cumulated (BTYD's `dc.CumulativeTransactions`
// semantics: same-day purchases merge; the first purchase of each customer is not a repeat).

import type { TimeUnit } from '../models/types.ts';

/** Days per unit of the fractional summary (BTYD's: 365/12-day months, 365-day years). */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365 / 12, year: 365 };

/** Cumulative repeat purchases at the end of periods 1..n, each `unitDays` long, from `transactions(customer_id, ts)`. */
export const actualTrackingSql = (unitDays: number, periods: number): string => `
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

/** First-purchase times, in units since the first day of the log, with how many customers started then. */
export const trackingStartsSql = (unitDays: number): string => `
WITH days AS (SELECT customer_id, min(CAST(ts AS DATE)) AS first_day FROM transactions GROUP BY customer_id),
start AS (SELECT min(first_day) AS d0 FROM days)
SELECT date_diff('day', start.d0, first_day) / ${unitDays} AS time, count(*) AS customers
FROM days, start GROUP BY ALL ORDER BY time`;
