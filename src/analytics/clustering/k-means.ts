// k-means: k-means++ seeding (Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful
// seeding", SODA '07, §2.2) and Lloyd iterations (Lloyd 1982, "Least squares quantization in PCM",
// IEEE Trans. Inf. Theory 28(2)), restarted several times from the seeded stream, keeping the
// restart with the smallest total within-cluster sum of squares.
// Why k-means++: it is O(log k)-competitive in expectation (A&V Theorem 3.1), so a handful of
// restarts suffices, where uniform seeds often leave two centres in one blob and none in another.
import { ModelError } from '../models/model-error.ts';
import { Random } from '../simulate/random.ts';
import type { Matrix } from './log-standardize.ts';

export interface KMeansOptions {
  k: number;
  /** Seed of the xoshiro128** stream (same seed → same clusters). Default 1. */
  seed?: number;
  /** Independent k-means++ starts; the best by within-cluster sum of squares is kept. Default 10. */
  restarts?: number;
  /** Lloyd iterations per start. Default 100. */
  maxIterations?: number;
}

export interface KMeansResult {
  readonly k: number;
  /** Cluster of each row, 0..k−1. */
  readonly labels: Int32Array;
  /** k × p centres, row-major. */
  readonly centers: Float64Array;
  readonly sizes: Int32Array;
  /** Σ over rows of the squared distance to the row's centre. */
  readonly withinSS: number;
  /** Lloyd iterations of the kept start, and whether its assignments stopped changing. */
  readonly iterations: number;
  readonly converged: boolean;
}

const sqDist = (x: Float64Array, i: number, c: Float64Array, j: number, p: number): number => {
  let s = 0;
  for (let d = 0; d < p; d++) { const t = x[i * p + d] - c[j * p + d]; s += t * t; }
  return s;
};

/**
 * Clusters the rows of `m` into k groups.
 * @example kMeans({ n: 4, p: 1, data: Float64Array.of(0, 1, 10, 11) }, { k: 2 }).labels // [0, 0, 1, 1] or [1, 1, 0, 0]
 */
export function kMeans(m: Matrix, o: KMeansOptions): KMeansResult {
  const { n } = m;
  const k = o.k;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new ModelError('invalid-params', `k must be a whole number from 1 to ${n}, got ${k}`);
  const restarts = o.restarts ?? 10;
  const maxIterations = o.maxIterations ?? 100;
  if (!(Number.isInteger(restarts) && restarts >= 1)) throw new ModelError('invalid-params', `restarts must be a whole number ≥ 1, got ${restarts}`);
  const rng = new Random(o.seed ?? 1);
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(m, k, seedPlusPlus(m, k, rng), maxIterations);
    if (!best || run.withinSS < best.withinSS) best = run;
  }
  if (!best) throw new ModelError('invalid-params', 'no k-means run');
  return best;
}

/** k-means++ (A&V 2007 §2.2, steps 1a–1c): first centre uniform, each next one with probability D(x)² / Σ D². */
export function seedPlusPlus(m: Matrix, k: number, rng: Random): Float64Array {
  const { n, p, data } = m;
  const centers = new Float64Array(k * p);
  const pick = (row: number, j: number) => centers.set(data.subarray(row * p, row * p + p), j * p);
  pick(Math.floor(rng.next() * n), 0);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = sqDist(data, i, centers, 0, p);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += d2[i];
    let row = n - 1;
    if (total > 0) {
      // Inversion on the running sum; the final `row = n − 1` fallback catches rounding at the top end.
      const u = rng.next() * total;
      let acc = 0;
      for (let i = 0; i < n; i++) { acc += d2[i]; if (acc > u && d2[i] > 0) { row = i; break; } }
    } else {
      row = Math.floor(rng.next() * n); // every point sits on a centre already, so whichever row is fine
    }
    pick(row, j);
    for (let i = 0; i < n; i++) { const d = sqDist(data, i, centers, j, p); if (d < d2[i]) d2[i] = d; }
  }
  return centers;
}

/** Lloyd's iterations from given centres, until no assignment changes (or maxIterations). */
export function lloyd(m: Matrix, k: number, start: Float64Array, maxIterations: number): KMeansResult {
  const { n, p, data } = m;
  const centers = Float64Array.from(start);
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sizes = new Int32Array(k);
  const sums = new Float64Array(k * p);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bestJ = 0;
      let bestD = Infinity;
      // Strict < : a point equidistant from two centres goes to the lower-numbered one, every run.
      if (p === 3) {
        // Three features (the usual recency, frequency, monetary): the distance unrolled, the same
        // sums in the same order as sqDist ((0 + a) + b) + c = (a + b) + c, a square being ≥ +0.
        const x0 = data[3 * i], x1 = data[3 * i + 1], x2 = data[3 * i + 2];
        for (let j = 0; j < k; j++) {
          const t0 = x0 - centers[3 * j], t1 = x1 - centers[3 * j + 1], t2 = x2 - centers[3 * j + 2];
          const d = t0 * t0 + t1 * t1 + t2 * t2;
          if (d < bestD) { bestD = d; bestJ = j; }
        }
      } else {
        for (let j = 0; j < k; j++) { const d = sqDist(data, i, centers, j, p); if (d < bestD) { bestD = d; bestJ = j; } }
      }
      if (labels[i] !== bestJ) { labels[i] = bestJ; changed++; }
      dist[i] = bestD;
    }
    if (changed === 0) { converged = true; break; }
    recomputeCenters(m, k, labels, dist, centers, sizes, sums);
  }
  let withinSS = 0;
  sizes.fill(0);
  for (let i = 0; i < n; i++) { sizes[labels[i]]++; withinSS += sqDist(data, i, centers, labels[i], p); }
  return { k, labels, centers, sizes, withinSS, iterations, converged };
}

/**
 * Centres as cluster means. A cluster left empty takes the point farthest from its own centre (what
 * scikit-learn's Lloyd implementation does, _relocate_empty_clusters): that point is the worst
 * served, and moving it lowers the within-cluster sum of squares most.
 */
function recomputeCenters(m: Matrix, k: number, labels: Int32Array, dist: Float64Array, centers: Float64Array, sizes: Int32Array, sums: Float64Array): void {
  const { n, p, data } = m;
  sizes.fill(0);
  sums.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    sizes[c]++;
    for (let d = 0; d < p; d++) sums[c * p + d] += data[i * p + d];
  }
  for (let j = 0; j < k; j++) {
    if (sizes[j] > 0) {
      for (let d = 0; d < p; d++) centers[j * p + d] = sums[j * p + d] / sizes[j];
      continue;
    }
    let far = -1;
    for (let i = 0; i < n; i++) if (sizes[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i;
    if (far < 0) continue;
    const donor = labels[far];
    sizes[donor]--;
    // The donor's centre loses the point now, so that a run that stops next iteration has true means.
    for (let d = 0; d < p; d++) {
      sums[donor * p + d] -= data[far * p + d];
      if (donor < j) centers[donor * p + d] = sums[donor * p + d] / sizes[donor];
    }
    labels[far] = j;
    sizes[j] = 1;
    dist[far] = 0;
    centers.set(data.subarray(far * p, far * p + p), j * p);
  }
}
