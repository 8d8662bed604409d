// Adds the segment and value columns of issue 5 to the `customers` table: RFM scores and segment,
// the value pyramid tier, the five-dimension composite value score, and the churn early-warning
// fields. The pure functions in src/analytics/{rfm,pyramid,composite} define each rule
// (segment-customers.test.ts checks this file agrees with them). The ranks behind them are computed
// on typed arrays (tie-ranks.ts): ten window-function sorts of every customer row took ~7–14 s at a
// million customers, the same ranks on one column at a time take ~1 s; the rules that only combine
// ranks (segment map, tiers, weights, rounding) stay in SQL.
import { DEFAULT_SEGMENTS, OTHERS, type SegmentRule } from '../analytics/rfm/rfm-segments.ts';
import { DEFAULT_CUTS, type PyramidCuts } from '../analytics/pyramid/value-pyramid.ts';
import { DEFAULT_WEIGHTS, type Weights } from '../analytics/composite/composite-score.ts';
import type { Columns } from '../engines/duckdb/read-columns.ts';
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { overlapped } from '../engines/duckdb/overlapped.ts';
import { quoteString } from '../engines/duckdb/sql-literal.ts';
import { negate, percentileOfRanks, positionsDescending, quintiles, tieRanks } from './tie-ranks.ts';
import type { CsvForm } from './write-customers.ts';

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
  /**
   * SQL that does not touch `customers`, run on DuckDB's threads while the ranks are computed in JS
   * (about a second at a million customers, with DuckDB otherwise idle): cvm analyze passes the
   * retail stage's first work (analyze-retail.ts retailPreparation).
   */
  alongside?: string;
  /**
   * Work for the JS thread while DuckDB rewrites `customers` with the new columns (one thread, about a
   * second at a million customers): `read` may query DuckDB first, `compute` is synchronous JS and
   * should not throw (a throw is passed on after the rewrite has settled). cvm analyze fits the
   * clusters here.
   */
  duringRewrite?: { read: () => Promise<void>; compute: () => void };
}

/** The segment columns' written precision (decimal places of round()), for their CSV (copyCustomersCsv). */
export const SEGMENT_CSV_FORMS = {
  value_score: 2, value_at_risk: 4, score_current: 2, score_future: 2, score_loyalty: 2, score_growth: 2,
} as const satisfies Record<string, CsvForm>;
const P = SEGMENT_CSV_FORMS;

export async function segmentCustomers(db: DuckDbEngine, o: SegmentOptions): Promise<void> {
  const cols = new Set((await db.rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND table_catalog = current_database()")).map((r) => String(r.column_name)));
  const hasClv = [...cols].some((c) => /^clv_\d+m$/.test(c));
  const clv = hasClv ? [...cols].find((c) => /^clv_\d+m$/.test(c)) as string : 'expected_purchases_52w';
  const cuts = o.cuts ?? DEFAULT_CUTS;
  const w = o.weights ?? DEFAULT_WEIGHTS;
  const wsum = w.current + w.future + w.credit + w.loyalty + w.growth;
  const threshold = o.churnThreshold ?? 0.5;
  const rules = o.segments ?? DEFAULT_SEGMENTS;
  if (rules.length >= 1000) throw new RangeError(`at most 999 RFM segment rules, got ${rules.length}`);
  // Value at risk = P(not alive) × the value if still a customer. The scored table carries that value
  // (clv_Nm_if_alive); tables written without it fall back to CLV / P(alive), which is only safe while
  // P(alive) is not rounded towards 0.
  const ifAlive = hasClv && cols.has(`${clv}_if_alive`) ? `${clv}_if_alive` : null;
  const valueAtRisk = !hasClv ? 'CAST(NULL AS DOUBLE)'
    : ifAlive ? `round((1 - p_alive) * ${ifAlive}, ${P.value_at_risk})` : `round((1 - p_alive) * ${clv} / greatest(p_alive, 1e-12), ${P.value_at_risk})`;
  // The inputs of every rank, one numeric column each, in the table's row order (which the positional
  // join below relies on: a plain scan returns a table's rows in insertion order).
  // Every column as DOUBLE: the reader copies a DOUBLE vector whole, but reads BIGINT (date_diff) and
  // BOOLEAN one value at a time (~0.1 s a column at a million rows); the values are the same.
  const c = await db.columns(`SELECT CAST(date_diff('day', CAST(last_purchase AS DATE), DATE '${o.end}') AS DOUBLE) AS recency_days,
      CAST(orders AS DOUBLE) AS orders, coalesce(total_spend, 0) AS spend, ${clv} AS clv, frequency,
      CAST(date_diff('day', CAST(first_purchase AS DATE), DATE '${o.end}') AS DOUBLE) AS tenure_days, p_alive,
      p_alive_52w / greatest(p_alive, 1e-12) AS growth, ${valueAtRisk} AS value_at_risk, CAST(p_alive < ${threshold} AS DOUBLE) AS churn_warning
    FROM customers`);
  const side = o.alongside === undefined ? null : overlapped(db, o.alongside);
  let ranked: Ranked;
  try {
    ranked = rankCodes(c, o, rules, cuts);
  } catch (e) {
    // The side statement is settled first, so that a failure here leaves the connection idle.
    await side?.().catch(() => {});
    throw e;
  }
  const { code, current, future, loyalty, growth } = ranked;
  await side?.();
  await db.run('CREATE OR REPLACE TEMP TABLE seg_ranks (code DOUBLE, score_current DOUBLE, score_future DOUBLE, score_loyalty DOUBLE, score_growth DOUBLE)');
  await db.append('seg_ranks', [code, current, future, loyalty, growth]);
  const segment = [...rules, OTHERS].map((x, k) => `WHEN ${k} THEN ${quoteString(x.id)}`).join(' ');
  // POSITIONAL JOIN pairs the n-th row of each table, so the result keeps the customers' order and
  // needs no sort; the columns and their order are those of the window-function SQL this replaced.
  await o.duringRewrite?.read();
  const rewritten = overlapped(db, `CREATE OR REPLACE TABLE customers AS
    SELECT c.*, CAST(k.code // 100 % 10 AS INTEGER) AS rfm_r, CAST(k.code // 10 % 10 AS INTEGER) AS rfm_f, CAST(k.code % 10 AS INTEGER) AS rfm_m,
      CASE k.code // 1000 % 1000 ${segment} END AS rfm_segment,
      CASE k.code // 1000000 % 4 WHEN 0 THEN 'key' WHEN 1 THEN 'large' WHEN 2 THEN 'medium' ELSE 'small' END AS pyramid_tier,
      round((${w.current} * score_current + ${w.future} * score_future + ${w.credit} * 50 + ${w.loyalty} * score_loyalty + ${w.growth} * score_growth) / ${wsum}, ${P.value_score}) AS value_score,
      ${valueAtRisk} AS value_at_risk, p_alive < ${threshold} AS churn_warning,
      round(score_current, ${P.score_current}) AS score_current, round(score_future, ${P.score_future}) AS score_future, round(score_loyalty, ${P.score_loyalty}) AS score_loyalty, round(score_growth, ${P.score_growth}) AS score_growth,
      CASE WHEN p_alive < ${threshold} THEN CAST(k.code // 4000000 AS INTEGER) END AS churn_rank
    FROM customers c POSITIONAL JOIN (SELECT CAST(code AS BIGINT) AS code, score_current, score_future, score_loyalty, score_growth FROM seg_ranks) k;
    DROP TABLE seg_ranks`);
  try {
    o.duringRewrite?.compute();
  } finally {
    await rewritten();
  }
}

interface Ranked { code: Float64Array; current: Float64Array; future: Float64Array; loyalty: Float64Array; growth: Float64Array }

/** The ranks behind every segment column, from segmentCustomers' input columns (all in JS, no DuckDB call). */
function rankCodes(c: Columns, o: SegmentOptions, rules: readonly SegmentRule[], cuts: PyramidCuts): Ranked {
  const col = (name: string): Float64Array => c[name] as Float64Array;
  const n = col('frequency').length;
  // Spend and CLV are each ranked once for everything that ranks them (a sort of a million values each).
  const spendRanks = tieRanks(col('spend')), clvRanks = tieRanks(col('clv'));
  // RFM (rfm-sql.ts's rule): recency ranks descending (fewer days since the last purchase scores higher).
  const r = quintiles(negate(col('recency_days'))), f = quintiles(col('orders')), m = quintiles(col('spend'), spendRanks);
  // Composite: current = historic spend; future = predicted value; credit has no input in a plain
  // transaction file and scores 50 (neutral) — the report says so; loyalty = mean of repeat purchases,
  // tenure and P(alive); growth = P(alive at 52 w) relative to now (a falling probability is decline).
  const current = percentileOfRanks(col('spend'), spendRanks), future = percentileOfRanks(col('clv'), clvRanks);
  const [loyF, loyT, loyP] = [percentileOfRanks(col('frequency')), percentileOfRanks(col('tenure_days')), percentileOfRanks(col('p_alive'))];
  const growth = percentileOfRanks(col('growth'));
  // Pyramid: position by value descending, ties in customer order (the table is sorted by CUSTOMER_ORDER).
  const position = o.pyramidBy === 'historic' ? positionsDescending(col('spend'), spendRanks) : positionsDescending(col('clv'), clvRanks);
  const churnRank = rankWarned(col('churn_warning'), col('value_at_risk'));
  // The small integers (scores 1–5, segment rule, pyramid tier, churn rank) travel as one exact
  // integer-valued double, code = ((churn_rank · 4 + tier) · 1000 + segment) · 1000 + 100r + 10f + m
  // (< 2⁵³ up to 10⁹ customers), split again in SQL: each appended column costs ~65 ms a million rows.
  // The segment is the first rule that holds and the tier the first cut reached, as the SQL CASEs were
  // (position / n and cut + 1e-12 are the same doubles in JS and DuckDB).
  const tierCuts = [cuts.key + 1e-12, cuts.large + 1e-12, cuts.medium + 1e-12];
  const code = new Float64Array(n), loyalty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    loyalty[i] = (loyF[i] + loyT[i] + loyP[i]) / 3;
    let seg = rules.findIndex((x) => r[i] >= x.r[0] && r[i] <= x.r[1] && f[i] >= x.f[0] && f[i] <= x.f[1] && m[i] >= x.m[0] && m[i] <= x.m[1]);
    if (seg < 0) seg = rules.length;
    const p = position[i] / n;
    const tier = p <= tierCuts[0] ? 0 : p <= tierCuts[1] ? 1 : p <= tierCuts[2] ? 2 : 3;
    code[i] = ((churnRank[i] * 4 + tier) * 1000 + seg) * 1000 + 100 * r[i] + 10 * f[i] + m[i];
  }
  return { code, current, future, loyalty, growth };
}

/**
 * rank() by value at risk, descending (NULL last), among the customers with a churn warning
 * (flag 1); 0 for the others (the SQL leaves their rank NULL).
 */
function rankWarned(flag: Float64Array, valueAtRisk: Float64Array): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < flag.length; i++) if (flag[i] === 1) idx.push(i);
  const { lo } = tieRanks(negate(Float64Array.from(idx, (i) => valueAtRisk[i])));
  const out = new Float64Array(flag.length);
  idx.forEach((i, k) => { out[i] = lo[k] + 1; });
  return out;
}
