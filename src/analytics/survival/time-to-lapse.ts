// Time to lapse for every customer (SQL in DuckDB, lapse-sql.ts), then Kaplan-Meier curves of it,
// overall and by group (pure, kaplan-meier.ts). Durations are in days.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { kaplanMeier, kaplanMeierByGroup, type GroupCurve, type KaplanMeierCurve, type KaplanMeierOptions } from './kaplan-meier.ts';
import { lapseDurationsSql } from './lapse-sql.ts';
import { observationEnd } from './observation-end.ts';
import { SurvivalError } from './survival-error.ts';

/**
 * Default L = 90 days: a quarter without a purchase, the usual "inactive" line in retail CRM. Most
 * repeat purchases come sooner: 75 % of CDNOW's gaps between purchase days (3,254 of 4,339) and
 * 88 % of the Online Retail file's are ≤ 90 days (docs/churn-and-survival.md). Shops with weekly
 * baskets want less, durable goods more: choose L near a high quantile of those gaps, and check
 * returnedAfterLapse, the customers the rule called lapsed who bought again.
 */
export const DEFAULT_LAPSE_DAYS = 90;

export interface TimeToLapseOptions extends KaplanMeierOptions {
  lapseDays?: number;
  /** Last day observed, YYYY-MM-DD (default: the day of the last transaction). */
  end?: string;
  /** Name of a table (customer_id, grp), e.g. from customerGroupsSql: adds one curve per group. */
  groupTable?: string;
}

export interface LapseColumns {
  ids: string[];
  durationDays: Float64Array;
  lapsed: Float64Array;
  group?: string[];
}

export interface TimeToLapse {
  end: string;
  lapseDays: number;
  customers: number;
  lapsed: number;
  censored: number;
  /** Customers counted as lapsed who bought again later (the rule's false alarms, seen in hindsight). */
  returnedAfterLapse: number;
  overall: KaplanMeierCurve;
  groups: GroupCurve[];
  columns: LapseColumns;
}

/**
 * Builds `customer_lapse` from `transactions` and fits the curves.
 * @example const r = await timeToLapse(db, { lapseDays: 90 }); r.overall.median.median // days to lapse
 */
export async function timeToLapse(db: DuckDbEngine, o: TimeToLapseOptions = {}): Promise<TimeToLapse> {
  const lapseDays = o.lapseDays ?? DEFAULT_LAPSE_DAYS;
  if (!(Number.isInteger(lapseDays) && lapseDays >= 1 && lapseDays <= 36500)) {
    throw new SurvivalError('invalid-option', `the lapse length must be a whole number of days from 1 to 36500 (got ${lapseDays})`);
  }
  const end = await observationEnd(db, o.end);
  await db.run(lapseDurationsSql({ end, lapseDays, groups: o.groupTable }));
  const cols = await db.columns(`SELECT customer_id, duration_days, lapsed, returned_after_lapse${o.groupTable ? ', grp' : ''} FROM customer_lapse`);
  const ids = cols.customer_id as (string | null)[];
  if (ids.length === 0) throw new SurvivalError('no-transactions', `no customer made a purchase on or before ${end}`);
  const durationDays = cols.duration_days as Float64Array;
  const lapsed = cols.lapsed as Float64Array;
  const group = o.groupTable ? (cols.grp as (string | null)[]).map((g) => g ?? '(none)') : undefined;
  const input = { time: durationDays, event: lapsed };
  const nLapsed = lapsed.reduce((s, v) => s + v, 0);
  return {
    end, lapseDays, customers: ids.length, lapsed: nLapsed, censored: ids.length - nLapsed,
    returnedAfterLapse: (cols.returned_after_lapse as Float64Array).reduce((s, v) => s + v, 0),
    overall: kaplanMeier(input, o),
    groups: group ? kaplanMeierByGroup(input, group, o) : [],
    columns: { ids: ids.map((v) => v ?? ''), durationDays, lapsed, group },
  };
}
