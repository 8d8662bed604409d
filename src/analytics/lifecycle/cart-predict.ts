// Classifying rows with a tree pruned at a complexity α (see cart-prune.ts): a node is a leaf of
// the pruned tree when it is a leaf of the grown tree or was collapsed at an α' ≤ α.
import { nodeClass, type CartTree } from './cart.ts';

/** Whether node i is a leaf of the subtree for complexity α. */
export const isLeafAt = (t: CartTree, collapse: Float64Array, alpha: number, i: number): boolean => t.feature[i] < 0 || collapse[i] <= alpha;

/** The leaf a row reaches in the subtree for complexity α; `x(f)` is the row's value of feature f. */
export function leafFor(t: CartTree, collapse: Float64Array, alpha: number, x: (feature: number) => number): number {
  let i = 0;
  while (!isLeafAt(t, collapse, alpha, i)) i = x(t.feature[i]) < t.threshold[i] ? t.left[i] : t.right[i];
  return i;
}

/**
 * Predicted class and leaf of every row of `features` (one array per feature).
 * @example const { classes, leaves } = predictRows(tree, seq.collapseAlpha, alpha, features);
 */
export function predictRows(t: CartTree, collapse: Float64Array, alpha: number, features: readonly Float64Array[]): { classes: Int32Array; leaves: Int32Array } {
  const n = features.length > 0 ? features[0].length : 0;
  const classes = new Int32Array(n);
  const leaves = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const leaf = leafFor(t, collapse, alpha, (f) => features[f][r]);
    leaves[r] = leaf;
    classes[r] = nodeClass(t, leaf);
  }
  return { classes, leaves };
}
