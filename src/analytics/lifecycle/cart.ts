// A CART classification tree (Breiman, Friedman, Olshen & Stone 1984, "Classification and
// Regression Trees", ch. 2–4) on numeric features, grown with the Gini index as rpart grows it with
// cp = 0: a node is split when it has ≥ minSplit rows, is not pure, lies above maxDepth, and some
// split leaves ≥ minLeaf rows on each side and lowers the impurity. Pruning is cart-prune.ts.
//
// Split criterion. With class counts c_j in a node of n rows, n·Gini = n − Σ c_j²/n (the Gini index
// 1 − Σ p_j² of BFOS ch. 4, times n), so the decrease from a split into L and R is
//   ΔI = Σ_j cL_j²/nL + Σ_j cR_j²/nR − Σ_j c_j²/n,
// and the best split maximises Σ cL²/nL + Σ cR²/nR. This form uses only integer counts until the
// final division, so equal splits compare equal instead of differing in the last bit.
// Thresholds are midpoints between adjacent distinct values, rows with x < threshold go left
// (rpart's "x< t"); ties go to the first feature, then the smallest threshold (rpart's order).
//
// Speed: each feature's row order is sorted once at the root (cart-order.ts) and split stably at
// every node (rpart's scheme), so a level of the tree costs O(n·p) instead of a sort per node.
import { ModelError } from '../models/model-error.ts';
import { sortedOrder } from './cart-order.ts';

export interface CartOptions {
  /** Deepest split level; the root is depth 0 (rpart's maxdepth). Default 30. */
  maxDepth?: number;
  /** Rows a node needs before a split is tried (rpart's minsplit). Default 20. */
  minSplit?: number;
  /** Rows each child must keep (rpart's minbucket). Default round(minSplit / 3). */
  minLeaf?: number;
}

export interface CartData {
  /** One array per feature, one value per row (no NaN). */
  readonly features: readonly Float64Array[];
  /** Class of each row, 0..classes−1. */
  readonly y: Int32Array;
  readonly classes: number;
  /** Rows to learn from (default all): cross-validation grows trees on subsets. */
  readonly rows?: Int32Array;
}

/** A grown tree in flat arrays; node 0 is the root, nodes in depth-first order, left child first. */
export interface CartTree {
  readonly classes: number;
  readonly nodeCount: number;
  /** Split feature, or −1 for a leaf. */
  readonly feature: Int32Array;
  /** Rows with x < threshold go to `left`. */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  /** Rows of each class in each node: counts[node * classes + class]. */
  readonly counts: Float64Array;
  readonly size: Float64Array;
  /** n · (Gini decrease) of the node's split, as rpart's `improve`; 0 for leaves. */
  readonly improvement: Float64Array;
}

/**
 * `presorted`: each feature's order of d.rows (cart-order.ts), when the caller already has it.
 * @example growTree({ features: [Float64Array.of(1, 2, 3, 4)], y: Int32Array.of(0, 0, 1, 1), classes: 2 }, { minSplit: 2, minLeaf: 1 })
 *   // root splits at x < 2.5
 */
export function growTree(d: CartData, o: CartOptions = {}, presorted?: Int32Array): CartTree {
  const maxDepth = o.maxDepth ?? 30;
  const minSplit = o.minSplit ?? 20;
  const minLeaf = o.minLeaf ?? Math.max(1, Math.round(minSplit / 3));
  for (const [name, v] of [['maxDepth', maxDepth], ['minSplit', minSplit], ['minLeaf', minLeaf]] as const) {
    if (!(Number.isInteger(v) && v >= (name === 'maxDepth' ? 0 : 1))) throw new ModelError('invalid-params', `${name} must be a whole number ≥ ${name === 'maxDepth' ? 0 : 1}, got ${v}`);
  }
  const K = d.classes;
  const p = d.features.length;
  const rows = d.rows ?? Int32Array.from(d.y, (_, i) => i);
  const m = rows.length;
  if (m === 0) throw new ModelError('invalid-input', 'a tree needs at least one row');
  for (const r of rows) if (!(d.y[r] >= 0 && d.y[r] < K)) throw new ModelError('invalid-input', `class ${d.y[r]} of row ${r} is outside 0..${K - 1}`);
  for (let f = 0; f < p; f++) {
    const x = d.features[f];
    for (const r of rows) if (Number.isNaN(x[r])) throw new ModelError('invalid-input', `feature ${f} is missing at row ${r}`);
  }
  // order[f * m + i]: the i-th row of the current node's range when sorted by feature f.
  if (presorted !== undefined && presorted.length !== p * m) throw new ModelError('invalid-input', `presorted orders hold ${presorted.length} entries, expected ${p * m}`);
  const order = presorted === undefined ? sortedOrder(d.features, rows) : Int32Array.from(presorted);
  // Values and classes laid out in the same order and split along with it, so the split search reads
  // memory in sequence: looking x[row] up through `order` misses the cache at every step once the
  // feature arrays outgrow it (a million rows: 8 MB per feature), which made that search 5× slower.
  if (K > 255) throw new ModelError('invalid-input', `at most 255 classes, got ${K}`);
  const vals = new Float64Array(p * m);
  const cls = new Uint8Array(p * m);
  for (let f = 0; f < p; f++) {
    const x = d.features[f];
    for (let k = f * m; k < (f + 1) * m; k++) { const row = order[k]; vals[k] = x[row]; cls[k] = d.y[row]; }
  }
  const b = new TreeBuilder(K);
  const goLeft = new Uint8Array(d.y.length);
  const tmp = { order: new Int32Array(m), vals: new Float64Array(m), cls: new Uint8Array(m) };
  const leftCounts = new Float64Array(K);
  const nodeCounts = new Float64Array(K);
  const split = { gain: 0 };

  const grow = (lo: number, hi: number, depth: number, parent: number): number => {
    nodeCounts.fill(0);
    for (let i = lo; i < hi; i++) nodeCounts[cls[i]]++;
    const n = hi - lo;
    const id = b.add(parent, depth, nodeCounts, n);
    let pure = false;
    for (let j = 0; j < K; j++) if (nodeCounts[j] === n) pure = true;
    if (n < minSplit || pure || depth >= maxDepth) return id;
    let sumSquares = 0;
    for (let j = 0; j < K; j++) sumSquares += nodeCounts[j] * nodeCounts[j];
    let bestGain = 0;
    let bestFeature = -1;
    let bestAt = -1;
    for (let f = 0; f < p; f++) {
      const at = bestCut(vals, cls, f * m, lo, hi, nodeCounts, leftCounts, sumSquares, minLeaf, split);
      if (at >= 0 && split.gain > bestGain) { bestGain = split.gain; bestFeature = f; bestAt = at; }
    }
    // The gain equals Σ_children n_c·Σ_j (p_cj − p_j)², and its three terms (each ≤ n) carry rounding
    // of order 1e-15·n: a split that keeps the class proportions (1:2 into 1:2 and 1:2) can show a
    // "gain" of a few ulps. Gains ≤ 1e-10·n are taken as that rounding: a real one that small moves
    // no child's class shares by more than 1e-5·√(n/n_c).
    if (bestFeature < 0 || bestGain <= 1e-10 * n) return id;
    const threshold = (vals[bestFeature * m + bestAt] + vals[bestFeature * m + bestAt + 1]) / 2;
    const nLeft = bestAt - lo + 1;
    for (let i = lo; i < hi; i++) goLeft[order[bestFeature * m + i]] = i <= bestAt ? 1 : 0;
    for (let f = 0; f < p; f++) stablePartition({ order, vals, cls }, f * m + lo, f * m + hi, goLeft, tmp);
    b.split(id, bestFeature, threshold, bestGain);
    const l = grow(lo, lo + nLeft, depth + 1, id);
    const r = grow(lo + nLeft, hi, depth + 1, id);
    b.children(id, l, r);
    return id;
  };
  grow(0, m, 0, -1);
  return b.build();
}

/**
 * The best cut of one feature's sorted range [lo, hi) of a node: the last row index of the left side
 * (−1 if no cut keeps minLeaf rows a side between distinct values), its gain left in `out.gain`; the
 * first of equal gains wins. A function of its own, not a closure inside growTree: V8 optimises this
 * hot loop better there.
 */
function bestCut(vals: Float64Array, cls: Uint8Array, base: number, lo: number, hi: number, nodeCounts: Float64Array, leftCounts: Float64Array,
  sumSquares: number, minLeaf: number, out: { gain: number }): number {
  const n = hi - lo;
  const parentTerm = sumSquares / n;
  leftCounts.fill(0);
  // Σ cL² and Σ cR², updated as one row moves left ((l + 1)² = l² + 2l + 1): integers below 2⁵³,
  // so exactly the sums a loop over the classes gives, without that loop at every row.
  let sL = 0;
  let sR = sumSquares;
  let best = -1;
  let bestGain = -Infinity;
  for (let i = base + lo; i < base + hi - 1; i++) {
    const c = cls[i];
    const l = leftCounts[c];
    sL += 2 * l + 1;
    sR -= 2 * (nodeCounts[c] - l) - 1;
    leftCounts[c] = l + 1;
    const nL = i - base - lo + 1;
    const nR = n - nL;
    if (nR < minLeaf) break;
    if (nL < minLeaf || vals[i + 1] === vals[i]) continue;
    const gain = sL / nL + sR / nR - parentTerm;
    if (gain > bestGain) { bestGain = gain; best = i - base; }
  }
  out.gain = bestGain;
  return best;
}

interface Sorted { order: Int32Array; vals: Float64Array; cls: Uint8Array }

/**
 * Rows marked left first, then the others, each group keeping its order; values and classes move with
 * their rows. One pass: left rows move down in place (never past an unread one), the others wait in
 * `tmp` and follow; each row's mark is looked up once (two passes, one per side, cost a third more).
 */
function stablePartition(a: Sorted, from: number, to: number, goLeft: Uint8Array, tmp: Sorted): void {
  let l = from, r = 0;
  for (let i = from; i < to; i++) {
    const row = a.order[i];
    if (goLeft[row] === 1) { a.order[l] = row; a.vals[l] = a.vals[i]; a.cls[l] = a.cls[i]; l++; }
    else { tmp.order[r] = row; tmp.vals[r] = a.vals[i]; tmp.cls[r] = a.cls[i]; r++; }
  }
  a.order.set(tmp.order.subarray(0, r), l);
  a.vals.set(tmp.vals.subarray(0, r), l);
  a.cls.set(tmp.cls.subarray(0, r), l);
}

/** Growable node arrays, frozen into typed arrays at the end. */
class TreeBuilder {
  private readonly K: number;
  private readonly feature: number[] = [];
  private readonly threshold: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly parent: number[] = [];
  private readonly depth: number[] = [];
  private readonly counts: number[] = [];
  private readonly size: number[] = [];
  private readonly improvement: number[] = [];

  constructor(K: number) { this.K = K; }

  add(parent: number, depth: number, counts: Float64Array, n: number): number {
    const id = this.feature.length;
    this.feature.push(-1); this.threshold.push(Number.NaN); this.left.push(-1); this.right.push(-1);
    this.parent.push(parent); this.depth.push(depth); this.size.push(n); this.improvement.push(0);
    for (let j = 0; j < this.K; j++) this.counts.push(counts[j]);
    return id;
  }

  split(id: number, feature: number, threshold: number, improvement: number): void {
    this.feature[id] = feature; this.threshold[id] = threshold; this.improvement[id] = improvement;
  }

  children(id: number, l: number, r: number): void { this.left[id] = l; this.right[id] = r; }

  build(): CartTree {
    return {
      classes: this.K, nodeCount: this.feature.length,
      feature: Int32Array.from(this.feature), threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left), right: Int32Array.from(this.right), parent: Int32Array.from(this.parent),
      depth: Int32Array.from(this.depth), counts: Float64Array.from(this.counts), size: Float64Array.from(this.size),
      improvement: Float64Array.from(this.improvement),
    };
  }
}

/** The majority class of a node (the lowest class number on a tie, as rpart). */
export function nodeClass(t: CartTree, node: number): number {
  let best = 0;
  for (let j = 1; j < t.classes; j++) if (t.counts[node * t.classes + j] > t.counts[node * t.classes + best]) best = j;
  return best;
}
