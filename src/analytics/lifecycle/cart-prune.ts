// Minimal cost-complexity pruning (Breiman, Friedman, Olshen & Stone 1984, "Classification and
// Regression Trees", ch. 3 and 10) and the choice of the complexity by V-fold cross-validation with
// or without the one-standard-error rule (BFOS ch. 3 and 11; rpart's printcp/prune do the same).
// Risk R(t) is the node's misclassified row count (unit costs), as rpart's cptable uses:
//   g(t) = (R(t) − R(T_t)) / (|T̃_t| − 1)          (BFOS ch. 3: the α at which t's branch stops paying)
// for each internal node t with branch T_t and |T̃_t| leaves; the nodes with the smallest g are
// collapsed, and again, giving nested subtrees T_0 ⊃ T_1 ⊃ … ⊃ {root} with increasing α_k.
// rpart's cptable lists the same sequence scaled by the root's risk: CP = α / R(root).
import { Random } from '../simulate/random.ts';
import { growTree, nodeClass, type CartData, type CartOptions, type CartTree } from './cart.ts';
import { restrictOrder, sortedOrder } from './cart-order.ts';
import { isLeafAt, leafFor } from './cart-predict.ts';

export interface PruneStep {
  /** Complexity α_k from which this subtree is optimal (α_0 = 0). */
  readonly alpha: number;
  readonly leaves: number;
  /** Misclassified training rows of the subtree. */
  readonly risk: number;
}

export interface PruneSequence {
  /** α at which each internal node is turned into a leaf (Infinity for the full tree's leaves). */
  readonly collapseAlpha: Float64Array;
  /** T_0 (α = 0) first, the root alone last. */
  readonly steps: PruneStep[];
  readonly rootRisk: number;
}

const nodeRisk = (t: CartTree, i: number): number => t.size[i] - t.counts[i * t.classes + nodeClass(t, i)];
/** A leaf of the subtree left so far while the sequence is built (collapsed nodes have a finite α). */
const isCurrentLeaf = (t: CartTree, i: number, collapse: Float64Array): boolean => t.feature[i] < 0 || collapse[i] !== Infinity;

/** The weakest-link sequence of a grown tree. */
export function pruneSequence(t: CartTree): PruneSequence {
  const collapse = new Float64Array(t.nodeCount).fill(Infinity);
  const steps: PruneStep[] = [];
  let alpha = 0;
  for (;;) {
    // Post-order sums over the current subtree: children have larger ids than their parent.
    const risk = new Float64Array(t.nodeCount);
    const leaves = new Float64Array(t.nodeCount);
    for (let i = t.nodeCount - 1; i >= 0; i--) {
      if (isCurrentLeaf(t, i, collapse)) { risk[i] = nodeRisk(t, i); leaves[i] = 1; continue; }
      risk[i] = risk[t.left[i]] + risk[t.right[i]];
      leaves[i] = leaves[t.left[i]] + leaves[t.right[i]];
    }
    let gMin = Infinity;
    const g = new Float64Array(t.nodeCount).fill(Infinity);
    for (let i = 0; i < t.nodeCount; i++) {
      if (isCurrentLeaf(t, i, collapse) || !reachable(t, i, collapse)) continue;
      g[i] = (nodeRisk(t, i) - risk[i]) / (leaves[i] - 1);
      gMin = Math.min(gMin, g[i]);
    }
    // T_0 is the smallest subtree with the full tree's risk: links with g = 0 are cut before it is
    // recorded (the push after the cut then records T_0 with α = 0).
    if (steps.length === 0 && gMin > 0) steps.push({ alpha: 0, leaves: leaves[0], risk: risk[0] });
    if (gMin === Infinity) break;
    alpha = Math.max(alpha, gMin);
    // Every node attaining the minimum is cut in the same step, as in BFOS's weakest-link pruning
    // (ch. 3); g values are ratios of small integers, so equal ones are equal doubles, and 1e-12
    // only guards against a last-bit difference.
    for (let i = 0; i < t.nodeCount; i++) if (g[i] <= gMin * (1 + 1e-12)) collapseBranch(t, i, alpha, collapse);
    steps.push({ alpha, ...subtreeStats(t, alpha, collapse) });
  }
  return { collapseAlpha: collapse, steps, rootRisk: nodeRisk(t, 0) };
}

function reachable(t: CartTree, i: number, collapse: Float64Array): boolean {
  for (let a = t.parent[i]; a >= 0; a = t.parent[a]) if (collapse[a] !== Infinity) return false;
  return true;
}

function collapseBranch(t: CartTree, i: number, alpha: number, collapse: Float64Array): void {
  if (t.feature[i] < 0 || collapse[i] !== Infinity) return;
  collapse[i] = alpha;
  collapseBranch(t, t.left[i], alpha, collapse);
  collapseBranch(t, t.right[i], alpha, collapse);
}

function subtreeStats(t: CartTree, alpha: number, collapse: Float64Array): { leaves: number; risk: number } {
  let leaves = 0;
  let risk = 0;
  const stack = [0];
  while (stack.length) {
    const i = stack.pop() as number;
    if (isLeafAt(t, collapse, alpha, i)) { leaves++; risk += nodeRisk(t, i); } else stack.push(t.left[i], t.right[i]);
  }
  return { leaves, risk };
}

export interface CrossValidation {
  /** Per step of the main tree's sequence: misclassified held-out rows, and its standard error. */
  readonly errors: number[];
  readonly se: number[];
  /** Index into the sequence of the lowest held-out error (the smaller tree on a tie). */
  readonly minimum: number;
  /** Index of the smallest tree within one SE of that minimum (BFOS's one-SE rule). */
  readonly oneSe: number;
  readonly folds: number;
}

/**
 * V-fold cross-validation of the main tree's sequence (BFOS ch. 3 and 11): fold trees are grown with the
 * same options on the other folds and pruned at β_k = √(α_k α_{k+1}), the geometric midpoint of
 * each step's α-interval (BFOS ch. 3, and rpart's xval). The standard error of a held-out error
 * count E out of N is the binomial √(E(1 − E/N)) (rpart's xstd, times the root risk). Both choices are returned: the tree
 * with the lowest error, and the smallest tree whose error is within one SE of it (the one-SE rule).
 * `presorted`: each feature's order of the rows (cart-order.ts), when the caller already has it.
 */
export function crossValidate(d: CartData, o: CartOptions, seq: PruneSequence, folds = 10, seed = 1, presorted?: Int32Array): CrossValidation {
  const rows = d.rows ?? Int32Array.from(d.y, (_, i) => i);
  const N = rows.length;
  const V = Math.min(folds, N);
  const shuffled = Int32Array.from(rows);
  const rng = new Random(seed);
  for (let i = N - 1; i > 0; i--) { const j = Math.floor(rng.next() * (i + 1)); const t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t; }
  const steps = seq.steps;
  const beta = steps.map((s, k) => (k + 1 < steps.length ? Math.sqrt(s.alpha * steps[k + 1].alpha) : Infinity));
  const errors = steps.map(() => 0);
  // `presorted`: sortedOrder(d.features, rows) already made for the main tree (it is only read here).
  const order = presorted ?? sortedOrder(d.features, rows);
  const keep = new Uint8Array(d.y.length);
  for (let v = 0; v < V; v++) {
    const train = shuffled.filter((_, i) => i % V !== v);
    const test = shuffled.filter((_, i) => i % V === v);
    if (train.length === 0) continue;
    keep.fill(0);
    for (const r of train) keep[r] = 1;
    const tree = growTree({ ...d, rows: train }, o, restrictOrder(order, d.features.length, keep));
    const { collapseAlpha } = pruneSequence(tree);
    for (const r of test) {
      const x = (f: number) => d.features[f][r];
      beta.forEach((b, k) => { if (nodeClass(tree, leafFor(tree, collapseAlpha, b, x)) !== d.y[r]) errors[k]++; });
    }
  }
  const se = errors.map((e) => Math.sqrt(e * (1 - e / N)));
  // Later steps are smaller trees, so `<=` lets a tie go to the smaller one.
  let minimum = 0;
  for (let k = 1; k < errors.length; k++) if (errors[k] <= errors[minimum]) minimum = k;
  let oneSe = minimum;
  for (let k = steps.length - 1; k > minimum; k--) if (errors[k] <= errors[minimum] + se[minimum]) { oneSe = k; break; }
  return { errors, se, minimum, oneSe, folds: V };
}
