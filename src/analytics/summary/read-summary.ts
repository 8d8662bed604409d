// Reading `customer_summary` back: per-customer columns as typed arrays, or the distinct (x, t_x, T)
// patterns with their counts, grouped in SQL so a million customers never become a million JS objects.
import type { DuckDbEngine } from '../../engines/duckdb/duckdb-engine.ts';
import type { Column } from '../../engines/duckdb/read-columns.ts';
import { sortRfPatterns } from '../models/rf-patterns.ts';
import type { RfPatterns } from '../models/types.ts';
import { rfPatternsSql } from './summary-sql.ts';

export interface SummaryColumns {
  ids: (string | null)[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue?: Float64Array;
  frequencyHoldout?: Float64Array;
  monetaryValueHoldout?: Float64Array;
  durationHoldout?: Float64Array;
}

const numeric = (c: Column | undefined): Float64Array | undefined => (c instanceof Float64Array ? c : undefined);

/**
 * Every customer's row of the summary, column-wise, in the table's order (which is arbitrary: the
 * summary is an aggregate; the columns are aligned, so ids[i] goes with frequency[i] etc.).
 * @example const { ids, frequency, recency, T } = await readSummaryColumns(db);
 */
export async function readSummaryColumns(db: DuckDbEngine, table = 'customer_summary'): Promise<SummaryColumns> {
  const c = await db.columns(`SELECT * FROM ${table}`);
  const need = (name: string): Float64Array => {
    const col = numeric(c[name]);
    if (!col) throw new Error(`${table} has no numeric column ${name}`);
    return col;
  };
  const ids = c.customer_id;
  if (ids === undefined || ids instanceof Float64Array) throw new Error(`${table} has no text column customer_id`);
  return {
    ids, frequency: need('frequency'), recency: need('recency'), T: need('T'),
    monetaryValue: numeric(c.monetary_value), frequencyHoldout: numeric(c.frequency_holdout),
    monetaryValueHoldout: numeric(c.monetary_value_holdout), durationHoldout: numeric(c.duration_holdout),
  };
}

/**
 * The distinct (frequency, recency, T) triples with the number of customers sharing each, the input
 * the count models fit on, in ascending order (sortRfPatterns: the same order, so the same fit, on
 * every run; DuckDB groups in an order that varies).
 * @example const patterns = await readRfPatterns(db); // patterns.weight sums to the customer count
 */
export async function readRfPatterns(db: DuckDbEngine, table = 'customer_summary'): Promise<RfPatterns> {
  const c = await db.columns(rfPatternsSql(table));
  const [x, tx, T, weight] = [numeric(c.x), numeric(c.tx), numeric(c.T), numeric(c.weight)];
  if (!x || !tx || !T || !weight) throw new Error(`${table}: frequency, recency and T must be numeric`);
  return sortRfPatterns({ x, tx, T, weight });
}
