// Builds `customer_summary` from the loaded `transactions` table: checks the options, settles the
// end date (default: the last transaction's day, as lifetimes' and BTYD's defaults) and runs the SQL.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { quoteIdent } from '../../engines/duckdb/sql-literal.ts';
import { TIME_UNITS, type TimeUnit } from '../models/types.ts';
import { SummaryError } from './summary-error.ts';
import { customerSummarySql, PERIOD_CONVENTIONS, type PeriodConvention } from './summary-sql.ts';

export interface SummaryOptions {
  unit: TimeUnit;
  periods: PeriodConvention;
  /** Last day observed (YYYY-MM-DD, inclusive); default: the day of the last transaction. */
  end?: string;
  /** Last day of the calibration period (YYYY-MM-DD, inclusive); adds the holdout columns. */
  calibrationEnd?: string;
  /** Also orders, total_spend, first_purchase and last_purchase per customer (SummarySpec.history). */
  history?: boolean;
  /** Day totals to start from (loadTransactions' `days` table) instead of grouping `transactions`. */
  days?: string;
}

export interface SummaryInfo {
  customers: number;
  unit: TimeUnit;
  periods: PeriodConvention;
  end: string;
  calibrationEnd: string | null;
  hasAmount: boolean;
}

/**
 * Creates (or replaces) `customer_summary` from `transactions`.
 * @example await buildSummary(db, { unit: 'week', periods: 'fractional', calibrationEnd: '1997-09-30' }, true);
 */
export async function buildSummary(db: DuckDbEngine, o: SummaryOptions, hasAmount: boolean): Promise<SummaryInfo> {
  const problem = summaryOptionsError(o);
  if (problem) throw problem;
  // The last day is read only when needed: `transactions` may be a view that parses its file on every read.
  const end = o.end ?? await db.scalar(o.days === undefined
    ? "SELECT strftime(max(ts), '%Y-%m-%d') FROM transactions"
    : `SELECT strftime(max(day), '%Y-%m-%d') FROM ${quoteIdent(o.days)}`);
  if (typeof end !== 'string') throw new SummaryError('no-transactions', 'there are no transactions to summarise');
  if (o.calibrationEnd !== undefined && o.calibrationEnd >= end) {
    throw new SummaryError('invalid-option', `the calibration end (${o.calibrationEnd}) must be before the end of observation (${end})`);
  }
  await db.run(customerSummarySql({ unit: o.unit, periods: o.periods, end, calibrationEnd: o.calibrationEnd, hasAmount, history: o.history, daysTable: o.days }));
  return describeSummary(db, { ...o, end }, hasAmount);
}

/**
 * What buildSummary returns, for a `customer_summary` that is already built (by buildSummary, or in
 * the reading of its file: loadTransactions' `summary`); refuses one without customers.
 */
export async function describeSummary(db: DuckDbEngine, o: SummaryOptions & { end: string }, hasAmount: boolean): Promise<SummaryInfo> {
  const customers = Number(await db.scalar('SELECT count(*) FROM customer_summary'));
  if (customers === 0) {
    throw new SummaryError('no-transactions', `no customer made a purchase on or before ${o.calibrationEnd ?? o.end}`);
  }
  return { customers, unit: o.unit, periods: o.periods, end: o.end, calibrationEnd: o.calibrationEnd ?? null, hasAmount };
}

/** The error buildSummary throws for these options before reading anything, or null when they are valid. */
export function summaryOptionsError(o: SummaryOptions): SummaryError | null {
  if (!TIME_UNITS.includes(o.unit)) return new SummaryError('invalid-option', `unit must be one of ${TIME_UNITS.join(', ')} (got ${o.unit})`);
  if (!PERIOD_CONVENTIONS.includes(o.periods)) return new SummaryError('invalid-option', `periods must be one of ${PERIOD_CONVENTIONS.join(', ')} (got ${o.periods})`);
  if (o.end !== undefined && !isDay(o.end)) return new SummaryError('invalid-option', `end must be a date written YYYY-MM-DD (got ${o.end})`);
  if (o.calibrationEnd !== undefined && !isDay(o.calibrationEnd)) {
    return new SummaryError('invalid-option', `calibration end must be a date written YYYY-MM-DD (got ${o.calibrationEnd})`);
  }
  return null;
}

/** A real calendar day written YYYY-MM-DD (so that string order is date order). */
function isDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
