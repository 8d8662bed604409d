// Customer clustering end to end, on arrays: log1p + z-score the features, run k-means for each k
// in kMin..kMax, pick the k with the highest mean silhouette width, and describe each cluster from
// its centroid (words) and its members (means in the features' own units). Pure: no I/O.
import { ModelError } from '../models/model-error.ts';
import { describeCentroid, type Words } from './describe-cluster.ts';
import { kMeans, type KMeansResult } from './k-means.ts';
import { constantColumns, logStandardize } from './log-standardize.ts';
import { meanSilhouettes } from './silhouette.ts';

export interface Feature {
  readonly name: string;
  readonly values: Float64Array;
}

export interface ClusterOptions {
  /** Range of k tried (default 2..8); a k above n − 1 is skipped. */
  kMin?: number;
  kMax?: number;
  /** Use this k instead of choosing one (the silhouette curve is still reported). */
  k?: number;
  seed?: number;
  restarts?: number;
  maxIterations?: number;
  /** Rows scored exactly by the silhouette; above it a seeded sample of this size (default 10,000). */
  silhouetteMaxExact?: number;
  /** |z| of a centroid feature that earns a word (default 0.25 standard deviations, see describe-cluster.ts). */
  describeThreshold?: number;
}

export interface ClusterSummary {
  /** 0-based cluster number; clusters are numbered by size, largest first. */
  readonly id: number;
  readonly size: number;
  readonly share: number;
  /** Centroid in standardised log units (0 = the base's mean of log1p(feature)). */
  readonly centroid: Record<string, number>;
  /** Arithmetic means of the members' raw feature values (original units). */
  readonly means: Record<string, number>;
  readonly description: Words;
}

export interface ClusterResult {
  readonly features: string[];
  readonly dropped: { feature: string; reason: string }[];
  readonly transform: { center: Record<string, number>; scale: Record<string, number>; clampedBelowZero: Record<string, number> };
  readonly silhouette: { k: number; mean: number; withinSS: number }[];
  readonly silhouetteRows: number;
  readonly silhouetteExact: boolean;
  readonly k: number;
  readonly chosenBy: 'silhouette' | 'given';
  readonly labels: Int32Array;
  readonly clusters: ClusterSummary[];
}

/**
 * @example
 * const r = clusterCustomers([{ name: 'frequency', values }, { name: 'monetary', values: m }], { seed: 7 });
 * r.k; r.clusters[0].description.en; // 'frequent, high spend'
 */
export function clusterCustomers(features: readonly Feature[], o: ClusterOptions = {}): ClusterResult {
  const constant = new Set(constantColumns(features.map((f) => f.values)));
  const used = features.filter((_, j) => !constant.has(j));
  const dropped = features.filter((_, j) => constant.has(j)).map((f) => ({ feature: f.name, reason: 'the same value for every customer' }));
  if (used.length === 0) throw new ModelError('invalid-input', 'no feature varies between customers: nothing to cluster on');
  const z = logStandardize(used.map((f) => f.values));
  const names = used.map((f) => f.name);
  const kMin = o.kMin ?? 2;
  const kMax = Math.min(o.kMax ?? 8, z.n - 1);
  if (!(Number.isInteger(kMin) && kMin >= 2)) throw new ModelError('invalid-params', `the smallest k must be a whole number ≥ 2, got ${kMin}`);
  if (kMax < kMin) throw new ModelError('invalid-input', `${z.n} customers are too few for k from ${kMin} to ${o.kMax ?? 8}`);
  const runOptions = { seed: o.seed ?? 1, restarts: o.restarts, maxIterations: o.maxIterations };
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const runs = ks.map((k) => kMeans(z, { ...runOptions, k }));
  const sil = meanSilhouettes(z, runs, o.silhouetteMaxExact ?? 10_000, o.seed ?? 1);
  const curve = runs.map((r, i) => ({ k: r.k, mean: sil.means[i], withinSS: r.withinSS }));
  let chosen: KMeansResult;
  if (o.k !== undefined) {
    if (!(Number.isInteger(o.k) && o.k >= 1 && o.k <= z.n)) throw new ModelError('invalid-params', `k must be a whole number from 1 to ${z.n}, got ${o.k}`);
    chosen = runs.find((r) => r.k === o.k) ?? kMeans(z, { ...runOptions, k: o.k });
  } else {
    // Highest mean silhouette; on a tie the smaller k (fewer segments to act on).
    let best = 0;
    for (let i = 1; i < runs.length; i++) if (sil.means[i] > sil.means[best]) best = i;
    chosen = runs[best];
  }
  const { labels, clusters } = summarise(chosen, names, used, z.p, o.describeThreshold ?? 0.25);
  const record = (a: ArrayLike<number>) => Object.fromEntries(names.map((nm, j) => [nm, a[j]]));
  return {
    features: names, dropped,
    transform: { center: record(z.center), scale: record(z.scale), clampedBelowZero: record(z.clampedBelowZero) },
    silhouette: curve, silhouetteRows: sil.rows, silhouetteExact: sil.exact,
    k: chosen.k, chosenBy: o.k === undefined ? 'silhouette' : 'given', labels, clusters,
  };
}

/** Renumbers clusters by size (largest first, ties by old number) and describes each. */
function summarise(r: KMeansResult, names: string[], used: readonly Feature[], p: number, threshold: number): { labels: Int32Array; clusters: ClusterSummary[] } {
  const order = Array.from({ length: r.k }, (_, j) => j).sort((a, b) => r.sizes[b] - r.sizes[a] || a - b);
  const newId = new Int32Array(r.k);
  order.forEach((old, id) => { newId[old] = id; });
  const labels = r.labels.map((l) => newId[l]);
  const n = labels.length;
  const sums = new Float64Array(r.k * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) sums[labels[i] * p + j] += used[j].values[i];
  const clusters = order.map((old, id): ClusterSummary => {
    const size = r.sizes[old];
    const centroid = r.centers.subarray(old * p, old * p + p);
    return {
      id, size, share: size / n,
      centroid: Object.fromEntries(names.map((nm, j) => [nm, centroid[j]])),
      means: Object.fromEntries(names.map((nm, j) => [nm, size > 0 ? sums[id * p + j] / size : Number.NaN])),
      description: describeCentroid(names, centroid, threshold),
    };
  });
  return { labels, clusters };
}
