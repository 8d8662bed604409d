// SQL text that turns `transactions` into `customer_summary` (frequency, recency, T, monetary value,
// and holdout columns with a calibration split), in either of the two conventions of the reference
// libraries. Pure string builders; build-summary.ts runs them.
//
// Both conventions merge purchases that fall in the same "tick" and measure times in ticks:
//  - 'whole' = lifetimes' summary_data_from_transaction_data / calibration_and_holdout_data
//    (utils.py): a tick is a pandas Period of the unit ('D' day, 'W' = W-SUN week running Monday to
//    Sunday, 'M' calendar month, 'Y' calendar year); recency and T count whole periods.
//  - 'fractional' = BTYD dc.ElogToCbsCbt / CLVTools: a tick is a day (dc.MergeTransactionsOnSameDate);
//    recency and T are day differences divided by the days per unit of BTYD's
//    dc.BuildCBSFromCBTAndDates: day 1, week 7, month 365/12, year 365.
// Then frequency = ticks with purchases − 1, recency = last tick − first tick, T = end tick − first
// tick, and monetary value = mean spend of the repeat ticks (the first excluded; 0 when there are
// none), as lifetimes does after its PR #40 and as Fader & Hardie's RFM note (brucehardie.com note 022) does.
//
// Where we knowingly differ from lifetimes (the first two matter only for timestamps or an end inside a period):
//  - End and calibration-end are whole days: a purchase at 15:00 on the calibration-end day is
//    calibration. lifetimes compares timestamps with midnight, so it would be holdout there.
//  - Purchases after --end are dropped even inside the end's period; lifetimes keeps the rest of
//    that period, against its own docstring ("Events after this date are truncated").
//  - monetary_value_holdout is the mean over holdout ticks, like monetary_value; lifetimes averages
//    raw holdout transactions (holdout_transactions.groupby(customer)[monetary].mean()).
//  - months/years in 'whole' count calendar periods (pandas Period differences, as lifetimes'
//    duration_holdout); lifetimes' recency and T divide by np.timedelta64(1, 'M'), an average-length
//    month, so they are not whole numbers there (or fail, depending on the pandas version).
import type { TimeUnit } from '../models/types.ts';

export type PeriodConvention = 'whole' | 'fractional';
export const PERIOD_CONVENTIONS: readonly PeriodConvention[] = ['whole', 'fractional'];

export interface SummarySpec {
  unit: TimeUnit;
  periods: PeriodConvention;
  /** Last day observed, 'YYYY-MM-DD', inclusive: later transactions are ignored. */
  end: string;
  /** Last day of the calibration period, 'YYYY-MM-DD', inclusive (lifetimes' `<= calibration_period_end`, BTYD's `date <= T.cal`). */
  calibrationEnd?: string;
  hasAmount: boolean;
}

/**
 * Days per unit for the fractional convention: BTYD dc.BuildCBSFromCBTAndDates
 * (`switch(per, day = 1, week = 7, month = 365/12, quarter = 365/4, year = 365)`). CLVTools agrees
 * for days and weeks (lubridate durations); it has no months, and measures years by calendar
 * anniversaries (lubridate::time_length), which differs from 365 days by at most a leap day a year.
 * Written as SQL so DuckDB does the same float64 division R does.
 */
const DAYS_PER_UNIT_SQL: Record<TimeUnit, string> = {
  day: 'CAST(1 AS DOUBLE)', week: 'CAST(7 AS DOUBLE)', month: '(CAST(365 AS DOUBLE) / 12)', year: 'CAST(365 AS DOUBLE)',
};

/** Days since 1970-01-01 of the day a timestamp (or date) falls on. */
const epochDay = (t: string): string => `date_diff('day', DATE '1970-01-01', CAST(${t} AS DATE))`;

/**
 * Integer index of the pandas Period holding `t`, so that index differences count whole periods.
 * date_trunc('week') starts weeks on Monday, i.e. pandas' default 'W' = 'W-SUN' (weeks ending Sunday);
 * 1970-01-05 is a Monday, so week starts are exact multiples of 7 days from it.
 */
function periodIndex(unit: TimeUnit, t: string): string {
  switch (unit) {
    case 'day': return epochDay(t);
    case 'week': return `(date_diff('day', DATE '1970-01-05', CAST(date_trunc('week', ${t}) AS DATE)) // 7)`;
    case 'month': return `(year(${t}) * 12 + month(${t}) - 1)`;
    case 'year': return `year(${t})`;
  }
}

/** The tick of a timestamp and the divisor turning tick differences into units. */
function ticks(spec: SummarySpec): { tick: (t: string) => string; scale: string } {
  return spec.periods === 'whole'
    ? { tick: (t) => periodIndex(spec.unit, t), scale: 'CAST(1 AS DOUBLE)' }
    : { tick: epochDay, scale: DAYS_PER_UNIT_SQL[spec.unit] };
}

const dateLit = (d: string): string => `DATE '${d}'`;
/** Transactions on day d, whatever their time of day, are ≤ d: compare with the next midnight. */
const dayAfter = (d: string): string => `(DATE '${d}' + INTERVAL 1 DAY)`;

/** Numeric customer ids sort as numbers (2 before 10), others as text after them. */
export const CUSTOMER_ORDER = 'try_cast(customer_id AS HUGEINT) NULLS LAST, customer_id';

/**
 * `CREATE TABLE customer_summary` from `transactions`.
 * @example customerSummarySql({ unit: 'week', periods: 'fractional', end: '1998-06-30', calibrationEnd: '1997-09-30', hasAmount: true })
 */
export function customerSummarySql(spec: SummarySpec, source = 'transactions', target = 'customer_summary'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(spec.end) || (spec.calibrationEnd !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(spec.calibrationEnd))) {
    throw new Error('customerSummarySql: end and calibrationEnd must be YYYY-MM-DD');
  }
  const { tick, scale } = ticks(spec);
  const calEnd = spec.calibrationEnd ?? spec.end;
  const split = spec.calibrationEnd !== undefined;
  const money = spec.hasAmount;
  const inCal = split ? `ts < ${dayAfter(calEnd)}` : 'TRUE';
  const summary = `SELECT customer_id,
    CAST(count(*) - 1 AS DOUBLE) AS frequency,
    CAST(max(k) - min(k) AS DOUBLE) / ${scale} AS recency,
    CAST(${tick(dateLit(calEnd))} - min(k) AS DOUBLE) / ${scale} AS "T"${money ? `,
    coalesce(avg(spend) FILTER (WHERE k > first_k), 0) AS monetary_value` : ''}
  FROM cal GROUP BY customer_id`;
  const holdout = split ? `,
holdout AS (SELECT customer_id, count(*) AS n, avg(spend) AS spend FROM per WHERE NOT in_cal GROUP BY customer_id)
SELECT s.*, CAST(coalesce(h.n, 0) AS DOUBLE) AS frequency_holdout,${money ? ' coalesce(h.spend, 0) AS monetary_value_holdout,' : ''}
  CAST(${tick(dateLit(spec.end))} - ${tick(dateLit(calEnd))} AS DOUBLE) / ${scale} AS duration_holdout
FROM summary s LEFT JOIN holdout h USING (customer_id)` : `
SELECT * FROM summary`;
  // Purchases in one tick merge (spend summed); with a split, a tick straddling the calibration end
  // counts on both sides, as lifetimes summarises the two halves separately.
  return `CREATE OR REPLACE TABLE ${target} AS
WITH keyed AS (
  SELECT customer_id, ${tick('ts')} AS k, amount, ${inCal} AS in_cal FROM ${source} WHERE ts < ${dayAfter(spec.end)}
),
per AS (SELECT customer_id, k, in_cal, sum(amount) AS spend FROM keyed GROUP BY customer_id, k, in_cal),
cal AS (SELECT customer_id, k, spend, min(k) OVER (PARTITION BY customer_id) AS first_k FROM per WHERE in_cal),
summary AS (
  ${summary}
)${holdout}
ORDER BY ${CUSTOMER_ORDER}`;
}

/** Distinct (x, t_x, T) patterns with their customer counts, for fitting on patterns (architecture.md §4). */
export const rfPatternsSql = (table = 'customer_summary'): string =>
  `SELECT frequency AS x, recency AS tx, "T" AS "T", count(*) AS weight FROM ${table} GROUP BY ALL ORDER BY ALL`;
