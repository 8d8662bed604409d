// Scores every customer of `customer_summary` with a fitted count model (and optionally Gamma-Gamma):
// expected purchases over a horizon, P(alive) now and at the horizon, expected spend per purchase and
// discounted CLV — without turning customers into JS objects.
//
// Why this shape: the model quantities depend on (x, t_x, T) only, and the costly horizon sums and
// survival factors on (x, T) only (CountModel.expectedPurchasesIfAlive, survivalIfAlive), so we
// compute them once per distinct pattern or pair in JS, append them to DuckDB and join back in SQL.
// Gamma-Gamma's E[M | x, m̄] is a closed form, evaluated in SQL per customer. At 1M customers this is
// ~10⁵ patterns and ~10³ (x, T) pairs instead of 10⁶ rows.
import type { DuckDbEngine } from '../engines/duckdb/duckdb-engine.ts';
import { overlapped } from '../engines/duckdb/overlapped.ts';
import { quoteIdent } from '../engines/duckdb/sql-literal.ts';
import { discountedPurchasesIfAlive, type DiscountSchedule } from '../analytics/models/clv.ts';
import type { GammaGammaParams } from '../analytics/models/gamma-gamma.ts';
import { ModelError } from '../analytics/models/model-error.ts';
import type { CountModel, RfPatterns } from '../analytics/models/types.ts';
import { distinctIndex } from '../analytics/numerics/distinct-index.ts';
import { readRfPatterns } from '../analytics/summary/read-summary.ts';
import { dropRelation } from '../analytics/summary/drop-relation.ts';

export interface ScoreOptions<P extends string> {
  model: CountModel<P>;
  params: Record<P, number>;
  /** Horizon for expected purchases and P(alive at T + horizon), in the summary's unit. */
  horizon: number;
  /** Gamma-Gamma parameters for expected spend and CLV; omitted: no spend columns. */
  spend?: GammaGammaParams;
  /** Discounting for CLV (needs `spend`). */
  clv?: DiscountSchedule;
  source?: string;
  target?: string;
  /** The distinct (frequency, recency, T) of `source`, when the caller has them (from fitting); read otherwise. */
  patterns?: RfPatterns;
  /**
   * Make `target` a view (summary joined with the per-pattern scores) instead of a table: for a caller
   * that reads it once, such as the value pipeline writing its result file, it saves materialising a
   * copy of every customer (at 5M customers ~0.7 GB).
   */
  view?: boolean;
  /**
   * More per-pattern columns passed on to every customer: name → SQL over pattern_scores' columns
   * (x, tx, T, p_alive, p_alive_horizon, expected_purchases), evaluated once per pattern
   * (write-customers.ts csvPatternText).
   */
  patternColumns?: Readonly<Record<string, string>>;
}

export interface ScoreInfo {
  customers: number;
  patterns: number;
  /** Distinct (x, T) pairs the horizon sums were computed for. */
  pairs: number;
}

/** Creates `target` (default `customer_scores`, a table unless `view`): every summary column plus the predictions. */
export async function scoreCustomers<P extends string>(db: DuckDbEngine, o: ScoreOptions<P>): Promise<ScoreInfo> {
  // Checked before the per-pattern work too (joinScores checks again), so that bad input fails at once.
  checkSpend(o.spend, o.clv !== undefined);
  const scored = await scorePatterns(db, { ...o, discount: o.clv });
  await scored.ready();
  const customers = await joinScores(db, { ...o, clv: o.clv !== undefined });
  return { ...scored.info, customers };
}

/** The count model's scores per distinct pattern (patternScores), in the patterns' order. */
export interface PatternScores {
  pAlive: Float64Array;
  pAliveHorizon: Float64Array;
  expected: Float64Array;
  discounted: Float64Array;
  discountedIfAlive: Float64Array;
  /** Distinct (x, T) pairs the horizon sums were computed for. */
  pairs: number;
}

/**
 * What the count model gives each distinct pattern: P(alive) now and at the horizon, expected
 * purchases in the horizon, and with `discount` the discounted purchases (with and without the
 * P(alive) factor). Pure maths, for scorePatterns and for callers that compute while DuckDB works.
 */
export function patternScores<P extends string>(model: CountModel<P>, params: Record<P, number>, patterns: RfPatterns, o: { horizon: number; discount?: DiscountSchedule }): PatternScores {
  const { x, tx, T } = patterns;
  const n = x.length;
  // The horizon sums and the survival factor depend on (x, T) only: computed once per distinct pair,
  // found through the distinct x and T (a few hundred each) instead of a string-keyed map.
  const X = distinctIndex(x), TT = distinctIndex(T);
  const pairOf = new Int32Array(X.values.length * TT.values.length).fill(-1);
  const pairIfAlive: number[] = [], pairDisc: number[] = [], pairSurvival: number[] = [];
  const survival = model.survivalIfAlive?.bind(model);
  const pAlive = new Float64Array(n), pAliveH = new Float64Array(n), expected = new Float64Array(n), disc = new Float64Array(n), discIfAlive = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const key = X.index[i] * TT.values.length + TT.index[i];
    let k = pairOf[key];
    if (k < 0) {
      k = pairIfAlive.length;
      pairOf[key] = k;
      pairIfAlive.push(model.expectedPurchasesIfAlive(params, o.horizon, x[i], T[i]));
      pairDisc.push(o.discount ? discountedPurchasesIfAlive(model, params, x[i], T[i], o.discount) : 0);
      pairSurvival.push(survival ? survival(params, o.horizon, x[i], T[i]) : Number.NaN);
    }
    pAlive[i] = model.pAlive(params, x[i], tx[i], T[i]);
    pAliveH[i] = survival ? pAlive[i] * pairSurvival[k] : model.pAliveAt(params, o.horizon, x[i], tx[i], T[i]);
    expected[i] = pAlive[i] * pairIfAlive[k];
    disc[i] = pAlive[i] * pairDisc[k];
    discIfAlive[i] = pairDisc[k];
  }
  return { pAlive, pAliveHorizon: pAliveH, expected, discounted: disc, discountedIfAlive: discIfAlive, pairs: pairIfAlive.length };
}

/** scoreCustomers' first half: what the count model gives (the discounted purchases when `discount` is set). */
export type PatternScoreOptions<P extends string> = Omit<ScoreOptions<P>, 'spend' | 'clv' | 'target' | 'view'> & { discount?: DiscountSchedule };

/**
 * scoreCustomers' first half: the count model's scores per distinct pattern (patternScores) and
 * storePatternScores.
 */
export async function scorePatterns<P extends string>(db: DuckDbEngine, o: PatternScoreOptions<P>): Promise<{ info: Omit<ScoreInfo, 'customers'>; ready: () => Promise<void> }> {
  const patterns = o.patterns ?? await readRfPatterns(db, o.source ?? 'customer_summary');
  return storePatternScores(db, patterns, patternScores(o.model, o.params, patterns, o), o.patternColumns);
}

/**
 * The scores appended to DuckDB beside their patterns, and `pattern_scores` (with `patternColumns`)
 * built from them on DuckDB's threads. Returns at once with the wait for that statement, so the caller
 * can compute meanwhile — the value pipeline fits Gamma-Gamma then (engines/duckdb/overlapped.ts);
 * nothing else may use `db` before the wait. The spend model is not needed here: the discounted
 * purchases depend on the count model alone.
 */
export async function storePatternScores(db: DuckDbEngine, patterns: RfPatterns, s: PatternScores, patternColumns?: Readonly<Record<string, string>>): Promise<{ info: Omit<ScoreInfo, 'customers'>; ready: () => Promise<void> }> {
  // A plain table (not TEMP): a view on it may outlive the connection in a database file.
  const extra = Object.entries(patternColumns ?? {});
  const values = extra.length > 0 ? 'pattern_values' : 'pattern_scores';
  await db.run(`CREATE OR REPLACE TABLE ${values} (x DOUBLE, tx DOUBLE, "T" DOUBLE, p_alive DOUBLE, p_alive_horizon DOUBLE, expected_purchases DOUBLE, discounted_purchases DOUBLE, discounted_if_alive DOUBLE)`);
  await db.append(values, [patterns.x, patterns.tx, patterns.T, s.pAlive, s.pAliveHorizon, s.expected, s.discounted, s.discountedIfAlive]);
  const info = { patterns: patterns.x.length, pairs: s.pairs };
  if (extra.length === 0) return { info, ready: async () => {} };
  return {
    info,
    ready: overlapped(db, `CREATE OR REPLACE TABLE pattern_scores AS SELECT *, ${extra.map(([name, sql]) => `${sql} AS ${quoteIdent(name)}`).join(', ')} FROM ${values};
      DROP TABLE ${values}`),
  };
}

/**
 * scoreCustomers' second half, after scorePatterns' wait: `target` = the summary joined with
 * `pattern_scores`, with the spend columns when `spend` is given (and CLV with `clv`). Returns the
 * number of customers.
 */
export async function joinScores(db: DuckDbEngine, o: { source?: string; target?: string; view?: boolean; spend?: GammaGammaParams; clv?: boolean; patternColumns?: Readonly<Record<string, string>> }): Promise<number> {
  const source = o.source ?? 'customer_summary';
  const target = o.target ?? 'customer_scores';
  checkSpend(o.spend, o.clv === true);
  // Gamma-Gamma conditional expected spend, Fader, Hardie & Lee (2005, "RFM and CLV"), eq. 5 /
  // Fader & Hardie (2013) eq. 6: E[M | x, m̄] = p(γ + x m̄)/(p x + q − 1); at x = 0 it is the
  // population mean pγ/(q − 1).
  const spendSql = o.spend
    ? `, (${o.spend.p} * (${o.spend.gamma} + s.frequency * s.monetary_value)) / (${o.spend.p} * s.frequency + ${o.spend.q} - 1) AS expected_spend`
    : '';
  // CLV if the customer is still active (no P(alive) factor): what is lost if they have left. Value
  // at risk is (1 − P(alive)) × this; dividing the CLV by a rounded P(alive) instead blew up for
  // customers whose P(alive) rounds to 0.
  const clvSql = o.clv ? ', expected_spend * discounted_purchases AS clv, expected_spend * discounted_if_alive AS clv_if_alive' : '';
  const extra = Object.keys(o.patternColumns ?? {});
  // No ORDER BY: the relation is an intermediate; the result file (write-customers.ts) is sorted.
  await dropRelation(db, target);
  await db.run(`CREATE ${o.view ? 'VIEW' : 'TABLE'} ${target} AS
    SELECT * EXCLUDE (discounted_purchases, discounted_if_alive)${clvSql} FROM (
      SELECT s.*, ps.p_alive, ps.p_alive_horizon, ps.expected_purchases, ps.discounted_purchases, ps.discounted_if_alive${extra.map((name) => `, ps.${quoteIdent(name)}`).join('')}${spendSql}
      FROM ${source} s
      JOIN pattern_scores ps ON ps.x = s.frequency AND ps.tx = s.recency AND ps."T" = s."T"
    )`);
  // Every customer has its pattern, so a view has as many rows as the source (counting it would run the join).
  return Number(await db.scalar(`SELECT count(*) FROM ${o.view ? source : target}`));
}

function checkSpend(spend: GammaGammaParams | undefined, clv: boolean): void {
  if (clv && !spend) throw new ModelError('invalid-input', 'CLV needs a spend model (Gamma-Gamma)');
  if (spend && !(spend.q > 1)) {
    throw new ModelError('invalid-params', `Gamma-Gamma q = ${spend.q} ≤ 1: the expected spend is infinite (E[M] = pγ/(q−1)); the data's spend is too heavy-tailed for this model`);
  }
}
