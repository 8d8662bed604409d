// Adds the segment and value columns of issue 5 to the `customers` table, all in DuckDB: RFM scores
// and segment, the value pyramid tier, the five-dimension composite value score, and the churn
// early-warning fields. The pure functions in src/analytics/{rfm,pyramid,composite} define each rule;
// this file states the same rules in SQL so a million customers never leave the engine
// (segment-customers.test.ts checks SQL and pure functions agree).
import { rfmSql } from '../analytics/rfm/rfm-sql.ts';
import type { SegmentRule } from '../analytics/rfm/rfm-segments.ts';
import { DEFAULT_CUTS, type PyramidCuts } from '../analytics/pyramid/value-pyramid.ts';
import { DEFAULT_WEIGHTS, type Weights } from '../analytics/composite/composite-score.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { CUSTOMER_ORDER } from '../analytics/summary/summary-sql.ts';

export interface SegmentOptions {
  /** Observation end (YYYY-MM-DD): recency is days from the last purchase to it. */
  end: string;
  segments?: readonly SegmentRule[];
  cuts?: PyramidCuts;
  weights?: Weights;
  /** P(alive) below which a customer is flagged for churn early warning (default 0.5). */
  churnThreshold?: number;
  /** Rank the pyramid by predicted value (clv) or by historic spend. */
  pyramidBy?: 'predicted' | 'historic';
}

/**
 * Average-rank percentile 0–100 of an expression, as composite-score.ts's percentileScores:
 * ties at positions lo..hi (0-based) score 100·(lo + hi)/2/(n − 1). percent_rank() gives lo/(n − 1)
 * and cume_dist() gives (hi + 1)/n over the same ordering, so one sort per dimension suffices (a
 * PARTITION BY for the tie count would add a second pass).
 */
const pct = (e: string) =>
  `CASE WHEN count(*) OVER () > 1 THEN 50.0 * (percent_rank() OVER (ORDER BY ${e}) + (cume_dist() OVER (ORDER BY ${e}) * count(*) OVER () - 1) / (count(*) OVER () - 1)) ELSE 50 END`;

export async function segmentCustomers(db: DuckDbEngine, o: SegmentOptions): Promise<void> {
  const cols = new Set((await db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers'")).map((r) => String(r.column_name)));
  const hasClv = [...cols].some((c) => /^clv_\d+m$/.test(c));
  const clv = hasClv ? [...cols].find((c) => /^clv_\d+m$/.test(c)) as string : 'expected_purchases_52w';
  await db.run(`CREATE OR REPLACE TEMP TABLE seg_base AS SELECT *,
      date_diff('day', CAST(last_purchase AS DATE), DATE '${o.end}') AS recency_days,
      date_diff('day', CAST(first_purchase AS DATE), DATE '${o.end}') AS tenure_days
    FROM customers`);
  await db.run(rfmSql({ source: 'seg_base', recency: 'recency_days', frequency: 'orders', monetary: 'coalesce(total_spend, 0)', segments: o.segments, target: 'seg_rfm' }));
  const cuts = o.cuts ?? DEFAULT_CUTS;
  const w = o.weights ?? DEFAULT_WEIGHTS;
  const wsum = w.current + w.future + w.credit + w.loyalty + w.growth;
  const rankValue = o.pyramidBy === 'historic' ? 'coalesce(total_spend, 0)' : clv;
  const threshold = o.churnThreshold ?? 0.5;
  // Composite: current = historic spend; future = predicted value; credit has no input in a plain
  // transaction file and scores 50 (neutral) — the report says so; loyalty = mean of repeat purchases,
  // tenure and P(alive); growth = P(alive at 52 w) relative to now (a falling probability is decline).
  await db.run(`CREATE OR REPLACE TEMP TABLE seg_all AS
    WITH ranked AS (
      SELECT *, row_number() OVER (ORDER BY ${rankValue} DESC, ${CUSTOMER_ORDER}) / count(*) OVER () AS pyramid_position,
        ${pct('coalesce(total_spend, 0)')} AS score_current,
        ${pct(clv)} AS score_future,
        (${pct('frequency')} + ${pct('tenure_days')} + ${pct('p_alive')}) / 3 AS score_loyalty,
        ${pct('p_alive_52w / greatest(p_alive, 1e-12)')} AS score_growth
      FROM seg_rfm
    )
    SELECT * EXCLUDE (pyramid_position, recency_days, tenure_days, rfm_score),
      CASE WHEN pyramid_position <= ${cuts.key} + 1e-12 THEN 'key' WHEN pyramid_position <= ${cuts.large} + 1e-12 THEN 'large'
           WHEN pyramid_position <= ${cuts.medium} + 1e-12 THEN 'medium' ELSE 'small' END AS pyramid_tier,
      round((${w.current} * score_current + ${w.future} * score_future + ${w.credit} * 50 + ${w.loyalty} * score_loyalty + ${w.growth} * score_growth) / ${wsum}, 2) AS value_score,
      round(score_current, 2) AS score_current_r, round(score_future, 2) AS score_future_r, round(score_loyalty, 2) AS score_loyalty_r, round(score_growth, 2) AS score_growth_r,
      ${hasClv ? `round((1 - p_alive) * ${clv} / greatest(p_alive, 1e-12), 4)` : 'NULL'} AS value_at_risk,
      p_alive < ${threshold} AS churn_warning
    FROM ranked`);
  await db.run(`CREATE OR REPLACE TABLE customers AS
    SELECT * EXCLUDE (score_current, score_future, score_loyalty, score_growth, score_current_r, score_future_r, score_loyalty_r, score_growth_r),
      score_current_r AS score_current, score_future_r AS score_future, score_loyalty_r AS score_loyalty, score_growth_r AS score_growth,
      CASE WHEN churn_warning THEN CAST(rank() OVER (PARTITION BY churn_warning ORDER BY value_at_risk DESC NULLS LAST) AS INTEGER) END AS churn_rank
    FROM seg_all ORDER BY ${CUSTOMER_ORDER}`);
}
