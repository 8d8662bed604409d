// Silhouette widths (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and
// validation of cluster analysis", J. Comput. Appl. Math. 20, 53–65):
//   a(i) = mean distance from i to the other members of its own cluster A,
//   b(i) = min over clusters C ≠ A of the mean distance from i to the members of C,
//   s(i) = (b(i) − a(i)) / max(a(i), b(i)), and s(i) = 0 when A = {i} (Rousseeuw's convention, which
//   R's cluster::silhouette documents too).
// Distances are Euclidean, as k-means minimises. Exact silhouettes cost O(n² p); above a size limit a
// seeded sample of rows is scored against itself (scikit-learn's silhouette_score(sample_size=…)
// does the same), and the result says so.
import { ModelError } from '../models/model-error.ts';
import { Random } from '../simulate/random.ts';
import type { Matrix } from './log-standardize.ts';

/** One clustering of the rows: labels 0..k−1. */
export interface Labeling {
  readonly k: number;
  readonly labels: Int32Array;
}

/**
 * Silhouette width of every row, for each of several clusterings of the same rows, in one pass over
 * the n(n−1)/2 pairs: the distances do not depend on the clustering, so computing each once and
 * adding it to every clustering's per-cluster sums is k_max-times cheaper than one pass per k.
 * @example silhouetteWidths(matrix, [{ k: 2, labels }])[0] // Float64Array of s(i)
 */
export function silhouetteWidths(m: Matrix, labelings: readonly Labeling[]): Float64Array[] {
  const { n, p, data } = m;
  for (const l of labelings) if (l.labels.length !== n) throw new ModelError('invalid-input', `labels have ${l.labels.length} entries for ${n} rows`);
  // sums[q][i * k_q + c] = Σ over j in cluster c of d(i, j)
  const sums = labelings.map((l) => new Float64Array(n * l.k));
  const q = labelings.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let d = 0; d < p; d++) { const t = data[i * p + d] - data[j * p + d]; s += t * t; }
      const dist = Math.sqrt(s);
      for (let r = 0; r < q; r++) {
        const { k, labels } = labelings[r];
        const sr = sums[r];
        sr[i * k + labels[j]] += dist;
        sr[j * k + labels[i]] += dist;
      }
    }
  }
  return labelings.map((l, r) => widthsFromSums(n, l, sums[r]));
}

function widthsFromSums(n: number, l: Labeling, sums: Float64Array): Float64Array {
  const { k, labels } = l;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = labels[i];
    if (sizes[own] <= 1) continue; // s(i) = 0 for a singleton (see the header)
    const a = sums[i * k + own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[i * k + c] / sizes[c]);
    // b = ∞: only one cluster is present, where the silhouette is undefined; 0 keeps the mean finite.
    s[i] = Number.isFinite(b) ? (b - a) / Math.max(a, b) : 0;
    if (Number.isNaN(s[i])) s[i] = 0; // a = b = 0: duplicate points split over clusters
  }
  return s;
}

export interface SilhouetteSummary {
  /** Mean silhouette width for each clustering, in the order given. */
  readonly means: number[];
  /** Rows the means are over: all of them, or the seeded sample. */
  readonly rows: number;
  readonly exact: boolean;
}

/**
 * Mean silhouette width of each clustering: exact up to `maxExact` rows, otherwise over a seeded
 * simple random sample of `maxExact` rows (distances and cluster sizes within the sample).
 */
export function meanSilhouettes(m: Matrix, labelings: readonly Labeling[], maxExact = 10_000, seed = 1): SilhouetteSummary {
  if (m.n <= maxExact) {
    return { means: silhouetteWidths(m, labelings).map(mean), rows: m.n, exact: true };
  }
  const rows = sampleRows(m.n, maxExact, new Random(seed));
  const sub: Matrix = { n: rows.length, p: m.p, data: new Float64Array(rows.length * m.p) };
  rows.forEach((r, i) => sub.data.set(m.data.subarray(r * m.p, (r + 1) * m.p), i * m.p));
  const subLabelings = labelings.map((l) => ({ k: l.k, labels: Int32Array.from(rows, (r) => l.labels[r]) }));
  return { means: silhouetteWidths(sub, subLabelings).map(mean), rows: rows.length, exact: false };
}

/** `size` distinct row numbers out of n, by a partial Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2P). */
export function sampleRows(n: number, size: number, rng: Random): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
  }
  return idx.slice(0, size).sort();
}

const mean = (a: Float64Array): number => {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
};
