// Scores a customer summary file with a fitted count model (and optionally Gamma-Gamma) through the
// same DuckDB scoring stage as `cvm analyze`, adds intervals when asked, and writes the result.
import { toBgBbPatterns } from '../analytics/models/bg-bb.ts';
import { unitsPerMonth } from '../analytics/models/clv.ts';
import type { GammaGammaParams } from '../analytics/models/gamma-gamma.ts';
import { toRfPatterns } from '../analytics/models/rf-patterns.ts';
import type { CountModel, FitResult, TimeUnit } from '../analytics/models/types.ts';
import { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { scoreCustomers } from '../pipeline/score-customers.ts';
import { scoreIntervals } from '../pipeline/score-intervals.ts';
import { CliError } from './cli-error.ts';
import { assertUniqueIds, readTable } from './read-table.ts';

export interface PredictOptions {
  model: CountModel;
  fit: FitResult;
  spend?: FitResult<'p' | 'q' | 'gamma'>;
  mapping: Record<string, string>;
  horizon: number;
  unit: TimeUnit;
  clvMonths: number;
  annualDiscountRate: number;
  interval?: number;
  draws: number;
  out?: string;
}

export interface PredictResult {
  customers: number;
  model: string;
  horizon: number;
  unit: TimeUnit;
  out: string | null;
  mean: Record<string, number>;
}

export async function predictCustomers(file: string, o: PredictOptions): Promise<PredictResult> {
  const bgbb = o.model.name === 'bgbb';
  const age = bgbb ? 'n_periods' : 'T';
  const t = await readTable(file, [
    { name: 'customer_id', required: false, text: true }, { name: 'frequency', required: true }, { name: 'recency', required: true },
    { name: age, required: true }, { name: 'monetary_value', required: o.spend !== undefined },
  ], o.mapping);
  const ids = t.text.customer_id ?? Array.from({ length: t.rows }, (_, i) => String(i + 1));
  assertUniqueIds(t.text.customer_id, file);
  const x = t.numbers.frequency, tx = t.numbers.recency, T = t.numbers[age];
  // Validation only (same checks as fitting): the scores themselves are computed in DuckDB.
  if (bgbb) toBgBbPatterns({ x, tx, n: T, ids }); else toRfPatterns({ x, tx, T, ids });
  const monetary = t.numbers.monetary_value;
  if (o.spend && monetary) {
    const bad = ids.filter((_, i) => x[i] > 0 && !(monetary[i] > 0)).slice(0, 5);
    if (bad.length) throw new CliError('input', `${file}: monetary_value must be > 0 for customers with repeat purchases (e.g. ${bad.join(', ')})`);
  }
  const db = await DuckDbEngine.open();
  try {
    await db.run(`CREATE TABLE customer_summary (customer_id VARCHAR, frequency DOUBLE, recency DOUBLE, "T" DOUBLE${monetary ? ', monetary_value DOUBLE' : ''})`);
    await db.append('customer_summary', monetary ? [ids, x, tx, T, monetary] : [ids, x, tx, T]);
    const schedule = o.spend ? { steps: o.clvMonths, stepLength: unitsPerMonth(o.unit), discountRate: Math.pow(1 + o.annualDiscountRate, 1 / 12) - 1 } : undefined;
    await scoreCustomers(db, { model: o.model, params: o.fit.params, horizon: o.horizon, spend: o.spend?.params as GammaGammaParams | undefined, clv: schedule });
    let extra = '';
    if (o.interval !== undefined) {
      const c = await db.columns(`SELECT frequency, recency, "T"${monetary ? ', monetary_value' : ''} FROM customer_scores`);
      const iv = scoreIntervals(
        { x: c.frequency as Float64Array, tx: c.recency as Float64Array, T: c.T as Float64Array, monetary: c.monetary_value as Float64Array | undefined },
        { model: o.model, fit: o.fit, spendFit: o.spend, horizon: o.horizon, clv: schedule, draws: o.draws, coverage: o.interval },
      );
      const cols = [iv.expectedLower, iv.expectedUpper, ...(iv.clvLower && iv.clvUpper ? [iv.clvLower, iv.clvUpper] : [])];
      await db.run(`CREATE TABLE intervals (expected_purchases_lower DOUBLE, expected_purchases_upper DOUBLE${cols.length > 2 ? ', clv_lower DOUBLE, clv_upper DOUBLE' : ''})`);
      await db.append('intervals', cols);
      extra = cols.length > 2 ? ', i.expected_purchases_lower, i.expected_purchases_upper, i.clv_lower, i.clv_upper' : ', i.expected_purchases_lower, i.expected_purchases_upper';
      // Both tables hold the customers in the same order (insertion order is preserved), so the
      // row number pairs them.
      await db.run(`CREATE TABLE scored AS SELECT s.*${extra} FROM (SELECT row_number() OVER () AS rn, * FROM customer_scores) s
        JOIN (SELECT row_number() OVER () AS rn, * FROM intervals) i USING (rn) ORDER BY rn`);
    } else await db.run('CREATE TABLE scored AS SELECT 0 AS rn, * FROM customer_scores');
    await db.run(`CREATE TABLE predictions AS SELECT * EXCLUDE (rn) RENAME ("T" AS ${bgbb ? 'n_periods' : '"T"'}) FROM scored`);
    if (o.out) {
      const fmt = /\.parquet$/i.test(o.out) ? 'parquet' : 'csv, HEADER true';
      await db.run(`COPY predictions TO ${quoteString(o.out)} (FORMAT ${fmt})`);
    }
    const means = (await db.rows(`SELECT avg(expected_purchases) AS expected_purchases, avg(p_alive) AS p_alive${o.spend ? ', avg(expected_spend) AS expected_spend, avg(clv) AS clv' : ''} FROM predictions`))[0];
    return {
      customers: t.rows, model: o.model.name, horizon: o.horizon, unit: o.unit, out: o.out ?? null,
      mean: Object.fromEntries(Object.entries(means).map(([k, v]) => [k, Number(v)])),
    };
  } finally {
    db.close();
  }
}
