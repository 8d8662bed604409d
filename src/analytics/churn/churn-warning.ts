// Churn early warning (流失预警): customers ranked by value at risk and flagged by an explained
// threshold. Pure functions over columns.
//   value at risk = (1 − P(alive)) × expected value
// P(alive) is the model's probability that the customer is still active at the end of observation
// (BG/NBD: Fader, Hardie & Lee 2005, Marketing Science 24(2), and their note "Computing P(alive)
// using the BG/NBD model", brucehardie.com note 021; Pareto/NBD: Schmittlein, Morrison & Colombo
// 1987, Management Science 33(1)), and the expected value is e.g. the 12-month CLV. The product is
// what the business expects to lose with this customer if nothing is done; ranking by it puts a
// valuable customer who is slipping before a cheap one who has already gone, which ranking by
// P(alive) alone would not. (cvm analyze's clv_12m is itself weighted by P(alive); see
// docs/churn-and-survival.md for what that means for the ranking.)
import { ChurnError } from './churn-error.ts';

/**
 * How customers are flagged:
 *  - 'p-alive' (default, τ = 0.5): flag when P(alive) < τ. At 0.5 the customer is more likely gone
 *    than active, the decision boundary when a missed churner and a needless contact cost the same;
 *    lower τ when contacts are expensive, raise it to act earlier.
 *  - 'value-share' (share = 0.8): flag the smallest set of top-ranked customers holding at least that
 *    share of the total value at risk, for a budget that should go where most of the loss is.
 */
export type ThresholdRule = { kind: 'p-alive'; tau: number } | { kind: 'value-share'; share: number };
export const DEFAULT_TAU = 0.5;
export const DEFAULT_RULE: ThresholdRule = Object.freeze({ kind: 'p-alive', tau: DEFAULT_TAU });
export const DEFAULT_VALUE_SHARE = 0.8;

export interface ChurnInput {
  ids: readonly string[];
  pAlive: ArrayLike<number>;
  /** Expected value over the horizon (≥ 0); NaN when unknown: such customers are left out and counted. */
  value: ArrayLike<number>;
}

export interface ChurnRanking {
  rule: ThresholdRule;
  valueAtRisk: Float64Array;
  /** Indices of the ranked customers, highest value at risk first (ties: lower P(alive), then id). */
  order: Uint32Array;
  /** rank[i]: 1-based rank of customer i; 0 for a customer left out (unknown P(alive) or value). */
  rank: Uint32Array;
  /** flagged[i] = 1 when the rule flags customer i. */
  flagged: Uint8Array;
  customers: number;
  excluded: number;
  flaggedCount: number;
  totalValueAtRisk: number;
  flaggedValueAtRisk: number;
}

/**
 * Ranks customers by value at risk and applies the rule.
 * @example
 * const r = rankValueAtRisk({ ids: ['a', 'b'], pAlive: [0.9, 0.2], value: [100, 50] });
 * r.valueAtRisk // [10, 40]; r.order // [1, 0]; r.flagged // [0, 1]
 */
export function rankValueAtRisk(input: ChurnInput, rule: ThresholdRule = DEFAULT_RULE): ChurnRanking {
  checkRule(rule);
  const { ids, pAlive, value } = input;
  const n = ids.length;
  if (pAlive.length !== n || value.length !== n) {
    throw new ChurnError('invalid-input', `ids, p_alive and value must have the same length (${n}, ${pAlive.length}, ${value.length})`);
  }
  const valueAtRisk = new Float64Array(n);
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = pAlive[i];
    const v = value[i];
    if (Number.isNaN(p) || Number.isNaN(v)) { valueAtRisk[i] = Number.NaN; continue; }
    if (!(p >= 0 && p <= 1)) throw new ChurnError('invalid-input', `customer ${ids[i]}: P(alive) must be between 0 and 1 (got ${p})`);
    if (!(v >= 0 && Number.isFinite(v))) throw new ChurnError('invalid-input', `customer ${ids[i]}: the expected value must be a finite number ≥ 0 (got ${v})`);
    valueAtRisk[i] = (1 - p) * v;
    kept.push(i);
  }
  kept.sort((a, b) => valueAtRisk[b] - valueAtRisk[a] || pAlive[a] - pAlive[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const order = Uint32Array.from(kept);
  const rank = new Uint32Array(n);
  order.forEach((i, k) => { rank[i] = k + 1; });
  let total = 0;
  for (const i of order) total += valueAtRisk[i];
  const flagged = new Uint8Array(n);
  let flaggedValue = 0;
  let flaggedCount = 0;
  if (rule.kind === 'p-alive') {
    for (const i of order) if (pAlive[i] < rule.tau) { flagged[i] = 1; flaggedValue += valueAtRisk[i]; flaggedCount++; }
  } else {
    // Walk down the ranking until the flagged customers hold the share; nothing to flag when nothing is at risk.
    for (const i of order) {
      if (total === 0 || flaggedValue >= rule.share * total) break;
      flagged[i] = 1; flaggedValue += valueAtRisk[i]; flaggedCount++;
    }
  }
  return {
    rule, valueAtRisk, order, rank, flagged, customers: n, excluded: n - order.length, flaggedCount,
    totalValueAtRisk: total, flaggedValueAtRisk: flaggedValue,
  };
}

function checkRule(rule: ThresholdRule): void {
  if (rule.kind === 'p-alive') {
    if (!(rule.tau > 0 && rule.tau <= 1)) throw new ChurnError('invalid-option', `the P(alive) threshold must be in (0, 1] (got ${rule.tau})`);
  } else if (rule.kind === 'value-share') {
    if (!(rule.share > 0 && rule.share <= 1)) throw new ChurnError('invalid-option', `the value-at-risk share must be in (0, 1] (got ${rule.share})`);
  } else {
    throw new ChurnError('invalid-option', `unknown threshold rule ${JSON.stringify(rule)}`);
  }
}
