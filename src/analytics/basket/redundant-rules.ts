// Redundant rules as arules' is.redundant(x, measure = "confidence") (arules R/is.redundant.R and the
// C routine R_pnmax): a rule X → y is redundant when a more general rule X' → y of the same rule set,
// X' a proper subset of X (the empty lhs included), has the same or a higher confidence — that is,
// its improvement (Bayardo, Agrawal & Gunopulos 2000, "Constraint-based rule mining in large, dense
// databases", DMKD 4(2/3), §3) conf(X → y) − max conf(X' → y) is ≤ 0. Only rules in the set count, so
// the verdict depends on the thresholds the set was mined with (e.g. minlen = 2 removes {} → y).
// Confidences are compared as doubles, as arules does; each is one correctly rounded division of
// two counts, so equal fractions give equal doubles.
import type { AssociationRule } from './association-rules.ts';

/** Above this many lhs items, scan the rules with the same rhs instead of listing 2^k subsets. */
const SUBSET_LISTING_LIMIT = 16;

/**
 * One flag per rule: true when a more general rule with the same rhs is at least as confident.
 * @example rules.filter((_, i) => !isRedundant(rules)[i])
 */
export function isRedundant(rules: readonly AssociationRule[]): boolean[] {
  const key = (rhs: number, lhs: readonly number[]): string => `${rhs}|${lhs.join(',')}`;
  const confidenceOf = new Map<string, number>();
  const byRhs = new Map<number, AssociationRule[]>();
  for (const r of rules) {
    confidenceOf.set(key(r.rhs, r.lhs), r.confidence);
    const list = byRhs.get(r.rhs);
    if (list) list.push(r); else byRhs.set(r.rhs, [r]);
  }
  return rules.map((r) => {
    const k = r.lhs.length;
    if (k === 0) return false;
    const same = byRhs.get(r.rhs) ?? [];
    if (k > SUBSET_LISTING_LIMIT || 2 ** k > same.length) {
      return same.some((g) => g.lhs.length < k && g.confidence >= r.confidence && isSubset(g.lhs, r.lhs));
    }
    // Every proper subset of the lhs, as a bit mask over its items (mask 0 is the empty lhs).
    const sub: number[] = [];
    for (let mask = 0; mask < (1 << k) - 1; mask++) {
      sub.length = 0;
      for (let i = 0; i < k; i++) if (mask & (1 << i)) sub.push(r.lhs[i]);
      const c = confidenceOf.get(key(r.rhs, sub));
      if (c !== undefined && c >= r.confidence) return true;
    }
    return false;
  });
}

/** Both ascending: is every item of a in b? */
function isSubset(a: readonly number[], b: readonly number[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j] < x) j++;
    if (j === b.length || b[j] !== x) return false;
    j++;
  }
  return true;
}
