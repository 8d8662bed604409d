// The feature transform in front of k-means: log1p of each (non-negative) column, then a z-score.
// Why logs: order counts and spend are right-skewed over orders of magnitude (a few customers buy a
// hundred times more than the median), and on the raw scale k-means spends its clusters splitting
// the tail. log1p rather than log keeps zeros (no discount, recency 0 days) finite.
// Why z-scores: k-means uses Euclidean distance, so without them the feature with the widest log
// range would decide the clusters alone. The scale is the sample standard deviation (divisor n − 1),
// as R's scale() uses, so a fixture made in R sees the same matrix.
import { ModelError } from '../models/model-error.ts';

/** A dense row-major matrix: row i, column j is data[i * p + j]. */
export interface Matrix {
  readonly n: number;
  readonly p: number;
  readonly data: Float64Array;
}

export interface LogStandardized extends Matrix {
  /** Mean of log1p(value) per column (the z-score's centre). */
  readonly center: Float64Array;
  /** Sample standard deviation of log1p(value) per column. */
  readonly scale: Float64Array;
  /** Values below 0 that were taken as 0 before the log (net refunds, say), per column. */
  readonly clampedBelowZero: Int32Array;
}

/**
 * log1p, then z-score, column by column. Negative values are taken as 0 (log1p is undefined below
 * −1 and a net refund is "no spend" for segmentation) and counted; NaN is refused.
 * Columns with zero spread are refused: the caller drops them first (see `constantColumns`).
 * @example logStandardize([Float64Array.of(0, 9, 99)]) // one column: log1p → 0, 2.30, 4.61 → z
 */
export function logStandardize(columns: readonly Float64Array[]): LogStandardized {
  const p = columns.length;
  if (p === 0) throw new ModelError('invalid-input', 'clustering needs at least one feature');
  const n = columns[0].length;
  if (n < 2) throw new ModelError('invalid-input', `clustering needs at least 2 customers, got ${n}`);
  const data = new Float64Array(n * p);
  const center = new Float64Array(p);
  const scale = new Float64Array(p);
  const clampedBelowZero = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    const col = columns[j];
    if (col.length !== n) throw new ModelError('invalid-input', `feature ${j} has ${col.length} values, expected ${n}`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let v = col[i];
      if (Number.isNaN(v)) throw new ModelError('invalid-input', `feature ${j} has a missing value at row ${i}`);
      if (v < 0) { v = 0; clampedBelowZero[j]++; }
      const t = Math.log1p(v);
      data[i * p + j] = t;
      sum += t;
    }
    const mean = sum / n;
    // Two-pass variance: the one-pass Σx² − n·mean² loses every digit when the spread is small
    // against the mean, which log features (all near, say, 5) are prone to.
    let ss = 0;
    for (let i = 0; i < n; i++) { const d = data[i * p + j] - mean; ss += d * d; }
    const sd = Math.sqrt(ss / (n - 1));
    if (!(sd > 0) || !Number.isFinite(sd)) throw new ModelError('invalid-input', `feature ${j} has the same value for every customer`);
    center[j] = mean;
    scale[j] = sd;
    for (let i = 0; i < n; i++) data[i * p + j] = (data[i * p + j] - mean) / sd;
  }
  return { n, p, data, center, scale, clampedBelowZero };
}

/** Indices of columns whose log1p values do not vary (they carry no information for clustering). */
export function constantColumns(columns: readonly Float64Array[]): number[] {
  const out: number[] = [];
  columns.forEach((col, j) => {
    if (col.length === 0) { out.push(j); return; }
    const first = Math.log1p(Math.max(0, col[0]));
    for (let i = 1; i < col.length; i++) if (Math.log1p(Math.max(0, col[i])) !== first) return;
    out.push(j);
  });
  return out;
}
