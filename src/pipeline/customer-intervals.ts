// One customer's prediction intervals, computed when asked (customer 360) from the run's saved fits:
// drawing parameters for every customer during `cvm analyze` would cost draws × customers model
// evaluations (minutes at a million customers) for numbers almost nobody reads, while one customer's
// 1,000 draws take milliseconds. Same method as `cvm predict --interval` (score-intervals.ts).
import { bgNbd } from '../analytics/models/bg-nbd.ts';
import { convertTime, unitsPerMonth } from '../analytics/models/clv.ts';
import { paretoNbd } from '../analytics/models/pareto-nbd.ts';
import type { CountModel, FitResult } from '../analytics/models/types.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import type { RowSource, RunModels } from './save-analysis-run.ts';
import { scoreIntervals } from './score-intervals.ts';
import type { PipelineResult } from './value-pipeline.ts';

/** The fits and horizons of a value-pipeline run, as saved with the run. */
export function runModelsOf(p: PipelineResult): RunModels {
  const pick = (f: FitResult) => ({ model: f.model, params: f.params, covariance: f.covariance });
  return {
    unit: p.summary.unit, count: pick(p.countFit), spend: p.spendFit ? pick(p.spendFit) : null,
    horizon: convertTime(p.horizon.purchasesWeeks, 'week', p.summary.unit),
    clvMonths: p.horizon.clvMonths, annualDiscountRate: p.horizon.annualDiscountRate,
  };
}

export interface CustomerIntervals {
  /** Central coverage of both intervals, e.g. 0.9. */
  coverage: number;
  draws: number;
  expectedPurchases: [number, number];
  clv: [number, number] | null;
}

/**
 * Intervals from parameter uncertainty for one customer of the `customers` table, or null when the
 * customer is unknown or the run saved no covariance (fitted without standard errors).
 * @example const iv = await customerIntervals(db, '12347', run.models); // iv?.clv → [lower, upper]
 */
export async function customerIntervals(db: RowSource, customerId: string, models: RunModels, o: { draws?: number; coverage?: number } = {}): Promise<CustomerIntervals | null> {
  const model = ({ bgnbd: bgNbd, pnbd: paretoNbd } as Record<string, unknown>)[models.count.model] as CountModel | undefined;
  if (!model || !models.count.covariance) return null;
  const [row] = await db.rows(`SELECT frequency, recency, "T", monetary_value FROM customers WHERE CAST(customer_id AS VARCHAR) = ${quoteString(customerId)} LIMIT 1`);
  if (!row) return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
  const draws = o.draws ?? 1000, coverage = o.coverage ?? 0.9;
  const spend = models.spend?.covariance && num(row.frequency) > 0 ? models.spend : null;
  const r = scoreIntervals(
    { x: Float64Array.of(num(row.frequency)), tx: Float64Array.of(num(row.recency)), T: Float64Array.of(num(row.T)), monetary: Float64Array.of(num(row.monetary_value ?? 0)) },
    {
      model, fit: models.count as FitResult, spendFit: spend ? (spend as FitResult<'p' | 'q' | 'gamma'>) : undefined, horizon: models.horizon, draws, coverage,
      clv: spend ? { steps: models.clvMonths, stepLength: unitsPerMonth(models.unit), discountRate: Math.pow(1 + models.annualDiscountRate, 1 / 12) - 1 } : undefined,
    },
  );
  return {
    coverage, draws, expectedPurchases: [r.expectedLower[0], r.expectedUpper[0]],
    clv: r.clvLower && r.clvUpper ? [r.clvLower[0], r.clvUpper[0]] : null,
  };
}
