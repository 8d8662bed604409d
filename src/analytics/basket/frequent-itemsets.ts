// Frequent itemsets (arules' apriori/eclat with target = "frequent itemsets"): every itemset whose
// relative support count/n is ≥ support, with minlen ≤ size ≤ maxlen.
import { buildItemsetTree, itemsOf } from './itemset-tree.ts';
import { checkThresholds, minimumCount, type LengthOptions } from './thresholds.ts';
import { basketCount, type Transactions } from './transactions.ts';

export interface Itemset {
  /** Item codes, ascending. */
  readonly items: readonly number[];
  readonly count: number;
  readonly support: number;
}

/**
 * @example frequentItemsets(tx, { support: 0.25, maxlen: 3 }) // [{ items: [0], count: 7, support: 0.875 }, …]
 */
export function frequentItemsets(tx: Transactions, options: LengthOptions & { support: number }): Itemset[] {
  const { minlen, maxlen } = checkThresholds(options.support, 0, options);
  const n = basketCount(tx);
  const tree = buildItemsetTree(tx, { minCount: minimumCount(n, options.support), maxlen });
  const out: Itemset[] = [];
  const path = new Int32Array(maxlen);
  for (let v = 1; v < tree.size; v++) {
    const k = tree.depth[v];
    if (k < minlen) continue;
    itemsOf(tree, v, path);
    out.push({ items: Array.from(path.subarray(0, k)).sort((a, b) => a - b), count: tree.count[v], support: tree.count[v] / n });
  }
  return out;
}
