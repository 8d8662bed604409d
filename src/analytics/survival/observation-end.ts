// The end of observation shared by the lapse durations and the cohort matrix: a given day, checked,
// or by default the day of the last transaction (the default of `cvm summary`, lifetimes and BTYD).
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import { SurvivalError } from './survival-error.ts';

/** The end day, YYYY-MM-DD: `end` when given (checked), else the last transaction's day. */
export async function observationEnd(db: DuckDbEngine, end: string | undefined): Promise<string> {
  if (end !== undefined) {
    checkDay(end);
    return end;
  }
  const last = await db.scalar("SELECT strftime(max(ts), '%Y-%m-%d') FROM transactions");
  if (typeof last !== 'string') throw new SurvivalError('no-transactions', 'there are no transactions');
  return last;
}

/** A real calendar day written YYYY-MM-DD (it goes into SQL as a DATE literal). */
function checkDay(day: string): void {
  const d = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new SurvivalError('invalid-option', `the end date must be a day written YYYY-MM-DD (got ${day})`);
  }
}
