// The comprehensive customer value model (客户综合价值模型): five dimensions, each scored 0–100 against
// the whole base, combined with configurable weights. Every score can be explained dimension by
// dimension (docs/composite-score.md gives each formula and why).
//
// Scaling: a dimension's raw measure becomes its average-rank percentile,
//   score = 100 · (below + (ties − 1)/2) / (n − 1),
// so 0 is the lowest customer, 100 the highest, ties share a score and the scale does not depend on
// the currency or on outliers (a few huge spenders do not squash everyone else to 0).

export interface CompositeInput {
  /** Current contribution: revenue (or margin) in the recent window. */
  currentValue: ArrayLike<number>;
  /** Future contribution: predicted CLV over the horizon. */
  futureValue: ArrayLike<number>;
  /** Credit: share of spend returned (0–1) and number of disputes/complaints (omit when unknown). */
  returnShare?: ArrayLike<number>;
  disputes?: ArrayLike<number>;
  /** Loyalty: repeat purchases, tenure (days since first purchase) and P(alive). */
  repeatPurchases: ArrayLike<number>;
  tenureDays: ArrayLike<number>;
  pAlive: ArrayLike<number>;
  /** Growth: spend in the recent half-window / spend in the previous half-window (log ratio used), and new categories bought recently. */
  spendTrend: ArrayLike<number>;
  newCategories?: ArrayLike<number>;
}

export type Dimension = 'current' | 'future' | 'credit' | 'loyalty' | 'growth';
export const DIMENSIONS: readonly Dimension[] = ['current', 'future', 'credit', 'loyalty', 'growth'];
export type Weights = Record<Dimension, number>;
/** Defaults: value now and value to come weigh most; see docs/composite-score.md. */
export const DEFAULT_WEIGHTS: Weights = { current: 0.3, future: 0.3, credit: 0.1, loyalty: 0.2, growth: 0.1 };

export interface CompositeScores {
  dimensions: Record<Dimension, Float64Array>;
  total: Float64Array;
  weights: Weights;
  /** Dimensions scored 50 for everyone because their inputs were missing. */
  missing: Dimension[];
}

/** Average-rank percentile on 0–100 (ties share the mean of their positions). */
export function percentileScores(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n <= 1) { out.fill(50); return out; }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  for (let s = 0; s < n;) {
    let e = s;
    while (e + 1 < n && values[order[e + 1]] === values[order[s]]) e++;
    const score = (100 * (s + e) / 2) / (n - 1);
    for (let k = s; k <= e; k++) out[order[k]] = score;
    s = e + 1;
  }
  return out;
}

const mean = (cols: Float64Array[]): Float64Array => {
  const out = new Float64Array(cols[0].length);
  for (const c of cols) for (let i = 0; i < c.length; i++) out[i] += c[i] / cols.length;
  return out;
};

export function compositeScores(input: CompositeInput, weights: Weights = DEFAULT_WEIGHTS): CompositeScores {
  const n = input.currentValue.length;
  const sum = DIMENSIONS.reduce((s, d) => s + weights[d], 0);
  if (!(sum > 0) || DIMENSIONS.some((d) => !(weights[d] >= 0))) throw new RangeError('weights must be ≥ 0 and not all 0');
  const missing: Dimension[] = [];
  const neutral = () => new Float64Array(n).fill(50);
  // Credit: fewer returns and fewer disputes are better, so rank the negated measures.
  let credit: Float64Array;
  if (input.returnShare || input.disputes) {
    const parts: Float64Array[] = [];
    if (input.returnShare) parts.push(percentileScores(Array.from(input.returnShare, (v) => -v)));
    if (input.disputes) parts.push(percentileScores(Array.from(input.disputes, (v) => -v)));
    credit = mean(parts);
  } else { credit = neutral(); missing.push('credit'); }
  const loyalty = mean([percentileScores(input.repeatPurchases), percentileScores(input.tenureDays), percentileScores(input.pAlive)]);
  const growthParts = [percentileScores(Array.from(input.spendTrend, (v) => Math.log(Math.max(v, 1e-6))))];
  if (input.newCategories) growthParts.push(percentileScores(input.newCategories));
  const dimensions: Record<Dimension, Float64Array> = {
    current: percentileScores(input.currentValue), future: percentileScores(input.futureValue), credit, loyalty, growth: mean(growthParts),
  };
  const total = new Float64Array(n);
  for (const d of DIMENSIONS) {
    const w = weights[d] / sum;
    for (let i = 0; i < n; i++) total[i] += w * dimensions[d][i];
  }
  return { dimensions, total, weights, missing };
}

/** One customer's score explained: each dimension's score, weight and points contributed. */
export function explainScore(s: CompositeScores, i: number): { dimension: Dimension; score: number; weight: number; points: number }[] {
  const sum = DIMENSIONS.reduce((a, d) => a + s.weights[d], 0);
  return DIMENSIONS.map((d) => ({ dimension: d, score: s.dimensions[d][i], weight: s.weights[d] / sum, points: (s.weights[d] / sum) * s.dimensions[d][i] }));
}
