// Association rules X → {y} with arules' definitions (Hahsler, Grün & Hornik 2005, "arules — a
// computational environment for mining association rules and frequent item sets", JSS 14(15), §2;
// apriori's C code by Borgelt, arules src/istree.c ist_rule):
//   support(X → y)    = count(X ∪ {y}) / n          (originalSupport = TRUE, the default)
//   confidence        = count(X ∪ {y}) / count(X)
//   coverage          = count(X) / n                 (support of the lhs; 1 for X = {})
//   lift              = confidence · n / count({y})
//   count             = count(X ∪ {y})
// The rhs is one item, as in arules' apriori; length counts lhs and rhs together (minlen = 1 allows
// {} → y, whose confidence is the support of y); an itemset X ∪ {y} must be frequent (relative
// support ≥ minsup), and the rule must have confidence ≥ minconf.
import { BasketError } from './basket-error.ts';
import { BODY, buildItemsetTree, HEAD, itemsOf, type ItemsetTree } from './itemset-tree.ts';
import { checkThresholds, CONFIDENCE_SLACK, minimumCount, type LengthOptions } from './thresholds.ts';
import { basketCount, type Transactions } from './transactions.ts';

export interface RuleOptions extends LengthOptions {
  /** Minimum relative support of lhs ∪ rhs, in (0, 1]. */
  support: number;
  /** Minimum confidence, in [0, 1]. */
  confidence: number;
  /**
   * Items allowed on the right-hand side. As arules' appearance = list(rhs = …) (whose default then
   * becomes "lhs"): these items appear only as a rhs, every other item only in a lhs.
   */
  rhs?: readonly string[];
}

export interface AssociationRule {
  /** Item codes of the left-hand side, ascending. */
  readonly lhs: readonly number[];
  /** Item code of the right-hand side. */
  readonly rhs: number;
  readonly support: number;
  readonly confidence: number;
  readonly coverage: number;
  readonly lift: number;
  /** Baskets holding lhs ∪ rhs, and baskets holding the lhs. */
  readonly count: number;
  readonly coverageCount: number;
}

export interface RuleSet {
  readonly transactions: number;
  /** Distinct items in the data. */
  readonly items: number;
  /** The support threshold as a basket count. */
  readonly minCount: number;
  readonly labels: readonly string[];
  readonly rules: AssociationRule[];
}

/** Item roles for the miner: with an rhs list, arules' appearance (rhs = list, default = "lhs"). */
export function appearanceRoles(labels: readonly string[], rhs: readonly string[] | undefined): Uint8Array {
  const roles = new Uint8Array(labels.length).fill(rhs === undefined ? BODY | HEAD : BODY);
  if (rhs === undefined) return roles;
  const code = new Map(labels.map((l, k) => [l, k]));
  const unknown = rhs.filter((l) => !code.has(l));
  if (unknown.length) throw new BasketError('invalid-option', `rhs item(s) not in the data: ${unknown.map((u) => `"${u}"`).join(', ')}`);
  for (const l of rhs) roles[code.get(l) ?? 0] = HEAD;
  return roles;
}

/**
 * Mines the rules of the transactions.
 * @example associationRules(tx, { support: 0.001, confidence: 0.5 }).rules.length // 5668 on Groceries
 */
export function associationRules(tx: Transactions, options: RuleOptions): RuleSet {
  const { minlen, maxlen } = checkThresholds(options.support, options.confidence, options);
  const n = basketCount(tx);
  const minCount = minimumCount(n, options.support);
  const roles = appearanceRoles(tx.labels, options.rhs);
  const tree = buildItemsetTree(tx, { minCount, maxlen, roles });
  return { transactions: n, items: tx.labels.length, minCount, labels: tx.labels, rules: rulesOf(tree, roles, options.confidence, minlen, maxlen) };
}

function rulesOf(tree: ItemsetTree, roles: Uint8Array, minConfidence: number, minlen: number, maxlen: number): AssociationRule[] {
  const n = tree.basketCount;
  const rules: AssociationRule[] = [];
  const path = new Int32Array(maxlen);
  for (let v = 1; v < tree.size; v++) {
    const k = tree.depth[v];
    if (k < minlen || k > maxlen) continue;
    itemsOf(tree, v, path);
    let notBody = 0;
    for (let q = 0; q < k; q++) if (!(roles[path[q]] & BODY)) notBody++;
    for (let p = 0; p < k; p++) {
      const y = path[p];
      if (!(roles[y] & HEAD)) continue;
      // Every lhs item must be allowed in a lhs: at most y itself may lack the BODY role.
      if (notBody - (roles[y] & BODY ? 0 : 1) > 0) continue;
      let u = 0;
      for (let q = 0; q < k && u >= 0; q++) if (q !== p) u = tree.child(u, path[q]);
      // Every subset of a frequent set is frequent, so the lhs node exists; guard anyway.
      if (u < 0) continue;
      const coverageCount = tree.count[u];
      const count = tree.count[v];
      const confidence = count / coverageCount;
      if (confidence < minConfidence - CONFIDENCE_SLACK) continue;
      const lhs: number[] = [];
      for (let q = 0; q < k; q++) if (q !== p) lhs.push(path[q]);
      lhs.sort((a, b) => a - b);
      rules.push({
        lhs, rhs: y, support: count / n, confidence, coverage: coverageCount / n,
        // Borgelt's form (istree.c): c · n / count(y), the same double arules reports.
        lift: (confidence * n) / tree.itemCount[y], count, coverageCount,
      });
    }
  }
  return rules;
}
