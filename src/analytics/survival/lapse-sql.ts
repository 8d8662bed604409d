// SQL text for time to lapse, from `transactions(customer_id, ts, amount)`. Pure string builders;
// lapse-durations.ts runs them. Everything is in whole calendar days (the day a purchase was made).
//
// A customer lapses L days after a purchase that is followed by no purchase on the next L days:
//   lapse at day d_i + L for the first purchase day d_i with d_{i+1} − d_i > L, or, after the last
//   purchase day, with end − d_last ≥ L (the L quiet days are all inside the observation);
//   duration = lapse day − first purchase day (so it is never below L), event = 1.
// A customer without such a purchase is censored at the end: duration = end − first day, event = 0.
// Only the first lapse counts (the time *to* lapse); a later return is counted separately
// (returned_after_lapse) because it tells how often the rule calls a customer lost who is not.
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';

export interface LapseSqlSpec {
  /** Last day observed, 'YYYY-MM-DD', inclusive; later purchases are ignored. */
  end: string;
  /** L: days without a purchase after which a customer counts as lapsed (≥ 1). */
  lapseDays: number;
  /** Optional table (customer_id, grp) giving each customer's group. */
  groups?: string;
  target?: string;
  /** A TEMP table (in memory, not written to a store file). */
  temp?: boolean;
  /**
   * A table of customer-days (customer_id, day: one row per customer and day with a transaction, as
   * transactionDaysSql makes) to read instead of grouping `transactions` again: the same days.
   */
  days?: string;
  /**
   * Write the rows in customer order (default true), as `cvm survival` reads them; false for a caller
   * that only groups them (cvm analyze's curves), sparing a sort of every customer by text id.
   */
  ordered?: boolean;
}

/** CREATE TABLE customer_lapse(customer_id, first_purchase, last_purchase, purchase_days, duration_days, lapsed, returned_after_lapse[, grp]). */
export function lapseDurationsSql(s: LapseSqlSpec): string {
  const end = `DATE ${quoteString(s.end)}`;
  const L = s.lapseDays;
  const join = s.groups === undefined ? '' : `LEFT JOIN ${quoteIdent(s.groups)} g USING (customer_id)`;
  const grp = s.groups === undefined ? '' : `, coalesce(g.grp, '(none)') AS grp`;
  return `CREATE OR REPLACE ${s.temp ? 'TEMP ' : ''}TABLE ${quoteIdent(s.target ?? 'customer_lapse')} AS
WITH days AS (
  ${s.days === undefined
    ? `SELECT DISTINCT customer_id, CAST(ts AS DATE) AS day FROM transactions WHERE CAST(ts AS DATE) <= ${end}`
    : `SELECT customer_id, day FROM ${quoteIdent(s.days)} WHERE day <= ${end}`}
), gaps AS (
  SELECT customer_id, day, lead(day) OVER (PARTITION BY customer_id ORDER BY day) AS next_day FROM days
), per_customer AS (
  SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS purchase_days,
    min(day) FILTER (WHERE CASE WHEN next_day IS NULL THEN date_diff('day', day, ${end}) >= ${L}
                                ELSE date_diff('day', day, next_day) > ${L} END) AS lapse_from
  FROM gaps GROUP BY customer_id
)
SELECT customer_id, strftime(first_day, '%Y-%m-%d') AS first_purchase, strftime(last_day, '%Y-%m-%d') AS last_purchase, purchase_days,
  CASE WHEN lapse_from IS NULL THEN date_diff('day', first_day, ${end}) ELSE date_diff('day', first_day, lapse_from) + ${L} END AS duration_days,
  CAST(lapse_from IS NOT NULL AS INTEGER) AS lapsed,
  CAST(lapse_from IS NOT NULL AND lapse_from < last_day AS INTEGER) AS returned_after_lapse${grp}
FROM per_customer ${join}${s.ordered === false ? '' : '\nORDER BY customer_id'}`;
}

export interface GroupSourceSpec {
  /** A relation to read (e.g. read_csv(...)), and SQL expressions in it. */
  reader: string;
  customer: string;
  group: string;
  /** Timestamp expression: the group is the value on the customer's first purchase. Omitted for a one-row-per-customer file. */
  ts?: string;
  end?: string;
  target?: string;
}

/**
 * CREATE TEMP TABLE (customer_id, grp): each customer's group. From a transactions file the value
 * on the first purchase (the segment a customer was acquired in: first country, channel, store),
 * ties broken by the smaller value so the answer does not depend on row order; from a customers
 * file its one value. Ids are trimmed as load-transactions.ts trims them, so they join.
 */
export function customerGroupsSql(s: GroupSourceSpec): string {
  const id = `NULLIF(trim(CAST(${s.customer} AS VARCHAR)), '')`;
  const value = `NULLIF(trim(CAST(${s.group} AS VARCHAR)), '')`;
  const target = quoteIdent(s.target ?? 'customer_group');
  if (s.ts === undefined) {
    return `CREATE OR REPLACE TEMP TABLE ${target} AS
SELECT customer_id, min(grp) AS grp FROM (SELECT ${id} AS customer_id, ${value} AS grp FROM ${s.reader}) WHERE customer_id IS NOT NULL GROUP BY customer_id`;
  }
  const endFilter = s.end === undefined ? '' : ` AND CAST(ts AS DATE) <= DATE ${quoteString(s.end)}`;
  return `CREATE OR REPLACE TEMP TABLE ${target} AS
SELECT customer_id, first(grp ORDER BY ts, grp NULLS LAST) AS grp
FROM (SELECT ${id} AS customer_id, ${s.ts} AS ts, ${value} AS grp FROM ${s.reader})
WHERE customer_id IS NOT NULL AND ts IS NOT NULL${endFilter}
GROUP BY customer_id`;
}
