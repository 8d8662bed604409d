// The monthly cohort retention matrix from `transactions(customer_id, ts, amount)`: a customer's
// cohort is the calendar month of their first purchase; cell (cohort, k) counts the cohort's
// customers who bought in calendar month cohort + k (k = 0 is the first month, 100 % by
// definition) and its share of the cohort. Counting in SQL (DuckDB); the matrix is assembled here.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent, quoteString } from '../../engines/duckdb/sql-literal.ts';
import { SurvivalError } from './survival-error.ts';
import { observationEnd } from './observation-end.ts';

export const DEFAULT_COHORT_MONTHS = 12;

export interface CohortRow {
  /** First-purchase month, YYYY-MM. */
  cohort: string;
  customers: number;
  /** active[k]: customers of the cohort buying in month k; null when month k is after the end. */
  active: (number | null)[];
  /** share[k] = active[k] / customers; null when not observed. */
  share: (number | null)[];
}

export interface CohortMatrix {
  end: string;
  /** Months after the first, 0..months. */
  months: number;
  /** True when the end is not the last day of its month: the last observed column of each cohort is a part month. */
  partialLastMonth: boolean;
  cohorts: CohortRow[];
}

/** Customers active per (cohort, month offset), offsets beyond `months` left out. */
export function cohortCountsSql(end: string, months: number, days?: string): string {
  const month = (t: string) => `CAST(date_trunc('month', ${t}) AS DATE)`;
  const source = days === undefined
    ? `SELECT DISTINCT customer_id, ${month('ts')} AS month FROM transactions WHERE CAST(ts AS DATE) <= DATE ${quoteString(end)}`
    : `SELECT DISTINCT customer_id, ${month('day')} AS month FROM ${quoteIdent(days)} WHERE day <= DATE ${quoteString(end)}`;
  return `WITH m AS (
  ${source}
), firsts AS (
  SELECT customer_id, min(month) AS cohort FROM m GROUP BY customer_id
)
SELECT strftime(f.cohort, '%Y-%m') AS cohort, date_diff('month', f.cohort, m.month) AS k, count(*) AS active
FROM m JOIN firsts f USING (customer_id)
WHERE date_diff('month', f.cohort, m.month) <= ${months}
GROUP BY ALL ORDER BY cohort, k`;
}

/**
 * The retention matrix up to `months` months after the first. `days`: a customer-day table
 * (customer_id, day; transactionDaysSql) to read instead of grouping `transactions`.
 * @example const m = await cohortRetention(db, { months: 12 }); m.cohorts[0].share // [1, 0.18, …]
 */
export async function cohortRetention(db: DuckDbEngine, o: { months?: number; end?: string; days?: string } = {}): Promise<CohortMatrix> {
  const months = o.months ?? DEFAULT_COHORT_MONTHS;
  if (!(Number.isInteger(months) && months >= 0 && months <= 1200)) {
    throw new SurvivalError('invalid-option', `the number of cohort months must be a whole number from 0 to 1200 (got ${months})`);
  }
  const end = await observationEnd(db, o.end);
  const rows = await db.rows(cohortCountsSql(end, months, o.days));
  if (rows.length === 0) throw new SurvivalError('no-transactions', `no customer made a purchase on or before ${end}`);
  return { end, months, partialLastMonth: !isLastDayOfMonth(end), cohorts: assembleCohorts(rows.map((r) => ({ cohort: String(r.cohort), k: Number(r.k), active: Number(r.active) })), end, months) };
}

/**
 * Rows (cohort, k, active) → one row per cohort. Month k of a cohort is observed when it is not
 * after the end's month; unobserved cells are null, observed months without buyers 0.
 */
export function assembleCohorts(counts: readonly { cohort: string; k: number; active: number }[], end: string, months: number): CohortRow[] {
  const endIndex = monthIndex(end.slice(0, 7));
  const byCohort = new Map<string, Map<number, number>>();
  for (const c of counts) {
    const cells = byCohort.get(c.cohort) ?? new Map<number, number>();
    cells.set(c.k, c.active);
    byCohort.set(c.cohort, cells);
  }
  return [...byCohort.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([cohort, cells]) => {
    const customers = cells.get(0) ?? 0; // every customer buys in their own first month
    const observed = endIndex - monthIndex(cohort);
    const active = Array.from({ length: months + 1 }, (_, k) => (k > observed ? null : cells.get(k) ?? 0));
    return { cohort, customers, active, share: active.map((a) => (a === null || customers === 0 ? null : a / customers)) };
  });
}

const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

function isLastDayOfMonth(day: string): boolean {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}
