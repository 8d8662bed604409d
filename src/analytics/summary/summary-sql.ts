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
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import type { TimeUnit } from '../models/types.ts';
import { exactMean, exactSum, toMicros } from './money-sql.ts';

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
  /**
   * Add each customer's history over the observed period (to `end`): orders (transaction rows),
   * total_spend, first_purchase and last_purchase (dates). For the value pipeline's result file;
   * the summary file of `cvm summary` does not have them.
   */
  history?: boolean;
  /**
   * A table of day totals made by transactionDaysSql (transactions-sql.ts), read instead of grouping
   * the source's rows per customer and day: the same first step, done while the file was checked.
   */
  daysTable?: string;
  /**
   * Rows after `end` are kept under a NULL customer_id instead of being dropped: the table then has one
   * more row (customer_id NULL) whose `orders` counts them (blank ids, '', and ids with edge spaces stay
   * in their own groups, late or not, so that they are noticed), for a caller that checks and summarises a
   * file in one reading (load-transactions.ts), then deletes that row. Needs `history`, and no split
   * (HAVING would drop the row) and no `daysTable`.
   */
  keepLate?: boolean;
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
 * `CREATE TABLE customer_summary` from `transactions`: purchases merged per day and per tick (GROUP
 * BY), then one row per customer with calibration and holdout columns side by side (FILTER). The
 * table has no particular row order; files written from it are sorted (CUSTOMER_ORDER).
 *
 * Monetary value is the mean spend of the repeat ticks: (Σ spend − spend of the first tick) /
 * (ticks − 1), with arg_min for the first tick's spend (a customer's ticks are distinct, so it is
 * well defined). A tick's spend is an exact sum of millionths (money-sql.ts) kept as the nearest
 * DOUBLE, which turns back into the same millionths (for a day's spend under ~2·10⁹), so the difference
 * is exact and the double the same as summing the repeat ticks alone; in plain doubles it was not (22.345 came
 * out 22.345000000000002), which is why this used to find each customer's first tick by a window over
 * the tick rows first. Without the window the 1M-customer benchmark log's summary from its CSV takes
 * 1.12 s against 1.40 s (2.08 against 2.58 s of CPU; medians of 7 alternating runs in one process, in
 * the pipeline's 1 GB memory limit), and at 5M 7.0 s against 7.4 s (4 runs); the same table to the bit
 * (EXCEPT of the two forms empty at 1M and 5M).
 * @example customerSummarySql({ unit: 'week', periods: 'fractional', end: '1998-06-30', calibrationEnd: '1997-09-30', hasAmount: true })
 */
export function customerSummarySql(spec: SummarySpec, source = 'transactions', target = 'customer_summary'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(spec.end) || (spec.calibrationEnd !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(spec.calibrationEnd))) {
    throw new Error('customerSummarySql: end and calibrationEnd must be YYYY-MM-DD');
  }
  if (spec.keepLate && (!spec.history || spec.calibrationEnd !== undefined || spec.daysTable !== undefined)) {
    throw new Error('customerSummarySql: keepLate needs history, and no calibrationEnd or daysTable');
  }
  const { tick, scale } = ticks(spec);
  const calEnd = spec.calibrationEnd ?? spec.end;
  const split = spec.calibrationEnd !== undefined;
  // With a split every calibration aggregate is restricted to the calibration ticks.
  const cal = (aggregate: string): string => (split ? `${aggregate} FILTER (WHERE in_cal)` : aggregate);
  const n = cal('count(*)');
  // With days as ticks ('fractional') the tick is the day itself and spans are date_diffs: no tick
  // number is carried, so the per-customer aggregate keeps 4-byte dates only (its states' size counts
  // when 5M customers meet DuckDB's memory limit: BIGINT tick numbers beside the dates and DECIMAL day
  // spends made that query ~25 % slower there).
  const fractional = spec.periods === 'fractional';
  const k = fractional ? 'day' : 'k';
  const span = (from: string, to: string): string => (fractional ? `date_diff('day', ${from}, ${to})` : `${to} - ${from}`);
  const columns = [
    `CAST(${n} - 1 AS DOUBLE) AS frequency`,
    `CAST(${span(cal(`min(${k})`), cal(`max(${k})`))} AS DOUBLE) / ${scale} AS recency`,
    `CAST(${span(cal(`min(${k})`), fractional ? dateLit(calEnd) : tick(dateLit(calEnd)))} AS DOUBLE) / ${scale} AS "T"`,
  ];
  if (spec.hasAmount) {
    // Σ spend − the first tick's spend, in exact millionths (money-sql.ts); NULL (no repeat tick) → 0, as
    // the reference libraries.
    const repeats = `${cal(`sum(${toMicros('spend')})`)} - ${toMicros(cal(`arg_min(spend, ${k})`))}`;
    columns.push(`coalesce((${repeats}) / 1000000 / nullif(${cal('count(spend)')} - 1, 0), 0) AS monetary_value`);
  }
  if (split) {
    columns.push('CAST(count(*) FILTER (WHERE NOT in_cal) AS DOUBLE) AS frequency_holdout');
    if (spec.hasAmount) columns.push(`coalesce(${exactMean('spend', 'FILTER (WHERE NOT in_cal)')}, 0) AS monetary_value_holdout`);
    columns.push(`CAST(${tick(dateLit(spec.end))} - ${tick(dateLit(calEnd))} AS DOUBLE) / ${scale} AS duration_holdout`);
  }
  if (spec.history) {
    const [first, last] = fractional ? ['day', 'day'] : ['first_day', 'last_day'];
    columns.push('CAST(sum(n_rows) AS BIGINT) AS orders', `${exactSum('spend')} AS total_spend`, `min(${first}) AS first_purchase`, `max(${last}) AS last_purchase`);
  }
  // Purchases merge per day first (every convention's tick is a day or a union of days), then per
  // tick: the day level keeps the first hash table small (a 4-byte date, no timestamps carried), and
  // with days as ticks ('fractional') the second level is a mere projection. With a split, a tick
  // straddling the calibration end counts on both sides (in_cal is part of its key), as lifetimes
  // summarises the two halves separately. Row counts are INTEGERs (smaller aggregate states).
  const inCal = split ? `, day <= ${dateLit(calEnd)} AS in_cal` : '';
  const dayHistory = spec.history ? ', CAST(count(*) AS INTEGER) AS n_rows' : '';
  const per = fractional
    ? `SELECT *${inCal} FROM days`
    : `SELECT customer_id, CAST(${tick('day')} AS INTEGER) AS k${inCal}, ${exactSum('spend')} AS spend${spec.history ? ', CAST(sum(n_rows) AS INTEGER) AS n_rows, min(day) AS first_day, max(day) AS last_day' : ''}
  FROM days GROUP BY ALL`;
  const days = spec.keepLate
    ? `SELECT CASE WHEN ts < ${dayAfter(spec.end)} OR customer_id = '' OR prefix(customer_id, ' ') OR suffix(customer_id, ' ') THEN customer_id END AS customer_id, CAST(ts AS DATE) AS day, ${exactSum('amount')} AS spend${dayHistory}
  FROM ${source} GROUP BY ALL`
    : spec.daysTable === undefined
    ? `SELECT customer_id, CAST(ts AS DATE) AS day, ${exactSum('amount')} AS spend${dayHistory}
  FROM ${source} WHERE ts < ${dayAfter(spec.end)} GROUP BY ALL`
    : `SELECT customer_id, day, spend${spec.history ? ', n_rows' : ''} FROM ${quoteIdent(spec.daysTable)} WHERE day <= ${dateLit(spec.end)}`;
  return `CREATE OR REPLACE TABLE ${target} AS
WITH days AS (
  ${days}
),
per AS (
  ${per}
)
SELECT customer_id,
  ${columns.join(',\n  ')}
FROM per GROUP BY customer_id${split ? `\nHAVING ${n} > 0` : ''}`;
}

/**
 * Distinct (x, t_x, T) patterns with their customer counts, for fitting on patterns (architecture.md
 * §4), in no fixed order (readRfPatterns sorts them).
 */
export const rfPatternsSql = (table = 'customer_summary'): string =>
  `SELECT frequency AS x, recency AS tx, "T" AS "T", count(*) AS weight FROM ${table} GROUP BY ALL`;
